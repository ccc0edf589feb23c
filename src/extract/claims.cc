#include "extract/claims.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

namespace isnad {

namespace {

// Tokens a `place` trigger looks back (السجن الذي يضم، سجن غويران، …، ويضم) and ahead
// (يضم السجن) for its place.
constexpr size_t kPlaceBefore = 8, kPlaceAfter = 3;

// Whether a place of detention stands near the trigger at [k, k + n), in its sentence: a
// comma does not part them (في سجن الصناعة، ويضم 3 آلاف: the relative clause goes on).
bool PlaceNear(const TokenizedText& tt, const Lexicons& lx, size_t k, size_t n) {
  auto stop = [&](size_t j) {
    return tt.tokens[j].line_start() || (tt.tokens[j].kind == TokenKind::kPunct && tt.text(j) != ",");
  };
  for (size_t j = k, reach = 0; j > 0 && reach < kPlaceBefore; ++reach) {
    if (stop(j)) break;
    if (lx.detention_places.Longest(tt, --j, &lx.clitics)) return true;
    if (stop(j)) break;
  }
  for (size_t j = k + n; j < tt.size() && j < k + n + kPlaceAfter; ++j) {
    if (stop(j)) break;
    if (lx.detention_places.Longest(tt, j, &lx.clitics)) return true;
  }
  return false;
}

// The claim trigger at token k. A given name (سلمان، ياسر) is a trigger only as written,
// never through a word family: سلمان is a name, not the dual of سلم (handed over).
PhraseTable<ClaimTrigger>::Match TriggerAt(const TokenizedText& tt, const Lexicons& lx, size_t k) {
  auto t = lx.claim_triggers.Longest(tt, k, &lx.clitics);
  if (t && t.family) {
    auto g = lx.given_names.Longest(tt, k, &lx.clitics);
    if (g && !g.family) return {};
  }
  if (t && t.value->needs_place && !PlaceNear(tt, lx, k, t.ntokens)) return {};
  return t;
}

// A trigger further than this many tokens from the number is not its own.
constexpr size_t kMaxTriggerDistance = 25;

// Tokens beyond which a word of what happened loses to the counted's role noun right
// after the number.
constexpr long kFarTrigger = 12;

// Mentions looked at on each side of a number for its nearest armed group.
constexpr int kMaxSubjectCandidates = 64;

struct CountSpan {
  uint32_t first, last;
  bool coordinated;  // joined to what comes before it by the conjunction (و6، وعشرات)
};

// Whether a count of sentence `s` other than `q` is strictly nearer token k than `dist`.
// `counts` is sorted by position; only the counts next to k can be nearer.
// `conj_joined`: the word is joined by the conjunction, and so opens the clause after a
// count before it rather than belonging to that count (see the caller).
bool OtherCountNearer(const std::vector<CountSpan>& counts, const Quantity& q, size_t k, long dist, const Sentence& s,
                      bool conj_joined) {
  auto it = std::upper_bound(counts.begin(), counts.end(), k, [](size_t t, const CountSpan& c) { return t < c.first; });
  auto nearer = [&](const CountSpan& o) {
    if (o.first == q.first || o.first < s.first_token || o.first >= s.end_token) return false;
    if (conj_joined && k > o.last) return false;  // "58 والجرحى إلى 2771": not the 58's
    // "14 من رجال الشرطة و6 من المهاجمين قتلوا": a predicate after coordinated counts is
    // the predicate of each.
    if (!conj_joined && o.coordinated && q.last < o.first && o.last < k) return false;
    long od = k < o.first ? static_cast<long>(o.first - k) : (k > o.last ? static_cast<long>(k - o.last) : 0);
    return od < dist;
  };
  // Counts do not overlap, so the nearest ones on each side are at most two steps away
  // (one of them may be q itself).
  for (int step = 0; step < 2 && it != counts.end(); ++step, ++it) {
    if (nearer(*it)) return true;
  }
  it = std::upper_bound(counts.begin(), counts.end(), k, [](size_t t, const CountSpan& c) { return t < c.first; });
  for (int step = 0; step < 2 && it != counts.begin(); ++step) {
    --it;
    if (nearer(*it)) return true;
  }
  return false;
}

// The reading of token k that is a nisba (فلسطينيا) — or a construct plural of the same
// shape (مقاتلي) — or nullptr.
const WordVariant* NisbaReading(const TokenizedText& tt, const Lexicons& lx, size_t k) {
  if (!tt.has_variants()) return nullptr;
  // القتلى، الجرحى end in ى, folded to ي: what happened, not a people.
  if (lx.morphology.EndsMaqsura(tt.norm.raw, tt.RawSpan(k, k).end)) return nullptr;
  for (const WordVariant* v = tt.variants_begin(k); v != tt.variants_end(k); ++v) {
    if (lx.morphology.IsNisba(tt.key(v->noun))) return v;
  }
  return nullptr;
}

// Words looked at after a number for its counted noun.
constexpr size_t kMaxCountedWords = 4;

// The counted noun after a number (from token k): skips a partitive (من) and nouns that
// say what happened (قتيلا، جريحا), and stops at the first other word. An actor word or a
// nisba becomes c's subject tokens; an "others" word sets *others.
// Returns the kind of word found (kActor for a nisba), kNot when none.
SubjectNoun CountedNoun(const TokenizedText& tt, const Sentence& s, size_t k, const Lexicons& lx, ClaimItem* c, bool* others) {
  SubjectNoun kind = SubjectNoun::kNot;
  const size_t start = k;
  const size_t stop = std::min<size_t>(s.end_token, k + kMaxCountedWords);
  for (; k < stop; ++k) {
    if (tt.tokens[k].kind != TokenKind::kWord) return kind;
    if (auto sn = lx.subject_nouns.Longest(tt, k, &lx.clitics)) {
      switch (*sn.value) {
        case SubjectNoun::kPartitive:
          k += sn.ntokens - 1;
          continue;
        case SubjectNoun::kOthers:
          *others = true;
          return kind;
        case SubjectNoun::kBreakdown:
          // "12 صحافيا اثنان منهم": the part is of the count before it, unless the
          // words after name it ("124 منهم من عناصر التنظيم").
          if (k != start) return kind;
          *others = true;
          k += sn.ntokens - 1;
          continue;
        case SubjectNoun::kNot:
        case SubjectNoun::kAgent:
          return kind;
        case SubjectNoun::kActor:
        case SubjectNoun::kMember:
          kind = *sn.value;
          c->subject_words.first = static_cast<int>(k);
          c->subject_words.last = static_cast<int>(k + sn.ntokens - 1);
          c->subject_words.prefix = static_cast<uint16_t>(sn.prefix_bytes);
          break;
      }
    } else if (const WordVariant* v = NisbaReading(tt, lx, k)) {
      // A nisba: a people named by its relative adjective (فلسطينيا، العراقيين).
      kind = SubjectNoun::kActor;
      c->subject_words.first = c->subject_words.last = static_cast<int>(k);
      c->subject_words.prefix = v->restore_article ? 0 : v->prefix;
    }
    ClaimItem::SubjectWords& w = c->subject_words;
    if (w.found()) {
      // The family key of its first word names the group (فلسطينيا، الفلسطينيين: one).
      std::string_view key = tt.text(w.first).substr(w.prefix);
      if (tt.has_variants()) {
        for (const WordVariant* v = tt.variants_begin(w.first); v != tt.variants_end(w.first); ++v) {
          if (v->prefix == w.prefix) key = tt.key(v->noun);
        }
      }
      w.key = "generic:" + std::string(key);
      return kind;
    }
    // A noun that says what happened to the counted (45 قتيلا فلسطينيا) is passed over.
    auto t = TriggerAt(tt, lx, k);
    if (!t || t.value->strength < 2) return kind;
    k += t.ntokens - 1;
  }
  return kind;
}


// Whether the mention starting at token m follows a cue of the agent (برصاص، على يد).
bool AfterAgentCue(const TokenizedText& tt, const Lexicons& lx, size_t m) {
  for (size_t back = 1; back <= 3 && back <= m; ++back) {
    auto a = lx.subject_nouns.Longest(tt, m - back, &lx.clitics);
    if (a && *a.value == SubjectNoun::kAgent && m - back + a.ntokens == m) return true;
  }
  return false;
}

size_t SentenceOf(const std::vector<Sentence>& ss, size_t token) {
  auto it = std::upper_bound(ss.begin(), ss.end(), token, [](size_t t, const Sentence& s) { return t < s.end_token; });
  return it == ss.end() ? ss.size() - 1 : static_cast<size_t>(it - ss.begin());
}

}  // namespace

void ExtractClaims(const TokenizedText& tt, const std::vector<Sentence>& sentences,
                   const std::vector<Quantity>& quantities, const EntityFacts& facts, const Attribution& attr,
                   const std::vector<FramingItem>& framing, const Lexicons& lx, std::vector<ClaimItem>* out) {
  out->clear();
  if (sentences.empty()) return;
  // Everything below looks at a bounded neighbourhood of each count, found by binary
  // search over these position-sorted indexes, so a document of n tokens costs
  // O(n log n) however its sentences run (one sentence of a million tokens included).
  std::vector<CountSpan> counts;  // counts in text order
  for (const Quantity& o : quantities) {
    // The whole phrase, qualifier included (أكثر من 900): a word is near a count where its phrase starts.
    if (o.kind != QuantityKind::kCount) continue;
    const std::string_view first = tt.text(o.first), waw = lx.particles.conj_and;
    const bool coordinated = (o.first > 0 && tt.text(o.first - 1) == waw) ||
                             (tt.tokens[o.first].kind != TokenKind::kWord && first.size() > waw.size() && first.starts_with(waw));
    counts.push_back({o.first, o.last, coordinated});
  }
  std::sort(counts.begin(), counts.end(), [](const CountSpan& a, const CountSpan& b) { return a.first < b.first; });
  // The first mention of each key, and whether a mention sits inside a speaker phrase of
  // its own key (the speaker's name is not the subject of its numbers).
  std::unordered_map<std::string_view, int> first_of_key;
  for (size_t mi = 0; mi < facts.mentions.size(); ++mi) first_of_key.emplace(facts.mentions[mi].key, static_cast<int>(mi));
  std::vector<uint8_t> in_own_speaker(facts.mentions.size(), 0);
  for (const Speaker& sp : attr.speakers) {
    auto it = std::lower_bound(facts.mentions.begin(), facts.mentions.end(), sp.first,
                               [](const Mention& m, uint32_t t) { return m.first < t; });
    for (; it != facts.mentions.end() && it->first <= sp.last; ++it) {
      if (it->last <= sp.last && it->key == sp.key) in_own_speaker[it - facts.mentions.begin()] = 1;
    }
  }
  for (size_t qi = 0; qi < quantities.size(); ++qi) {
    const Quantity& q = quantities[qi];
    if (q.kind != QuantityKind::kCount) continue;
    ClaimItem c;
    c.quantity = qi;
    c.sentence = SentenceOf(sentences, q.num_first);
    const Sentence& s = sentences[c.sentence];

    // Category: each trigger of the sentence scores kStrengthWeight per strength point
    // minus its distance in tokens; the best wins. A trigger in another quotation than
    // the number's is another statement and does not count.
    constexpr long kStrengthWeight = 6;
    const int quote = attr.quote_of.empty() ? -1 : attr.quote_of[q.num_first];
    long best_score = -(1L << 30), best_weak = -(1L << 30), best_dist = 0;
    std::string weak_category, adjacent_role;  // adjacent_role: a role noun right after the number
    const size_t window_first = std::max<size_t>(s.first_token, q.num_first > kMaxTriggerDistance ? q.num_first - kMaxTriggerDistance : 0);
    const size_t window_end = std::min<size_t>(s.end_token, q.num_last + kMaxTriggerDistance + 1);
    for (size_t k = window_first; k < window_end; ++k) {
      // The count's own words, but not its noun: a trailing qualifier (20 قتيلا على الأقل)
      // puts the noun inside the phrase, and the noun is what says who was counted.
      if (k >= q.first && k <= q.last && static_cast<int32_t>(k) != q.noun) continue;
      if (!attr.quote_of.empty() && attr.quote_of[k] != quote && attr.quote_of[k] >= 0) continue;
      auto t = TriggerAt(tt, lx, k);
      if (!t) continue;
      // From the phrase's edge; the noun inside a trailing qualifier's phrase, from the number.
      long dist = k < q.first ? static_cast<long>(q.first - k)
                  : k > q.last ? static_cast<long>(k - q.last)
                               : static_cast<long>(k - q.num_last);
      const bool conj_joined = t.prefix_bytes > 0 && tt.text(k).substr(0, t.prefix_bytes).starts_with(lx.particles.conj_and);
      // A word nearer another count of the sentence is that count's ("قتل في الهجوم
      // عشرات المدنيين وأصيب المئات": أصيب is the hundreds').
      if (OtherCountNearer(counts, q, k, dist, s, conj_joined)) {
        k += t.ntokens - 1;
        continue;
      }
      // After the count, a word joined by the conjunction starts the next clause ("مقتل
      // العشرات وجرح الآلاف"، "ارتفع عدد القتلى إلى 58 والجرحى إلى 2771"): not this count's.
      if (k > q.last && conj_joined) {
        k += t.ntokens - 1;
        continue;
      }
      long score = kStrengthWeight * t.value->strength - dist;
      if (t.value->strength >= 2 && k == q.num_last + 1 && k > q.num_last) score += 100;  // 181 قتيلاً
      // A role of the counted (strength 1: متظاهرا، مسلحين) decides only when no word of
      // what happened is near ("حصيلة القتلى … إلى 55 متظاهرا" counts the killed).
      long& best = t.value->strength >= 2 ? best_score : best_weak;
      std::string& cat = t.value->strength >= 2 ? c.category : weak_category;
      if (score > best) {
        best = score;
        cat = t.value->category;
        if (t.value->strength >= 2) best_dist = dist;
      }
      if (t.value->strength == 1 && k == q.num_last + 1) adjacent_role = t.value->category;
      k += t.ntokens - 1;
    }
    // The counted's own role noun (آلاف المتظاهرين) outweighs a word of what happened
    // far away in a long sentence, which is most often another clause's ("الرضيعة توفيت
    // … نتيجة الغاز الذي أطلقه الجيش على آلاف المتظاهرين").
    if (!c.category.empty() && !adjacent_role.empty() && best_dist > kFarTrigger) {
      c.category = adjacent_role;
      best_score = best_weak;
    }
    if (c.category.empty() && !weak_category.empty()) {
      c.category = weak_category;
      best_score = best_weak;
    }
    if (c.category.empty()) {
      // A breakdown ("181 قتيلاً … 124 منهم … و50 … إضافةً إلى 7"): a count with no word
      // of its own takes the category of the count before it in the sentence.
      for (auto it = out->rbegin(); it != out->rend(); ++it) {
        if (it->sentence != c.sentence) break;
        if (it->category != "other") {
          c.category = it->category;
          break;
        }
      }
    }
    if (c.category.empty()) c.category = "other";
    // A year written bare (حرب 1948 التي، أحداث 2011،، "1945 - وفاة …"، سكايفول 2012) is
    // no count: four digits from 1900 to 2099, the number alone, and no indefinite noun
    // after it to be what is counted (2015 قتيلا stays a count).
    if (!q.from_words && q.first == q.num_first && q.num_first == q.num_last && q.low && *q.low >= 1900 &&
        *q.low <= 2099 && q.high == q.low) {
      const size_t nx = q.num_last + 1;
      const bool counted_noun = nx < s.end_token && tt.tokens[nx].kind == TokenKind::kWord &&
                                !tt.tokens[nx].line_start() && !lx.function_words.Longest(tt, nx) &&
                                !tt.text(nx).starts_with(lx.article());
      if (!counted_noun) c.category = "other";
    }
    // Digits in a score, a date or a reference (4 / 4، 26 / 9 / 1436، رقم أ / 243) and the
    // number of a list item ("5- عندما …") count no one.
    if (!q.from_words && q.first == q.num_first) {
      auto text_is = [&](size_t k, std::string_view t) { return k < tt.size() && tt.text(k) == t; };
      const bool slashed = text_is(q.num_last + 1, "/") || (q.num_first > 0 && text_is(q.num_first - 1, "/"));
      const bool list_item = tt.tokens[q.num_first].line_start() && text_is(q.num_last + 1, "-");
      if (slashed || list_item) c.category = "other";
    }
    // "جميع"/"كافة" is a claim only with an event close by (أعيد اعتقالهم، استسلام).
    if (q.qualifier == Qualifier::kAll && (best_score < kStrengthWeight * 3 - 4)) c.category = "other";

    // Subject: a class noun after the number, else an actor just after it, else the
    // nearest armed group in the sentence.
    // A breakdown ("بينهم أطفال") ends the counted phrase.
    auto breakdown_at = [&](size_t k) {
      auto b = lx.subject_nouns.Longest(tt, k, &lx.clitics);
      return b && *b.value == SubjectNoun::kBreakdown;
    };
    auto count_at = [&](size_t k) {
      auto it = std::lower_bound(counts.begin(), counts.end(), k, [](const CountSpan& c, size_t t) { return c.first < t; });
      return it != counts.end() && it->first <= k && k <= it->last;
    };
    for (size_t k = q.num_last + 1; k < s.end_token && k <= q.num_last + 4; ++k) {
      if (breakdown_at(k) || count_at(k)) break;  // "9 جنود و3 مدنيين": the civilians are the 3
      if (auto cls = lx.subject_classes.Longest(tt, k, &lx.clitics)) {
        c.subject_class = *cls.value;
        break;
      }
    }
    // The counted noun that names who is counted: a kind of person or a people
    // (data/subject_nouns.tsv, or a nisba: 45 فلسطينيا، عشرات المتظاهرين، 3 من الصحافيين،
    // 45 قتيلا فلسطينيا); "آخرين" shares the subject of the count before it.
    bool others = false;
    SubjectNoun kind = SubjectNoun::kNot;
    if (c.subject_class.empty() || c.subject_class == "all") kind = CountedNoun(tt, s, q.num_last + 1, lx, &c, &others);
    // A member of some force (35 سجينا، 1000 مسلح، عناصر): its force, if the sentence
    // names one, says more; the word itself is the fallback.
    const bool member = kind == SubjectNoun::kMember;
    ClaimItem::SubjectWords member_noun;
    if (member) std::swap(member_noun, c.subject_words);
    // The actor named in the counted noun phrase: up to a comma, a source cue, a
    // breakdown or the agent (برصاص الجيش is who shot, not who was shot). After a kind
    // of person it must follow at once (3 قياديين من معتقلي تنظيم داعش).
    {
      size_t k = q.num_last + 1, stop = std::min<size_t>(s.end_token, q.num_last + 7);
      if (c.subject_words.found()) {
        k = static_cast<size_t>(c.subject_words.last) + 1;
        stop = std::min<size_t>(s.end_token, k + 3);
      }
      if (k < stop && breakdown_at(k)) ++k;  // "124 منهم من عناصر التنظيم"
      for (; k < stop; ++k) {
        if (tt.text(k) == "," || lx.speech.Longest(tt, k, &lx.clitics) || breakdown_at(k)) break;
        int m = MentionAt(facts, k);
        if (m < 0) {
          if (!c.subject_words.found()) continue;
          // After a kind of person only quotes, a partitive, a member noun or a
          // construct plural (معتقلي، مقاتلي: the shape of a nisba) may come between.
          if (tt.text(k) == "\"") continue;
          auto sn = lx.subject_nouns.Longest(tt, k, &lx.clitics);
          if (sn && (*sn.value == SubjectNoun::kPartitive || *sn.value == SubjectNoun::kMember)) {
            k += sn.ntokens - 1;
            continue;
          }
          if (!sn && NisbaReading(tt, lx, k)) continue;
          break;
        }
        if (AfterAgentCue(tt, lx, facts.mentions[m].first)) break;
        EntityType t = facts.mentions[m].type;
        if (t == EntityType::kGROUP || t == EntityType::kORG || t == EntityType::kPER) {
          // A mention that is itself a word saying what happened (الجرحى) names no actor.
          auto tr = TriggerAt(tt, lx, facts.mentions[m].first);
          if (tr && tr.value->strength >= 2) break;
          c.subject_mention = m;
          break;
        }
        k = facts.mentions[m].last;
      }
    }
    if (others && c.subject_mention < 0 && !c.subject_words.found()) {
      for (auto it = out->rbegin(); it != out->rend() && it->sentence == c.sentence; ++it) {
        if (it->subject_mention >= 0 || it->subject_words.found() || !it->subject_class.empty()) {
          c.subject_mention = it->subject_mention;
          c.subject_words = it->subject_words;
          if (c.subject_class.empty()) c.subject_class = it->subject_class;
          break;
        }
      }
    }
    // An epithet standing for an actor in the counted phrase: "3500 من المرتزقة".
    if (c.subject_mention < 0 && c.subject_class.empty() && !c.subject_words.found()) {
      // Framing items are in text order: the first one that starts after the number.
      auto f = std::upper_bound(framing.begin(), framing.end(), q.num_last,
                                [](uint32_t t, const FramingItem& it) { return t < it.first; });
      if (f != framing.end() && f->first <= q.num_last + 3) {
        auto it = first_of_key.find(f->entity_key);
        if (it != first_of_key.end()) c.subject_mention = it->second;
      }
    }
    // Else the nearest armed group of the sentence that is not the source itself.
    const int voice = attr.token_voice[q.num_first];
    const std::string source_key = voice >= 0 ? attr.speakers[voice].key : "";
    // …but not when the number has a counted phrase of its own that names no actor
    // ("5 من القوات العسكرية"): the subject is then unknown.
    bool own_phrase = false;
    if (q.num_last + 2 < s.end_token && tt.tokens[q.num_last + 2].kind == TokenKind::kWord &&
        MentionAt(facts, q.num_last + 2) < 0) {
      auto p = lx.subject_nouns.Longest(tt, q.num_last + 1);
      own_phrase = p && *p.value == SubjectNoun::kPartitive;
      // "90 عدد القتلى": the phrase names the victims, no other thing.
      if (own_phrase) {
        auto tr = TriggerAt(tt, lx, q.num_last + 1 + p.ntokens);
        own_phrase = !(tr && tr.value->strength >= 2);
      }
    }
    if (c.subject_mention < 0 && c.subject_class.empty() && !c.subject_words.found() && !own_phrase) {
      // Outwards from the number, both ways, at most kMaxSubjectCandidates mentions per side.
      auto eligible = [&](const Mention& m) {
        if (m.type != EntityType::kGROUP || m.key == source_key) return false;
        // The shooter is not the victim: "برصاص الجيش"، "على يد مسلحين".
        if (AfterAgentCue(tt, lx, m.first)) return false;
        // Only a group named in the same voice: not the speaker's own affiliation
        // outside the quotation ("عضو قيادة «قسد»، نوروز أحمد، إنّ «هناك نحو 550 …»").
        return attr.token_voice[m.first] == voice && !in_own_speaker[&m - facts.mentions.data()];
      };
      const long at = static_cast<long>(q.num_first);
      const auto begin = facts.mentions.begin(), end = facts.mentions.end();
      auto pivot = std::lower_bound(begin, end, q.num_first, [](const Mention& m, uint32_t t) { return m.first < t; });
      long best = 1L << 30;
      int seen = 0;
      for (auto it = pivot; it != end && it->first < s.end_token && seen < kMaxSubjectCandidates; ++it, ++seen) {
        if (!eligible(*it)) continue;
        best = static_cast<long>(it->first) - at;
        c.subject_mention = static_cast<int>(it - begin);
        break;
      }
      seen = 0;
      for (auto it = pivot; it != begin && seen < kMaxSubjectCandidates; ++seen) {
        --it;
        if (it->first < s.first_token) break;
        if (!eligible(*it)) continue;
        if (at - static_cast<long>(it->first) <= best) c.subject_mention = static_cast<int>(it - begin);
        break;
      }
    }
    if (member && c.subject_mention < 0 && !c.subject_words.found()) c.subject_words = std::move(member_noun);
    // A count of people that names none of them counts people at large (جرح الآلاف،
    // 1800 جريح، شارك عشرات الآلاف) — but not one whose own counted phrase names
    // something else ("5 من القوات العسكرية").
    if (c.subject_mention < 0 && !c.subject_words.found() && c.subject_class.empty() && !own_phrase) c.subject_class = "all";
    if (c.subject_class == "residents") {
      if (c.category == "escaped") c.category = "displaced";
      c.subject_class = "civilians";
    }
    if (c.subject_class == "families" && c.category == "escaped") c.category = "displaced";

    // Source and chain.
    c.speaker = attr.token_voice[q.num_first];
    const auto& according = attr.sentence_according[c.sentence];
    if (c.speaker < 0 && attr.sentence_speaker[c.sentence] >= 0 && !according.empty()) {
      // A verb of saying after the number ("… 35 سجيناً، قال المصدر"): its speaker.
      c.speaker = attr.sentence_speaker[c.sentence];
    }
    if (c.speaker < 0 && !according.empty()) c.speaker = according.front();
    if (c.speaker < 0 && attr.sentence_speaker[c.sentence] >= 0) {
      // After the verb ("حدّدت عدد الذين أُلقي القبض عليهم بـ3500") or before a verb
      // that follows the number: the sentence's speaker.
      const Speaker& sp = attr.speakers[attr.sentence_speaker[c.sentence]];
      long verb = attr.sentence_verb[c.sentence];
      // Not across a clause of contrast or time, set off by a comma, between the count and
      // a later verb ("خرج آلاف المتظاهرين، فيما قدرت الشرطة عددهم بـ…": the thousands
      // are the outlet's).
      bool apart = false;
      if (verb > static_cast<long>(q.num_last)) {
        for (long k = static_cast<long>(q.num_last) + 1; k < verb && !apart; ++k) {
          if (tt.tokens[k - 1].kind != TokenKind::kPunct) continue;  // "، فيما"، "، بينما"
          auto cue = lx.attribution_cues.Longest(tt, static_cast<size_t>(k), &lx.clitics);
          apart = cue && *cue.value == AttributionCue::kCircumstance;
        }
      }
      if (!apart && (sp.first > q.num_last || (verb >= 0 && static_cast<long>(q.num_first) > verb)) &&
          q.num_first < attr.sentence_words_end[c.sentence]) {
        c.speaker = attr.sentence_speaker[c.sentence];
      }
    }
    if (c.speaker < 0 && c.sentence + 1 < sentences.size() && tt.tokens[s.first_token].line_start() &&
        attr.sentence_speaker[c.sentence] < 0 && attr.sentence_speaker[c.sentence + 1] >= 0) {
      // A count that opens a paragraph the next sentence attributes, in words of its own
      // ("181 قتيلاً. وقال المرصد إن …"); not a sentence with a speaker of its own, whose
      // narration was set apart ("أدان X …، بعد مقتل 52").
      const Sentence& next = sentences[c.sentence + 1];
      const int nsp = attr.sentence_speaker[c.sentence + 1];
      const Speaker& sp = attr.speakers[nsp];
      bool words = attr.token_voice[next.end_token - 1] == nsp;
      if (words && (sp.first < next.first_token + 4 || sp.first <= next.first_token + 2)) c.speaker = nsp;
    }
    for (int a : according) {
      if (a != c.speaker && (c.speaker < 0 || attr.speakers[a].key != attr.speakers[c.speaker].key)) c.chain.push_back(a);
    }
    if (c.speaker >= 0) {
      auto it = attr.told.find(attr.speakers[c.speaker].key);
      if (it != attr.told.end()) c.chain_media = it->second;
    }
    // The article's credit line is the chain of what it does not relay otherwise.
    if (c.chain.empty() && c.chain_media.empty()) {
      for (int k : attr.credits) {
        if (c.speaker < 0 || attr.speakers[k].key != attr.speakers[c.speaker].key) c.chain.push_back(k);
      }
    }
    out->push_back(std::move(c));
  }
}

}  // namespace isnad
