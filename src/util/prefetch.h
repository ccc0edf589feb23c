// Prefetch(p): starts loading the cache line at p, as __builtin_prefetch does, but one the
// compiler keeps. GCC 12 at -O2 dropped some of the prefetches of a loop that had several
// (the word cache's record prefetch in Lexicons::Annotate, one of the two in the tagger's
// weight look-ups: seen in the disassembly); an empty asm that may change the address stops
// it from reasoning the prefetch away.
#ifndef ISNAD_UTIL_PREFETCH_H_
#define ISNAD_UTIL_PREFETCH_H_

namespace isnad {

inline void Prefetch(const void* p) {
#if defined(__GNUC__) || defined(__clang__)
  asm volatile("" : "+r"(p));
#endif
  __builtin_prefetch(p);
}

}  // namespace isnad

#endif  // ISNAD_UTIL_PREFETCH_H_
