// Helpers shared by the tests: the embedded lexicons, tokenizing a string, and the
// original text of a span.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lexicon/lexicons.h"
#include "text/tokenizer.h"

namespace isnad::testing {

inline const Lexicons& Lx() { return Lexicons::Default(); }

inline TokenizedText Tok(std::string_view text) {
  TokenizedText tt;
  Lx().normalizer.Normalize(text, &tt.norm);
  Tokenize(Lx().normalizer, &tt);
  Lx().Annotate(&tt);
  return tt;
}

inline std::string Slice(std::string_view text, ByteSpan s) { return std::string(text.substr(s.begin, s.size())); }

inline std::string ExampleDir() { return std::string(ISNAD_SOURCE_DIR) + "/examples/hasakah-2022"; }

}  // namespace isnad::testing
