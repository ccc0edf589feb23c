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

struct TrainTaggerOptions {
  std::string corpus;       // a BIO file
  std::string lines;        // "FIRST:LAST" lines of it to train on (default all)
  std::string gazetteer_dir;  // ANERGazet's lists, stored in the model as hashed sets
  std::vector<std::string> name_tokens;  // lists of name tokens (first column), stored likewise
  std::string clusters;     // word clusters (`isnad train-clusters`), stored likewise
  std::string output = "data/ner_model.tsv";
  std::string test_lines;   // score the written model on these lines of the corpus too
  std::string split_note;   // what the split is, for the header
  int epochs = 10;
  uint64_t seed = 1;
  int min_count = 1;
  double min_weight = 0;
  double word_dropout = 0;
  double margin = 0;
  double miss_cost = 1;
  int scale = 100;
};

struct TrainClustersOptions {
  std::vector<std::string> inputs;  // unlabeled news (any input analyze reads)
  std::string output;
  size_t min_count = 5;
  size_t max_words = 150000;
  uint64_t seed = 1;
};

struct EvalNerOptions {
  std::vector<std::string> inputs;  // BIO files or directories of them
  std::string lines;                // "FIRST:LAST" lines of each file
  std::string model;                // a model file (default: the built-in one)
  std::string dump;                 // write token, gold and predicted tags here
  bool engine = false;              // score the engine's mentions (rules and tagger), not the tagger alone
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
int RunTrainTagger(const CommonOptions& common, const TrainTaggerOptions& opt);
int RunEvalNer(const CommonOptions& common, const EvalNerOptions& opt);
int RunTrainClusters(const CommonOptions& common, const TrainClustersOptions& opt);
int RunFamilies(const CommonOptions& common, const FamiliesOptions& opt);

}  // namespace isnad::cli
