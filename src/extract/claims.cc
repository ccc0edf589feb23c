#include "extract/claims.h"

#include <algorithm>
#include <cstdlib>

namespace isnad {

namespace {

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
    long best_score = -(1L << 30);
    for (size_t k = s.first_token; k < s.end_token; ++k) {
      if (k >= q.num_first && k <= q.num_last) continue;
      if (!attr.quote_of.empty() && attr.quote_of[k] != quote && attr.quote_of[k] >= 0) continue;
      auto t = lx.claim_triggers.Longest(tt, k, &lx.clitics);
      if (!t) continue;
      long dist = k < q.num_first ? static_cast<long>(q.num_first - k) : static_cast<long>(k - q.num_last);
      if (dist > 25) continue;
      // A word nearer another count of the sentence is that count's ("قتل في الهجوم
      // عشرات المدنيين وأصيب المئات": أصيب is the hundreds').
      bool other_nearer = false;
      for (const Quantity& o : quantities) {
        if (&o == &q || o.kind != QuantityKind::kCount || o.num_first < s.first_token || o.num_first >= s.end_token) continue;
        long od = k < o.num_first ? static_cast<long>(o.num_first - k)
                                  : (k > o.num_last ? static_cast<long>(k - o.num_last) : 0);
        if (od < dist) other_nearer = true;
      }
      if (other_nearer) {
        k += t.ntokens - 1;
        continue;
      }
      long score = kStrengthWeight * t.value->strength - dist;
      if (t.value->strength >= 2 && k == q.num_last + 1 && k > q.num_last) score += 100;  // 181 قتيلاً
      if (score > best_score) {
        best_score = score;
        c.category = t.value->category;
      }
      k += t.ntokens - 1;
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
    // "جميع"/"كافة" is a claim only with an event close by (أعيد اعتقالهم، استسلام).
    if (q.qualifier == Qualifier::kAll && (best_score < kStrengthWeight * 3 - 4)) c.category = "other";

    // Subject: a class noun after the number, else an actor just after it, else the
    // nearest armed group in the sentence.
    for (size_t k = q.num_last + 1; k < s.end_token && k <= q.num_last + 4; ++k) {
      if (auto cls = lx.subject_classes.Longest(tt, k, &lx.clitics)) {
        c.subject_class = *cls.value;
        break;
      }
    }
    // The actor in the counted noun phrase: up to a comma or a source cue.
    for (size_t k = q.num_last + 1; k < s.end_token && k <= q.num_last + 6; ++k) {
      if (tt.text(k) == "," || lx.speech.Longest(tt, k, &lx.clitics)) break;
      int m = MentionAt(facts, k);
      if (m < 0) continue;
      EntityType t = facts.mentions[m].type;
      if (t == EntityType::kGROUP || t == EntityType::kORG || t == EntityType::kPER) {
        c.subject_mention = m;
        break;
      }
      k = facts.mentions[m].last;
    }
    // An epithet standing for an actor in the counted phrase: "3500 من المرتزقة".
    if (c.subject_mention < 0 && c.subject_class.empty()) {
      for (const FramingItem& f : framing) {
        if (f.first <= q.num_last || f.first > q.num_last + 3) continue;
        for (size_t mi = 0; mi < facts.mentions.size(); ++mi) {
          if (facts.mentions[mi].key == f.entity_key) {
            c.subject_mention = static_cast<int>(mi);
            break;
          }
        }
        break;
      }
    }
    // Else the nearest armed group of the sentence that is not the source itself.
    const int voice = attr.token_voice[q.num_first];
    const std::string source_key = voice >= 0 ? attr.speakers[voice].key : "";
    // …but not when the number has a counted phrase of its own that names no actor
    // ("5 من القوات العسكرية"): the subject is then unknown.
    const bool own_phrase = q.num_last + 2 < s.end_token && tt.text(q.num_last + 1) == "\xD9\x85\xD9\x86" &&
                            tt.tokens[q.num_last + 2].kind == TokenKind::kWord && MentionAt(facts, q.num_last + 2) < 0;
    if (c.subject_mention < 0 && c.subject_class.empty() && !own_phrase) {
      long best = 1 << 30;
      for (size_t mi = 0; mi < facts.mentions.size(); ++mi) {
        const Mention& m = facts.mentions[mi];
        if (m.first < s.first_token || m.first >= s.end_token || m.type != EntityType::kGROUP) continue;
        if (m.key == source_key) continue;
        // Only a group named in the same voice: not the speaker's own affiliation
        // outside the quotation ("عضو قيادة «قسد»، نوروز أحمد، إنّ «هناك نحو 550 …»").
        if (attr.token_voice[m.first] != voice) continue;
        bool in_speaker = false;
        for (const Speaker& sp : attr.speakers) in_speaker |= m.first >= sp.first && m.last <= sp.last && sp.key == m.key;
        if (in_speaker) continue;
        long d = std::labs(static_cast<long>(m.first) - static_cast<long>(q.num_first));
        if (d < best) {
          best = d;
          c.subject_mention = static_cast<int>(mi);
        }
      }
    }
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
      if (sp.first > q.num_last || (verb >= 0 && static_cast<long>(q.num_first) > verb)) {
        c.speaker = attr.sentence_speaker[c.sentence];
      }
    }
    if (c.speaker < 0 && c.sentence + 1 < sentences.size() &&
        tt.tokens[s.first_token].line_start() && attr.sentence_speaker[c.sentence + 1] >= 0) {
      // A count that opens a paragraph the next sentence attributes.
      const Sentence& next = sentences[c.sentence + 1];
      const Speaker& sp = attr.speakers[attr.sentence_speaker[c.sentence + 1]];
      if (sp.first < next.first_token + 4 || sp.first <= next.first_token + 2) c.speaker = attr.sentence_speaker[c.sentence + 1];
    }
    for (int a : according) {
      if (a != c.speaker && (c.speaker < 0 || attr.speakers[a].key != attr.speakers[c.speaker].key)) c.chain.push_back(a);
    }
    if (c.speaker >= 0) {
      auto it = attr.told.find(attr.speakers[c.speaker].key);
      if (it != attr.told.end()) c.chain_media = it->second;
    }
    out->push_back(std::move(c));
  }
}

}  // namespace isnad
