// A small direct-mapped memo of a per-word value, one per thread and call site.
//
// News text repeats its words: most tokens of an article were seen in the last few
// thousand. Stages that derive a value from a word alone (a stem id, a skeleton hash)
// look it up here by the word's 64-bit hash and compute it only on a miss; a colliding
// word overwrites the slot. The key is the full 64-bit hash, so two words share a value
// only if their XXH3 hashes are equal (the tagger's memo makes the same assumption).
// `owner` names the tables the value was computed with: a different owner empties the memo.
#ifndef ISNAD_UTIL_WORD_MEMO_H_
#define ISNAD_UTIL_WORD_MEMO_H_

#include <xxhash.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace isnad {

template <typename V, int kBits = 15>
class WordMemo {
 public:
  template <typename Make>
  const V& Get(uint64_t owner, std::string_view word, Make&& make) {
    if (owner != owner_ || slots_.empty()) {
      slots_.assign(size_t{1} << kBits, Slot());
      owner_ = owner;
    }
    const uint64_t h = XXH3_64bits(word.data(), word.size()) | 1;  // 0 marks an empty slot
    Slot& s = slots_[(h ^ (h >> 31)) & ((size_t{1} << kBits) - 1)];
    if (s.key != h) {
      s.value = make(word);
      s.key = h;
    }
    return s.value;
  }

 private:
  struct Slot {
    uint64_t key = 0;
    V value{};
  };
  uint64_t owner_ = 0;
  std::vector<Slot> slots_;
};

}  // namespace isnad

#endif  // ISNAD_UTIL_WORD_MEMO_H_
