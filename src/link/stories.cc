#include "link/stories.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_set>

#include "extract/times.h"
#include "model/document.h"
#include "link/entities.h"
#include "link/reuse.h"
#include "text/stemmer.h"
#include "util/word_memo.h"

namespace isnad {

namespace {

constexpr size_t kLeadMinWords = 5;     // a shorter first line is a kicker or a caption
constexpr size_t kLeadFullWords = 12;   // a shorter lead takes the next sentence too
constexpr size_t kLeadMaxWords = 60;
constexpr size_t kBodyWords = 300;      // body words the content vector reads
constexpr size_t kSummaryScan = 12;     // sentences searched for summary candidates
constexpr size_t kSummaryCandidates = 4;
constexpr size_t kSummaryMinWords = 6, kSummaryMaxWords = 70;

// The stem id of token i, or false for tokens that carry no topic (punctuation,
// numbers, one- and two-letter words, function words).
bool TermOf(const TokenizedText& tt, size_t i, const Lexicons& lx, uint32_t* id) {
  const Token& t = tt.tokens[i];
  if (t.kind != TokenKind::kWord) return false;
  std::string_view w = tt.text(i);
  const bool arabic = t.flags & Token::kArabic;
  if (w.size() < (arabic ? 6u : 2u)) return false;
  if (lx.function_words.Longest(tt, i)) return false;
  // The stem id is a function of the word alone: computed once per word and thread, by
  // the text's word ids when it has them (a title tokenized on its own has none).
  auto stem_id = [arabic](std::string_view word) {
    std::string_view stem = ThreadLocalStemmer(arabic ? Stemmer::Language::kArabic : Stemmer::Language::kEnglish).Stem(word);
    if (stem.size() < (arabic ? 4u : 2u)) stem = word;
    return static_cast<uint32_t>(XXH3_64bits(stem.data(), stem.size()));
  };
  if (tt.has_word_ids()) {
    thread_local WordSlots<uint32_t> by_id;
    *id = by_id.Get(tt.word_epoch, tt.word_id[i], [&] { return stem_id(w); });
  } else {
    thread_local WordMemo<uint32_t, 17> memo;
    *id = memo.Get(lx.instance_id(), w, stem_id);
  }
  return true;
}

size_t Words(const TokenizedText& tt, const Sentence& s) {
  size_t n = 0;
  for (size_t k = s.first_token; k < s.end_token; ++k) n += tt.tokens[k].kind == TokenKind::kWord;
  return n;
}

bool Counted(const Quantity& q) {
  return q.kind == QuantityKind::kCount && q.low && *q.low >= 2 && q.qualifier != Qualifier::kVague &&
         q.qualifier != Qualifier::kAll;
}

uint32_t FigureId(int64_t v) { return static_cast<uint32_t>(XXH3_64bits(&v, sizeof v)); }

// The position of each distinct (id, zone) in a vector of terms: a flat open-addressing
// table, one per thread and use, emptied by bumping its generation. A document has a few
// hundred terms, so the table stays in cache and no node is allocated per term.
class TermIndex {
 public:
  enum class Use { kTerms, kPhrases };  // each use has its own per-thread table
  explicit TermIndex(Use use) : slots_(use == Use::kTerms ? TermSlots() : PhraseSlots()) {
    if (slots_.size() < kMinSlots) slots_.assign(kMinSlots, Slot{});
    if (++slots_[0].generation == 0) {  // wrapped: clear every slot
      for (Slot& sl : slots_) sl = Slot{};
      slots_[0].generation = 1;
    }
    gen_ = slots_[0].generation;
  }
  // Counts one more occurrence of (id, zone) in `terms`.
  void Count(uint32_t id, uint8_t zone, std::vector<StoryFeatures::Term>* terms) {
    if ((terms->size() + 1) * 2 > slots_.size() - 1) Grow(*terms);
    size_t at = Place(id, zone, *terms);
    uint8_t& c = (*terms)[at].count;
    if (c < 255) ++c;
  }

 private:
  struct Slot {
    uint32_t generation = 0;  // slot 0 holds the table's current generation
    uint32_t index = 0;
  };
  static constexpr size_t kMinSlots = 1025;  // slot 0 + a power of two
  static std::vector<Slot>& TermSlots() { thread_local std::vector<Slot> s; return s; }
  static std::vector<Slot>& PhraseSlots() { thread_local std::vector<Slot> s; return s; }
  static size_t Hash(uint32_t id, uint8_t zone) {
    uint64_t k = ((static_cast<uint64_t>(zone) << 32) | id) * 0x9E3779B97F4A7C15ull;
    return static_cast<size_t>(k >> 32);
  }
  // The index of (id, zone) in `terms`, appended when new.
  size_t Place(uint32_t id, uint8_t zone, std::vector<StoryFeatures::Term>& terms) {
    const size_t m = slots_.size() - 2;  // slots 1..m+1
    for (size_t i = Hash(id, zone) & m;; i = (i + 1) & m) {
      Slot& sl = slots_[i + 1];
      if (sl.generation != gen_) {
        sl.generation = gen_;
        sl.index = static_cast<uint32_t>(terms.size());
        terms.push_back({id, zone, 0});
        return sl.index;
      }
      const StoryFeatures::Term& t = terms[sl.index];
      if (t.id == id && t.zone == zone) return sl.index;
    }
  }
  void Grow(const std::vector<StoryFeatures::Term>& terms) {
    const uint32_t g = slots_[0].generation;
    slots_.assign((slots_.size() - 1) * 2 + 1, Slot{});
    slots_[0].generation = g;
    const size_t m = slots_.size() - 2;
    for (uint32_t k = 0; k < terms.size(); ++k) {
      size_t i = Hash(terms[k].id, terms[k].zone) & m;
      while (slots_[i + 1].generation == gen_) i = (i + 1) & m;
      slots_[i + 1] = Slot{gen_, k};
    }
  }
  std::vector<Slot>& slots_;
  uint32_t gen_ = 0;
};

class FeatureBuilder {
 public:
  explicit FeatureBuilder(StoryFeatures* out) : out_(out) {}
  void Term(uint32_t id, uint8_t zone) { term_at_.Count(id, zone, &out_->terms); }
  void Phrase(uint32_t first, uint32_t second, uint8_t zone) {
    const uint32_t pair[2] = {first, second};
    uint32_t id = static_cast<uint32_t>(XXH3_64bits(pair, sizeof pair));
    phrase_at_.Count(id, zone, &out_->phrases);
  }
  void Entity(const Mention& m, uint8_t zone) {
    if (m.type == EntityType::kMEDIA || m.key.empty()) return;
    auto [it, fresh] = entity_at_.emplace(m.key, out_->entities.size());
    if (fresh) out_->entities.push_back({m.key, m.type, zone, 0});
    StoryFeatures::Entity& e = out_->entities[it->second];
    e.zone = std::min(e.zone, zone);
    if (e.count < 255) ++e.count;
  }
  // The kind of happening token i starts naming, if any (data/story_events.tsv).
  void Kind(const TokenizedText& tt, size_t i, const Lexicons& lx, uint8_t zone) {
    if (tt.tokens[i].kind != TokenKind::kWord) return;
    auto m = lx.story_events.Longest(tt, i, &lx.clitics);
    if (!m) return;
    const std::string& c = *m.value;
    uint32_t id = static_cast<uint32_t>(XXH3_64bits(c.data(), c.size()));
    for (const StoryFeatures::Term& k : out_->kinds) {
      if (k.id == id && k.zone == zone) return;
    }
    out_->kinds.push_back({id, zone, 1});
  }
  void Figure(const Quantity& q) {
    if (!Counted(q)) return;
    uint32_t id = FigureId(*q.low);
    if (std::find(out_->figures.begin(), out_->figures.end(), id) == out_->figures.end()) out_->figures.push_back(id);
  }

 private:
  StoryFeatures* out_;
  TermIndex term_at_{TermIndex::Use::kTerms}, phrase_at_{TermIndex::Use::kPhrases};
  std::unordered_map<std::string, size_t> entity_at_;
};

}  // namespace

void ComputeStoryFeatures(const StoryInput& in, const Lexicons& lx, StoryFeatures* out) {
  *out = StoryFeatures();
  FeatureBuilder fb(out);
  // The title, read on its own (it may come from metadata rather than the text).
  if (!in.title.empty()) {
    TokenizedText title;
    lx.normalizer.Normalize(in.title, &title.norm);
    Tokenize(lx.normalizer, &title);
    lx.Annotate(&title);
    std::vector<uint8_t> taken(title.size(), 0);
    std::vector<TimeExpr> times;
    std::vector<Quantity> quantities;
    ExtractTimes(title, lx, &taken, &times);
    ExtractQuantities(title, lx, &taken, &quantities);
    uint32_t prev = 0;
    size_t prev_at = SIZE_MAX;  // the token of the previous content word
    for (size_t i = 0; i < title.size(); ++i) {
      fb.Kind(title, i, lx, StoryFeatures::kTitle);
      uint32_t id;
      if (taken[i] || !TermOf(title, i, lx, &id)) continue;
      fb.Term(id, StoryFeatures::kTitle);
      if (prev_at != SIZE_MAX && prev_at + 1 == i) fb.Phrase(prev, id, StoryFeatures::kTitle);
      prev = id;
      prev_at = i;
    }
    for (const Quantity& q : quantities) fb.Figure(q);
    EntityFacts facts;
    ExtractMentions(title, lx, &facts);
    for (const Mention& m : facts.mentions) fb.Entity(m, StoryFeatures::kTitle);
  }

  // Lead and body: sentences of the article text, in order, up to kBodyWords words.
  const TokenizedText& tt = *in.tt;
  const std::vector<Sentence>& sentences = *in.sentences;
  std::vector<uint8_t> zone_of(tt.size(), 255);
  size_t words = 0, lead_words = 0, scanned = 0, candidates = 0;
  bool lead_open = true, lead_done = false;
  size_t next_q = 0;  // the first quantity not before the sentence
  for (size_t si = 0; si < sentences.size() && words < kBodyWords; ++si) {
    const Sentence& s = sentences[si];
    if (s.end_token <= s.first_token) continue;
    ByteSpan view{tt.tokens[s.first_token].begin, tt.tokens[s.end_token - 1].end};
    if (view.begin < in.body_view.begin || view.end > in.body_view.end) continue;
    if (in.title_view && view.begin < in.title_view->end && in.title_view->begin < view.end) continue;
    ByteSpan span = in.to_input(view);
    if (!in.usable(span)) continue;
    size_t n = Words(tt, s);
    if (n == 0) continue;
    bool lead = false;
    if (lead_open && !lead_done) {
      if (n >= kLeadMinWords || lead_words > 0) {
        lead = true;
        lead_words += n;
        if (lead_words >= kLeadFullWords) lead_done = true;
      }
    }
    if (lead_done && !lead) lead_open = false;
    uint8_t zone = lead ? StoryFeatures::kLead : StoryFeatures::kBody;
    StoryFeatures::Sentence cand;
    size_t at = 0;
    uint32_t prev = 0;
    size_t prev_at = SIZE_MAX;
    for (size_t k = s.first_token; k < s.end_token; ++k) {
      if (tt.tokens[k].kind != TokenKind::kWord) continue;
      uint8_t z = zone == StoryFeatures::kLead && at >= kLeadMaxWords ? uint8_t{StoryFeatures::kBody} : zone;
      ++at;
      zone_of[k] = z;
      if (z == StoryFeatures::kLead) fb.Kind(tt, k, lx, z);
      uint32_t id;
      if ((*in.taken)[k] || !TermOf(tt, k, lx, &id)) continue;
      fb.Term(id, z);
      if (z == StoryFeatures::kLead && prev_at != SIZE_MAX && prev_at + 1 == k) fb.Phrase(prev, id, z);
      prev = id;
      prev_at = k;
      cand.terms.push_back(id);
    }
    words += n;
    // Quantities are in text order, as are sentences: one forward pass over them.
    const std::vector<Quantity>& qs = *in.quantities;
    while (next_q < qs.size() && qs[next_q].first < s.first_token) ++next_q;
    for (size_t k = next_q; k < qs.size() && qs[k].first < s.end_token; ++k) {
      if (zone_of[qs[k].first] == StoryFeatures::kLead) fb.Figure(qs[k]);
    }
    // Summary candidates: the lead, and attributed sentences near the top.
    if (scanned++ < kSummaryScan && candidates < kSummaryCandidates && n >= kSummaryMinWords && n <= kSummaryMaxWords) {
      const Attribution& at_ = *in.attribution;
      cand.attributed = (si < at_.sentence_speaker.size() && at_.sentence_speaker[si] >= 0) ||
                        (si < at_.sentence_according.size() && !at_.sentence_according[si].empty());
      if (lead || cand.attributed) {
        std::sort(cand.terms.begin(), cand.terms.end());
        cand.terms.erase(std::unique(cand.terms.begin(), cand.terms.end()), cand.terms.end());
        cand.span = span;
        out->sentences.push_back(std::move(cand));
        ++candidates;
      }
    }
  }
  for (const Mention& m : in.facts->mentions) {
    if (m.first < zone_of.size() && zone_of[m.first] != 255) fb.Entity(m, zone_of[m.first]);
  }
}

// ---------------------------------------------------------------- the index

namespace {

constexpr uint64_t kTermSpace = 1ull << 56, kEntitySpace = 2ull << 56, kFigureSpace = 3ull << 56,
                   kPhraseSpace = 4ull << 56;
constexpr uint64_t kLow56 = (1ull << 56) - 1;
constexpr size_t kRetiredFeatures = 64;  // centroid features kept once a story is out of the window
constexpr size_t kRetireEvery = 1024;    // documents between two sweeps for stories to retire

// Adds n members naming kind `id` to a story's (kind, members) counts.
void CountKind(std::vector<std::pair<uint32_t, uint32_t>>* kinds, uint32_t id, uint32_t n) {
  for (auto& k : *kinds) {
    if (k.first == id) {
      k.second += n;
      return;
    }
  }
  kinds->push_back({id, n});
}
constexpr size_t kMaxActors = 5, kMaxPlaces = 5;

uint64_t EntityFeature(std::string_view id) { return kEntitySpace | (XXH3_64bits(id.data(), id.size()) & kLow56); }

double Tf(int count) { return 1.0 + std::log(static_cast<double>(std::max(count, 1))); }

// Sorts by feature, sums duplicates, scales to unit length.
void Normalize(std::vector<std::pair<uint64_t, float>>* v) {
  std::sort(v->begin(), v->end());
  size_t w = 0;
  for (size_t r = 0; r < v->size(); ++r) {
    if (w > 0 && (*v)[w - 1].first == (*v)[r].first) {
      (*v)[w - 1].second += (*v)[r].second;
    } else {
      (*v)[w++] = (*v)[r];
    }
  }
  v->resize(w);
  double n2 = 0;
  for (const auto& [f, x] : *v) n2 += static_cast<double>(x) * x;
  if (n2 <= 0) return;
  const double inv = 1.0 / std::sqrt(n2);
  for (auto& [f, x] : *v) x = static_cast<float>(x * inv);
}

// Dot product of two vectors sorted by feature.
double SparseDot(const std::vector<std::pair<uint64_t, float>>& a, const std::vector<std::pair<uint64_t, float>>& b) {
  const auto& small = a.size() <= b.size() ? a : b;
  const auto& large = a.size() <= b.size() ? b : a;
  double d = 0;
  if (large.size() > 8 * small.size()) {
    for (const auto& [f, x] : small) {
      auto it = std::lower_bound(large.begin(), large.end(), f, [](const auto& e, uint64_t k) { return e.first < k; });
      if (it != large.end() && it->first == f) d += static_cast<double>(x) * it->second;
    }
    return d;
  }
  // The merge advances without a branch on which side is behind (the two sides
  // interleave at random, so that branch is mispredicted about half the time); a
  // product is added only at a shared feature, in feature order as before.
  const auto* pa = a.data();
  const auto* pb = b.data();
  const auto* ea = pa + a.size();
  const auto* eb = pb + b.size();
  while (pa < ea && pb < eb) {
    const uint64_t fa = pa->first, fb = pb->first;
    if (fa == fb) d += static_cast<double>(pa->second) * pb->second;
    pa += fa <= fb;
    pb += fb <= fa;
  }
  return d;
}

}  // namespace

void StoryIndex::Centroid::Add(const Vec& v, double v2) {
  double dot = SparseDot(w, v);
  Vec sum;
  sum.reserve(w.size() + v.size());
  size_t i = 0, j = 0;
  while (i < w.size() || j < v.size()) {
    if (j == v.size() || (i < w.size() && w[i].first < v[j].first)) {
      sum.push_back(w[i++]);
    } else if (i == w.size() || v[j].first < w[i].first) {
      sum.push_back(v[j++]);
    } else {
      sum.push_back({w[i].first, w[i].second + v[j].second});
      ++i;
      ++j;
    }
  }
  w.swap(sum);
  norm2 += 2 * dot + v2;
}

double StoryIndex::Centroid::Cosine(const Vec& unit) const {
  return norm2 > 0 ? SparseDot(w, unit) / std::sqrt(norm2) : 0.0;
}

double StoryIndex::Centroid::Cosine(const Centroid& c) const {
  return norm2 > 0 && c.norm2 > 0 ? SparseDot(w, c.w) / std::sqrt(norm2 * c.norm2) : 0.0;
}

void StoryIndex::Centroid::Prune(size_t keep) {
  if (w.size() <= keep) return;
  std::nth_element(w.begin(), w.begin() + keep, w.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  w.resize(keep);
  std::sort(w.begin(), w.end());
  w.shrink_to_fit();
  norm2 = 0;
  for (const auto& [f, x] : w) norm2 += static_cast<double>(x) * x;
}

StoryIndex::StoryIndex(StoryOptions options) : opt_(options) {}

const std::string& StoryIndex::EntityId(const StoryDoc& d, size_t i) {
  return i < d.entity_ids.size() && !d.entity_ids[i].empty() ? d.entity_ids[i] : d.features->entities[i].key;
}

double StoryIndex::Idf(uint64_t feature) const {
  const double n0 = opt_.prior_documents;
  const uint32_t n = static_cast<uint32_t>(observed_.size());
  auto it = df_.find(feature);
  if (it == df_.end()) return std::log((static_cast<double>(n) + n0) / (1.0 + n0 * opt_.prior_rate));
  const Df& d = it->second;
  if (d.n != n) {
    d.n = n;
    d.idf = std::log((static_cast<double>(n) + n0) / (static_cast<double>(d.df) + n0 * opt_.prior_rate));
  }
  return d.idf;
}

void StoryIndex::Observe(const StoryDoc& doc) {
  if (!observed_.insert(doc.index).second) return;
  std::unordered_set<uint64_t> seen;
  const StoryFeatures& f = *doc.features;
  for (const StoryFeatures::Term& t : f.terms) seen.insert(kTermSpace | t.id);
  for (const StoryFeatures::Term& t : f.phrases) seen.insert(kPhraseSpace | t.id);
  for (uint32_t id : f.figures) seen.insert(kFigureSpace | id);
  for (size_t i = 0; i < f.entities.size(); ++i) seen.insert(EntityFeature(EntityId(doc, i)));
  for (uint64_t x : seen) ++df_[x].df;
}

void StoryIndex::Vectors(const StoryDoc& d, Vec* headline, Vec* content) const {
  // Either may be null: Add reads the content vector only, Snapshot the headline.
  const StoryFeatures& f = *d.features;
  if (headline) headline->clear();
  if (content) content->clear();
  auto add = [](Vec* v, uint64_t feat, double w) {
    if (v) v->push_back({feat, static_cast<float>(w)});
  };
  for (const StoryFeatures::Term& t : f.terms) {
    if (!content && t.zone == StoryFeatures::kBody) continue;
    uint64_t feat = kTermSpace | t.id;
    double w = (t.zone == StoryFeatures::kTitle ? opt_.title_boost : 1.0) * t.count * Idf(feat);
    if (t.zone != StoryFeatures::kBody) add(headline, feat, w);
    add(content, feat, w);  // Normalize sums the zones of a term
  }
  for (const StoryFeatures::Term& t : f.phrases) {
    uint64_t feat = kPhraseSpace | t.id;
    double w = opt_.phrase_weight * (t.zone == StoryFeatures::kTitle ? opt_.title_boost : 1.0) * t.count * Idf(feat);
    add(headline, feat, w);
    add(content, feat, w);
  }
  for (uint32_t id : f.figures) {
    uint64_t feat = kFigureSpace | id;
    const double idf = Idf(feat);
    add(headline, feat, idf);
    add(content, feat, idf);
  }
  for (size_t i = 0; i < f.entities.size(); ++i) {
    const StoryFeatures::Entity& e = f.entities[i];
    if (!content && e.zone == StoryFeatures::kBody) continue;
    uint64_t feat = EntityFeature(EntityId(d, i));
    double idf = Idf(feat);
    if (e.zone != StoryFeatures::kBody) add(headline, feat, idf);
    add(content, feat, Tf(e.count) * idf);
  }
  if (headline) Normalize(headline);
  if (content) Normalize(content);
}

uint32_t StoryIndex::Find(uint32_t s) const {
  while (heads_[s].parent != s) {
    heads_[s].parent = heads_[heads_[s].parent].parent;
    s = heads_[s].parent;
  }
  return s;
}

uint32_t StoryIndex::Union(uint32_t a, uint32_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return a;
  if (stories_[a].members.size() < stories_[b].members.size()) std::swap(a, b);
  Story& to = stories_[a];
  Story& from = stories_[b];
  to.centroid.Add(from.centroid.w, from.centroid.norm2);
  to.centroid.Prune(opt_.max_centroid);
  to.members.insert(to.members.end(), from.members.begin(), from.members.end());
  for (const auto& [id, n] : from.kinds) CountKind(&to.kinds, id, n);
  from = Story{};
  Head& th = heads_[a];
  Head& fh = heads_[b];
  if (fh.first >= 0 && (th.first < 0 || fh.first < th.first)) th.first = fh.first;
  if (fh.last > th.last) th.last = fh.last;
  fh = Head{-1, -1, a};  // absorbed: points at the story it joined
  return a;
}

void StoryIndex::Index(uint32_t story, const Vec& v) {
  // The document's most distinctive features only: those a later report of the same
  // happening is likely to share.
  std::vector<std::pair<float, uint64_t>> top;
  top.reserve(v.size());
  for (const auto& [f, x] : v) top.push_back({x, f});
  size_t n = std::min(top.size(), opt_.query_features);
  std::partial_sort(top.begin(), top.begin() + n, top.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (size_t k = 0; k < n; ++k) {
    std::vector<uint32_t>& list = postings_[top[k].second];
    if (!list.empty() && list.back() == story) continue;
    list.push_back(story);
    if (list.size() >= 2 * opt_.max_postings) list.erase(list.begin(), list.end() - opt_.max_postings);
  }
}

int64_t StoryIndex::Gap(int64_t minutes, const Head& s) {
  if (minutes < 0 || s.first < 0) return 0;
  return minutes < s.first ? s.first - minutes : (minutes > s.last ? minutes - s.last : 0);
}

double StoryIndex::Similarity(const Vec& content, int64_t minutes, uint32_t story) const {
  double sim = stories_[story].centroid.Cosine(content);
  const Head& s = heads_[story];
  double hours = Gap(minutes, s) / 60.0 - opt_.grace_hours;
  if (hours > 0) sim *= std::exp(-hours / opt_.decay_hours);
  // A story that would grow longer than span_hours needs a closer match for every hour
  // beyond: one happening is reported for days, a topic for weeks.
  if (minutes >= 0 && s.first >= 0) {
    const double span = (std::max(minutes, s.last) - std::min(minutes, s.first)) / 60.0 - opt_.span_hours;
    if (span > 0) sim *= std::exp(-span / opt_.span_decay_hours);
  }
  return sim;
}

double StoryIndex::KindFactor(const StoryFeatures& f, uint32_t story) const {
  const Story& s = stories_[story];
  if (f.kinds.empty() || s.kinds.empty() || s.members.empty() || opt_.kind_share <= 0) return 1.0;
  // The title's kinds: a headline names its act in its main clause; the lead's when the
  // title names none.
  bool titled = false;
  for (const StoryFeatures::Term& k : f.kinds) titled |= k.zone == StoryFeatures::kTitle;
  const uint8_t zone = titled ? StoryFeatures::kTitle : StoryFeatures::kLead;
  uint32_t best = 0;
  for (const StoryFeatures::Term& k : f.kinds) {
    if (k.zone != zone) continue;
    for (const auto& [c, n] : s.kinds) {
      if (c == k.id) best = std::max(best, n);
    }
  }
  const double share = static_cast<double>(best) / s.members.size();
  if (share >= opt_.kind_share) return 1.0;
  return opt_.kind_floor + (1 - opt_.kind_floor) * share / opt_.kind_share;
}

void StoryIndex::Retire() {
  const double window = opt_.window_hours * 60;
  for (uint32_t s = 0; s < stories_.size(); ++s) {
    Story& st = stories_[s];
    const Head& h = heads_[s];
    if (h.parent != s || h.last < 0 || h.last + window >= latest_ || st.centroid.w.size() <= kRetiredFeatures) continue;
    st.centroid.Prune(kRetiredFeatures);
  }
}

void StoryIndex::Add(StoryDoc doc) {
  const uint32_t arrival = static_cast<uint32_t>(docs_.size());
  arrival_of_[doc.index] = arrival;
  if (!observed_.count(doc.index)) Observe(doc);
  const int64_t minutes = doc.minutes;
  latest_ = std::max(latest_, minutes);
  Vec content;
  Vectors(doc, nullptr, &content);
  docs_.push_back({std::move(doc), 0});

  auto join = [&](uint32_t s) {
    s = Find(s);
    Story& st = stories_[s];
    st.centroid.Add(content, 1.0);
    if (st.centroid.w.size() > opt_.max_centroid * 3 / 2) st.centroid.Prune(opt_.max_centroid);
    st.members.push_back(arrival);
    const std::vector<StoryFeatures::Term>& kinds = docs_[arrival].doc.features->kinds;
    for (size_t i = 0; i < kinds.size(); ++i) {
      bool again = false;  // the same kind in the title and the lead counts once
      for (size_t j = 0; j < i; ++j) again |= kinds[j].id == kinds[i].id;
      if (!again) CountKind(&st.kinds, kinds[i].id, 1);
    }
    if (minutes >= 0) {
      Head& h = heads_[s];
      if (h.first < 0 || minutes < h.first) h.first = minutes;
      if (minutes > h.last) h.last = minutes;
    }
    docs_[arrival].story = s;
    Index(s, content);
    return s;
  };
  if (docs_.size() % kRetireEvery == 0) Retire();

  // A republication joins its original (and brings together the stories of several).
  std::optional<uint32_t> copied;
  for (size_t other : docs_[arrival].doc.republishes) {
    auto it = arrival_of_.find(other);
    if (it == arrival_of_.end() || it->second == arrival) continue;
    uint32_t s = Find(docs_[it->second].story);
    // A template reused days later (a daily report's fixed paragraphs) is no copy that
    // stretches a story beyond span_hours; it is matched like any report.
    const Head& st = heads_[s];
    if (minutes >= 0 && st.first >= 0 && std::max(minutes, st.last) - std::min(minutes, st.first) > opt_.span_hours * 60) continue;
    copied = copied ? Union(*copied, s) : s;
  }
  if (copied) {
    join(*copied);
    return;
  }

  // Candidates: stories indexed under the document's most distinctive features, recent
  // enough to continue, ranked by the weight of the features they share.
  std::vector<std::pair<float, uint64_t>> query;
  query.reserve(content.size());
  for (const auto& [f, x] : content) query.push_back({x, f});
  size_t nq = std::min(query.size(), opt_.query_features);
  std::partial_sort(query.begin(), query.begin() + nq, query.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  query.resize(nq);
  const double window = opt_.window_hours * 60;
  acc_.resize(stories_.size(), 0.0f);
  scored_.resize(stories_.size(), 0);
  touched_.clear();
  for (const auto& [x, f] : query) {
    auto it = postings_.find(f);
    if (it == postings_.end()) continue;
    const std::vector<uint32_t>& list = it->second;
    size_t seen = 0;
    for (auto p = list.rbegin(); p != list.rend() && seen < opt_.max_postings; ++p, ++seen) {
      uint32_t s = Find(*p);
      if (Gap(minutes, heads_[s]) > window) continue;
      if (!scored_[s]) {
        scored_[s] = 1;
        touched_.push_back(s);
      }
      acc_[s] += x;
    }
  }
  std::vector<std::pair<float, uint32_t>> ranked;
  ranked.reserve(touched_.size());
  for (uint32_t s : touched_) {
    ranked.push_back({acc_[s], s});
    acc_[s] = 0.0f;
    scored_[s] = 0;
  }
  auto by_score = [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; };
  size_t nc = std::min(ranked.size(), opt_.max_candidates);
  std::partial_sort(ranked.begin(), ranked.begin() + nc, ranked.end(), by_score);
  ranked.resize(nc);
  std::vector<std::pair<double, uint32_t>> scored;
  for (const auto& [a, s] : ranked) scored.push_back({Similarity(content, minutes, s), s});
  std::sort(scored.begin(), scored.end(), by_score);

  // The best match is joined unless the kinds of happening tell them apart (a check on
  // the join only: the ranking stays the content's).
  if (scored.empty() ||
      scored[0].first * KindFactor(*docs_[arrival].doc.features, Find(scored[0].second)) < opt_.join) {
    uint32_t s = static_cast<uint32_t>(stories_.size());
    stories_.push_back(Story{});
    heads_.push_back(Head{-1, -1, s});
    join(s);
    return;
  }
  uint32_t s = join(scored[0].second);
  // Bridges: another story this document also belongs to, whose centroid is now close.
  for (size_t k = 1; k < scored.size() && scored[k].first >= opt_.join; ++k) {
    uint32_t o = Find(scored[k].second);
    s = Find(s);
    if (o != s && stories_[s].centroid.Cosine(stories_[o].centroid) >= opt_.merge) s = Union(s, o);
  }
}

std::vector<StoryRecord> StoryIndex::Snapshot(std::vector<size_t>* story_of) const {
  auto earlier = [&](uint32_t a, uint32_t b) {
    const StoryDoc &x = docs_[a].doc, &y = docs_[b].doc;
    if ((x.minutes < 0) != (y.minutes < 0)) return x.minutes >= 0;
    if (x.minutes != y.minutes) return x.minutes < y.minutes;
    return x.id != y.id ? x.id < y.id : x.index < y.index;
  };
  std::vector<std::vector<uint32_t>> members;
  std::vector<uint32_t> roots;
  for (uint32_t s = 0; s < stories_.size(); ++s) {
    if (Find(s) != s || stories_[s].members.empty()) continue;
    roots.push_back(s);
    members.push_back(stories_[s].members);
    std::sort(members.back().begin(), members.back().end(), earlier);
  }
  std::vector<size_t> order(roots.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return earlier(members[a][0], members[b][0]); });
  if (story_of) {
    size_t max_index = 0;
    for (const DocState& d : docs_) max_index = std::max(max_index, d.doc.index);
    story_of->assign(docs_.empty() ? 0 : max_index + 1, SIZE_MAX);
  }

  std::vector<StoryRecord> out;
  out.reserve(order.size());
  Vec headline;
  for (size_t oi : order) {
    const Story& st = stories_[roots[oi]];
    const std::vector<uint32_t>& m = members[oi];
    StoryRecord r;
    const std::string& seed = docs_[m[0]].doc.id;
    char id[24];
    std::snprintf(id, sizeof id, "s-%012llx",
                  static_cast<unsigned long long>(XXH3_64bits(seed.data(), seed.size()) & 0xFFFFFFFFFFFFull));
    r.id = id;
    r.first = heads_[roots[oi]].first;
    r.last = heads_[roots[oi]].last;
    r.title_doc = docs_[m[0]].doc.index;
    double best_title = -1;
    std::unordered_map<std::string, int> outlets;
    struct Tally {
      double score = 0;
      uint32_t first = 0;
      bool place = false;
    };
    std::unordered_map<std::string, Tally> entities;
    struct Candidate {
      double score;
      uint32_t doc;
      const StoryFeatures::Sentence* s;
    };
    std::vector<Candidate> candidates;
    for (uint32_t a : m) {
      const StoryDoc& d = docs_[a].doc;
      r.docs.push_back(d.index);
      if (story_of) (*story_of)[d.index] = out.size();
      Vectors(d, &headline, nullptr);
      double c = st.centroid.Cosine(headline);
      if (c > best_title) {
        best_title = c;
        r.title_doc = d.index;
      }
      if (!d.outlet.empty()) ++outlets[d.outlet];
      const StoryFeatures& f = *d.features;
      for (size_t i = 0; i < f.entities.size(); ++i) {
        const StoryFeatures::Entity& e = f.entities[i];
        auto [it, fresh] = entities.emplace(EntityId(d, i), Tally{0, a, false});
        it->second.score += e.zone == StoryFeatures::kBody ? 1.0 : 2.0;
        it->second.place = e.type == EntityType::kGPE || e.type == EntityType::kLOC || e.type == EntityType::kFAC;
      }
      for (const StoryFeatures::Sentence& s : f.sentences) {
        Vec v;
        for (uint32_t t : s.terms) v.push_back({kTermSpace | t, static_cast<float>(Idf(kTermSpace | t))});
        Normalize(&v);
        candidates.push_back({st.centroid.Cosine(v) * (s.attributed ? 1.0 : 0.6), a, &s});
      }
    }
    std::vector<std::pair<int, std::string>> by_count;
    for (const auto& [o, n] : outlets) by_count.push_back({-n, o});
    std::sort(by_count.begin(), by_count.end());
    for (const auto& [n, o] : by_count) r.outlets.push_back(o);
    // Actors and places named by at least a quarter of the members (title and lead count double).
    std::vector<std::tuple<double, uint32_t, std::string, bool>> ranked;
    const double floor = std::max(1.0, m.size() / 4.0);
    for (const auto& [eid, t] : entities) {
      if (t.score >= floor) ranked.push_back({-t.score, t.first, eid, t.place});
    }
    std::sort(ranked.begin(), ranked.end());
    for (const auto& [score, first, eid, place] : ranked) {
      std::vector<std::string>& list = place ? r.places : r.actors;
      if (list.size() < (place ? kMaxPlaces : kMaxActors)) list.push_back(eid);
    }
    // Summary: the most central sentences, attributed ones first, one per document, no
    // two alike (stem Jaccard of one half or more is the same sentence retold).
    std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
      if (a.score != b.score) return a.score > b.score;
      if (a.doc != b.doc) return earlier(a.doc, b.doc);
      return a.s->span.begin < b.s->span.begin;
    });
    std::vector<const Candidate*> picked;
    for (const Candidate& c : candidates) {
      if (picked.size() >= opt_.summary_sentences) break;
      bool ok = true;
      for (const Candidate* p : picked) {
        if (p->doc == c.doc) ok = false;
        size_t common = 0;
        for (uint32_t t : c.s->terms) common += std::binary_search(p->s->terms.begin(), p->s->terms.end(), t);
        size_t all = c.s->terms.size() + p->s->terms.size() - common;
        if (all > 0 && common * 2 >= all) ok = false;
      }
      if (ok) picked.push_back(&c);
    }
    std::sort(picked.begin(), picked.end(), [&](const Candidate* a, const Candidate* b) {
      return a->doc != b->doc ? earlier(a->doc, b->doc) : a->s->span.begin < b->s->span.begin;
    });
    for (const Candidate* c : picked) r.summary.push_back({docs_[c->doc].doc.index, c->s->span});
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<StoryRecord> ClusterStories(const std::vector<DocAnalysis>& docs, const std::vector<ReusePassage>& reuse,
                                        const EntityLinker& linker, std::vector<size_t>* story_of,
                                        const StoryOptions& options) {
  auto minutes = [&](const DocAnalysis& a) -> int64_t {
    if (!a.published.valid()) return -1;
    int64_t m = static_cast<int64_t>(a.published.serial()) * 1440;
    return m + (a.hour >= 0 ? a.hour * 60 + std::max(a.minute, 0) : 12 * 60);
  };
  // Republications: words of each side inside passages shared with one other document.
  auto words_in = [](const DocShingles& s, ByteSpan span) {
    auto lo = std::lower_bound(s.words.begin(), s.words.end(), span.begin,
                               [](const ByteSpan& w, uint32_t b) { return w.begin < b; });
    auto hi = std::lower_bound(lo, s.words.end(), span.end, [](const ByteSpan& w, uint32_t e) { return w.end <= e; });
    return static_cast<size_t>(hi - lo);
  };
  std::unordered_map<uint64_t, std::pair<size_t, size_t>> shared;  // (a, b) -> words of a, words of b
  for (const ReusePassage& p : reuse) {
    auto& w = shared[(static_cast<uint64_t>(p.doc_a) << 32) | p.doc_b];
    w.first += words_in(docs[p.doc_a].shingles, p.span_a);
    w.second += words_in(docs[p.doc_b].shingles, p.span_b);
  }
  std::vector<std::vector<size_t>> copies(docs.size());
  for (const auto& [key, w] : shared) {
    size_t a = key >> 32, b = key & 0xFFFFFFFFu;
    size_t na = docs[a].shingles.words.size(), nb = docs[b].shingles.words.size();
    if (na == 0 || nb == 0) continue;
    if (w.first >= options.republication * na && w.second >= options.republication * nb) {
      copies[a].push_back(b);
      copies[b].push_back(a);
    }
  }
  std::vector<size_t> order(docs.size());
  std::vector<int64_t> when(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    order[i] = i;
    when[i] = minutes(docs[i]);
  }
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    if ((when[x] < 0) != (when[y] < 0)) return when[x] >= 0;
    if (when[x] != when[y]) return when[x] < when[y];
    return docs[x].id != docs[y].id ? docs[x].id < docs[y].id : x < y;
  });
  const StoryOptions& opt = options;
  StoryIndex index(opt);
  std::vector<StoryDoc> batch;
  batch.reserve(order.size());
  for (size_t i : order) {
    const DocAnalysis& a = docs[i];
    StoryDoc d;
    d.index = i;
    d.id = a.id;
    d.minutes = when[i];
    d.outlet = a.outlet;
    d.features = &a.story;
    for (const StoryFeatures::Entity& e : a.story.entities) d.entity_ids.push_back(linker.IdOf(e.key));
    std::sort(copies[i].begin(), copies[i].end());
    d.republishes = copies[i];
    if (opt.prime_df) index.Observe(d);
    batch.push_back(std::move(d));
  }
  for (StoryDoc& d : batch) index.Add(std::move(d));
  return index.Snapshot(story_of);
}

}  // namespace isnad
