#include "extract/attribution.h"

#include <algorithm>

namespace isnad {

namespace {

// Complementizers that open reported speech.
bool IsComplementizer(std::string_view t) {
  return t == "\xD8\xA7\xD9\x86" /* ان (أن/إن folded) */ || t == "\xD8\xA8\xD8\xA7\xD9\x86" /* بان */ ||
         t == "\xD8\xA7\xD9\x86\xD9\x87" /* انه */ || t == "\xD8\xA7\xD9\x86\xD9\x87\xD8\xA7" /* انها */ ||
         t == "\xD8\xA8\xD8\xA7\xD9\x86\xD9\x87" /* بانه */ || t == ":" || t == "that";
}

bool IsTo(std::string_view t) { return t == "\xD8\xA7\xD9\x84\xD9\x8A" /* الي (إلى) */; }

class Attributor {
 public:
  Attributor(const TokenizedText& tt, const std::vector<Sentence>& sentences, const EntityFacts& facts,
             const Lexicons& lx, Attribution* out)
      : tt_(tt), sentences_(sentences), facts_(facts), lx_(lx), out_(*out) {}

  void Run() {
    const size_t n = tt_.size();
    out_.speakers.clear();
    out_.told.clear();
    out_.token_voice.assign(n, -1);
    out_.sentence_speaker.assign(sentences_.size(), -1);
    out_.sentence_verb.assign(sentences_.size(), -1);
    out_.sentence_according.assign(sentences_.size(), {});
    FindQuotes();
    for (size_t s = 0; s < sentences_.size(); ++s) Sentence1(s);
    out_.quote_of = quote_of_;
  }

 private:
  std::string_view Text(size_t i) const { return tt_.text(i); }

  // Quotations: pairs of quote marks on one line with at least four tokens between.
  void FindQuotes() {
    quote_of_.assign(tt_.size(), -1);
    size_t open = SIZE_MAX;
    for (size_t i = 0; i < tt_.size(); ++i) {
      if (tt_.tokens[i].line_start()) open = SIZE_MAX;
      if (Text(i) != "\"") continue;
      if (open == SIZE_MAX) {
        open = i;
        continue;
      }
      if (i - open > 4) {
        quotes_.push_back({open, i});
        for (size_t k = open; k <= i; ++k) quote_of_[k] = static_cast<int>(quotes_.size() - 1);
      }
      open = SIZE_MAX;
    }
  }

  int AddSpeaker(int mention, std::string key, size_t first, size_t last) {
    out_.speakers.push_back({mention, std::move(key), static_cast<uint32_t>(first), static_cast<uint32_t>(last)});
    return static_cast<int>(out_.speakers.size() - 1);
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
    } else if (last + 1 < end && tt_.tokens[last + 1].kind == TokenKind::kWord &&
               !lx_.function_words.Longest(tt_, last + 1) && !lx_.speech.Longest(tt_, last + 1, &lx_.clitics) &&
               Text(last + 1).rfind("\xD9\x84", 0) != 0 /* not لـ… */) {
      ++last;
    }
    *len = last - i + 1;
    std::string_view noun = Text(i);
    if (noun.rfind("\xD8\xA7\xD9\x84", 0) == 0) noun.remove_prefix(4);
    return AddSpeaker(-1, "generic:" + std::string(noun), i, last);
  }

  // The speaker of a verb of saying at v (verb tokens [v, v+len)) in sentence [b, e).
  int SpeakerOf(size_t v, size_t len, size_t b, size_t e, size_t* stop_out) {
    size_t stop = v + len;
    while (stop < e && stop < v + len + 16 && !IsComplementizer(Text(stop)) && !IsTo(Text(stop)) &&
           quote_of_[stop] < 0) {
      ++stop;
    }
    *stop_out = stop;
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
      // A place is a speaker only by metonymy (دمشق، واشنطن): any actor comes first.
      if (first < 0 || (facts_.mentions[first].type == EntityType::kGPE && mm.type != EntityType::kGPE)) first = m;
      k = mm.last;
    }
    int pick = per >= 0 ? per : first;
    if (pick >= 0) {
      const Mention& mm = facts_.mentions[pick];
      // The phrase as written when short (المركز الإعلامي لـ"قسد"), else the name alone.
      size_t from = v + len;
      while (from < mm.first && (lx_.function_words.Longest(tt_, from) || tt_.tokens[from].kind == TokenKind::kPunct)) ++from;
      if (mm.last - from > 5 || mm.type == EntityType::kPER || !lx_.roles.Longest(tt_, from, &lx_.clitics)) from = mm.first;
      return AddSpeaker(pick, mm.key, from, mm.last);
    }
    // A generic source right after the verb.
    for (size_t k = v + len; k < stop && k < v + len + 3; ++k) {
      size_t glen;
      int g = GenericAt(k, e, &glen);
      if (g >= 0) return g;
    }
    // An unnamed subject written out ("وقالت تقارير"، "وقال المركز الإعلامي للغوطة"):
    // the phrase itself, up to a comma or the complementizer.
    {
      size_t k = v + len;
      while (k < stop && tt_.tokens[k].kind == TokenKind::kWord && lx_.function_words.Longest(tt_, k)) ++k;
      size_t end = k;
      while (end < stop && end < k + 5 && tt_.tokens[end].kind == TokenKind::kWord && !lx_.function_words.Longest(tt_, end) &&
             !lx_.time_words.Longest(tt_, end, &lx_.clitics) && !lx_.relative_dates.Longest(tt_, end, &lx_.clitics) &&
             !lx_.weekdays.Longest(tt_, end, &lx_.clitics)) {
        ++end;
      }
      if (end > k && end == k + std::min<size_t>(end - k, 5) && (end == stop || Text(end) == ",")) {
        std::string key = "phrase:";
        for (size_t t = k; t < end; ++t) key += std::string(Text(t)) + " ";
        return AddSpeaker(-1, key, k, end - 1);
      }
    }
    // Subject before the verb: "بوليانسكي قال"، "كانت «قسد» حدّدت".
    for (size_t k = v; k > b && k + 4 > v; --k) {
      int m = MentionAt(facts_, k - 1);
      if (m < 0) continue;
      const Mention& mm = facts_.mentions[m];
      return AddSpeaker(m, mm.key, mm.first, mm.last);
    }
    return last_speaker_;
  }

  // "according to X": the first actor within a few words (وفق آخر حصيلة للمرصد).
  int AccordingTo(size_t a, size_t len, size_t e) {
    for (size_t k = a + len; k < e && k < a + len + 6; ++k) {
      int m = MentionAt(facts_, k);
      if (m >= 0) {
        const Mention& mm = facts_.mentions[m];
        return AddSpeaker(m, mm.key, mm.first, mm.last);
      }
      size_t glen;
      int g = GenericAt(k, e, &glen);
      if (g >= 0) return g;
    }
    return -1;
  }

  // A medium introduced by لـ or إلى: the audience of a statement.
  bool Audience(const Mention& mm) const {
    size_t k = mm.first;
    if (mm.prefix_bytes > 0) return Text(k).substr(0, 2) == "\xD9\x84";  // لـ glued
    if (k > 0 && Text(k - 1) == "\"") --k;
    return k > 0 && (Text(k - 1) == "\xD9\x84" || IsTo(Text(k - 1)));
  }

  // "… لـ«القدس العربي»"، "في رسالة خاصة إلى «القدس العربي»": the medium spoken through.
  void Told(int speaker, size_t from, size_t to) {
    if (speaker < 0) return;
    for (size_t k = from; k < to; ++k) {
      int m = MentionAt(facts_, k);
      if (m < 0) continue;
      const Mention& mm = facts_.mentions[m];
      if (mm.type != EntityType::kMEDIA) continue;
      bool to_prefix = mm.prefix_bytes > 0 || (k > 0 && (Text(k - 1) == "\xD9\x84" || IsTo(Text(k - 1)) ||
                                                         (k > 1 && Text(k - 1) == "\"" && (Text(k - 2) == "\xD9\x84" || IsTo(Text(k - 2))))));
      if (!to_prefix) continue;
      auto& list = out_.told[out_.speakers[speaker].key];
      if (std::find(list.begin(), list.end(), mm.key) == list.end()) list.push_back(mm.key);
    }
  }

  void Sentence1(size_t s) {
    const size_t b = sentences_[s].first_token, e = sentences_[s].end_token;
    int speaker = -1;
    size_t speech_from = e;
    for (size_t i = b; i < e; ++i) {
      auto cue = lx_.speech.Longest(tt_, i, &lx_.clitics);
      if (!cue) continue;
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
      if (role != SpeechRole::kSay || speaker >= 0) continue;
      if (MentionAt(facts_, i) >= 0) continue;  // part of a name
      size_t stop;
      speaker = SpeakerOf(i, cue.ntokens, b, e, &stop);
      if (speaker >= 0) {
        out_.sentence_verb[s] = static_cast<int>(i);
        Told(speaker, i + cue.ntokens, std::min(stop + 1, e));
        speech_from = std::min(speech_from, stop);
        i = stop > i ? stop - 1 : i;
      }
    }
    if (speaker >= 0) {
      out_.sentence_speaker[s] = speaker;
      last_speaker_ = speaker;
      last_speaker_sentence_ = s;
      for (size_t k = speech_from; k < e; ++k) out_.token_voice[k] = speaker;
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

  const TokenizedText& tt_;
  const std::vector<Sentence>& sentences_;
  const EntityFacts& facts_;
  const Lexicons& lx_;
  Attribution& out_;
  std::vector<std::pair<size_t, size_t>> quotes_;
  std::vector<int> quote_of_;
  int last_speaker_ = -1;
  size_t last_speaker_sentence_ = 0;
};

}  // namespace

void Attribute(const TokenizedText& tt, const std::vector<Sentence>& sentences, const EntityFacts& facts,
               const Lexicons& lx, Attribution* out) {
  Attributor(tt, sentences, facts, lx, out).Run();
}

}  // namespace isnad
