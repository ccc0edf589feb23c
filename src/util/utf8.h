// Minimal UTF-8 helpers for the hot path. ICU does full validation and conversion
// elsewhere; these inline decoders exist because the normalizer and tokenizer walk
// every byte of every article and an ICU call per code point would dominate the profile.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace isnad::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point starting at s[i]. Sets *len to the number of bytes consumed
// (>= 1 even for malformed input, which decodes as kReplacement, one byte at a time).
inline char32_t Decode(std::string_view s, size_t i, int* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const size_t left = s.size() - i;
  unsigned char c = p[0];
  if (c < 0x80) { *len = 1; return c; }
  if (c >= 0xC2 && c <= 0xDF && left >= 2 && (p[1] & 0xC0) == 0x80) {
    *len = 2;
    return ((c & 0x1F) << 6) | (p[1] & 0x3F);
  }
  if (c >= 0xE0 && c <= 0xEF && left >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
    char32_t cp = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) { *len = 3; return cp; }
  }
  if (c >= 0xF0 && c <= 0xF4 && left >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
      (p[3] & 0xC0) == 0x80) {
    char32_t cp = ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    if (cp >= 0x10000 && cp <= 0x10FFFF) { *len = 4; return cp; }
  }
  *len = 1;
  return kReplacement;
}

// Appends the UTF-8 encoding of cp to out.
void Append(char32_t cp, std::string* out);

// Byte offset of the first invalid sequence, or npos when s is valid UTF-8.
size_t FindInvalid(std::string_view s);

// Number of code points (malformed bytes count one each).
size_t CountCodePoints(std::string_view s);

// Largest offset <= i that does not split a code point.
inline size_t FloorBoundary(std::string_view s, size_t i) {
  if (i >= s.size()) return s.size();
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

}  // namespace isnad::utf8
