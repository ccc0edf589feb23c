#include "extract/attribution.h"

#include <algorithm>

namespace isnad {

namespace {

// A speaker phrase written out (a role and what follows it) is at most this long.
constexpr size_t kMaxPhrase = 8;

class Attributor {
 public:
  Attributor(const TokenizedText& tt, const std::vector<Sentence>& sentences, const EntityFacts& facts,
             const Lexicons& lx, Attribution* out)
      : tt_(tt), sentences_(sentences), facts_(facts), lx_(lx), out_(*out) {}

  void Run() {
    const size_t n = tt_.size();
    out_.speakers.clear();
    out_.told.clear();
    out_.credits.clear();
    out_.token_voice.assign(n, -1);
    out_.sentence_speaker.assign(sentences_.size(), -1);
    out_.sentence_verb.assign(sentences_.size(), -1);
    out_.sentence_words_end.assign(sentences_.size(), 0);
    out_.sentence_according.assign(sentences_.size(), {});
    FindQuotes();
    TitledPersons();
    for (size_t s = 0; s < sentences_.size(); ++s) Sentence1(s);
    Credits();
    out_.quote_of = quote_of_;
  }

 private:
  std::string_view Text(size_t i) const { return tt_.text(i); }
  bool IsWord(size_t i) const { return i < tt_.size() && tt_.tokens[i].kind == TokenKind::kWord; }

  // The attribution cue written at token i (data/attribution_cues.tsv), as written or
  // after a proclitic (ولم، والذي، وبعد) when `clitics`.
  const AttributionCue* CueAt(size_t i, bool clitics = false) const {
    if (i >= tt_.size()) return nullptr;
    auto m = lx_.attribution_cues.Longest(tt_, i, clitics ? &lx_.clitics : nullptr);
    return m && m.ntokens == 1 ? m.value : nullptr;
  }
  bool Is(size_t i, AttributionCue c, bool clitics = false) const {
    const AttributionCue* v = CueAt(i, clitics);
    return v && *v == c;
  }
  bool IsComplementizer(size_t i) const { return Is(i, AttributionCue::kComplementizer); }
  bool IsTo(size_t i) const { return Is(i, AttributionCue::kTo); }
  // The audience preposition written apart (لـ) or glued to token i's first letters.
  bool IsFor(size_t i) const { return Is(i, AttributionCue::kFor); }
  bool StartsWithFor(std::string_view w, size_t max_bytes) const {
    for (size_t k = 1; k <= max_bytes && k < w.size(); ++k) {
      const AttributionCue* c = lx_.attribution_cues.FindWord(w.substr(0, k));
      if (c && *c == AttributionCue::kFor) return true;
    }
    return false;
  }
  bool Function(size_t i) const { return static_cast<bool>(lx_.function_words.Longest(tt_, i, &lx_.clitics)); }
  bool TimeWord(size_t i) const {
    return lx_.time_words.Longest(tt_, i, &lx_.clitics) || lx_.relative_dates.Longest(tt_, i, &lx_.clitics) ||
           lx_.weekdays.Longest(tt_, i, &lx_.clitics) || lx_.months.Longest(tt_, i, &lx_.clitics);
  }
  // A verbal noun or a count noun a statement announces, as its object (مقتل، اعتقال،
  // عدد): indefinite, being the head of a construct (عدد المعتقلين).
  bool ObjectNoun(size_t i) const {
    if (StartsWithArticle(i)) return false;
    if (lx_.claim_triggers.Longest(tt_, i, &lx_.clitics)) return true;
    auto sn = lx_.subject_nouns.Longest(tt_, i, &lx_.clitics);
    return sn && *sn.value == SubjectNoun::kPartitive;
  }
  // Whether token i is written with the article (الـ), after no clitic.
  bool StartsWithArticle(size_t i) const { return Text(i).starts_with(lx_.article()); }
  // A word that can continue a speaker phrase: not a function word, cue or time word.
  bool PhraseWord(size_t i) const {
    return IsWord(i) && !Function(i) && !lx_.speech.Longest(tt_, i, &lx_.clitics) && !CueAt(i, true) && !TimeWord(i);
  }
  // The first token after `i` that is not a function word (a preposition, a particle).
  size_t Content(size_t i, size_t e) const {
    while (i < e && IsWord(i) && lx_.function_words.Longest(tt_, i)) ++i;
    return i;
  }

  // Quotations: pairs of quote marks on one line with at least four tokens between. A
  // mark that closes (punctuation or the end of the line right after it) opens nothing:
  // a quotation whose opening mark the text dropped does not swallow the next one.
  void FindQuotes() {
    quote_of_.assign(tt_.size(), -1);
    size_t open = SIZE_MAX;
    for (size_t i = 0; i < tt_.size(); ++i) {
      if (tt_.tokens[i].line_start()) open = SIZE_MAX;
      if (Text(i) != "\"") continue;
      if (open == SIZE_MAX) {
        bool closing = i + 1 >= tt_.size() || tt_.tokens[i + 1].line_start() ||
                       (tt_.tokens[i + 1].kind == TokenKind::kPunct && Text(i + 1) != "\"");
        if (!closing) open = i;
        continue;
      }
      if (i - open > 4) {
        quotes_.push_back({open, i});
        for (size_t k = open; k <= i; ++k) quote_of_[k] = static_cast<int>(quotes_.size() - 1);
      }
      open = SIZE_MAX;
    }
  }

  // Persons written right after a title (الرئيس الفلسطيني محمود عباس): the title's first
  // two words, without clitics and article, name that person when the title stands alone.
  std::string TitleKey(size_t i) const {
    auto r = lx_.roles.Longest(tt_, i, &lx_.clitics);
    if (!r || i + r.ntokens >= tt_.size() || !IsWord(i + r.ntokens)) return "";
    std::string_view head = Text(i).substr(r.prefix_bytes);
    std::string_view mod = Text(i + r.ntokens);
    const std::string& al = lx_.morphology.article();
    if (head.rfind(al, 0) == 0) head.remove_prefix(al.size());
    if (mod.rfind(al, 0) == 0) mod.remove_prefix(al.size());
    if (MentionAt(facts_, i + r.ntokens) >= 0 && facts_.mentions[MentionAt(facts_, i + r.ntokens)].type == EntityType::kPER) return "";
    return std::string(head) + "|" + std::string(mod);
  }
  void TitledPersons() {
    for (size_t mi = 0; mi < facts_.mentions.size(); ++mi) {
      const Mention& m = facts_.mentions[mi];
      if (m.type != EntityType::kPER || m.anaphor) continue;
      // The title starts two or three tokens before the name (its head and a modifier).
      for (size_t back = 2; back <= 3 && back <= m.first; ++back) {
        std::string key = TitleKey(m.first - back);
        if (!key.empty()) {
          titled_.emplace(key, static_cast<int>(mi));
          break;
        }
      }
    }
  }

  int AddSpeaker(int mention, std::string key, size_t first, size_t last) {
    out_.speakers.push_back({mention, std::move(key), static_cast<uint32_t>(first), static_cast<uint32_t>(last)});
    return static_cast<int>(out_.speakers.size() - 1);
  }

  // A speaker phrase [first, last] as written; its key is the title's person when the
  // article names one (المبعوث الفلسطيني → the envoy named earlier), else its mention,
  // else the phrase itself.
  int PhraseSpeaker(size_t first, size_t last, int mention) {
    auto t = titled_.find(TitleKey(first));
    if (t != titled_.end() && mention < 0) mention = t->second;
    if (t != titled_.end() && facts_.mentions[t->second].type == EntityType::kPER) mention = t->second;
    if (mention >= 0) return AddSpeaker(mention, facts_.mentions[mention].key, first, last);
    std::string key = "phrase:";
    for (size_t k = first; k <= last; ++k) key += std::string(Text(k)) + " ";
    return AddSpeaker(-1, key, first, last);
  }

  // A generic source noun at i (مصادر خاصة، المصدر ذاته): its speaker, or -2 when none.
  int GenericAt(size_t i, size_t end, size_t* len) {
    auto g = lx_.speech.Longest(tt_, i, &lx_.clitics);
    if (!g) return -2;
    if (*g.value == SpeechRole::kSame) {
      *len = g.ntokens;
      return last_speaker_ >= 0 ? last_speaker_ : -2;
    }
    if (*g.value != SpeechRole::kGeneric) return -2;
    size_t last = i + g.ntokens - 1;
    // "مصادر ميدانية"، "مصادر «الأخبار»": the qualifier belongs to the phrase.
    size_t after = last + 1;
    if (after < end && Text(after) == "\"") ++after;  // مصادر «الأخبار»
    int m = after < end ? MentionAt(facts_, after) : -1;
    if (m >= 0 && facts_.mentions[m].type == EntityType::kMEDIA && facts_.mentions[m].prefix_bytes == 0) {
      last = facts_.mentions[m].last;
      if (last + 1 < end && Text(last + 1) == "\"" && after > facts_.mentions[m].first - 1) ++last;
    } else if (m >= 0 && facts_.mentions[m].prefix_bytes > 0 && facts_.mentions[m].type != EntityType::kMEDIA &&
               facts_.mentions[m].last < i + kMaxPhrase) {
      last = facts_.mentions[m].last;  // "مسؤولين بوزارة الصحة": the body they speak for
    } else if (last + 1 < end && IsWord(last + 1) && !lx_.function_words.Longest(tt_, last + 1) &&
               !lx_.speech.Longest(tt_, last + 1, &lx_.clitics) && !StartsWithFor(Text(last + 1), 2) && !ObjectNoun(last + 1)) {
      ++last;
      // "مسؤولي صحة فلسطينيين، …": a longer qualifier when the phrase visibly ends.
      size_t k = last + 1;
      while (k < end && k < last + 3 && PhraseWord(k) && MentionAt(facts_, k) < 0 && !ObjectNoun(k)) ++k;
      if (k > last + 1 && (k >= end || !IsWord(k) || Function(k) || CueAt(k, true)) && (k >= end || tt_.tokens[k].kind != TokenKind::kNumber)) {
        last = k - 1;
      }
    }
    // "مسؤول في الحكومة"، "مصدر مسؤول في وزارة الداخلية": the body they speak in (not
    // a place: "مصادر في غزة" keeps to the source).
    if (last + 2 < end && Text(last + 1) == lx_.particles.in) {
      const size_t k = last + 2;
      int bm = MentionAt(facts_, k);
      if (bm >= 0 && facts_.mentions[bm].first == k && facts_.mentions[bm].prefix_bytes == 0 &&
          facts_.mentions[bm].type == EntityType::kORG && facts_.mentions[bm].last < i + kMaxPhrase) {
        last = facts_.mentions[bm].last;
      } else if (bm < 0 && IsWord(k) && StartsWithArticle(k) && !Function(k) && !TimeWord(k) &&
                 !lx_.speech.Longest(tt_, k, &lx_.clitics) && (k + 1 >= end || !IsWord(k + 1) || Function(k + 1) || CueAt(k + 1, true))) {
        last = k;
      }
    }
    *len = last - i + 1;
    std::string_view noun = Text(i).substr(g.prefix_bytes);
    const std::string& al = lx_.morphology.article();
    if (noun.rfind(al, 0) == 0) noun.remove_prefix(al.size());
    return AddSpeaker(-1, "generic:" + std::string(noun), i, last);
  }

  // The end of a role phrase starting at `from` whose mention ends at `last`: the name
  // words written after it up to `stop` (وزيرة خارجية الاتحاد الأوروبي فيديريكا موغيريني).
  size_t NameTail(size_t last, size_t stop) const {
    size_t k = last + 1;
    while (k < stop && k < last + 4 && PhraseWord(k) && MentionAt(facts_, k) < 0 && !lx_.roles.Longest(tt_, k, &lx_.clitics)) ++k;
    return (k == stop || (k < tt_.size() && Text(k) == ",")) ? k - 1 : last;
  }

  // The speaker of a verb of saying at v (verb tokens [v, v+len)) in sentence [b, e);
  // *named says whether the text names it (else it is the last speaker carried on).
  int SpeakerOf(size_t v, size_t len, size_t prefix_bytes, size_t b, size_t e, SpeechRole role, size_t* stop_out,
                bool* named) {
    *named = true;
    size_t stop = v + len;
    while (stop < e && stop < v + len + 16 && !IsComplementizer(stop) && !IsTo(stop) && quote_of_[stop] < 0) {
      auto sp = lx_.speech.Longest(tt_, stop, &lx_.clitics);
      if (sp && *sp.value == SpeechRole::kAccording) break;  // ويندد البيان، حسب الوكالة، …
      if (role == SpeechRole::kRelay && Is(stop, AttributionCue::kFrom)) break;
      ++stop;
    }
    *stop_out = stop;
    const size_t first_tok = Content(v + len, stop);
    int per = -1, first = -1;
    for (size_t k = v + len; k < stop && k < v + len + 10; ++k) {
      int m = MentionAt(facts_, k);
      if (m < 0) continue;
      const Mention& mm = facts_.mentions[m];
      if (mm.type == EntityType::kMEDIA && Audience(mm)) {
        k = mm.last;
        continue;  // "مصادر لـ«القدس العربي»": the medium told, not the speaker
      }
      if (mm.type == EntityType::kPER && per < 0) per = m;
      // A place is a speaker only by metonymy (دمشق، واشنطن): any actor comes first,
      // unless the place is the verb's subject, written right after it (وتتهم إسرائيل حماس).
      bool subject = mm.first == first_tok && mm.prefix_bytes == 0;
      if (first < 0 || (facts_.mentions[first].type == EntityType::kGPE && mm.type != EntityType::kGPE &&
                        !(facts_.mentions[first].first == first_tok && facts_.mentions[first].prefix_bytes == 0))) {
        first = m;
      }
      if (subject && mm.type != EntityType::kPER) {
        // The subject right after the verb, unless a person follows it in apposition.
        bool person_next = false;
        for (size_t t = mm.last + 1; t < stop && t <= mm.last + 4; ++t) {
          int pm = MentionAt(facts_, t);
          if (pm >= 0 && facts_.mentions[pm].type == EntityType::kPER) person_next = true;
        }
        if (!person_next) {
          first = m;
          break;
        }
      }
      k = mm.last;
    }
    int pick = per >= 0 ? per : first;
    if (pick >= 0) {
      const Mention& mm = facts_.mentions[pick];
      // The phrase as written when short (المركز الإعلامي لـ"قسد"، المبعوث الفلسطيني لدى
      // الأمم المتحدة), else the name alone.
      size_t from = first_tok;
      bool role_first = from < mm.first && lx_.roles.Longest(tt_, from, &lx_.clitics);
      if (mm.type == EntityType::kPER || !role_first || mm.last - from > kMaxPhrase - 2) {
        return AddSpeaker(pick, mm.key, mm.first, mm.last);
      }
      return PhraseSpeaker(from, NameTail(mm.last, stop), pick);
    }
    // A generic source right after the verb.
    if (first_tok < stop) {
      size_t glen;
      int g = GenericAt(first_tok, e, &glen);
      if (g >= 0) return g;
    }
    // An unnamed subject written out ("وقالت تقارير"، "وقال المركز الإعلامي للغوطة"،
    // "ويندد مشروع البيان"): the phrase itself, up to a comma, a time word, the
    // complementizer, or the verbal noun the verb announces (وأكدت الشرطة اعتقال …،
    // وأعلن الجيش مقتل …: an indefinite claim word after the subject is its object; a
    // definite one belongs to the subject, هيئة شؤون الأسرى).
    {
      size_t k = first_tok;
      size_t end = k;
      bool object = false;
      while (end < stop && end < k + kMaxPhrase && IsWord(end) && !lx_.function_words.Longest(tt_, end) && !TimeWord(end)) {
        if (end > k && ObjectNoun(end)) {
          object = true;
          break;
        }
        ++end;
      }
      size_t limit = lx_.roles.Longest(tt_, k, &lx_.clitics) ? kMaxPhrase : 5;
      // The subject before such an object follows the verb at once and ends definite
      // (الشرطة، قوات الأمن): not "وثقت فيه حصيلة"، "أعلنت على موقعها مقتل".
      if (object && (k != v + len || !StartsWithArticle(end - 1))) object = false, end = k;
      if (end > k && end - k <= limit && (object || end == stop || Text(end) == "," || TimeWord(end))) {
        return PhraseSpeaker(k, end - 1, -1);
      }
    }
    // Subject before the verb: "بوليانسكي قال"، "كانت «قسد» حدّدت".
    for (size_t k = v; k > b && k + 4 > v; --k) {
      int m = MentionAt(facts_, k - 1);
      if (m < 0) continue;
      const Mention& mm = facts_.mentions[m];
      return AddSpeaker(m, mm.key, mm.first, mm.last);
    }
    // A topic set off by commas before the verb: "أما زعيم المعارضة، جيرمي كوربن، فقال".
    if (v > b + 1 && Text(v - 1) == "," && prefix_bytes > 0) {
      size_t from = Content(b, v);
      size_t to = v - 1;
      bool plain = from < to && to - from <= kMaxPhrase;
      for (size_t k = from; plain && k < to; ++k) {
        plain = (IsWord(k) && !lx_.speech.Longest(tt_, k, &lx_.clitics)) || Text(k) == ",";
      }
      if (plain) return PhraseSpeaker(from, to - 1, -1);
    }
    *named = false;
    return last_speaker_;
  }

  // "according to X": the first actor within a few words (وفق آخر حصيلة للمرصد), a title
  // with the body it serves (وفقا للمبعوث الفلسطيني لدى الأمم المتحدة), or the institution
  // as written (بحسب أرقام المؤسسات الصحية في القطاع).
  int AccordingTo(size_t a, size_t len, size_t e) {
    const size_t first_tok = Content(a + len, e);
    const bool role_first = first_tok < e && lx_.roles.Longest(tt_, first_tok, &lx_.clitics);
    for (size_t k = a + len; k < e && k < a + len + 6; ++k) {
      int m = MentionAt(facts_, k);
      if (m >= 0) {
        const Mention& mm = facts_.mentions[m];
        if (role_first && first_tok < mm.first && mm.type != EntityType::kPER) {
          return PhraseSpeaker(first_tok, NameTail(mm.last, e), m);
        }
        return AddSpeaker(m, mm.key, mm.first, mm.last);
      }
      size_t glen;
      int g = GenericAt(k, e, &glen);
      if (g >= 0) return g;
    }
    // An institution named by common nouns, to the end of the clause (after the noun
    // for its figures: بحسب أرقام المؤسسات الصحية).
    size_t k = first_tok;
    while (k + 1 < e && Is(k, AttributionCue::kRecord)) k = Content(k + 1, e);
    size_t end = k;
    while (end < e && end < k + kMaxPhrase && IsWord(end) && !lx_.speech.Longest(tt_, end, &lx_.clitics) && !TimeWord(end)) ++end;
    if (end > k && (end == e || tt_.tokens[end].kind == TokenKind::kPunct) && !(end < e && Text(end) == "\"")) {
      return PhraseSpeaker(k, end - 1, -1);
    }
    return -1;
  }

  // A medium introduced by لـ or إلى: the audience of a statement.
  bool Audience(const Mention& mm) const {
    size_t k = mm.first;
    if (mm.prefix_bytes > 0) return StartsWithFor(Text(k), mm.prefix_bytes);  // لـ glued
    if (k > 0 && Text(k - 1) == "\"") --k;
    return k > 0 && (IsFor(k - 1) || IsTo(k - 1));
  }

  // "… لـ«القدس العربي»"، "في رسالة خاصة إلى «القدس العربي»": the medium spoken through.
  void Told(int speaker, size_t from, size_t to) {
    if (speaker < 0) return;
    for (size_t k = from; k < to; ++k) {
      int m = MentionAt(facts_, k);
      if (m < 0) continue;
      const Mention& mm = facts_.mentions[m];
      if (mm.type != EntityType::kMEDIA) continue;
      bool to_prefix = mm.prefix_bytes > 0 || (k > 0 && (IsFor(k - 1) || IsTo(k - 1) ||
                                                         (k > 1 && Text(k - 1) == "\"" && (IsFor(k - 2) || IsTo(k - 2)))));
      if (!to_prefix) continue;
      auto& list = out_.told[out_.speakers[speaker].key];
      if (std::find(list.begin(), list.end(), mm.key) == list.end()) list.push_back(mm.key);
    }
  }

  // A verb of saying after a negation (لم يشر) or a relative pronoun (الذي أعلنت).
  bool Blocked(size_t v, AttributionCue* why) const {
    if (v == 0) return false;
    const AttributionCue* c = CueAt(v - 1, true);
    if (!c || (*c != AttributionCue::kNegation && *c != AttributionCue::kRelative)) return false;
    *why = *c;
    return true;
  }

  // "نقلت رويترز عن مسؤول قوله": the relayer before عن is a link of the chain, the one
  // after it the speaker. Returns the speaker, or -1 when the verb relays nobody (نقل
  // السفارة إلى القدس).
  int Relay(size_t v, size_t len, size_t b, size_t e, size_t s, size_t* stop_out) {
    bool named;
    size_t stop;
    int relayer = SpeakerOf(v, len, 0, b, e, SpeechRole::kRelay, &stop, &named);
    if (stop < e && Is(stop, AttributionCue::kFrom)) {
      size_t k = Content(stop + 1, e);
      size_t stop2 = k;
      while (stop2 < e && stop2 < k + 16 && !IsComplementizer(stop2) && quote_of_[stop2] < 0) ++stop2;
      int speaker = -1;
      int m = MentionAt(facts_, k);
      size_t glen;
      if (m >= 0) {
        speaker = AddSpeaker(m, facts_.mentions[m].key, facts_.mentions[m].first, facts_.mentions[m].last);
      } else if ((speaker = GenericAt(k, e, &glen)) < 0) {
        size_t end = k;
        while (end < stop2 && end < k + 5 && PhraseWord(end)) ++end;
        speaker = end > k ? PhraseSpeaker(k, end - 1, -1) : -1;
      }
      if (speaker < 0) return -1;
      if (named && relayer >= 0) out_.sentence_according[s].push_back(relayer);
      *stop_out = stop2;
      return speaker;
    }
    *stop_out = stop;
    if (!named || stop >= e || !(IsComplementizer(stop) || quote_of_[stop] >= 0)) return -1;
    return relayer;
  }

  void Sentence1(size_t s) {
    const size_t b = sentences_[s].first_token, e = sentences_[s].end_token;
    int speaker = -1;
    size_t speech_from = e, speech_end = e;
    bool reported = false;  // the speaker's words open with a complementizer or a quotation
    bool by_quote = false;  // … with a quotation
    bool relative = false;  // the verb is in a relative clause
    // A line that opens with a named actor or a source and a colon, the headline's way
    // of reporting ("الصليب الأحمر: 300 معتقل …"، "مصادر طبية: …"): that speaker's words.
    if (tt_.tokens[b].line_start()) {
      for (size_t c = b + 1; c < e && c <= b + kMaxPhrase; ++c) {
        if (Text(c) != ":") {
          if (!IsWord(c) && Text(c) != "\"") break;
          continue;
        }
        int m = MentionAt(facts_, b);
        size_t glen = 0;
        int sp = -1;
        if (m >= 0 && facts_.mentions[m].first == b && facts_.mentions[m].last + 1 == c &&
            facts_.mentions[m].type != EntityType::kLOC && facts_.mentions[m].type != EntityType::kMEDIA) {
          sp = AddSpeaker(m, facts_.mentions[m].key, b, c - 1);
        } else if (m < 0) {
          int g = GenericAt(b, c, &glen);
          if (g >= 0 && b + glen == c) sp = g;
        }
        int medium = -1;
        if (sp >= 0 && c + 1 < e && MediumAt(c + 1, &medium) == SIZE_MAX) {  // not "المصدر: وكالة …"
          speaker = sp;
          reported = true;
          speech_from = c + 1;
          Told(speaker, c + 1, e);
        }
        break;
      }
    }
    for (size_t i = b; i < e; ++i) {
      auto cue = lx_.speech.Longest(tt_, i, &lx_.clitics);
      if (!cue) {
        // A statement without reported words ("دعت X إلى ضبط النفس") ends where a clause
        // of time begins ("بعدما قتلت القوات …"): that is the outlet's narration.
        if (speaker >= 0 && !reported && i > speech_from && quote_of_[i] < 0 && Is(i, AttributionCue::kCircumstance, true)) {
          speech_end = std::min(speech_end, i);
        }
        continue;
      }
      SpeechRole role = *cue.value;
      if (role == SpeechRole::kAccording) {
        int a = AccordingTo(i, cue.ntokens, e);
        if (a >= 0) out_.sentence_according[s].push_back(a);
        i += cue.ntokens - 1;
        continue;
      }
      if (role == SpeechRole::kContinue && speaker < 0) {
        // "وفق ما تشرح مصادر X، مؤكدةً أن": the participle continues the source just named.
        speaker = out_.sentence_according[s].empty() ? last_speaker_ : out_.sentence_according[s].back();
        speech_from = std::min(speech_from, i + cue.ntokens);
        continue;
      }
      if (role != SpeechRole::kSay && role != SpeechRole::kOpinion && role != SpeechRole::kRelay) continue;
      AttributionCue why = AttributionCue::kComplementizer;  // set when blocked
      const bool blocked = Blocked(i, &why);
      if (speaker >= 0) {
        // "… ولم يشر البيان إلى عشرات القتلى": a negated statement about the speaker is
        // the outlet's narration.
        if (blocked && why == AttributionCue::kNegation && (!reported || by_quote) && i > speech_from && quote_of_[i] < 0) {
          speech_end = std::min(speech_end, i - 1);
        }
        continue;
      }
      if (MentionAt(facts_, i) >= 0 || (blocked && why == AttributionCue::kNegation)) {
        i += cue.ntokens - 1;
        continue;  // part of a name; a negated verb
      }
      // A verb of a relative clause ("في الوقت الذي أعلنت فيه الوزارة ارتفاع العدد إلى 55")
      // attributes the words after it, not the sentence around it.
      relative = blocked;
      size_t stop;
      bool named = true;
      int sp = role == SpeechRole::kRelay ? Relay(i, cue.ntokens, b, e, s, &stop)
                                          : SpeakerOf(i, cue.ntokens, cue.prefix_bytes, b, e, role, &stop, &named);
      if (role == SpeechRole::kOpinion && !named) sp = -1;  // "ويعتبر الاثنين الأكثر دموية"
      if (sp >= 0) {
        speaker = sp;
        out_.sentence_verb[s] = static_cast<int>(i);
        Told(speaker, i + cue.ntokens, std::min(stop + 1, e));
        reported = stop < e && (IsComplementizer(stop) || quote_of_[stop] >= 0);
        by_quote = stop < e && quote_of_[stop] >= 0;
        // Without reported words the statement's object follows its subject ("أدان X
        // الاثنين المجازر، بعد مقتل …"): read on from there.
        size_t from = stop;
        const Speaker& named_sp = out_.speakers[speaker];
        if (!reported && stop < e && !IsTo(stop)) {
          from = named_sp.first >= i + cue.ntokens && named_sp.last < stop ? named_sp.last + 1 : i + cue.ntokens;
        }
        speech_from = std::min(speech_from, from);
        i = from > i ? from - 1 : i;
      }
    }
    out_.sentence_words_end[s] = static_cast<uint32_t>(speech_end);
    if (speaker >= 0) {
      if (!relative) out_.sentence_speaker[s] = speaker;
      last_speaker_ = speaker;
      last_speaker_sentence_ = s;
      for (size_t k = speech_from; k < speech_end; ++k) out_.token_voice[k] = speaker;
    }
    // Quotations: the sentence's speaker, or the last one when it spoke just before.
    for (size_t i = b; i < e; ++i) {
      if (quote_of_[i] < 0) continue;
      int voice = speaker;
      if (voice < 0 && last_speaker_ >= 0 && s <= last_speaker_sentence_ + 2) voice = last_speaker_;
      if (voice < 0) continue;
      const auto& q = quotes_[quote_of_[i]];
      for (size_t k = q.first; k <= q.second && k < tt_.size(); ++k) out_.token_voice[k] = voice;
      i = q.second;
    }
    for (int a : out_.sentence_according[s]) {
      if (speaker < 0) Told(a, b, e);
    }
  }

  // Credit lines: the agencies an article came through, written as a line of their own
  // ("(رويترز)", "المصدر: وكالة الأناضول", "وكالات"), at the end of a paragraph
  // ("… (أ ف ب)", "… - رويترز") or in the dateline ("غزة - وكالات:").
  void Credits() {
    const size_t n = tt_.size();
    size_t line = 0;
    while (line < n) {
      size_t end = line + 1;
      while (end < n && !tt_.tokens[end].line_start()) ++end;
      CreditLine(line, end);
      line = end;
    }
  }
  // A medium at k: a mention, or a name of data/outlets.tsv that is no mention (وكالات).
  // Returns its last token, or SIZE_MAX.
  size_t MediumAt(size_t k, int* mention) const {
    *mention = MentionAt(facts_, k);
    if (*mention >= 0) {
      const Mention& mm = facts_.mentions[*mention];
      return mm.type == EntityType::kMEDIA ? mm.last : SIZE_MAX;
    }
    auto o = lx_.outlets.Longest(tt_, k);
    return o ? k + o.ntokens - 1 : SIZE_MAX;
  }
  void AddCredit(size_t k) {
    int m;
    size_t last = MediumAt(k, &m);
    if (last == SIZE_MAX) return;
    // Only agencies and "agencies" credit an article; a newspaper's name on a line of its
    // own is a masthead or a label.
    const size_t first = m >= 0 ? facts_.mentions[m].first : k;
    bool agency = false;
    for (size_t t = first; t <= last && !agency; ++t) {
      auto o = lx_.outlets.Longest(tt_, t, &lx_.clitics);
      agency = o && (o.value->kind == "agency" || o.value->kind == "generic");
    }
    if (!agency) return;
    std::string key = m >= 0 ? facts_.mentions[m].key : "outlet:" + lx_.outlets.Longest(tt_, k).value->canonical;
    for (int c : out_.credits) {
      if (out_.speakers[c].key == key) return;
    }
    out_.credits.push_back(AddSpeaker(m, key, first, last));
  }
  void CreditLine(size_t b, size_t e) {
    // The media named in [from, to) when nothing else is written there but separators
    // and at most one label word (المصدر).
    auto only_media = [&](size_t from, size_t to, std::vector<size_t>* ms) {
      size_t words = 0;
      for (size_t k = from; k < to; ++k) {
        int m;
        size_t last = MediumAt(k, &m);
        if (last != SIZE_MAX) {
          ms->push_back(k);
          k = std::max(k, last);
          continue;
        }
        if (tt_.tokens[k].kind == TokenKind::kNumber) return false;
        if (IsWord(k) && !Function(k) && ++words > 1) return false;
      }
      return !ms->empty();
    };
    std::vector<size_t> ms;
    if (e - b <= 8 && only_media(b, e, &ms)) {
      for (size_t k : ms) AddCredit(k);
      return;
    }
    // "… (رويترز)" or "… - أ ف ب" closing a paragraph.
    size_t last = e;
    while (last > b && tt_.tokens[last - 1].kind == TokenKind::kPunct && Text(last - 1) != ")") --last;
    if (last > b + 2 && Text(last - 1) == ")") {
      size_t open = last - 1;
      while (open > b && Text(open - 1) != "(" && last - open < 6) --open;
      ms.clear();
      if (open > b && Text(open - 1) == "(" && only_media(open, last - 1, &ms)) {
        bool all = true;
        for (size_t k = open; k < last - 1; ++k) all &= !IsWord(k) || Function(k) || MediaToken(k);
        if (all) for (size_t k : ms) AddCredit(k);
      }
      return;
    }
    for (size_t dash = last; dash > b && dash + 6 > last; --dash) {
      if (Text(dash - 1) != "-") continue;
      ms.clear();
      bool all = dash < last;
      for (size_t k = dash; k < last; ++k) all &= !IsWord(k) || Function(k) || MediaToken(k);
      if (all && only_media(dash, last, &ms)) for (size_t k : ms) AddCredit(k);
      break;
    }
    // The dateline: "غزة - وكالات:"، "القدس (رويترز) -".
    for (size_t k = b + 1; k < e && k < b + 5; ++k) {
      if (Text(k) != "-" && Text(k) != "(") continue;
      int m;
      size_t end = MediumAt(k + 1, &m);
      if (end != SIZE_MAX && end + 1 < e && (Text(end + 1) == ":" || Text(end + 1) == ")" || Text(end + 1) == "-")) AddCredit(k + 1);
      break;
    }
  }
  // Whether token k is part of a medium's name.
  bool MediaToken(size_t k) const {
    for (size_t from = k + 1; from-- > 0 && from + 4 > k;) {
      int m;
      size_t last = MediumAt(from, &m);
      if (last != SIZE_MAX && last >= k) return true;
    }
    return false;
  }

  const TokenizedText& tt_;
  const std::vector<Sentence>& sentences_;
  const EntityFacts& facts_;
  const Lexicons& lx_;
  Attribution& out_;
  std::vector<std::pair<size_t, size_t>> quotes_;
  std::vector<int> quote_of_;
  std::unordered_map<std::string, int> titled_;  // title key -> person mention
  int last_speaker_ = -1;
  size_t last_speaker_sentence_ = 0;
};

}  // namespace

void Attribute(const TokenizedText& tt, const std::vector<Sentence>& sentences, const EntityFacts& facts,
               const Lexicons& lx, Attribution* out) {
  Attributor(tt, sentences, facts, lx, out).Run();
}

}  // namespace isnad
