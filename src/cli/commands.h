// One function per subcommand: parse nothing, call the engine, map Status to exit codes.
#pragma once

#include <cstdint>
#include <memory>
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
  std::string max_bytes = "16M";        // per document (bytes, or with K/M/G)
  std::string max_input_bytes = "8G";   // per input file after decompression
  uint64_t max_docs = 2'000'000;
  std::string max_memory = "auto";  // bytes with K/M/G suffix, "auto" or "0" (no limit)
  bool pretty = false;
  bool article_text = false;  // write documents[].article_text
  size_t max_errors_shown = 20;
  bool check_spans = false;  // check every item's span against its text (SpanMismatches)
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

struct FamiliesOptions {
  std::string table;
  std::string corpus;
  size_t limit = 0;  // documents read (0: all)
  size_t top = 12;   // surface forms shown per entry
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

namespace isnad::cli {

// Exit codes, the one place they are defined (README "Exit status").
inline constexpr int kExitOk = 0;          // every document analysed cleanly
inline constexpr int kExitDocErrors = 1;   // some documents or run-level inputs had errors
inline constexpr int kExitUsage = 2;       // bad command line, missing input, unwritable output
inline constexpr int kExitWriteFailed = 3; // an output could not be written (disk full, I/O error)
inline constexpr int kExitInternal = 4;    // an internal error or out of memory outside a document

int RunAnalyze(const CommonOptions& common, const AnalyzeOptions& opt);
int RunBench(const CommonOptions& common, const BenchOptions& opt);
int RunNormalize(const CommonOptions& common, const NormalizeOptions& opt);
int RunEval(const CommonOptions& common, const EvalOptions& opt);
int RunFamilies(const CommonOptions& common, const FamiliesOptions& opt);

}  // namespace isnad::cli
