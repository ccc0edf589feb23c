// Helpers shared by the tests: the embedded lexicons, tokenizing a string, finding a
// word among the tokens, and the original text of a span.
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

// The first token from `from` on that is `word` (normalized as the text is); tt.size() if none.
inline size_t IndexOf(const TokenizedText& tt, std::string_view word, size_t from = 0) {
  const std::string norm = Lx().normalizer.NormalizeString(word);
  for (size_t i = from; i < tt.size(); ++i) {
    if (tt.text(i) == norm) return i;
  }
  return tt.size();
}

// A list of strings for a failure message: "[a] [b] ".
inline std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += "[" + x + "] ";
  return s;
}

inline std::string ExampleDir() { return std::string(ISNAD_SOURCE_DIR) + "/examples/hasakah-2022"; }

}  // namespace isnad::testing
