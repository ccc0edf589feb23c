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

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "util/prefetch.h"

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

// When a thread's word cache (Lexicons::Annotate) drops its rare words, it renumbers the
// words it keeps, in their old order, under a new epoch, and says so here: a WordSlots of
// the old epoch then keeps its values for the kept words instead of computing them again.
// One per thread (the memos of the annotating thread see it).
struct WordEpochRemap {
  uint64_t from = 0, to = 0;
  std::vector<uint32_t> old_id;  // old_id[new id], increasing
  static WordEpochRemap& ThreadLocal() {
    thread_local WordEpochRemap r;
    return r;
  }
};

// A per-word value indexed by the word ids of an annotated text (TokenizedText::word_id):
// no hashing, no collisions, and the words met first (the common ones) packed together at
// the front. Values belong to one id space (`epoch`); a new epoch empties the memo, except
// for the words a WordEpochRemap from the old one says were kept. Ids past
// kMaxIds (a text larger than the word cache allows) are computed every time.
template <typename V>
class WordSlots {
 public:
  static constexpr uint32_t kMaxIds = 1u << 20;

  // The value of word `id` of `epoch`, made by make() the first time it is asked for.
  // The reference is valid until the next call.
  template <typename Make>
  const V& Get(uint64_t epoch, uint32_t id, Make&& make) {
    if (epoch != epoch_) Rebase(epoch);
    if (id >= kMaxIds) {
      spill_ = make();
      return spill_;
    }
    if (id >= known_.size()) {
      const size_t size = std::min<size_t>(kMaxIds, std::max<size_t>(id + 1, 2 * known_.size()));
      known_.resize(size, 0);
      values_.resize(size);
    }
    if (!known_[id]) {
      values_[id] = make();
      known_[id] = 1;
    }
    return values_[id];
  }
  // Starts loading the value of word `id` (a memo of large values is larger than the core's
  // caches: fetching the values of tokens a few ahead overlaps their misses).
  void Prefetch(uint32_t id) const {
    if (id < values_.size()) isnad::Prefetch(&values_[id]);
  }

 private:
  // Moves the values of the words the cache kept to their new ids, or forgets every value.
  void Rebase(uint64_t epoch) {
    const WordEpochRemap& r = WordEpochRemap::ThreadLocal();
    size_t kept = 0;
    if (epoch_ != 0 && r.from == epoch_ && r.to == epoch) {
      // new id k <= old id r.old_id[k]: moving forward in place never overwrites a value
      // still to be moved.
      kept = std::min(r.old_id.size(), known_.size());
      for (size_t k = 0; k < kept; ++k) {
        const uint32_t o = r.old_id[k];
        const bool has = o < known_.size() && known_[o];
        if (has && o != k) values_[k] = std::move(values_[o]);
        known_[k] = has;
      }
    }
    std::fill(known_.begin() + static_cast<std::ptrdiff_t>(kept), known_.end(), 0);
    epoch_ = epoch;
  }

  uint64_t epoch_ = 0;
  std::vector<uint8_t> known_;
  std::vector<V> values_;
  V spill_{};
};

}  // namespace isnad

#endif  // ISNAD_UTIL_WORD_MEMO_H_
