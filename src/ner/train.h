// Training and scoring the entity tagger on BIO corpora (`isnad train-tagger`,
// `isnad eval-ner`).
//
// A BIO file has one "TOKEN TAG" per line (ANERcorp, AQMAR); a blank line ends a
// sentence, and so does a sentence-final punctuation token. Tags are read leniently:
// PERS and PER, MISC and MIS0..MIS3, and the annotators' typos (B-MISS, I--ORG, OO).
// The corpus becomes engine text (tokens joined by spaces, a line per sentence) that
// the engine's own normalizer and tokenizer split again; each engine token takes the
// tag of the corpus token it lies in, so the tagger learns on exactly what it will see.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lexicon/lexicons.h"
#include "lexicon/ner_model.h"
#include "text/tokenizer.h"
#include "util/status.h"

namespace isnad::ner {

struct BioCorpus {
  std::vector<std::string> tokens;
  std::vector<uint8_t> tags;          // tag ids (model.h)
  std::vector<uint8_t> sentence_end;  // 1 on the last token of a sentence
  // Tags that could not be read (typos such as "IO"), read as O: how many, and where the
  // first one is ("FILE:LINE: TAG").
  size_t unreadable_tags = 0;
  std::string first_unreadable;
};

// Reads lines [first_line, last_line] (1-based, inclusive; last_line 0 = to the end) of
// a BIO file and appends them to `out`. Empty tokens are skipped.
Status ReadBio(const std::string& path, size_t first_line, size_t last_line, BioCorpus* out);

struct AlignedCorpus {
  std::string text;  // the corpus as engine text
  TokenizedText tt;  // annotated
  std::vector<uint8_t> gold;       // per engine token
  std::vector<uint8_t> chunk_end;  // per engine token: a sentence ends after it
  struct Span {
    ByteSpan span;  // offsets in `text`
    NerType type;
  };
  std::vector<Span> gold_spans;
};
void Align(const BioCorpus& corpus, const Lexicons& lx, AlignedCorpus* out);

// ANERGazet's lists (AlignedLocGazetteer.txt, AlignedPersGazetteer.txt,
// AlignedOrgGazetteer.txt in `dir`) as hashed membership sets; returns a digest of the
// files for the model header.
Result<uint64_t> LoadGazetteerSets(const std::string& dir, const Lexicons& lx, HashIndex<uint16_t>* out);
// A list of name tokens (the first column of each line) as `bit`; returns a digest of the file.
Result<uint64_t> LoadNameTokens(const std::string& path, const Lexicons& lx, HashIndex<uint16_t>* out,
                                uint16_t bit, std::vector<std::string>* stems);
// The letter model of names (FeatureLists::letters): letter trigrams of the name tokens
// against those of the corpus's words outside any name.
void BuildLetterModel(const std::vector<std::string>& names, const AlignedCorpus& corpus, const Lexicons& lx,
                      std::vector<int16_t>* out);

struct TrainOptions {
  int epochs = 10;
  uint64_t seed = 1;
  int min_count = 1;     // features seen on fewer tokens are dropped
  double min_weight = 0;  // averaged weights smaller in magnitude are dropped
  double word_dropout = 0;  // share of tokens whose word features are hidden in each epoch
  int scale = 100;          // weights are kept as integers of 1/scale
  double margin = 0;        // loss-augmented decoding in training: the cost of a wrong tag
  double miss_cost = 1;     // … times this when the wrong tag is O for a name token
};

struct TrainStats {
  size_t tokens = 0, sentences = 0, features = 0, weights = 0;
};

std::shared_ptr<Model> Train(const AlignedCorpus& corpus, const Lexicons& lx, const FeatureLists& lists,
                             const TrainOptions& opt, TrainStats* stats);

struct NerScores {
  // Per type (NerType order), then the micro average over all four and over PER LOC ORG.
  struct Counts {
    size_t tp = 0, fp = 0, fn = 0;
    double precision() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
    double recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
    double f1() const { double p = precision(), r = recall(); return p + r > 0 ? 2 * p * r / (p + r) : 0; }
  };
  Counts type[kTypes];
  Counts micro, micro3;
};

// Scores predicted spans against the gold spans of `corpus`: exact spans and types; a
// predicted span that leaves out only a leading clitic (و ف ب ك ل) of the gold's
// first token counts.
NerScores Score(const AlignedCorpus& corpus, const std::vector<AlignedCorpus::Span>& predicted, const Clitics& clitics);
// Tags the corpus text with `model` (the engine's own tagging path) and scores it.
NerScores Evaluate(const AlignedCorpus& corpus, const Lexicons& lx, const Model& model);
std::string FormatScores(const NerScores& s);

}  // namespace isnad::ner
