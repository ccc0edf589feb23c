#include "ner/tagger.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include <xxhash.h>

#include "ner/features.h"
#include "util/utf8.h"
#include "util/word_memo.h"

namespace isnad::ner {

namespace {

constexpr int kLanes = 12;  // tags padded to three 4-lane vectors
typedef int32_t V4 __attribute__((vector_size(16)));
constexpr int kV = 3;
static_assert(kV * 4 >= kTags && kV * 4 == kLanes, "three vectors hold the tags");
constexpr int32_t kNone = std::numeric_limits<int32_t>::min() / 4;

// Per-thread state: the word memo and the decoding buffers, reused from call to call.
struct Workspace {
  // A word's summed token-feature weights, in model units, in one cache line.
  struct alignas(64) Summed {
    int16_t v[kSlots];
  };
  static_assert(sizeof(Summed) == 64, "a memo entry is one cache line");
  const Model* model = nullptr;
  const Lexicons* lx = nullptr;
  // Indexed by the text's word ids: token features are a function of the word, its
  // lexicon mask and its kind, which the id determines (TokenizedText::word_id).
  WordSlots<Summed> memo;
  // What depends on the model alone, computed when the model changes: the summed weights of
  // the pseudo-tokens before the first and after the last token, the transition scores as
  // 4-lane vectors, and the margin past which a token is O on the best path in practice.
  alignas(64) int16_t bos[kSlots];
  alignas(64) int16_t eos[kSlots];
  V4 trans[kTags + 1][kV];
  int32_t sure = 0;
  std::vector<int32_t> emission;  // n × kLanes
  std::vector<uint8_t> back;      // n × kTags
  std::vector<uint8_t> tags;
};

Workspace& ThreadWorkspace() {
  thread_local Workspace ws;
  return ws;
}

void SumWeights(const Model& model, const FeatureList& fl, int16_t* v) {
  int32_t sum[kSlots] = {};
  for (int k = 0; k < fl.n; ++k) model.Prefetch(fl.f[k].key);
  for (int k = 0; k < fl.n; ++k) {
    Weights w = model.Find(fl.f[k].key);
    for (uint32_t j = 0; j < w.n; ++j) sum[w.slots[j]] += w.w[j];
  }
  for (int s = 0; s < kSlots; ++s) v[s] = static_cast<int16_t>(std::clamp(sum[s], -32767, 32767));
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

namespace {

// A name the first pass tagged, by its tokens' keys (key_of in PropagateNames).
struct SeenName {
  uint64_t key[kMaxPropagatedTokens];
  uint64_t first_text = 0;  // TextKey of its first token's text (for a match behind a proclitic)
  uint8_t len = 0;
  uint8_t tag = 0;  // its B- tag
  uint32_t first = 0, last = 0;  // where it was tagged, first and last time
};

struct PropagationScratch {
  std::vector<SeenName> names;                         // sorted by key[0]
  std::vector<std::pair<uint64_t, uint32_t>> by_text;  // (first_text, index in names), sorted
  std::vector<uint64_t> text_key;                      // per token, when tt has no word ids (0: not yet)
  std::string scratch;
};

uint64_t TextKey(std::string_view s) { return XXH3_64bits(s.data(), s.size()) | 1; }

// A word's last two bytes, as a bit of a 256-bit filter: a word and its stem behind a
// proclitic end alike, so most words are told apart from every name without hashing.
inline uint32_t TailBit(std::string_view s) {
  const unsigned a = static_cast<unsigned char>(s[s.size() - 1]), b = s.size() > 1 ? static_cast<unsigned char>(s[s.size() - 2]) : 0;
  return (a * 31 + b) & 255;
}

}  // namespace

void PropagateNames(const TokenizedText& tt, const Lexicons& lx, std::vector<uint8_t>* tags_io) {
  std::vector<uint8_t>& tags = *tags_io;
  const size_t n = tt.size();
  thread_local PropagationScratch ps;
  std::vector<SeenName>& names = ps.names;
  names.clear();
  // A word spread on its own (Lexicons::NameWordAlone): the الثاني of عبد الله الثاني
  // and the الدين of a compound name stay words.
  auto nameable = [&](size_t i) { return lx.NameWordAlone(tt, i); };
  // A token's key: its word id when Annotate gave one (one id per distinct word of the
  // text), else the hash of its text.
  const bool ids = tt.has_word_ids();
  if (!ids) ps.text_key.assign(n, 0);
  auto key_of = [&](size_t i) -> uint64_t {
    if (ids) return uint64_t{tt.word_id[i]} + 1;
    if (ps.text_key[i] == 0) ps.text_key[i] = TextKey(tt.text(i));
    return ps.text_key[i];
  };
  auto add = [&](const size_t* pos, size_t len, uint8_t tag, uint32_t at) {
    SeenName nm;
    nm.len = static_cast<uint8_t>(len);
    nm.tag = tag;
    nm.first = nm.last = at;
    for (size_t k = 0; k < len; ++k) nm.key[k] = key_of(pos[k]);
    nm.first_text = TextKey(tt.text(pos[0]));
    names.push_back(nm);
  };
  // The names of the first pass: each whole span, and the last word of a person's name of
  // two words or more (news gives the surname alone later). Its other words are not
  // spread alone: a given name that is also a word (باسم، عادل، كريم) would be a person
  // wherever the word recurs.
  for (size_t i = 0; i < n;) {
    if (tags[i] == 0 || IsInside(tags[i])) {
      ++i;
      continue;
    }
    size_t e = i + 1;
    while (e < n && IsInside(tags[e]) && TypeOf(tags[e]) == TypeOf(tags[i])) ++e;
    const size_t len = e - i;
    bool ok = len <= static_cast<size_t>(kMaxPropagatedTokens);
    for (size_t k = i; ok && k < e; ++k) ok = tt.tokens[k].kind == TokenKind::kWord;
    if (ok && (len > 1 || nameable(i))) {
      size_t pos[kMaxPropagatedTokens];
      for (size_t k = 0; k < len; ++k) pos[k] = i + k;
      add(pos, len, tags[i], static_cast<uint32_t>(i));
    }
    if (TypeOf(tags[i]) == NerType::kPER && len > 1) {
      const size_t k = e - 1;
      if (nameable(k)) add(&k, 1, tags[i], static_cast<uint32_t>(k));
    }
    i = e;
  }
  if (names.empty()) return;
  // One entry per distinct name (the tag of its first sighting), with the range of its sightings.
  std::stable_sort(names.begin(), names.end(), [](const SeenName& a, const SeenName& b) {
    if (a.key[0] != b.key[0]) return a.key[0] < b.key[0];
    if (a.len != b.len) return a.len > b.len;  // longest first
    return std::memcmp(a.key, b.key, a.len * sizeof a.key[0]) < 0;
  });
  size_t m = 0;
  for (size_t k = 0; k < names.size(); ++k) {
    if (m > 0 && names[m - 1].len == names[k].len &&
        std::memcmp(names[m - 1].key, names[k].key, names[k].len * sizeof names[k].key[0]) == 0) {
      names[m - 1].first = std::min(names[m - 1].first, names[k].first);
      names[m - 1].last = std::max(names[m - 1].last, names[k].last);
      continue;
    }
    names[m++] = names[k];
  }
  names.resize(m);
  // Filters over the names' first tokens: their keys (4096 bits) and their final bytes.
  uint64_t keys_seen[64] = {}, tails_seen[4] = {};
  ps.by_text.clear();
  for (uint32_t k = 0; k < names.size(); ++k) {
    const uint64_t key = names[k].key[0] & 4095;
    keys_seen[key >> 6] |= uint64_t{1} << (key & 63);
    ps.by_text.emplace_back(names[k].first_text, k);
  }
  std::sort(ps.by_text.begin(), ps.by_text.end());
  for (const SeenName& nm : names) {
    const uint32_t t = TailBit(tt.text(nm.first));  // a sighting's first token
    tails_seen[t >> 6] |= uint64_t{1} << (t & 63);
  }
  auto near = [](const SeenName& nm, size_t i) {
    const size_t d = i < nm.first ? nm.first - i : i > nm.last ? i - nm.last : 0;
    return d <= kPropagationWindow;
  };
  // Whether name nm continues at tokens i+1… (its first token matched at i).
  auto rest_matches = [&](const SeenName& nm, size_t i) {
    if (!near(nm, i) || i + nm.len > n) return false;
    for (size_t j = 1; j < nm.len; ++j) {
      if (tags[i + j] != 0 || tt.tokens[i + j].kind != TokenKind::kWord || key_of(i + j) != nm.key[j]) return false;
    }
    return true;
  };
  // The first name (longest first) whose first token has key k and that matches at i.
  auto match = [&](uint64_t k, size_t i) -> const SeenName* {
    if (!(keys_seen[(k & 4095) >> 6] >> (k & 63) & 1)) return nullptr;
    auto it = std::lower_bound(names.begin(), names.end(), k, [](const SeenName& a, uint64_t v) { return a.key[0] < v; });
    for (; it != names.end() && it->key[0] == k; ++it) {
      if (rest_matches(*it, i)) return &*it;
    }
    return nullptr;
  };
  // The same, by the first token's text (a stem behind a proclitic has no word id).
  auto match_text = [&](uint64_t text, size_t i) -> const SeenName* {
    auto it = std::lower_bound(ps.by_text.begin(), ps.by_text.end(), std::make_pair(text, uint32_t{0}));
    const SeenName* best = nullptr;
    for (; it != ps.by_text.end() && it->first == text; ++it) {
      const SeenName& nm = names[it->second];
      if ((!best || nm.len > best->len) && rest_matches(nm, i)) best = &nm;
    }
    return best;
  };
  for (size_t i = 0; i < n; ++i) {
    if (tags[i] != 0 || tt.tokens[i].kind != TokenKind::kWord) continue;
    const SeenName* nm = match(key_of(i), i);
    if (!nm) {
      // The name after a proclitic (وميركل، للظواهري، للاتحاد الأفريقي).
      std::string_view w = tt.text(i);
      const uint32_t t = TailBit(w);
      if (tails_seen[t >> 6] >> (t & 63) & 1 && utf8::CountCodePoints(w) >= 5) {
        lx.clitics.ForEachVariant(w, &ps.scratch, [&](std::string_view v, size_t prefix) {
          if (prefix == 0) return false;
          nm = match_text(TextKey(v), i);
          return nm != nullptr;
        });
      }
    }
    if (!nm || (nm->len == 1 && !nameable(i))) continue;
    tags[i] = nm->tag;
    for (size_t j = 1; j < nm->len; ++j) tags[i + j] = static_cast<uint8_t>(InsideTag(TypeOf(nm->tag)));
    i += nm->len - 1;
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
    ws.memo = WordSlots<Workspace::Summed>();
    Featurizer fz(lx, model.lists());
    FeatureList fl;
    fz.BoundaryFeatures(false, &fl);
    SumWeights(model, fl, ws.bos);
    fz.BoundaryFeatures(true, &fl);
    SumWeights(model, fl, ws.eos);
    int32_t tmin = std::numeric_limits<int32_t>::max(), tmax = std::numeric_limits<int32_t>::min();
    for (int p = 0; p <= kTags; ++p) {
      for (int t = 0; t < 4 * kV; ++t) ws.trans[p][t / 4][t % 4] = t < kTags && Allowed(p, t) ? model.transition(p, t) : kNone;
      for (int t = 0; t < kTags; ++t) {
        if (!Allowed(p, t)) continue;
        tmin = std::min(tmin, model.transition(p, t));
        tmax = std::max(tmax, model.transition(p, t));
      }
    }
    ws.sure = 2 * (tmax - tmin) + 1;
  }
  Featurizer fz(lx, model.lists());
  FeatureList fl;
  // Emissions, kLanes per token (lanes past kTags are 0): em[i][t] sums the votes of
  // tokens i-1, i and i+1 (slots t, kTags + t, 2 kTags + t of their summed weights).
  static_assert(kWindow == 1, "the emission sum below reads tokens i-1, i, i+1");
  ws.emission.resize(static_cast<size_t>(n) * kLanes);  // every lane is written below
  int32_t* em = ws.emission.data();
  alignas(64) int16_t ring[3][kSlots];  // summed weights of tokens i-1, i, i+1
  const int16_t* eos = ws.eos;
  std::memcpy(ring[0], ws.bos, sizeof ws.bos);
  const bool memo = tt.has_word_ids();  // token features are a function of the word only when annotated
  auto fetch = [&](long j, int16_t* dst) {
    if (j >= n) {
      std::memcpy(dst, eos, sizeof ws.eos);
      return;
    }
    if (!memo) {
      fz.TokenFeatures(tt, j, &fl);
      SumWeights(model, fl, dst);
      return;
    }
    constexpr long kAhead = 16;  // memo values are fetched this many tokens before use
    if (j + kAhead < n) ws.memo.Prefetch(tt.word_id[j + kAhead]);
    const Workspace::Summed& e = ws.memo.Get(tt.word_epoch, tt.word_id[j], [&] {
      Workspace::Summed s;
      fz.TokenFeatures(tt, j, &fl);
      SumWeights(model, fl, s.v);
      return s;
    });
    std::memcpy(dst, e.v, sizeof e.v);
  };
  fetch(0, ring[1]);
  for (long i = 0; i < n; ++i) {
    const int16_t* before = ring[i % 3];
    const int16_t* self = ring[(i + 1) % 3];
    int16_t* after = ring[(i + 2) % 3];
    fetch(i + 1, after);
    int32_t* dst = em + i * kLanes;
    for (int t = 0; t < kTags; ++t) dst[t] = before[t] + self[kTags + t] + after[2 * kTags + t];
    for (int t = kTags; t < kLanes; ++t) dst[t] = 0;
  }
  fz.PositionFeatures(tt, [&](size_t i, uint64_t key) {
    Weights w = model.Find(key);
    for (uint32_t k = 0; k < w.n; ++k) {
      int slot = w.slots[k];
      if (slot / kTags == kWindow) em[i * kLanes + slot % kTags] += w.w[k];
    }
  });

  // Viterbi over a first-order chain, on 4-lane vectors (three cover the nine tags; the
  // lanes past kTags and the BIO-forbidden steps cost kNone).
  const auto& trans = ws.trans;
  const V4 none = V4{} + kNone;
  ws.back.resize(static_cast<size_t>(n) * kTags);
  V4 prev[kV], e[kV];
  std::memcpy(e, em, sizeof e);
  for (int v = 0; v < kV; ++v) {
    prev[v] = trans[kStart][v] + e[v];
    prev[v] = prev[v] < none ? none : prev[v];
  }
  // A token whose O emission beats every other tag's by more than any difference the
  // transitions can make on both sides is O on the best path in practice: such runs (most
  // of a text) take the scalar step, the rest the vector step.
  const int32_t sure = ws.sure;
  auto o_only = [&](long i) {
    const int32_t* r = em + i * kLanes;
    int32_t other = r[1];
    for (int t = 2; t < kTags; ++t) other = std::max(other, r[t]);
    return r[0] - other > sure;
  };
  bool only_o = false;  // prev holds O alone
  int32_t pv[4 * kV];
  for (long i = 1; i < n; ++i) {
    uint8_t* b = ws.back.data() + i * kTags;
    if (o_only(i)) {
      int32_t score;
      if (only_o) {
        std::memcpy(pv, prev, sizeof prev);
        score = pv[0] + trans[0][0][0];
        b[0] = 0;
      } else {
        std::memcpy(pv, prev, sizeof prev);
        int arg = 0;
        score = pv[0] + trans[0][0][0];
        for (int p = 1; p < kTags; ++p) {
          int32_t s = pv[p] + trans[p][0][0];
          if (s > score) { score = s; arg = p; }
        }
        b[0] = static_cast<uint8_t>(arg);
      }
      // Relative to the best (the O score), so a long text cannot overflow.
      for (int v = 0; v < kV; ++v) prev[v] = none;
      prev[0][0] = 0;
      (void)score;
      only_o = true;
      continue;
    }
    only_o = false;
    V4 best[kV], arg[kV];
    std::memcpy(pv, prev, sizeof prev);
    for (int v = 0; v < kV; ++v) {
      best[v] = pv[0] + trans[0][v];
      arg[v] = V4{};
    }
    for (int p = 1; p < kTags; ++p) {
      if (pv[p] <= kNone) continue;  // an unreachable tag
      const V4 pp = V4{} + p;
      for (int v = 0; v < kV; ++v) {
        V4 s = pv[p] + trans[p][v];
        V4 better = s > best[v];
        best[v] = (s & better) | (best[v] & ~better);
        arg[v] = (pp & better) | (arg[v] & ~better);
      }
    }
    int32_t av[4 * kV];
    std::memcpy(av, arg, sizeof arg);
    for (int t = 0; t < kTags; ++t) b[t] = static_cast<uint8_t>(av[t]);
    std::memcpy(e, em + i * kLanes, sizeof e);
    for (int v = 0; v < kV; ++v) prev[v] = best[v] + e[v];
    // Scores relative to the best, so a long text cannot overflow them.
    std::memcpy(pv, prev, sizeof prev);
    int32_t top = pv[0];
    for (int t = 1; t < kTags; ++t) top = std::max(top, pv[t]);
    for (int v = 0; v < kV; ++v) {
      prev[v] -= top;
      V4 low = prev[v] < none;
      prev[v] = (none & low) | (prev[v] & ~low);
    }
  }
  std::memcpy(pv, prev, sizeof prev);
  int last = 0;
  for (int t = 1; t < kTags; ++t) {
    if (pv[t] > pv[last]) last = t;
  }
  std::vector<uint8_t>& tags = ws.tags;
  tags.resize(static_cast<size_t>(n));
  for (long i = n - 1; i >= 0; --i) {
    tags[i] = static_cast<uint8_t>(last);
    if (i > 0) last = ws.back[i * kTags + last];
  }
  PropagateNames(tt, lx, &tags);
  SpansOfTags(tags, out);
  if (tags_out) *tags_out = tags;
}

}  // namespace isnad::ner
