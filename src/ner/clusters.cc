#include "ner/clusters.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace isnad::ner {

namespace {

uint64_t SplitMix(uint64_t* s) {
  uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void Normalize(float* v, int d) {
  double s = 0;
  for (int i = 0; i < d; ++i) s += double(v[i]) * v[i];
  if (s <= 0) return;
  float inv = static_cast<float>(1 / std::sqrt(s));
  for (int i = 0; i < d; ++i) v[i] *= inv;
}

// Spherical k-means of the rows `members` of `vecs` (d columns) into at most k clusters;
// returns the cluster of each member. Deterministic for a seed.
std::vector<uint16_t> KMeans(const std::vector<float>& vecs, int d, const std::vector<uint32_t>& members, int k,
                             int iterations, uint64_t* rng) {
  const size_t n = members.size();
  std::vector<uint16_t> assign(n, 0);
  if (n == 0) return assign;
  k = static_cast<int>(std::min<size_t>(k, n));
  if (k <= 1) return assign;
  std::vector<float> centers(size_t(k) * d);
  // Seeds: k distinct members, spread by a stride over a shuffled order.
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[SplitMix(rng) % i]);
  for (int c = 0; c < k; ++c) {
    const float* src = &vecs[size_t(members[order[c]]) * d];
    std::copy(src, src + d, &centers[size_t(c) * d]);
  }
  std::vector<double> sums(size_t(k) * d);
  std::vector<size_t> sizes(k);
  for (int it = 0; it < iterations; ++it) {
    bool changed = false;
    for (size_t i = 0; i < n; ++i) {
      const float* v = &vecs[size_t(members[i]) * d];
      float best = -2;
      int arg = 0;
      for (int c = 0; c < k; ++c) {
        const float* ce = &centers[size_t(c) * d];
        float dot = 0;
        for (int j = 0; j < d; ++j) dot += v[j] * ce[j];
        if (dot > best) { best = dot; arg = c; }
      }
      if (assign[i] != arg || it == 0) changed |= assign[i] != arg;
      assign[i] = static_cast<uint16_t>(arg);
    }
    if (!changed && it > 0) break;
    std::fill(sums.begin(), sums.end(), 0.0);
    std::fill(sizes.begin(), sizes.end(), 0);
    for (size_t i = 0; i < n; ++i) {
      const float* v = &vecs[size_t(members[i]) * d];
      double* s = &sums[size_t(assign[i]) * d];
      for (int j = 0; j < d; ++j) s[j] += v[j];
      ++sizes[assign[i]];
    }
    for (int c = 0; c < k; ++c) {
      float* ce = &centers[size_t(c) * d];
      if (sizes[c] == 0) {
        // An empty cluster restarts at a random member.
        const float* src = &vecs[size_t(members[SplitMix(rng) % n]) * d];
        std::copy(src, src + d, ce);
        continue;
      }
      for (int j = 0; j < d; ++j) ce[j] = static_cast<float>(sums[size_t(c) * d + j]);
      Normalize(ce, d);
    }
  }
  return assign;
}

}  // namespace

std::vector<WordCluster> BuildClusters(const std::vector<std::string_view>& texts, const Lexicons& lx,
                                       const ClusterOptions& opt) {
  // 1. Token ids and counts.
  std::unordered_map<std::string, uint32_t> id;
  std::vector<std::string> words;
  std::vector<uint64_t> counts;
  std::vector<uint32_t> stream;  // token ids; UINT32_MAX between documents
  TokenizedText tt;
  for (std::string_view text : texts) {
    lx.normalizer.Normalize(text, &tt.norm);
    Tokenize(lx.normalizer, &tt);
    for (size_t i = 0; i < tt.size(); ++i) {
      auto [it, inserted] = id.emplace(std::string(tt.text(i)), static_cast<uint32_t>(words.size()));
      if (inserted) {
        words.push_back(it->first);
        counts.push_back(0);
      }
      ++counts[it->second];
      stream.push_back(it->second);
    }
    stream.push_back(UINT32_MAX);
  }
  // 2. Rank by frequency (ties by spelling, for determinism).
  std::vector<uint32_t> rank(words.size());
  std::iota(rank.begin(), rank.end(), 0);
  std::sort(rank.begin(), rank.end(), [&](uint32_t a, uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : words[a] < words[b];
  });
  std::vector<int32_t> target(words.size(), -1), context(words.size(), -1);
  size_t nt = 0;
  for (uint32_t w : rank) {
    if (counts[w] < opt.min_count || nt >= opt.max_words) break;
    target[w] = static_cast<int32_t>(nt++);
  }
  for (size_t r = 0; r < rank.size() && r < opt.context_words; ++r) context[rank[r]] = static_cast<int32_t>(r);
  const uint32_t nc = static_cast<uint32_t>(std::min(opt.context_words, rank.size()));
  // 3. (target, side, context) pairs, counted by sorting.
  std::vector<uint64_t> pairs;
  pairs.reserve(stream.size() * 2);
  for (size_t i = 0; i < stream.size(); ++i) {
    uint32_t w = stream[i];
    if (w == UINT32_MAX || target[w] < 0) continue;
    auto add = [&](size_t j, uint32_t side) {
      uint32_t c = j < stream.size() ? stream[j] : UINT32_MAX;
      uint32_t ctx = c == UINT32_MAX ? nc : (context[c] >= 0 ? static_cast<uint32_t>(context[c]) : nc + 1);
      pairs.push_back((uint64_t(target[w]) << 32) | (side * (nc + 2) + ctx));
    };
    add(i == 0 ? stream.size() : i - 1, 0);
    add(i + 1, 1);
  }
  std::sort(pairs.begin(), pairs.end());
  // 4. PPMI, projected onto random directions.
  const int d = opt.dims;
  const uint32_t ncols = 2 * (nc + 2);
  std::vector<double> col_total(ncols, 0), row_total(nt, 0);
  for (size_t i = 0; i < pairs.size();) {
    size_t j = i;
    while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
    col_total[pairs[i] & 0xFFFFFFFF] += double(j - i);
    row_total[pairs[i] >> 32] += double(j - i);
    i = j;
  }
  double sum75 = 0;
  for (double ct : col_total) sum75 += std::pow(ct, 0.75);
  uint64_t rng = opt.seed;
  std::vector<float> proj(size_t(ncols) * d);
  for (float& x : proj) x = (SplitMix(&rng) & 1) ? 1.0f : -1.0f;
  std::vector<float> vecs(nt * size_t(d), 0.0f);
  for (size_t i = 0; i < pairs.size();) {
    size_t j = i;
    while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
    uint32_t row = static_cast<uint32_t>(pairs[i] >> 32), col = static_cast<uint32_t>(pairs[i] & 0xFFFFFFFF);
    // Context-distribution smoothing (counts^0.75), as word2vec and Levy et al. do.
    double pmi = std::log(double(j - i) * sum75 / (row_total[row] * std::pow(col_total[col], 0.75)));
    if (pmi > 0 && (col % (nc + 2)) < nc) {
      float* v = &vecs[size_t(row) * d];
      const float* p = &proj[size_t(col) * d];
      for (int k = 0; k < d; ++k) v[k] += static_cast<float>(pmi) * p[k];
    }
    i = j;
  }
  for (size_t r = 0; r < nt; ++r) Normalize(&vecs[r * d], d);
  // 5. Three levels of spherical k-means.
  std::vector<uint32_t> all(nt);
  std::iota(all.begin(), all.end(), 0);
  std::vector<uint16_t> l1 = KMeans(vecs, d, all, opt.k1, opt.iterations, &rng);
  std::vector<uint16_t> l2(nt, 0), l3(nt, 0);
  for (int a = 0; a < opt.k1; ++a) {
    std::vector<uint32_t> m;
    for (uint32_t r = 0; r < nt; ++r) {
      if (l1[r] == a) m.push_back(r);
    }
    std::vector<uint16_t> s = KMeans(vecs, d, m, opt.k2, opt.iterations, &rng);
    for (size_t i = 0; i < m.size(); ++i) l2[m[i]] = s[i];
    for (int b = 0; b < opt.k2; ++b) {
      std::vector<uint32_t> mm;
      for (size_t i = 0; i < m.size(); ++i) {
        if (s[i] == b) mm.push_back(m[i]);
      }
      std::vector<uint16_t> t = KMeans(vecs, d, mm, opt.k3, opt.iterations, &rng);
      for (size_t i = 0; i < mm.size(); ++i) l3[mm[i]] = t[i];
    }
  }
  std::vector<WordCluster> out(nt);
  for (uint32_t w = 0; w < words.size(); ++w) {
    if (target[w] < 0) continue;
    WordCluster& c = out[target[w]];
    c.word = words[w];
    c.count = counts[w];
    c.c1 = l1[target[w]];
    c.c2 = l2[target[w]];
    c.c3 = l3[target[w]];
  }
  return out;
}

}  // namespace isnad::ner
