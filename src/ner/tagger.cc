#include "ner/tagger.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <cstdlib>

#include "ner/features.h"

namespace isnad::ner {

namespace {

// Per-thread state: the word memo and the decoding buffers.
struct Workspace {
  struct Entry {
    uint64_t key = 0;
    float v[kSlots];
  };
  static constexpr size_t kMemoSize = 1 << 14;  // direct-mapped; a colliding word overwrites
  const Model* model = nullptr;
  const Lexicons* lx = nullptr;
  std::vector<Entry> memo;
  std::vector<float> emission;  // n × kTags
  std::vector<uint8_t> back;    // n × kTags
  std::vector<uint8_t> tags;
};

Workspace& ThreadWorkspace() {
  thread_local Workspace ws;
  return ws;
}

void SumWeights(const Model& model, const FeatureList& fl, float* v) {
  std::memset(v, 0, sizeof(float) * kSlots);
  for (int k = 0; k < fl.n; ++k) {
    Model::Weights w = model.Find(fl.f[k].key);
    for (uint32_t j = 0; j < w.n; ++j) v[w.slots[j]] += w.w[j];
  }
}

// Adds the votes of a token at position j (v: its summed weights) to the tokens it
// votes for.
inline void Spread(const float* v, long j, long n, float* emission) {
  for (int d = -kWindow; d <= kWindow; ++d) {
    long i = j - d;
    if (i < 0 || i >= n) continue;
    const float* src = v + (d + kWindow) * kTags;
    float* dst = emission + i * kTags;
    for (int t = 0; t < kTags; ++t) dst[t] += src[t];
  }
}

}  // namespace

void SpansOfTags(const std::vector<uint8_t>& tags, std::vector<TaggedSpan>* out) {
  out->clear();
  for (size_t i = 0; i < tags.size(); ++i) {
    int t = tags[i];
    if (t == 0) continue;
    bool cont = IsInside(t) && !out->empty() && out->back().last + 1 == i && out->back().type == TypeOf(t);
    if (cont) {
      out->back().last = static_cast<uint32_t>(i);
    } else {
      out->push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i), TypeOf(t)});
    }
  }
}

void TagEntities(const TokenizedText& tt, const Lexicons& lx, const Model& model, std::vector<TaggedSpan>* out,
                 std::vector<uint8_t>* tags_out) {
  out->clear();
  const long n = static_cast<long>(tt.size());
  Workspace& ws = ThreadWorkspace();
  if (n == 0 || model.empty()) {
    if (tags_out) tags_out->assign(tt.size(), 0);
    return;
  }
  if (ws.model != &model || ws.lx != &lx) {
    ws.model = &model;
    ws.lx = &lx;
    ws.memo.assign(Workspace::kMemoSize, Workspace::Entry());
  }
  Featurizer fz(lx, model.lists());
  FeatureList fl;
  ws.emission.assign(static_cast<size_t>(n) * kTags, 0.0f);
  float* em = ws.emission.data();
  float v[kSlots];
  fz.BoundaryFeatures(false, &fl);
  SumWeights(model, fl, v);
  Spread(v, -1, n, em);
  Spread(v, -2, n, em);
  fz.BoundaryFeatures(true, &fl);
  SumWeights(model, fl, v);
  Spread(v, n, n, em);
  Spread(v, n + 1, n, em);
  const bool memo = !tt.lex_mask.empty();  // token features are a function of the text only when annotated
  for (long j = 0; j < n; ++j) {
    if (!memo) {
      fz.TokenFeatures(tt, j, &fl);
      SumWeights(model, fl, v);
      Spread(v, j, n, em);
      continue;
    }
    uint64_t key = Featurizer::TokenKey(tt, j);
    Workspace::Entry& e = ws.memo[(key ^ (key >> 29)) & (Workspace::kMemoSize - 1)];
    if (e.key != key) {
      fz.TokenFeatures(tt, j, &fl);
      SumWeights(model, fl, e.v);
      e.key = key;
    }
    Spread(e.v, j, n, em);
  }
  fz.PositionFeatures(tt, [&](size_t i, uint64_t key) {
    Model::Weights w = model.Find(key);
    for (uint32_t k = 0; k < w.n; ++k) {
      int slot = w.slots[k];
      if (slot / kTags == kWindow) em[i * kTags + slot % kTags] += w.w[k];
    }
  });

  static const float kObias = getenv("NER_OBIAS") ? atof(getenv("NER_OBIAS")) : 0;
  if (kObias != 0) for (long i = 0; i < n; ++i) em[i * kTags] -= kObias;
  // Viterbi.
  constexpr float kNone = -std::numeric_limits<float>::infinity();
  ws.back.resize(static_cast<size_t>(n) * kTags);
  float prev[kTags], cur[kTags];
  for (int t = 0; t < kTags; ++t) prev[t] = Allowed(kStart, t) ? model.transition(kStart, t) + em[t] : kNone;
  for (long i = 1; i < n; ++i) {
    const float* e = em + i * kTags;
    uint8_t* b = ws.back.data() + i * kTags;
    for (int t = 0; t < kTags; ++t) {
      float best = kNone;
      int arg = 0;
      for (int p = 0; p < kTags; ++p) {
        if (!Allowed(p, t)) continue;
        float s = prev[p] + model.transition(p, t);
        if (s > best) { best = s; arg = p; }
      }
      cur[t] = best + e[t];
      b[t] = static_cast<uint8_t>(arg);
    }
    std::copy(cur, cur + kTags, prev);
  }
  int last = static_cast<int>(std::max_element(prev, prev + kTags) - prev);
  std::vector<uint8_t>& tags = ws.tags;
  tags.resize(static_cast<size_t>(n));
  for (long i = n - 1; i >= 0; --i) {
    tags[i] = static_cast<uint8_t>(last);
    if (i > 0) last = ws.back[i * kTags + last];
  }
  SpansOfTags(tags, out);
  if (tags_out) *tags_out = tags;
}

}  // namespace isnad::ner
