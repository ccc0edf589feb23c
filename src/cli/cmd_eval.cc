#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "ingest/manifest.h"
#include "ingest/reader.h"
#include "link/pipeline.h"
#include "report/eval.h"
#include "report/json_writer.h"

namespace isnad::cli {

std::shared_ptr<const Lexicons> LoadLexicons(const CommonOptions& common);

namespace {

bool ReadJson(const std::string& path, nlohmann::json* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "isnad: cannot read %s\n", path.c_str());
    return false;
  }
  try {
    *out = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    std::fprintf(stderr, "isnad: %s is not valid JSON: %s\n", path.c_str(), e.what());
    return false;
  }
  return true;
}

}  // namespace

int RunEval(const CommonOptions& common, const EvalOptions& opt) {
  auto lx = LoadLexicons(common);
  if (!lx) return 2;
  nlohmann::json gold, analysis;
  if (!ReadJson(opt.gold, &gold)) return 2;
  if (!opt.analysis.empty()) {
    if (!ReadJson(opt.analysis, &analysis)) return 2;
  } else {
    std::string corpus = opt.corpus;
    if (corpus.empty()) {
      if (!gold.contains("corpus_path")) {
        std::fprintf(stderr, "isnad: the gold names no corpus_path; pass --corpus or --analysis\n");
        return 2;
      }
      corpus = (std::filesystem::path(opt.gold).parent_path() / gold["corpus_path"].get<std::string>()).string();
    }
    ReadResult read;
    RunInfo run;
    if (!ReadCorpus({corpus}, opt.manifest, ReadOptions().max_bytes, &read, &run)) return 2;
    std::vector<DocAnalysis> analyses;
    AnalyzeAll(read.docs, *lx, common.threads, &analyses);
    CorpusResult linked = LinkCorpus(&analyses, *lx);
    std::stringstream ss;
    WriteAnalysisJson(analyses, linked, run, ss, false);
    analysis = nlohmann::json::parse(ss);
  }
  EvalResult r = Evaluate(analysis, gold, *lx);
  if (opt.show_misses) {
    for (const std::string& m : r.misses) std::printf("  - %s\n", m.c_str());
  }
  static const char* kHeadline[] = {"documents.title_acc", "documents.date_acc", "boilerplate.recall", "claims.full_f1",
                                    "entities.pair_acc",   "times.acc",          "framing.recall"};
  double overall = 0;
  for (const char* k : kHeadline) overall += r.metrics[k];
  overall /= std::size(kHeadline);
  for (const auto& [k, v] : r.metrics) {
    if (k == "claims.non_claims_reported") std::printf("%-32s %d\n", k.c_str(), static_cast<int>(v));
    else std::printf("%-32s %.3f\n", k.c_str(), v);
  }
  std::printf("overall: %.3f\n", overall);
  int status = 0;
  for (const std::string& m : opt.minimums) {
    size_t eq = m.find('=');
    if (eq == std::string::npos || !r.metrics.count(m.substr(0, eq))) {
      std::fprintf(stderr, "isnad: --min wants METRIC=VALUE with a known metric, got %s\n", m.c_str());
      return 2;
    }
    double want = std::stod(m.substr(eq + 1)), got = r.metrics[m.substr(0, eq)];
    bool inverse = m.compare(0, eq, "claims.non_claims_reported") == 0;
    if (inverse ? got > want : got < want) {
      std::fprintf(stderr, "isnad: %s is %.3f, %s %.3f\n", m.substr(0, eq).c_str(), got, inverse ? "above" : "below", want);
      status = 1;
    }
  }
  return status;
}

}  // namespace isnad::cli
