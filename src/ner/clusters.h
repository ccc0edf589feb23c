// Word clusters from unlabeled news for the entity tagger (`isnad train-clusters`).
//
// Each frequent word is described by the words seen just before and just after it
// (positive pointwise mutual information over the most frequent context words),
// reduced by a random projection and clustered by spherical k-means in three levels
// (k1 clusters, each split into k2, each of those into k3), so a word's cluster path
// "17.3.5" works like a Brown-cluster bit prefix: words used alike share a prefix.
// Names never seen by the tagger's training corpus then share features with names that
// were (a cyclist's surname with other surnames after "الدراج").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/lexicons.h"

namespace isnad::ner {

struct ClusterOptions {
  size_t min_count = 5;        // words seen less often get no cluster
  size_t max_words = 150000;   // the most frequent words only
  size_t context_words = 2000; // context vocabulary on each side
  int dims = 128;              // random projection
  int k1 = 64, k2 = 16, k3 = 8;
  int iterations = 12;
  uint64_t seed = 1;
};

struct WordCluster {
  std::string word;  // normalized token text
  uint64_t count = 0;
  uint16_t c1 = 0, c2 = 0, c3 = 0;
};

// Clusters the words of `texts` (tokenized by the engine's normalizer and tokenizer).
std::vector<WordCluster> BuildClusters(const std::vector<std::string_view>& texts, const Lexicons& lx,
                                       const ClusterOptions& opt);

// The packed value stored per word (FeatureLists::clusters) and its parts.
inline uint32_t PackCluster(const WordCluster& c) { return (uint32_t{c.c1} << 16) | (uint32_t{c.c2} << 8) | c.c3; }

}  // namespace isnad::ner
