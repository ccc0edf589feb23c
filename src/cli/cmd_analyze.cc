#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/progress.h"
#include "ingest/manifest.h"
#include "ingest/reader.h"
#include "lexicon/lexicons.h"
#include "link/pipeline.h"
#include "report/html_report.h"
#include "report/json_writer.h"

namespace isnad::cli {

// Loads the lexicons (embedded, or overridden from --data-dir); prints the error.
std::shared_ptr<const Lexicons> LoadLexicons(const CommonOptions& common) {
  auto lx = Lexicons::Load(DataSource(common.data_dir));
  if (!lx.ok()) {
    std::fprintf(stderr, "isnad: %s\n", lx.status().ToString().c_str());
    return nullptr;
  }
  return lx.value();
}

bool ReadCorpus(const std::vector<std::string>& inputs, const std::string& manifest, size_t max_bytes, ReadResult* read,
                RunInfo* run) {
  ReadOptions ro;
  ro.max_bytes = max_bytes;
  Status st = ReadInputs(inputs, ro, read);
  if (!st.ok()) {
    std::fprintf(stderr, "isnad: %s\n", st.ToString().c_str());
    return false;
  }
  run->version = "0.1.0";
  run->warnings = read->warnings;
  if (!manifest.empty()) {
    auto m = LoadManifest(manifest);
    if (!m.ok()) {
      std::fprintf(stderr, "isnad: %s\n", m.status().ToString().c_str());
      return false;
    }
    ApplyManifest(m.value(), &read->docs, &run->errors);
  }
  return true;
}

int RunAnalyze(const CommonOptions& common, const AnalyzeOptions& opt) {
  auto lx = LoadLexicons(common);
  if (!lx) return 2;
  ReadResult read;
  RunInfo run;
  if (!ReadCorpus(opt.inputs, opt.manifest, opt.max_bytes, &read, &run)) return 2;
  uint64_t total_bytes = 0;
  for (const Document& d : read.docs) total_bytes += d.analysed().size();

  Progress progress;
  std::vector<DocAnalysis> analyses;
  {
    ProgressLine line(&progress, read.docs.size(), total_bytes, common.progress);
    AnalyzeAll(read.docs, *lx, common.threads, &analyses, &progress);
  }
  CorpusResult corpus = LinkCorpus(&analyses, *lx);

  for (const std::string& w : run.warnings) std::fprintf(stderr, "isnad: warning: %s\n", w.c_str());
  for (const std::string& e : run.errors) std::fprintf(stderr, "isnad: error: %s\n", e.c_str());
  // Every document error is in the JSON (documents[].errors); stderr shows the first
  // --max-errors of them and a count, so a corpus with thousands of empty rows stays readable.
  size_t failed = 0, shown = 0;
  for (const DocAnalysis& a : analyses) {
    if (!a.failed()) continue;
    ++failed;
    for (const std::string& e : a.errors) {
      if (shown++ < opt.max_errors_shown) {
        std::fprintf(stderr, "isnad: %s (%s): %s\n", a.id.c_str(), a.path.c_str(), e.c_str());
      }
    }
  }
  if (shown > opt.max_errors_shown) {
    std::fprintf(stderr, "isnad: ... and %zu more document errors (all are in documents[].errors)\n",
                 shown - opt.max_errors_shown);
  }

  if (opt.output == "-") {
    WriteAnalysisJson(analyses, corpus, run, std::cout, opt.pretty, opt.article_text);
    std::cout.flush();
  } else {
    std::ofstream out(opt.output, std::ios::binary);
    if (!out) {
      std::fprintf(stderr, "isnad: cannot write %s\n", opt.output.c_str());
      return 2;
    }
    WriteAnalysisJson(analyses, corpus, run, out, opt.pretty, opt.article_text);
    if (!out) {
      std::fprintf(stderr, "isnad: error writing %s\n", opt.output.c_str());
      return 2;
    }
  }
  if (!opt.groups_csv.empty()) {
    std::ofstream csv(opt.groups_csv, std::ios::binary);
    if (!csv) {
      std::fprintf(stderr, "isnad: cannot write %s\n", opt.groups_csv.c_str());
      return 2;
    }
    WriteGroupsCsv(analyses, corpus, csv);
  }
  if (!opt.html.empty()) {
    std::ofstream html(opt.html, std::ios::binary);
    if (!html) {
      std::fprintf(stderr, "isnad: cannot write %s\n", opt.html.c_str());
      return 2;
    }
    WriteHtmlReport(read.docs, analyses, corpus, html);
  }
  if (failed || !run.errors.empty()) {
    std::fprintf(stderr, "isnad: %zu of %zu documents had errors\n", failed, analyses.size());
    return 1;
  }
  return 0;
}

}  // namespace isnad::cli
