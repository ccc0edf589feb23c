// The learned entity tagger: BIO tags over the engine's tokens (ner/model.h), decoded
// with Viterbi over a first-order tag chain. Token features' weights are summed once
// per distinct word and memoized per thread (ner/features.h), so tagging a token is
// a hash probe, a few vector additions and the 9×9 Viterbi step; buffers are reused
// from one call to the next (no allocation per token).
#pragma once

#include <cstdint>
#include <vector>

#include "lexicon/lexicons.h"
#include "ner/model.h"
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

// Spans of a BIO tag sequence (an I-X that does not continue X opens a new span).
void SpansOfTags(const std::vector<uint8_t>& tags, std::vector<TaggedSpan>* out);

}  // namespace isnad::ner
