// The entity tagger's model: averaged-perceptron weights over hashed features, the tag
// transition matrix, and the hashed membership sets of the gazetteers it was trained
// with (data/ner_model.tsv, written by `isnad train-tagger`).
//
// Tags are BIO over four types (O, B-PER, I-PER, B-LOC, I-LOC, B-ORG, I-ORG, B-MISC,
// I-MISC). A feature describes one token (its word, stem, affixes, lexicon hits…) and
// votes for the tag of every token within kWindow of it: its weights are a block of
// kSlots = kOffsets × kTags numbers, slot (d + kWindow) * kTags + tag for the token d
// places away. Features are keyed by a 64-bit hash of (template, string), so the file
// holds no word list; the gazetteer sets are keyed the same way.
//
// File format (TSV, '#' comments; the header says corpus, split, command and hashes):
//   scale  S                     weights below are integers, real weight = value / S (the
//                                tagger adds the integers; only their ratios matter)
//   t      FROM  W0 … W8         transition weights from FROM (0..8, 9 = sentence start)
//   f      HEX   SLOT:W …        a feature's non-zero weights
//   g      HEX   BITS            gazetteer membership bits of a token (GazetteerBit)
//   n      A.B.C W               letter model: log-ratio × 100 of the trigram of letter ids
//   c      HEX   C1.C2.C3        a word's cluster path (ner/clusters.h)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/prefetch.h"
#include "util/status.h"

namespace isnad::ner {

enum class NerType : uint8_t { kPER, kLOC, kORG, kMISC };
const char* NerTypeName(NerType t);

constexpr int kTypes = 4;
constexpr int kTags = 1 + 2 * kTypes;
constexpr int kWindow = 1;
constexpr int kOffsets = 2 * kWindow + 1;
constexpr int kSlots = kOffsets * kTags;
constexpr int kStart = kTags;  // the "from" row of the transition matrix at a sentence start

inline int BeginTag(NerType t) { return 1 + 2 * static_cast<int>(t); }
inline int InsideTag(NerType t) { return 2 + 2 * static_cast<int>(t); }
inline bool IsBegin(int tag) { return tag > 0 && (tag & 1); }
inline bool IsInside(int tag) { return tag > 0 && !(tag & 1); }
inline NerType TypeOf(int tag) { return static_cast<NerType>((tag - 1) / 2); }
// BIO: I-X only continues B-X or I-X.
inline bool Allowed(int from, int to) { return !IsInside(to) || (from != kStart && from > 0 && TypeOf(from) == TypeOf(to)); }
const char* TagName(int tag);  // "O", "B-PER", …

// Gazetteer membership of a (normalized, article-stripped) token.
enum GazetteerBit : uint16_t {
  kGazLocWhole = 1, kGazLocPart = 2, kGazPerWhole = 4, kGazPerPart = 8, kGazOrgWhole = 16, kGazOrgPart = 32,
  kGazNameToken = 64,  // a token of a person's name in a transliteration list
  kGazPerType = 128, kGazLocType = 256, kGazOrgType = 512,  // a token of a typed name list
};

// A hash set of 64-bit keys with a small value, open addressing (keys are never 0).
template <typename V>
class HashIndex {
 public:
  void Reserve(size_t n) {
    size_t cap = 16;
    while (cap < n * 2) cap <<= 1;
    if (cap <= keys_.size()) return;
    std::vector<uint64_t> keys = std::move(keys_);
    std::vector<V> values = std::move(values_);
    keys_.assign(cap, 0);
    values_.assign(cap, V());
    mask_ = cap - 1;
    size_ = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i]) *Insert(keys[i], values[i]) = values[i];
    }
  }
  // Inserts `value` unless the key is there; returns the key's value.
  V* Insert(uint64_t key, V value) {
    if ((size_ + 1) * 2 > keys_.size()) Reserve(size_ + 1 > 8 ? size_ * 2 : 16);
    key |= 1;
    for (size_t i = Mix(key) & mask_;; i = (i + 1) & mask_) {
      if (keys_[i] == key) return &values_[i];
      if (keys_[i] == 0) {
        keys_[i] = key;
        values_[i] = value;
        ++size_;
        return &values_[i];
      }
    }
  }
  const V* Find(uint64_t key) const {
    if (keys_.empty()) return nullptr;
    key |= 1;
    for (size_t i = Mix(key) & mask_;; i = (i + 1) & mask_) {
      if (keys_[i] == key) return &values_[i];
      if (keys_[i] == 0) return nullptr;
    }
  }
  size_t size() const { return size_; }
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i]) fn(keys_[i], values_[i]);
    }
  }

 private:
  static uint64_t Mix(uint64_t k) { return (k ^ (k >> 31)) * 0x9E3779B97F4A7C15ull >> 7; }
  std::vector<uint64_t> keys_;
  std::vector<V> values_;
  size_t mask_ = 0, size_ = 0;
};

// Letters of the letter model: Arabic letters U+0621..U+064A are 1..42, the word's
// edges 60 and 61, anything else 62; a trigram is (a << 12) | (b << 6) | c.
constexpr int kLetterEdgeStart = 60, kLetterEdgeEnd = 61, kLetterOther = 62;
constexpr size_t kLetterTrigrams = 1 << 18;
inline int LetterId(char32_t cp) { return cp >= 0x0621 && cp <= 0x064A ? static_cast<int>(cp - 0x0620) : kLetterOther; }

// What the features look up besides the weights: the gazetteer sets and the letter
// model of names (log-ratio × 100 of a letter trigram in name tokens against other
// words; empty when there is none).
struct FeatureLists {
  HashIndex<uint16_t> gazetteer;
  std::vector<int16_t> letters;  // kLetterTrigrams entries, or none
  HashIndex<uint32_t> clusters;  // word -> cluster path (ner/clusters.h PackCluster)
};

// The weights of one feature: n (slot, weight) pairs, in units of 1/Model::scale().
struct Weights {
  const uint8_t* slots = nullptr;
  const int16_t* w = nullptr;
  uint32_t n = 0;
};

// Feature weights in one open-addressing array of 32-byte entries: a feature with at most
// six weights (nine in ten) costs one memory access; longer ones go on in an overflow array.
class FeatureTable {
 public:
  Weights Find(uint64_t key) const {
    if (entries_.empty()) return {};
    key |= 1;
    for (size_t i = Mix(key) & mask_;; i = (i + 1) & mask_) {
      const Entry& e = entries_[i];
      if (e.key == key) {
        if (e.n <= kInline) return {e.slots, e.w, e.n};
        return {overflow_slots_.data() + e.overflow, overflow_w_.data() + e.overflow, e.count};
      }
      if (e.key == 0) return {};
    }
  }
  // Starts loading the slot where Find(key) begins (the table is far larger than the
  // caches: a token's thirty features are thirty misses, overlapped when prefetched).
  void Prefetch(uint64_t key) const {
    if (!entries_.empty()) isnad::Prefetch(&entries_[Mix(key | 1) & mask_]);
  }
  // Sizes the table for `n` features at most half full (before adding any).
  void Reserve(size_t n);
  // Adds a feature (once; a key added again is ignored).
  void Add(uint64_t key, const std::vector<std::pair<uint8_t, int16_t>>& weights);
  size_t size() const { return size_; }
  template <typename Fn>
  void ForEach(Fn&& fn) const {  // fn(key, Weights)
    for (const Entry& e : entries_) {
      if (e.key == 0) continue;
      fn(e.key, e.n <= kInline ? Weights{e.slots, e.w, e.n}
                               : Weights{overflow_slots_.data() + e.overflow, overflow_w_.data() + e.overflow, e.count});
    }
  }

 private:
  static constexpr uint8_t kInline = 6;
  struct Entry {
    uint64_t key = 0;
    uint8_t n = 0;  // > kInline: the weights are in the overflow arrays
    uint8_t slots[kInline] = {};
    uint8_t count = 0;
    int16_t w[kInline] = {};
    uint32_t overflow = 0;
  };
  static_assert(sizeof(Entry) == 32, "two entries per cache line");
  static uint64_t Mix(uint64_t k) { return (k ^ (k >> 31)) * 0x9E3779B97F4A7C15ull >> 7; }
  void Grow();
  std::vector<Entry> entries_;
  std::vector<uint8_t> overflow_slots_;
  std::vector<int16_t> overflow_w_;
  size_t mask_ = 0, size_ = 0;
};

class Model {
 public:

  static Result<std::shared_ptr<const Model>> Parse(std::string_view text);

  bool empty() const { return features_.size() == 0; }
  Weights Find(uint64_t key) const {
    // Most keys of an unseen word are not in the model: a bit filter answers first.
    uint64_t h = (key | 1) * 0xD6E8FEB86659FD93ull;
    if (!(filter_[(h >> 40) & (kFilterWords - 1)] & (uint64_t{1} << ((h >> 58) & 63)))) return {};
    return features_.Find(key);
  }
  // Starts loading what Find(key) reads (its filter word and its table slot).
  void Prefetch(uint64_t key) const {
    uint64_t h = (key | 1) * 0xD6E8FEB86659FD93ull;
    isnad::Prefetch(&filter_[(h >> 40) & (kFilterWords - 1)]);
    features_.Prefetch(key);
  }
  // transition(from, to); from = kStart at a sentence start.
  int32_t transition(int from, int to) const { return transitions_[from * kTags + to]; }
  int scale() const { return scale_; }
  size_t features() const { return features_.size(); }
  const std::string& header() const { return header_; }

  // Building (the trainer): weights are rounded to 1/scale; features are added once each.
  explicit Model(int scale = 100) : scale_(scale) {}
  void SetTransition(int from, int to, double w) { transitions_[from * kTags + to] = Quantize(w); }
  // Adds the feature's non-zero rounded weights; false when all round to zero.
  bool AddFeature(uint64_t key, const std::vector<std::pair<uint8_t, double>>& weights);
  int32_t Quantize(double w) const;
  void AddGazetteer(uint64_t key, uint16_t bits) { *lists_.gazetteer.Insert(key, 0) |= bits; }
  void SetLetters(std::vector<int16_t> letters) { lists_.letters = std::move(letters); }
  void AddCluster(uint64_t key, uint32_t path) { *lists_.clusters.Insert(key, 0) = path; }
  const FeatureLists& lists() const { return lists_; }
  // The model as the TSV file described above.
  std::string Serialize(std::string_view header) const;

 private:
  void AddRaw(uint64_t key, const std::vector<std::pair<uint8_t, int16_t>>& weights);
  static constexpr size_t kFilterWords = 1 << 14;  // 1 Mbit
  FeatureTable features_;
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(kFilterWords, 0);
  int scale_ = 100;
  FeatureLists lists_;
  int32_t transitions_[(kTags + 1) * kTags] = {};
  std::string header_;
};

}  // namespace isnad::ner
