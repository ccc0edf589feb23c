#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>

#include "cli/console.h"
#include "cli/run_corpus.h"
#include "report/eval.h"

namespace isnad::cli {

namespace {

bool ReadJson(const std::string& path, nlohmann::json* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error("cannot read " + path);
    return false;
  }
  try {
    *out = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    Error(path + " is not valid JSON: " + e.what());
    return false;
  }
  return true;
}

}  // namespace

int RunEval(const CommonOptions& common, const EvalOptions& opt) {
  // The thresholds first: a malformed --min is a usage error before any work.
  struct Minimum {
    std::string metric;
    double value;
  };
  std::vector<Minimum> minimums;
  for (const std::string& m : opt.minimums) {
    size_t eq = m.find('=');
    char* end = nullptr;
    double v = eq == std::string::npos ? 0 : std::strtod(m.c_str() + eq + 1, &end);
    if (eq == std::string::npos || eq == 0 || end == m.c_str() + eq + 1 || *end != '\0' || !std::isfinite(v)) {
      Error("--min wants METRIC=NUMBER (e.g. claims.full_f1=0.8), got `" + m + "`");
      return kExitUsage;
    }
    minimums.push_back({m.substr(0, eq), v});
  }
  nlohmann::json gold, analysis;
  if (!ReadJson(opt.gold, &gold)) return kExitUsage;
  if (!gold.is_object()) {
    Error(opt.gold + ": a gold file is a JSON object");
    return kExitUsage;
  }
  std::shared_ptr<const Lexicons> lx;
  if (!opt.analysis.empty()) {
    if (!ReadJson(opt.analysis, &analysis)) return kExitUsage;
    lx = LoadLexicons(common);
    if (!lx) return kExitUsage;
  } else {
    AnalyzeOptions ao;
    ao.manifest = opt.manifest;
    std::string corpus = opt.corpus;
    if (corpus.empty()) {
      if (!gold.contains("corpus_path") || !gold["corpus_path"].is_string()) {
        Error("the gold names no corpus_path; pass --corpus or --analysis");
        return kExitUsage;
      }
      corpus = (std::filesystem::path(opt.gold).parent_path() / gold["corpus_path"].get<std::string>()).string();
    }
    ao.inputs = {corpus};
    AnalyzedCorpus ac;
    if (int rc = AnalyzeInputs(common, ao, false, &ac); rc != kExitOk) return rc;
    lx = ac.lexicons;
    std::stringstream ss;
    WriteAnalysisJson(ac.analyses(), ac.result(), ac.run, ss, false);
    analysis = nlohmann::json::parse(ss);
  }
  EvalResult r;
  try {
    r = Evaluate(analysis, gold, *lx);
  } catch (const nlohmann::json::exception& e) {
    // A gold (or analysis) file whose fields have the wrong types.
    Error(opt.gold + ": not in the gold format (" + e.what() + ")");
    return kExitUsage;
  }
  if (opt.show_misses) {
    for (const std::string& m : r.misses) std::printf("  - %s\n", TerminalSafe(m).c_str());
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
  int status = kExitOk;
  for (const Minimum& m : minimums) {
    auto it = r.metrics.find(m.metric);
    if (it == r.metrics.end()) {
      Error("--min " + m.metric + ": no such metric (see the list above)");
      return kExitUsage;
    }
    bool inverse = m.metric == "claims.non_claims_reported";
    if (inverse ? it->second > m.value : it->second < m.value) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "%s is %.3f, %s %.3f", m.metric.c_str(), it->second, inverse ? "above" : "below", m.value);
      Error(buf);
      status = kExitDocErrors;
    }
  }
  return status;
}

}  // namespace isnad::cli
