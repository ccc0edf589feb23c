#include "link/pipeline.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <thread>

#include "extract/attribution.h"
#include "extract/claims.h"
#include "extract/entities.h"
#include "extract/framing.h"
#include "extract/numbers.h"
#include "extract/times.h"
#include "ingest/header.h"
#include "link/reuse.h"
#include "link/stories.h"
#include "text/sentences.h"
#include "util/utf8.h"

namespace isnad {

namespace {

// Days before publication after which a named time is another time than the article's.
constexpr long kOtherTimeDays = 45;

// Tokens between a count and the time it is of.
constexpr long kMaxOtherTimeDistance = 30;

// Tokens of the longest time expression (a date with its weekday, month and year).
constexpr size_t kMaxTimeTokens = 16;

// Tokens a "since" cue may stand before the time it opens (منذ الحرب التي شنتها … صيف 2014).
constexpr size_t kSinceReach = 12;

// Tokens a superlative may stand before a "since" cue (أكثر الأيام دموية في غزة منذ).
constexpr size_t kCompareReach = 8;
// Tokens back from a "since then" to the time it points to (this sentence or the one before).
constexpr size_t kSinceThenReach = 60;

// The value of the time in sentence `s` nearest quantity `q` that lies well before the
// publication (a past year, month or date: "هجوم مماثل عام 2013 … أكثر من 1000"), or "".
// A time nearer another count of the sentence is that count's. A count "since" a time
// (قتل 350 ألفا منذ اندلاع الحرب عام 2011) is of that time on: its value is the start.
// But a "since" after a superlative opens a reference of comparison, not the count's time
// ("the deadliest day since the 2014 war"), and a time beyond another "since" than its
// own is in another phrase.
std::string OtherTimeOf(const TokenizedText& tt, const Lexicons& lx, const std::vector<TimeExpr>& times, const Sentence& s,
                        const std::vector<Quantity>& quantities, size_t qi, const CivilDate& published) {
  if (!published.valid()) return "";
  const Quantity& q = quantities[qi];
  auto distance = [](const Quantity& c, const TimeExpr& t) {
    return t.first > c.num_last ? long(t.first) - long(c.num_last) : std::max(0L, long(c.num_first) - long(t.last));
  };
  // Whether a count next to qi in text order is nearer t (counts are in text order).
  auto nearer_other = [&](const TimeExpr& t, long d) {
    for (size_t k = qi + 1; k < quantities.size() && k <= qi + 3; ++k) {
      const Quantity& o = quantities[k];
      if (o.kind == QuantityKind::kCount && o.num_first < s.end_token && distance(o, t) < d) return true;
    }
    for (size_t k = qi; k > 0 && k + 3 > qi; --k) {
      const Quantity& o = quantities[k - 1];
      if (o.kind == QuantityKind::kCount && o.num_first >= s.first_token && distance(o, t) < d) return true;
    }
    return false;
  };
  auto cue = [&](size_t k, uint32_t role) {
    if (tt.tokens[k].kind != TokenKind::kWord) return false;
    auto m = lx.time_cues.Longest(tt, k, &lx.clitics);
    return m && (m.value->roles & role) != 0;
  };
  auto since = [&](size_t k) { return cue(k, TimeCue::kSince); };
  auto clause_break = [&](size_t k) {
    if (tt.tokens[k].kind != TokenKind::kPunct) return false;
    std::string_view p = tt.text(k);
    return p == "," || p == ";" || p == ":" || p == ".";
  };
  auto in_quantity = [&](size_t k) {  // أكثر of "أكثر من 100" qualifies a count, it compares nothing
    // Quantities are in text order and do not overlap: the last one starting at or before k.
    auto it = std::upper_bound(quantities.begin(), quantities.end(), k,
                               [](size_t tok, const Quantity& o) { return tok < o.first; });
    return it != quantities.begin() && k <= std::prev(it)->last;
  };
  // The "since" cue that opens t: within kSinceReach tokens before it, in its clause.
  auto opener = [&](const TimeExpr& t) -> long {
    for (size_t k = t.first, reach = 0; k > s.first_token && reach < kSinceReach; ++reach) {
      if (clause_break(--k)) break;
      if (since(k)) return static_cast<long>(k);
    }
    return -1;
  };
  // A superlative shortly before the "since" cue at p, in its clause.
  auto compared = [&](size_t p) {
    for (size_t k = p, reach = 0; k > s.first_token && reach < kCompareReach; ++reach) {
      if (clause_break(--k)) break;
      if (cue(k, TimeCue::kSinceCompare) && !in_quantity(k)) return true;
    }
    return false;
  };
  auto excluded = [&](const TimeExpr& t) {
    const long own = opener(t);
    // The count inside the phrase a compared "since" opens is of that time (أسوأ هجوم منذ
    // أن قتل 50 … عام 2013); a count outside it is of now.
    const bool inside = own >= 0 && static_cast<long>(q.first) > own && q.last < t.first;
    if (own >= 0 && !inside && compared(static_cast<size_t>(own))) return true;
    const size_t from = t.first > q.num_last ? q.num_last + 1 : t.last + 1;
    const size_t to = t.first > q.num_last ? t.first : q.num_first;
    bool broke = false;  // a clause break between the count and a later t
    for (size_t k = from; k < to; ++k) {
      if (static_cast<long>(k) != own && since(k)) return true;
      if (t.first > q.num_last) {
        broke |= clause_break(k);
        // … then a relative clause: the time is of what that clause tells about another
        // noun (أوامر بتوقيف 86 ضابطا، بتهمة الانتماء لجماعة غولن، الذي تتهمه … عام 2016).
        if (broke && cue(k, TimeCue::kRelative)) return true;
      }
    }
    return false;
  };
  // Only times within reach of the count are looked at (a sentence of a million tokens
  // costs each count a bounded window, not the whole sentence).
  const size_t window_first = std::max<size_t>(
      s.first_token, q.first > kMaxOtherTimeDistance + kMaxTimeTokens ? q.first - kMaxOtherTimeDistance - kMaxTimeTokens : 0);
  const size_t window_end = std::min<size_t>(s.end_token, q.last + kMaxOtherTimeDistance + 1);
  auto lo = std::lower_bound(times.begin(), times.end(), window_first,
                             [](const TimeExpr& t, size_t tok) { return t.first < tok; });
  auto resolved = [](const TimeExpr& t) {
    return !t.value.empty() && t.first_day.year != 0 &&
           (t.kind == TimeExpr::Kind::kYear || t.kind == TimeExpr::Kind::kMonth || t.kind == TimeExpr::Kind::kDate);
  };
  auto other = [&](const TimeExpr& t) {
    return t.kind == TimeExpr::Kind::kYear ? std::max(t.year_end, t.first_day.year) < published.year
                                           : t.first_day.valid() && t.first_day.serial() < published.serial() - kOtherTimeDays;
  };
  // A period opened before the count, at the sentence's start (ومنذ 30 مارس، يتدفق آلاف …)
  // or in the count's clause, holds the count: the count is of that time on, however
  // recent. (Not a count inside the "since" clause: منذ أن قتل 50 … عام 2013.)
  for (auto it = lo; it != times.end() && it->last < q.first; ++it) {
    if (!resolved(*it)) continue;
    const long p = opener(*it);
    if (p < 0 || compared(static_cast<size_t>(p))) continue;
    bool same_clause = true;
    for (size_t k = it->last + 1; k < q.first && same_clause; ++k) same_clause = !clause_break(k);
    if (same_clause || p == static_cast<long>(s.first_token)) return other(*it) ? it->value : "";
  }
  // "Since then" in the count's clause (وأوقع النزاع منذ ذلك الحين نحو عشرة آلاف قتيل،
  // قتل 60 شخصا منذ ذلك التاريخ): the period opens at the time the text named last before
  // the cue, in this sentence or shortly before it, and the count is of that time on.
  auto since_then = [&](size_t k) -> std::optional<std::string> {
    if (!cue(k, TimeCue::kSinceThen)) return std::nullopt;
    const size_t after = k + lx.time_cues.Longest(tt, k, &lx.clitics).ntokens;
    auto next = std::lower_bound(times.begin(), times.end(), k, [](const TimeExpr& t, size_t tok) { return t.first < tok; });
    if (next != times.end() && next->first <= after) return std::nullopt;  // منذ هذا الصباح names its own time
    for (auto it = next; it != times.begin();) {
      const TimeExpr& t = *--it;
      if (t.last + kSinceThenReach < k) break;
      if (resolved(t)) return other(t) ? t.value : "";
    }
    return "";
  };
  for (size_t k = q.first; k-- > s.first_token && k + kSinceReach >= q.first && !clause_break(k);) {
    if (auto v = since_then(k)) return *v;
  }
  for (size_t k = q.last + 1; k < s.end_token && k <= q.last + kSinceReach && !clause_break(k); ++k) {
    if (auto v = since_then(k)) return *v;
  }
  // A length of time the count is summed over, in its clause (أوقع خلال سبع سنوات أكثر من
  // 350 ألف قتيل، مقتل 1700 مدني خلال شهرين من المعارك، منذ 7 سنوات): the span ends at the
  // publication, so the count is of the span's start, a year (or a month) well before it.
  // The length is a duration quantity or a dual unit word alone (شهرين، سنتين).
  auto span_start = [&](size_t k) -> std::string {
    if (tt.tokens[k].kind != TokenKind::kWord) return "";
    auto m = lx.time_cues.Longest(tt, k, &lx.clitics);
    if (!m || !(m.value->roles & TimeCue::kOver) || (since(k) && compared(k))) return "";
    const size_t at = k + m.ntokens;  // the length of time
    if (at >= s.end_token) return "";
    long amount = 0;
    std::string_view unit;
    size_t last = at;
    auto it = std::lower_bound(quantities.begin(), quantities.end(), at,
                               [](const Quantity& o, size_t tok) { return o.first < tok; });
    if (it != quantities.end() && it->first == at) {
      if (it->kind != QuantityKind::kDuration || !it->low) return "";
      amount = static_cast<long>(std::min<int64_t>(*it->low, 100000));
      unit = it->unit;
      last = it->last;
    } else if (auto u = lx.units.Longest(tt, at, &lx.clitics); u && u.value->kind == QuantityKind::kDuration && u.value->multiplier > 1) {
      amount = u.value->multiplier;
      unit = u.value->unit;
      last = at + u.ntokens - 1;
    } else {
      return "";
    }
    const long per = unit == "year" ? 365 : unit == "month" ? 30 : unit == "week" ? 7 : unit == "day" ? 1 : 0;
    const long days = amount * per;
    if (days <= kOtherTimeDays || days > 200L * 365) return "";
    // In the count's clause: no clause break between the two.
    const size_t from = k > q.last ? q.last + 1 : last + 1, to = k > q.last ? k : q.first;
    for (size_t j = from; j < to; ++j) {
      if (clause_break(j)) return "";
    }
    CivilDate start = CivilDate::FromSerial(published.serial() - days);
    char buf[16];
    if (per == 365) std::snprintf(buf, sizeof buf, "%04d", start.year);
    else std::snprintf(buf, sizeof buf, "%04d-%02d", start.year, start.month);
    return buf;
  };
  const TimeExpr* best = nullptr;
  long best_dist = 0;
  for (auto it = lo; it != times.end() && it->first < window_end; ++it) {
    const TimeExpr& t = *it;
    if (!resolved(t) || !other(t)) continue;
    long d = distance(q, t);
    if (d > kMaxOtherTimeDistance || nearer_other(t, d) || excluded(t)) continue;
    if (!best || d < best_dist) {
      best = &t;
      best_dist = d;
    }
  }
  if (best) return best->value;
  {
    const size_t from = std::max<size_t>(s.first_token, q.first > kSinceReach ? q.first - kSinceReach : 0);
    const size_t to = std::min<size_t>(s.end_token, q.last + kSinceReach + 1);
    for (size_t k = from; k < to; ++k) {
      if (k >= q.first && k <= q.last) continue;
      if (std::string v = span_start(k); !v.empty()) return v;
    }
  }
  return "";
}

// Per-thread buffers reused from one document to the next (no per-document churn of
// the big arrays).
struct Workspace {
  TokenizedText tt;
  std::vector<Sentence> sentences;
  std::vector<uint8_t> taken;
  std::vector<TimeExpr> times;
  std::vector<Quantity> quantities;
  EntityFacts facts;
  Attribution attribution;
  std::vector<ClaimItem> claims;
  std::vector<FramingItem> framing;
};

Workspace& ThreadWorkspace() {
  thread_local Workspace ws;
  return ws;
}

// Parses "2022-01-28", "2022-01-28T19:47[:00][Z]" or "2015-07-21 02:51:32".
bool ParsePublished(const std::string& s, CivilDate* d, int* hour, int* minute) {
  auto date = CivilDate::ParseIso(s);
  if (!date) return false;
  *d = *date;
  *hour = *minute = -1;
  if (s.size() >= 16 && (s[10] == 'T' || s[10] == ' ') && s[13] == ':') {
    auto two = [&](size_t p) { return (s[p] >= '0' && s[p] <= '9' && s[p + 1] >= '0' && s[p + 1] <= '9') ? (s[p] - '0') * 10 + (s[p + 1] - '0') : -1; };
    int h = two(11), m = two(14);
    if (h >= 0 && h < 24 && m >= 0 && m < 60) {
      *hour = h;
      *minute = m;
    }
  }
  return true;
}

std::string Trimmed(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

// A sentence shortened for a timeline: at most kMaxSummaryBytes, cut at a space.
std::string Summary(std::string_view sentence) {
  constexpr size_t kMaxSummaryBytes = 220;
  std::string s = Trimmed(sentence);
  if (s.size() <= kMaxSummaryBytes) return s;
  size_t cut = s.rfind(' ', kMaxSummaryBytes);
  if (cut == std::string::npos || cut < kMaxSummaryBytes / 2) cut = utf8::FloorBoundary(s, kMaxSummaryBytes);
  return s.substr(0, cut) + " …";
}


void TextCore(std::string_view text, const Lexicons& lx, Workspace* ws) {
  lx.normalizer.Normalize(text, &ws->tt.norm);
  Tokenize(lx.normalizer, &ws->tt);
  lx.Annotate(&ws->tt);
  SplitSentences(ws->tt, &ws->sentences);
  ws->taken.assign(ws->tt.size(), 0);
  ws->times.clear();
  ws->quantities.clear();
  ExtractTimes(ws->tt, lx, &ws->taken, &ws->times);
  ExtractQuantities(ws->tt, lx, &ws->taken, &ws->quantities);
}

}  // namespace

uint64_t RunTextCore(std::string_view text, const Lexicons& lx) {
  Workspace& ws = ThreadWorkspace();
  TextCore(text, lx, &ws);
  return ws.tt.size() + ws.sentences.size() * 3 + ws.times.size() * 7 + ws.quantities.size() * 11;
}

DocAnalysis AnalyzeDocument(const Document& doc, const Lexicons& lx) {
  DocAnalysis a;
  a.id = doc.id;
  a.path = doc.path;
  a.errors = doc.errors;
  a.html = doc.html;
  a.article_text = doc.article_text;
  a.url = doc.url;
  a.language = doc.language;
  a.title = doc.title;
  a.title_from = doc.title.empty() ? "" : doc.title_from;
  a.outlet = doc.outlet;
  a.outlet_from = doc.outlet.empty() ? "" : doc.outlet_from;
  if (!doc.published.empty()) {
    if (ParsePublished(doc.published, &a.published, &a.hour, &a.minute)) {
      a.published_from = doc.published_from;
    } else {
      a.errors.push_back("published date `" + doc.published + "` from " + doc.published_from +
                         " is not ISO 8601; looked for one in the text instead");
    }
  }
  if (doc.html_pending) a.errors.push_back("internal: the page was never extracted (PrepareHtml was not called)");
  if (doc.unreadable || doc.html_pending) return a;

  const std::string& text = doc.analysed();
  a.bytes = text.size();
  Workspace& ws = ThreadWorkspace();
  TextCore(text, lx, &ws);
  const TokenizedText& tt = ws.tt;
  a.tokens = tt.size();
  a.sentences = ws.sentences.size();
  HeaderInfo h = AnalyzeHeader(tt, ws.times, lx, {doc.article_found, doc.title_line});

  auto raw_of = [&](ByteSpan view) { return tt.norm.ToRaw(view.begin, view.end); };
  auto input_of = [&](ByteSpan view) { return doc.ToInput(raw_of(view)); };
  auto text_of = [&](ByteSpan view) {
    ByteSpan r = raw_of(view);
    return std::string_view(text).substr(r.begin, r.size());
  };

  if (a.language.empty()) a.language = h.language;
  if (a.title.empty() && h.title) {
    a.title = Trimmed(text_of(*h.title));
    a.title_span = input_of(*h.title);
    a.title_from = "text";
  }
  for (const HeaderInfo::Chrome& c : h.chrome) a.boilerplate.push_back({input_of(c.view), c.kind});
  a.body = input_of(h.body);
  if (h.dateline) {
    Dateline dl;
    dl.place = std::string(text_of(h.dateline->place));
    dl.source = std::string(text_of(h.dateline->source));
    dl.span = input_of(h.dateline->whole);
    a.dateline = dl;
  }
  if (a.outlet.empty()) {
    if (!h.domain.empty()) {
      a.outlet = h.domain;
      a.outlet_from = "domain";
    } else if (h.dateline) {
      TokenizedText src;
      lx.normalizer.Normalize(a.dateline->source, &src.norm);
      Tokenize(lx.normalizer, &src);
      auto m = lx.outlets.Longest(src, 0);
      bool generic = m && m.ntokens == src.size() && m.value->kind == "generic";
      if (!generic) {
        a.outlet = m && m.ntokens == src.size() ? m.value->canonical : a.dateline->source;
        a.outlet_from = "dateline";
      }
    }
    if (a.outlet.empty() && !h.self_reference.empty()) {
      a.outlet = h.self_reference;
      a.outlet_from = "self_reference";
    }
  }
  if (!a.published.valid() && h.date_time) {
    const TimeExpr& t = ws.times[*h.date_time];
    if (auto d = AbsoluteDate(t)) {
      a.published = *d;
      a.hour = t.hour;
      a.minute = t.minute;
      a.published_from = "text";
      a.published_span = input_of({tt.tokens[t.first].begin, tt.tokens[t.last].end});
    }
  }

  const SpanSet chrome(a.boilerplate.begin(), a.boilerplate.end(), [](const LabeledSpan& b) { return b.span; });

  // Times and quantities outside page chrome, with their original spans.
  std::vector<ByteSpan> captions;
  for (const ByteSpan& c : h.captions) captions.push_back(input_of(c));
  for (TimeExpr& t : ws.times) {
    ByteSpan view{tt.tokens[t.first].begin, tt.tokens[t.last].end};
    ByteSpan span = input_of(view);
    if (chrome.Contains(span)) continue;
    TimeItem item;
    ResolveTime(a.published, &t);
    item.expr = t;
    item.span = span;
    item.text = std::string(text_of(view));
    for (const ByteSpan& c : captions) item.in_caption |= span.begin >= c.begin && span.end <= c.end;
    // Constraints on an unknown publication date.
    DateConstraints& dc = a.constraints;
    if (t.kind == TimeExpr::Kind::kWeekday && t.deictic && t.weekday_end < 0) dc.weekday = t.weekday;
    if (t.modifier == TimeExpr::Modifier::kCurrent && t.month > 0 && !t.hijri) dc.month = t.month;
    if (t.modifier == TimeExpr::Modifier::kPast && t.month > 0 && t.year == 0 && !t.hijri) dc.months_over.push_back(t.month);
    if (auto d = AbsoluteDate(t)) {
      dc.mentioned.push_back(*d);
      if (item.in_caption && (!dc.not_before || *dc.not_before < *d)) dc.not_before = *d;
    }
    a.times.push_back(std::move(item));
  }
  size_t sentence = 0;
  std::vector<int> quantity_out(ws.quantities.size(), -1);
  for (size_t qi = 0; qi < ws.quantities.size(); ++qi) {
    const Quantity& q = ws.quantities[qi];
    ByteSpan view{tt.tokens[q.first].begin, tt.tokens[q.last].end};
    ByteSpan span = input_of(view);
    if (chrome.Contains(span)) continue;
    quantity_out[qi] = static_cast<int>(a.quantities.size());
    while (sentence + 1 < ws.sentences.size() && ws.sentences[sentence].end_token <= q.first) ++sentence;
    QuantityItem item;
    item.q = q;
    item.span = span;
    item.text = std::string(text_of(view));
    if (q.noun >= 0) item.noun = std::string(tt.text(static_cast<size_t>(q.noun)));
    item.sentence = static_cast<uint32_t>(sentence);
    a.quantities.push_back(std::move(item));
  }

  // Actors, attribution, claims and framing.
  ExtractMentions(tt, lx, &ws.facts);
  Attribute(tt, ws.sentences, ws.facts, lx, &ws.attribution);
  ExtractFraming(tt, ws.sentences, ws.facts, ws.attribution, lx, &ws.framing);
  ExtractClaims(tt, ws.sentences, ws.quantities, ws.facts, ws.attribution, ws.framing, lx, &ws.claims);
  auto tokens_view = [&](size_t first, size_t last, size_t prefix = 0) {
    return ByteSpan{static_cast<uint32_t>(tt.tokens[first].begin + prefix), tt.tokens[last].end};
  };
  auto mention_ref = [&](int mi) {
    const Mention& m = ws.facts.mentions[mi];
    ByteSpan view = tokens_view(m.first, m.last, m.prefix_bytes);
    return ActorRef{m.key, "", std::string(text_of(view)), input_of(view)};
  };
  auto speaker_ref = [&](int si) {
    const Speaker& sp = ws.attribution.speakers[si];
    ByteSpan view = tokens_view(sp.first, sp.last);
    if (sp.mention >= 0 && sp.first == ws.facts.mentions[sp.mention].first) {
      view.begin += ws.facts.mentions[sp.mention].prefix_bytes;
    }
    return ActorRef{sp.key, "", Trimmed(text_of(view)), input_of(view)};
  };
  for (const Mention& m : ws.facts.mentions) {
    // A quoted name keeps its quotes out of its surface form and out of its span (every
    // quotation mark is one token, '"' in the normalized view).
    uint32_t first = m.first, last = m.last, prefix = m.prefix_bytes;
    while (first < last && tt.text(first) == "\"") {
      ++first;
      prefix = 0;
    }
    while (last > first && tt.text(last) == "\"") --last;
    ByteSpan raw = raw_of(tokens_view(first, last, prefix));
    ByteSpan span = doc.ToInput(raw);
    if (chrome.Contains(span)) continue;
    std::string surface = text.substr(raw.begin, raw.size());
    a.mentions.push_back({m.key, "", m.type, span, surface, m.anaphor});
  }
  a.aliases = ws.facts.aliases;
  a.located = ws.facts.located;
  a.occupiers = ws.facts.occupiers;
  for (const EntityFacts::Surface& sf : ws.facts.surfaces) {
    ByteSpan view = tokens_view(sf.first, sf.last);
    if (chrome.Contains(input_of(view))) continue;
    a.alias_surfaces.emplace_back(sf.key, Trimmed(text_of(view)));
  }
  for (const ClaimItem& c : ws.claims) {
    // A count with no word saying what happened to whom stays a quantity, not a claim
    // (SPEC.md allows leaving counts of things out); every claim then has a group.
    if (quantity_out[c.quantity] < 0 || c.category == "other") continue;
    ClaimOut o;
    o.quantity = static_cast<size_t>(quantity_out[c.quantity]);
    const Sentence& s = ws.sentences[c.sentence];
    o.sentence = input_of(tokens_view(s.first_token, s.end_token - 1));
    o.as_of = OtherTimeOf(ws.tt, lx, ws.times, s, ws.quantities, c.quantity, a.published);
    o.category = c.category;
    o.subject_class = c.subject_class;
    if (c.subject_mention >= 0) {
      o.subject = mention_ref(c.subject_mention);
    } else if (c.subject_words.found()) {
      const ClaimItem::SubjectWords& w = c.subject_words;
      ByteSpan view = tokens_view(w.first, w.last, w.prefix);
      o.subject = ActorRef{w.key, "", std::string(text_of(view)), input_of(view)};
    }
    if (c.speaker >= 0) o.source = speaker_ref(c.speaker);
    for (int k : c.chain) o.chain.push_back(speaker_ref(k));
    for (const std::string& media : c.chain_media) {
      bool dup = false;
      for (const ActorRef& r : o.chain) dup |= r.key == media;
      if (dup) continue;
      for (size_t mi = 0; mi < ws.facts.mentions.size(); ++mi) {
        if (ws.facts.mentions[mi].key == media) {
          o.chain.push_back(mention_ref(static_cast<int>(mi)));
          break;
        }
      }
    }
    a.claims.push_back(std::move(o));
  }
  for (const FramingItem& f : ws.framing) {
    ByteSpan view = tokens_view(f.first, f.last);
    FramingOut o;
    o.span = input_of(view);
    if (chrome.Contains(o.span)) continue;
    o.text = std::string(text_of(view));
    o.entity_key = f.entity_key;
    o.kind = f.kind;
    if (f.voice >= 0) o.voice = speaker_ref(f.voice);
    else if (f.voice_mention >= 0) o.voice = mention_ref(f.voice_mention);
    else if (f.voice_phrase) {
      ByteSpan view = tokens_view(f.voice_first, f.voice_last);
      o.voice = ActorRef{"", "", std::string(text_of(view)), input_of(view)};
    }
    if (f.adjectival) a.alias_surfaces.emplace_back(f.entity_key, o.text);
    a.framing.push_back(std::move(o));
  }
  // Event candidates: a sentence with an event word and a time expression of day precision.
  for (const Sentence& s : ws.sentences) {
    ByteSpan sv = input_of(tokens_view(s.first_token, s.end_token - 1));
    if (chrome.Contains(sv) || (a.published_span && sv.begin <= a.published_span->begin && sv.end >= a.published_span->end)) {
      continue;
    }
    std::string type;
    size_t trigger = 0;
    for (size_t k = s.first_token; k < s.end_token && type.empty(); ++k) {
      if (auto t = lx.event_triggers.Longest(tt, k, &lx.clitics)) {
        type = *t.value;
        trigger = k;
      }
    }
    if (type.empty()) continue;
    long best = -1;
    uint32_t best_dist = UINT32_MAX;
    ByteSpan trig = input_of(tokens_view(trigger, trigger));
    // a.times is in text order: only those that start inside the sentence.
    auto first_time = std::lower_bound(a.times.begin(), a.times.end(), sv.begin,
                                       [](const TimeItem& t, uint32_t b) { return t.span.begin < b; });
    for (size_t ti = static_cast<size_t>(first_time - a.times.begin()); ti < a.times.size() && a.times[ti].span.begin < sv.end; ++ti) {
      const TimeItem& t = a.times[ti];
      if (t.span.end > sv.end) continue;
      TimeExpr::Kind k = t.expr.kind;
      if (k == TimeExpr::Kind::kYear || k == TimeExpr::Kind::kMonth) continue;
      uint32_t d = t.span.begin > trig.begin ? t.span.begin - trig.begin : trig.begin - t.span.begin;
      if (d < best_dist) {
        best_dist = d;
        best = static_cast<long>(ti);
      }
    }
    if (best < 0) continue;
    EventCandidate e;
    e.type = type;
    e.time = static_cast<size_t>(best);
    e.sentence = sv;
    e.summary = Summary(text_of(tokens_view(s.first_token, s.end_token - 1)));
    a.events.push_back(std::move(e));
  }
  StoryInput story;
  story.title = a.title;
  story.title_view = h.title;
  story.body_view = h.body;
  story.tt = &tt;
  story.sentences = &ws.sentences;
  story.quantities = &ws.quantities;
  story.taken = &ws.taken;
  story.facts = &ws.facts;
  story.attribution = &ws.attribution;
  story.to_input = input_of;
  story.usable = [&](ByteSpan span) { return !chrome.Contains(span); };
  ComputeStoryFeatures(story, lx, &a.story);
  ComputeShingles(tt, lx, chrome, [&](ByteSpan view) { return input_of(view); }, &a.shingles);
  return a;
}

DocAnalysis AnalyzeDocumentSafely(const Document& doc, const Lexicons& lx) {
  // Nothing thrown while analysing one document (an allocation failure on a huge page,
  // a library error) reaches the caller: the document keeps the error and the run goes on.
  std::string what;
  try {
    return AnalyzeDocument(doc, lx);
  } catch (const std::bad_alloc&) {
    what = "out of memory while analysing this document; it was skipped";
  } catch (const std::exception& e) {
    what = std::string("internal error while analysing this document: ") + e.what();
  }
  DocAnalysis a;
  a.id = doc.id;
  a.path = doc.path;
  a.url = doc.url;
  a.errors = doc.errors;
  a.errors.push_back(std::move(what));
  return a;
}

void AnalyzeAll(const std::vector<Document>& docs, const Lexicons& lx, unsigned threads,
                std::vector<DocAnalysis>* out, Progress* progress) {
  out->clear();
  out->resize(docs.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(docs.size(), 1)));
  std::atomic<size_t> next{0};
  static const bool check_spans = [] {
    const char* v = std::getenv("ISNAD_CHECK_SPANS");
    return v != nullptr && v[0] != '\0' && v[0] != '0';
  }();
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < docs.size();) {
      (*out)[i] = AnalyzeDocumentSafely(docs[i], lx);
      if (check_spans) {
        for (std::string& e : SpanMismatches(docs[i], (*out)[i])) (*out)[i].errors.push_back("internal: span check: " + e);
      }
      if (progress) {
        progress->bytes += docs[i].analysed().size();
        progress->docs += 1;
      }
    }
  };
  // Every share runs on a thread of its own, the caller's too: the per-thread caches of
  // the text core (the word cache of Lexicons::Annotate, the tagger's and the stemmers'
  // memos: tens of megabytes) are freed when the batch ends, instead of staying with the
  // caller's thread through the corpus stage and the writers.
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  for (std::thread& t : pool) t.join();
}

}  // namespace isnad
