// isnad command line: a thin front-end over libisnad. Each subcommand's options are
// declared here once (CLI11 prints the help from them) and handed to its Run* function.
// This file is the CLI's one error boundary: usage errors exit 2 (with the nearest
// subcommand suggested for a mistyped one), and nothing thrown below reaches the
// runtime — an exception becomes a message and exit 4.
#include <csignal>
#include <cstdio>
#include <new>
#include <string_view>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/console.h"

namespace {

using namespace isnad::cli;

// Levenshtein distance, for "did you mean".
size_t Distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

int Main(int argc, char** argv) {
  CLI::App app{"isnad: who claims what, through whom, when — across news articles (Arabic first)"};
  app.name("isnad");
  app.fallthrough();  // common options may follow the subcommand
  app.footer(
      "Exit status: 0 all documents analysed cleanly; 1 some documents or inputs had errors (listed on stderr and in\n"
      "the JSON); 2 usage error, missing input or unwritable output; 3 an output could not be written; 4 internal error.\n"
      "Run `isnad help COMMAND` for the options of one command.");
  CommonOptions common;
  bool no_progress = false;
  app.add_option("--data-dir", common.data_dir, "Directory of data/*.tsv tables overriding the built-in ones");
  app.add_option("-j,--threads", common.threads, "Worker threads (default: all cores)");
  app.add_flag("--no-progress", no_progress, "Never draw the progress line or the end-of-run summary");
  app.set_version_flag("--version", "isnad 0.1.0");

  AnalyzeOptions an;
  CLI::App* analyze = app.add_subcommand("analyze", "Analyse articles and write the analysis JSON");
  analyze->add_option("inputs", an.inputs, "Files (.txt .html .jsonl .jsonl.zst), directories, or - for stdin")->required();
  analyze->add_option("-m,--manifest", an.manifest, "TSV/CSV manifest: id or path, url, outlet, published, title, language");
  analyze->add_option("-o,--output", an.output, "Output JSON file (default: stdout)");
  analyze->add_option("--max-bytes", an.max_bytes, "Largest document read: bytes, or 16M, 1G… (default 16M)");
  analyze->add_option("--max-input-bytes", an.max_input_bytes,
                      "Most bytes read from one input file after decompression (default 8G)");
  analyze->add_option("--max-docs", an.max_docs, "Most documents read in one run (default 2,000,000)");
  analyze->add_option("--max-memory", an.max_memory,
                      "Stop reading when the process uses this much memory: 8G, 512M, 0 for no limit "
                      "(default auto: 80% of what the machine, cgroup or ulimit allows)");
  analyze->add_flag("--pretty", an.pretty, "Indent the JSON");
  analyze->add_flag("--article-text", an.article_text, "Write each HTML page's extracted article as documents[].article_text");
  analyze->add_option("--html", an.html, "Also write a self-contained HTML report to this file");
  analyze->add_option("--groups-csv", an.groups_csv, "Also write the reconciled claim groups as event-data rows (CSV)");
  analyze->add_option("--max-errors", an.max_errors_shown,
                      "Errors and warnings of each kind printed on stderr (default 20; all go to the JSON)");
  analyze->add_flag("--check-spans", an.check_spans,
                    "Check that every item's span holds exactly its text (a mismatch is an error on its document)");

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

  TrainTaggerOptions tt;
  CLI::App* train_tagger = app.add_subcommand("train-tagger", "Train the entity tagger on a BIO corpus (ANERcorp) and write its model");
  train_tagger->add_option("corpus", tt.corpus, "BIO file: TOKEN TAG per line")->required();
  train_tagger->add_option("--lines", tt.lines, "FIRST:LAST lines to train on (default all)");
  train_tagger->add_option("--gazetteer", tt.gazetteer_dir, "ANERGazet directory (stored in the model as hashed sets)");
  train_tagger->add_option("--name-tokens", tt.name_tokens, "Lists of person-name tokens (first column), stored likewise");
  train_tagger->add_option("--clusters", tt.clusters, "Word clusters from `isnad train-clusters`, stored as hashed keys");
  train_tagger->add_option("-o,--output", tt.output, "Model file to write (default data/ner_model.tsv)");
  train_tagger->add_option("--test-lines", tt.test_lines, "FIRST:LAST lines to score the written model on");
  train_tagger->add_option("--split-note", tt.split_note, "What the split is, for the model header");
  train_tagger->add_option("--epochs", tt.epochs, "Passes over the corpus (default 10)");
  train_tagger->add_option("--seed", tt.seed, "Shuffling seed (default 1)");
  train_tagger->add_option("--min-count", tt.min_count, "Drop features seen on fewer tokens (default 1)");
  train_tagger->add_option("--min-weight", tt.min_weight, "Drop averaged weights smaller in magnitude (default 0)");
  train_tagger->add_option("--word-dropout", tt.word_dropout, "Share of tokens whose word features are hidden in each epoch (default 0)");
  train_tagger->add_option("--margin", tt.margin, "Loss-augmented training: the cost of a wrong tag (default 0)");
  train_tagger->add_option("--miss-cost", tt.miss_cost, "… times this for O on a name token (default 1)");
  train_tagger->add_option("--scale", tt.scale, "Weights are kept as integers of 1/SCALE (default 100)");

  TrainClustersOptions tc;
  CLI::App* train_clusters = app.add_subcommand("train-clusters", "Cluster the words of unlabeled news for the entity tagger");
  train_clusters->add_option("inputs", tc.inputs, "Unlabeled articles (.jsonl[.zst], .txt, directories)")->required();
  train_clusters->add_option("-o,--output", tc.output, "TSV to write: WORD, C1.C2.C3, count")->required();
  train_clusters->add_option("--min-count", tc.min_count, "Words seen less often get no cluster (default 5)");
  train_clusters->add_option("--max-words", tc.max_words, "Cluster the most frequent words only (default 150000)");
  train_clusters->add_option("--seed", tc.seed, "Random projection and k-means seed (default 1)");

  EvalNerOptions en;
  CLI::App* eval_ner = app.add_subcommand("eval-ner", "Per-type and micro F1 of the entity tagger on BIO files");
  eval_ner->add_option("inputs", en.inputs, "BIO files (TOKEN TAG per line) or directories of them")->required();
  eval_ner->add_option("--lines", en.lines, "FIRST:LAST lines of each file (default all)");
  eval_ner->add_option("--model", en.model, "Model file (default: the built-in data/ner_model.tsv)");
  eval_ner->add_option("--dump", en.dump, "Write each token with its gold and predicted tag to this file");
  eval_ner->add_flag("--engine", en.engine,
                     "Score the mentions the engine reports (gazetteer, head-noun rules and tagger together; GPE and FAC "
                     "count as LOC, MEDIA and GROUP as ORG) instead of the tagger alone");

  FamiliesOptions fo;
  CLI::App* families = app.add_subcommand(
      "families", "List the words a family table matches only through word families, on a corpus (for review)");
  families->add_option("table", fo.table, "A family table: claim_triggers, speech, roles, subject_classes, epithets…")->required();
  families->add_option("corpus", fo.corpus, "Files or a directory to read")->required();
  families->add_option("--limit", fo.limit, "Read the first N documents only");
  families->add_option("--top", fo.top, "Surface forms shown per entry (default 12)");

  std::string help_topic;
  CLI::App* help = app.add_subcommand("help", "Show the help of isnad or of one command");
  help->add_option("command", help_topic, "A command");

  // `isnad help [COMMAND]`, answered before parsing (CLI11 would show the help of `help`).
  if (argc >= 2 && std::string_view(argv[1]) == "help") {
    if (argc == 2) {
      std::fputs(app.help().c_str(), stdout);
      return kExitOk;
    }
    for (const CLI::App* sub : app.get_subcommands({})) {
      if (sub->get_name() == argv[2] && sub != help) {
        std::fputs(sub->help().c_str(), stdout);
        return kExitOk;
      }
    }
    Error("no command `" + std::string(argv[2]) + "` (run `isnad help` for the list)");
    return kExitUsage;
  }
  // A first word that is no command and no option: suggest the nearest command.
  if (argc >= 2 && argv[1][0] != '-') {
    std::string_view word = argv[1];
    const CLI::App* known = nullptr;
    for (const CLI::App* sub : app.get_subcommands({})) {
      if (sub->get_name() == word) known = sub;
    }
    if (known == nullptr) {
      std::string best;
      size_t best_d = 3;  // at most two edits away
      for (const CLI::App* sub : app.get_subcommands({})) {
        size_t d = Distance(word, sub->get_name());
        if (d < best_d) {
          best_d = d;
          best = sub->get_name();
        }
      }
      Error("unknown command `" + std::string(word) + "`" + (best.empty() ? "" : "; did you mean `" + best + "`?") +
            " (run `isnad help` for the list)");
      return kExitUsage;
    }
  }
  try {
    app.require_subcommand(1);
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    app.exit(e);
    return kExitOk;
  } catch (const CLI::CallForAllHelp& e) {
    app.exit(e);
    return kExitOk;
  } catch (const CLI::CallForVersion& e) {
    app.exit(e);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    Error(e.what());
    std::fputs("Run `isnad help` (or `isnad help COMMAND`) for usage.\n", stderr);
    return kExitUsage;
  }
  common.progress = !no_progress;
  if (train_tagger->parsed()) return RunTrainTagger(common, tt);
  if (eval_ner->parsed()) return RunEvalNer(common, en);
  if (train_clusters->parsed()) return RunTrainClusters(common, tc);
  if (eval->parsed()) return RunEval(common, eo);
  if (analyze->parsed()) return RunAnalyze(common, an);
  if (bench->parsed()) return RunBench(common, bo);
  if (normalize->parsed()) return RunNormalize(common, no);
  if (families->parsed()) return RunFamilies(common, fo);
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  // A size limit (ulimit -f) makes writes fail with EFBIG, reported like a full disk,
  // instead of killing the process mid-output.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    return Main(argc, argv);
  } catch (const std::bad_alloc&) {
    Error("out of memory (lower --max-memory or split the input)");
  } catch (const std::exception& e) {
    Error(std::string("internal error: ") + e.what());
  } catch (...) {
    Error("internal error");
  }
  return kExitInternal;
}
