// isnad command line: a thin front-end over libisnad. Each subcommand's options are
// declared here once (CLI11 prints the help from them) and handed to its Run* function.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace isnad::cli;
  CLI::App app{"isnad: who claims what, through whom, when — across news articles (Arabic first)"};
  app.require_subcommand(1);
  app.fallthrough();  // common options may follow the subcommand
  CommonOptions common;
  app.add_option("--data-dir", common.data_dir, "Directory of data/*.tsv tables overriding the built-in ones");
  app.add_option("-j,--threads", common.threads, "Worker threads (default: all cores)");
  app.add_flag("!--no-progress", common.progress, "Never draw the progress line");
  app.set_version_flag("--version", "isnad 0.1.0");

  AnalyzeOptions an;
  CLI::App* analyze = app.add_subcommand("analyze", "Analyse articles and write the analysis JSON");
  analyze->add_option("inputs", an.inputs, "Files (.txt .html .jsonl .jsonl.zst), directories, or - for stdin")->required();
  analyze->add_option("-m,--manifest", an.manifest, "TSV/CSV manifest: id or path, url, outlet, published, title, language");
  analyze->add_option("-o,--output", an.output, "Output JSON file (default: stdout)");
  analyze->add_option("--max-bytes", an.max_bytes, "Largest document read, in bytes (default 16 MiB)");
  analyze->add_flag("--pretty", an.pretty, "Indent the JSON");
  analyze->add_flag("--article-text", an.article_text, "Write each HTML page's extracted article as documents[].article_text");
  analyze->add_option("--html", an.html, "Also write a self-contained HTML report to this file");
  analyze->add_option("--groups-csv", an.groups_csv, "Also write the reconciled claim groups as event-data rows (CSV)");
  analyze->add_option("--max-errors", an.max_errors_shown, "Document errors printed on stderr (default 20; all go to the JSON)");

  BenchOptions bo;
  CLI::App* bench = app.add_subcommand("bench", "Measure throughput of ingest and the per-document stage on a JSONL corpus");
  bench->add_option("corpus", bo.corpus, "A .jsonl or .jsonl.zst corpus")->required();
  bench->add_option("--limit", bo.limit, "Use the first N articles only");
  bench->add_option("--repeat", bo.repeat, "Passes over the corpus per stage (best is reported)");

  NormalizeOptions no;
  CLI::App* normalize = app.add_subcommand("normalize", "Print the normalized view of a text (or the compiled rules)");
  normalize->add_option("input", no.input, "Text file, or - for stdin");
  normalize->add_flag("--decompile", no.decompile, "Print every non-identity mapping of the compiled table as TSV");
  normalize->add_flag("--tokens", no.tokens, "Print one token per line with its original byte span");

  EvalOptions eo;
  CLI::App* eval = app.add_subcommand("eval", "Score an analysis against a gold annotation (tests/fixtures/*.gold.json)");
  eval->add_option("gold", eo.gold, "Gold JSON")->required();
  eval->add_option("--analysis", eo.analysis, "Analysis JSON to score (default: analyse the gold's corpus now)");
  eval->add_option("--corpus", eo.corpus, "Corpus directory (default: the gold's corpus_path)");
  eval->add_option("-m,--manifest", eo.manifest, "Manifest for the corpus");
  eval->add_flag("--show-misses", eo.show_misses, "List every miss");
  eval->add_option("--min", eo.minimums, "METRIC=VALUE: fail (exit 1) when the metric is below VALUE");

  CLI11_PARSE(app, argc, argv);
  if (eval->parsed()) return RunEval(common, eo);
  if (analyze->parsed()) return RunAnalyze(common, an);
  if (bench->parsed()) return RunBench(common, bo);
  if (normalize->parsed()) return RunNormalize(common, no);
  return 2;
}
