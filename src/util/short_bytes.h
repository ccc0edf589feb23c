// Comparisons of a few bytes (affixes, clitics, one letter), as a byte loop: for strings
// this short a loop beats the call to memcmp that std::string_view::compare makes (seen as
// memcmp calls from the morphology in profiles of the per-document stage).
#ifndef ISNAD_UTIL_SHORT_BYTES_H_
#define ISNAD_UTIL_SHORT_BYTES_H_

#include <cstddef>
#include <string_view>

namespace isnad::bytes {

// a[0, n) == b[0, n).
inline bool Equal(const char* a, const char* b, size_t n) {
  for (size_t k = 0; k < n; ++k) {
    if (a[k] != b[k]) return false;
  }
  return true;
}
inline bool StartsWith(std::string_view w, std::string_view p) {
  return w.size() >= p.size() && Equal(w.data(), p.data(), p.size());
}
inline bool EndsWith(std::string_view w, std::string_view p) {
  return w.size() >= p.size() && Equal(w.data() + w.size() - p.size(), p.data(), p.size());
}

}  // namespace isnad::bytes

#endif  // ISNAD_UTIL_SHORT_BYTES_H_
