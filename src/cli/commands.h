// One function per subcommand: parse nothing, call the engine, map Status to exit codes.
#pragma once

#include <string>
#include <vector>

namespace isnad::cli {

struct CommonOptions {
  std::string data_dir;  // overrides embedded data/*.tsv file by file
  unsigned threads = 0;  // 0 = all cores
  bool progress = true;
};

struct AnalyzeOptions {
  std::vector<std::string> inputs;
  std::string manifest;
  std::string output = "-";
  size_t max_bytes = 16u << 20;
  bool pretty = false;
  bool article_text = false;  // write documents[].article_text
  size_t max_errors_shown = 20;
  std::string html;        // write the HTML report here too
  std::string groups_csv;  // write the claim groups as event-data rows here too
};

struct BenchOptions {
  std::string corpus;
  size_t limit = 0;
  int repeat = 1;
};

struct NormalizeOptions {
  std::string input = "-";
  bool decompile = false;
  bool tokens = false;
};

struct EvalOptions {
  std::string gold;
  std::string analysis;  // an analysis JSON; empty: analyse the gold's corpus now
  std::string corpus;    // overrides the gold's corpus_path
  std::string manifest;
  bool show_misses = false;
  std::vector<std::string> minimums;  // "claims.full_f1=0.85": exit 1 when below
};

}  // namespace isnad::cli

namespace isnad {
struct ReadResult;
struct RunInfo;
}  // namespace isnad

namespace isnad::cli {

// Reads the inputs and applies the manifest; prints the error and returns false when the
// run cannot start (a missing input path, an unreadable manifest).
bool ReadCorpus(const std::vector<std::string>& inputs, const std::string& manifest, size_t max_bytes,
                ReadResult* read, RunInfo* run);

// Exit codes: 0 success, 1 some documents failed, 2 usage or setup error.
int RunAnalyze(const CommonOptions& common, const AnalyzeOptions& opt);
int RunBench(const CommonOptions& common, const BenchOptions& opt);
int RunNormalize(const CommonOptions& common, const NormalizeOptions& opt);
int RunEval(const CommonOptions& common, const EvalOptions& opt);

}  // namespace isnad::cli
