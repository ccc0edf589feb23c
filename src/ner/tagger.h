// The learned entity tagger: BIO tags over the engine's tokens (lexicon/ner_model.h), decoded
// with Viterbi over a first-order tag chain. Token features' weights are summed once
// per distinct word and memoized per thread (ner/features.h), so tagging a token is
// a hash probe, a few vector additions and the 9×9 Viterbi step; buffers are reused
// from one call to the next (no allocation per token).
#pragma once

#include <cstdint>
#include <vector>

#include "lexicon/lexicons.h"
#include "lexicon/ner_model.h"
#include "text/tokenizer.h"

namespace isnad::ner {

struct TaggedSpan {
  uint32_t first = 0;  // tokens [first, last]
  uint32_t last = 0;
  NerType type = NerType::kPER;
};

// Tags tt (annotated by Lexicons::Annotate) with `model`; `tags`, when given, receives
// one tag per token. An empty model finds nothing.
void TagEntities(const TokenizedText& tt, const Lexicons& lx, const Model& model, std::vector<TaggedSpan>* out,
                 std::vector<uint8_t>* tags = nullptr);

// Names are consistent within a text: after Viterbi, a word sequence the tagger tagged
// as a name somewhere is tagged so where it stands untagged within kPropagationWindow
// tokens of a tagged sighting (alone or after a proclitic), and so is each word of a
// person's name of two words or more (the surname used alone later). A word spread on its
// own has three letters or more and starts no phrase of a table other than the names'
// (function words, ordinals, roles, heads…); a name has at most kMaxPropagatedTokens
// words. TagEntities calls it; exposed for tests.
constexpr int kMaxPropagatedTokens = 4;
constexpr size_t kPropagationWindow = 500;
void PropagateNames(const TokenizedText& tt, const Lexicons& lx, std::vector<uint8_t>* tags);

// Spans of a BIO tag sequence (an I-X that does not continue X opens a new span).
void SpansOfTags(const std::vector<uint8_t>& tags, std::vector<TaggedSpan>* out);

}  // namespace isnad::ner
