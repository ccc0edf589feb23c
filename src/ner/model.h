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
//   scale  S                     weights below are integers, real weight = value / S
//   t      FROM  W0 … W8         transition weights from FROM (0..8, 9 = sentence start)
//   f      HEX   SLOT:W …        a feature's non-zero weights
//   g      HEX   BITS            gazetteer membership bits of a token (GazetteerBit)
//   n      HEX   W               letter model: log-ratio × 100 of a letter trigram
//   c      HEX   C1.C2.C3        a word's cluster path (ner/clusters.h)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace isnad::ner {

enum class NerType : uint8_t { kPER, kLOC, kORG, kMISC };
const char* NerTypeName(NerType t);

constexpr int kTypes = 4;
constexpr int kTags = 1 + 2 * kTypes;
constexpr int kWindow = 2;
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

// What the features look up besides the weights: the gazetteer sets and the letter
// model of names (log-ratio × 100 of a letter trigram in name tokens against other words).
struct FeatureLists {
  HashIndex<uint16_t> gazetteer;
  HashIndex<int16_t> letters;
  HashIndex<uint32_t> clusters;  // word -> cluster path (ner/clusters.h PackCluster)
};

class Model {
 public:
  // The weights of one feature: n (slot, weight) pairs.
  struct Weights {
    const uint8_t* slots = nullptr;
    const float* w = nullptr;
    uint32_t n = 0;
  };

  static Result<std::shared_ptr<const Model>> Parse(std::string_view text);

  bool empty() const { return features_.size() == 0; }
  Weights Find(uint64_t key) const {
    const Range* r = features_.Find(key);
    if (!r) return {};
    return {slots_.data() + r->begin, weights_.data() + r->begin, r->n};
  }
  // transition(from, to); from = kStart at a sentence start.
  float transition(int from, int to) const { return transitions_[from * kTags + to]; }
  size_t features() const { return features_.size(); }
  const std::string& header() const { return header_; }

  // Building (the trainer): features are added once each.
  void SetTransition(int from, int to, float w) { transitions_[from * kTags + to] = w; }
  void AddFeature(uint64_t key, const std::vector<std::pair<uint8_t, float>>& weights);
  void AddGazetteer(uint64_t key, uint16_t bits) { *lists_.gazetteer.Insert(key, 0) |= bits; }
  void AddLetters(uint64_t key, int16_t w) { *lists_.letters.Insert(key, 0) = w; }
  void AddCluster(uint64_t key, uint32_t path) { *lists_.clusters.Insert(key, 0) = path; }
  const FeatureLists& lists() const { return lists_; }
  // The model as the TSV file described above, weights rounded to 1/scale.
  std::string Serialize(std::string_view header, int scale) const;

 private:
  struct Range {
    uint32_t begin = 0;
    uint32_t n = 0;
  };
  HashIndex<Range> features_;
  std::vector<uint8_t> slots_;
  std::vector<float> weights_;
  FeatureLists lists_;
  float transitions_[(kTags + 1) * kTags] = {};
  std::string header_;
};

}  // namespace isnad::ner
