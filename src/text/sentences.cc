#include "text/sentences.h"

namespace isnad {

namespace {

bool IsStop(std::string_view t) {
  for (char c : t) {
    if (c != '.' && c != '!' && c != '?') return false;
  }
  return !t.empty();
}

bool IsCloser(std::string_view t) {
  return t == "\"" || t == "'" || t == ")" || t == "]" || t == "\"\"";
}

// Number of code points in a word (a rough length check for initials).
size_t Letters(std::string_view t) {
  size_t n = 0;
  for (unsigned char c : t) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

void SplitSentences(const TokenizedText& tt, std::vector<Sentence>* out) {
  out->clear();
  const size_t n = tt.size();
  uint32_t start = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i > start && tt.tokens[i].line_start()) {
      out->push_back({start, static_cast<uint32_t>(i)});
      start = static_cast<uint32_t>(i);
    }
    if (tt.tokens[i].kind != TokenKind::kPunct || !IsStop(tt.text(i))) continue;
    if (tt.text(i) == "." && i > 0 && tt.tokens[i].glued() && tt.tokens[i - 1].kind == TokenKind::kWord &&
        Letters(tt.text(i - 1)) == 1) {
      continue;  // an initial
    }
    size_t end = i + 1;
    while (end < n && tt.tokens[end].glued() && !tt.tokens[end].line_start() && IsCloser(tt.text(end))) ++end;
    out->push_back({start, static_cast<uint32_t>(end)});
    start = static_cast<uint32_t>(end);
    i = end - 1;
  }
  if (start < n) out->push_back({start, static_cast<uint32_t>(n)});
}

}  // namespace isnad
