// libFuzzer: the normalizer and tokenizer on arbitrary bytes. Checks the offset map's
// invariants: one entry per view byte plus one, monotone, within the input, and every
// token's original span inside the input.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lexicon/lexicons.h"
#include "text/sentences.h"
#include "text/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const isnad::Lexicons& lx = isnad::Lexicons::Default();
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  isnad::TokenizedText tt;
  lx.normalizer.Normalize(raw, &tt.norm);
  if (tt.norm.to_raw.size() != tt.norm.text.size() + 1) std::abort();
  for (size_t i = 1; i < tt.norm.to_raw.size(); ++i) {
    if (tt.norm.to_raw[i] < tt.norm.to_raw[i - 1] || tt.norm.to_raw[i] > size) std::abort();
  }
  isnad::Tokenize(lx.normalizer, &tt);
  lx.Annotate(&tt);
  for (size_t i = 0; i < tt.size(); ++i) {
    isnad::ByteSpan s = tt.RawSpan(i, i);
    if (s.begin > s.end || s.end > size) std::abort();
  }
  std::vector<isnad::Sentence> sentences;
  isnad::SplitSentences(tt, &sentences);
  return 0;
}
