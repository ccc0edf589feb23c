#include "extract/framing.h"

#include <algorithm>
#include <unordered_map>

namespace isnad {

namespace {

using Position = Epithet::Position;

bool IsQuote(const TokenizedText& tt, size_t i) { return i < tt.size() && tt.text(i) == "\""; }

bool IsPlace(EntityType t) { return t == EntityType::kLOC || t == EntityType::kGPE || t == EntityType::kFAC; }

// Group mentions looked at, backwards, for the actor a lone epithet names.
constexpr int kMaxGroupSteps = 64;
// Tokens back from a predicate epithet to the actor it is said of ("اعتبر الحركة منظمة
// إرهابية", "إسرائيل، كقوة قائمة بالاحتلال").
constexpr size_t kPredicateReach = 8;
// Tokens back from an epithet to a naming verb whose subject is its voice.
constexpr size_t kNamingReach = 14;
// The longest force phrase before a state epithet (قوات، سلطات، قوة قائمة).
constexpr size_t kForceWords = 3;
// What a quoting-distance phrase takes after it: a quotation of at most kQuoteReach
// tokens, a name, or at most kSoCalledWords words.
constexpr size_t kQuoteReach = 12;
constexpr size_t kSoCalledWords = 3;

// Whether the reading of token i after `prefix` clitic bytes has the article (or an
// attached pronoun): المنظمة الإرهابية stands for an actor, منظمة إرهابية is said of one.
bool Definite(const TokenizedText& tt, size_t i, size_t prefix) {
  if (!tt.has_variants()) return false;
  for (const WordVariant* v = tt.variants_begin(i); v != tt.variants_end(i); ++v) {
    if (v->prefix == prefix) return v->definite;
  }
  return false;
}

}  // namespace

void ExtractFraming(const TokenizedText& tt, const std::vector<Sentence>& sentences, const EntityFacts& facts,
                    const Attribution& attr, const Lexicons& lx, std::vector<FramingItem>* out) {
  out->clear();
  const size_t n = tt.size();
  // sentence_first[t]: the first token of t's sentence.
  std::vector<uint32_t> sentence_first(n, 0);
  for (const Sentence& s : sentences) {
    for (uint32_t k = s.first_token; k < s.end_token && k < n; ++k) sentence_first[k] = s.first_token;
  }
  // prev_group[k]: the last armed-group mention at or before mention k, or -1.
  std::vector<long> prev_group(facts.mentions.size(), -1);
  for (size_t k = 0; k < facts.mentions.size(); ++k) {
    prev_group[k] = facts.mentions[k].type == EntityType::kGROUP ? static_cast<long>(k) : (k > 0 ? prev_group[k - 1] : -1);
  }
  auto voice_at = [&](size_t k) { return k < attr.token_voice.size() ? attr.token_voice[k] : -1; };
  auto voice_key = [&](int voice) { return voice >= 0 ? attr.speakers[voice].key : std::string(); };
  auto epithet_at = [&](size_t k, Position p) {
    auto e = lx.epithets.Longest(tt, k, &lx.clitics);
    return e && e.value->position == p ? e : decltype(e){};
  };
  // An after-epithet at j (after a name that ends at j-1, or at its closing quote).
  auto after_at = [&](size_t j, size_t* end, std::string* kind, bool* sponsor) {
    if (j < n && IsQuote(tt, j)) ++j;
    auto e = lx.epithets.Longest(tt, j);
    if (!e || e.value->position != Position::kAfter || tt.tokens[j].line_start()) return false;
    size_t last = j + e.ntokens - 1;
    // "المدعومة من الولايات المتحدة"، "بقيادة واشنطن": the sponsor belongs to the phrase.
    // A sponsor phrase needs its sponsor named.
    if (e.value->sponsor) {
      int m = MentionAt(facts, last + 1);
      if (m < 0) return false;
      last = facts.mentions[m].last;
    }
    *end = last;
    *kind = e.value->kind;
    *sponsor = e.value->sponsor;
    return true;
  };
  // The nationality adjective at j (الإسرائيلي، الأمريكية): its state key and last token.
  auto nation_at = [&](size_t j, std::string* key, size_t* last) {
    if (j >= n || tt.tokens[j].line_start()) return false;
    auto nat = lx.nationalities.Longest(tt, j);
    if (!nat) return false;
    *key = "g:" + *nat.value;
    *last = j + nat.ntokens - 1;
    return true;
  };
  // The first token of a force phrase that ends right before i (قوات، جيش، سلطات), or i.
  auto force_before = [&](size_t i) {
    for (size_t k = std::min(kForceWords, i); k >= 1; --k) {
      bool same_line = true;
      for (size_t t = i - k + 1; t <= i; ++t) same_line &= !tt.tokens[t].line_start();
      if (!same_line || MentionAt(facts, i - k) >= 0) continue;
      auto f = epithet_at(i - k, Position::kForce);
      if (f && f.ntokens == k) return i - k;
    }
    return i;
  };
  // The last armed group named before token i, other than `skip` (the voice's own).
  auto last_group = [&](size_t i, const std::string& skip) {
    auto after = std::lower_bound(facts.mentions.begin(), facts.mentions.end(), i,
                                  [](const Mention& m, size_t t) { return m.first < t; });
    long k = after == facts.mentions.begin() ? -1 : prev_group[after - facts.mentions.begin() - 1];
    for (int steps = 0; k >= 0 && steps < kMaxGroupSteps; ++steps, k = k > 0 ? prev_group[k - 1] : -1) {
      const Mention& m = facts.mentions[static_cast<size_t>(k)];
      if (m.key != skip) return m.key;
    }
    return std::string();
  };
  // The actor a predicate epithet at i is said of: the nearest name before it in its
  // sentence, other than `skip`.
  auto predicated = [&](size_t i, const std::string& skip) {
    size_t lo = std::max<size_t>(sentence_first[i], i > kPredicateReach ? i - kPredicateReach : 0);
    for (size_t k = i; k-- > lo;) {
      int m = MentionAt(facts, k);
      if (m < 0) continue;
      if (facts.mentions[m].key != skip) return facts.mentions[m].key;
      k = facts.mentions[m].first;
    }
    return std::string();
  };
  // The subject of a naming verb before token `first` in its sentence (وصفتهم إسرائيل،
  // إسرائيل تصفهم، نتنياهو، الذي اعتبر…، وصف الرئيس الفلسطيني), other than the named actor:
  // sets f's voice when found.
  auto naming_voice = [&](size_t first, FramingItem* f) {
    size_t s0 = sentence_first[first];
    size_t lo = std::max<size_t>(s0, first > kNamingReach ? first - kNamingReach : 0);
    for (size_t v = first; v-- > lo;) {
      auto e = epithet_at(v, Position::kNaming);
      if (!e) {
        // A verb of saying in between starts another voice.
        if (lx.speech.Longest(tt, v, &lx.clitics)) return;
        continue;
      }
      const size_t after = v + e.ntokens;
      for (size_t k = after; k < first && k <= after + 1; ++k) {
        int m = MentionAt(facts, k);
        if (m >= 0 && facts.mentions[m].key != f->entity_key) {
          f->voice = -1;
          f->voice_mention = m;
          return;
        }
      }
      // Before the verb: the name, over a comma and a relative pronoun.
      size_t k = v;
      for (int skip = 0; k > s0 && skip <= 2; ++skip) {
        int m = MentionAt(facts, k - 1);
        if (m >= 0) {
          if (facts.mentions[m].key == f->entity_key) break;
          f->voice = -1;
          f->voice_mention = m;
          return;
        }
        if (tt.tokens[k - 1].kind != TokenKind::kPunct && !lx.function_words.Longest(tt, k - 1)) break;
        --k;
      }
      // A title or a definite noun of state with no name after the verb: the title and its
      // nationality (وصف الرئيس الفلسطيني، وصفتهم الحكومة السودانية).
      if (after < first && tt.tokens[after].kind == TokenKind::kWord && MentionAt(facts, after) < 0) {
        auto role = lx.roles.Longest(tt, after, &lx.clitics);
        size_t last = role ? after + role.ntokens - 1 : after;
        std::string nat;
        size_t nat_last;
        const bool national = nation_at(last + 1, &nat, &nat_last) && nat_last < first;
        if (national) last = nat_last;
        if (role || (national && Definite(tt, after, 0) && !lx.function_words.Longest(tt, after))) {
          f->voice = -1;
          f->voice_phrase = true;
          f->voice_first = static_cast<uint32_t>(after);
          f->voice_last = static_cast<uint32_t>(last);
        }
      }
      return;
    }
  };
  auto emit = [&](size_t first, size_t last, std::string key, int voice, const std::string& kind, bool adjectival) {
    FramingItem f{static_cast<uint32_t>(first), static_cast<uint32_t>(last), std::move(key), voice, kind, adjectival};
    naming_voice(first, &f);
    out->push_back(std::move(f));
  };
  // The state the last bare use of an occupier epithet named ("الاحتلال" after "قوات
  // الاحتلال الإسرائيلي").
  std::unordered_map<const Epithet*, std::string> last_state;
  std::vector<std::pair<size_t, const Epithet*>> bare;  // items of a bare use named no state yet

  for (size_t i = 0; i < n; ++i) {
    int mi = MentionAt(facts, i);
    if (mi >= 0) {
      const Mention& m = facts.mentions[mi];
      // A name that is wholly an epithet ("منظمة إرهابية" read as an organisation) is read
      // as the epithet below.
      auto whole = lx.epithets.Longest(tt, m.first, &lx.clitics);
      const bool epithet_name = i == m.first && whole && m.first + whole.ntokens > m.last &&
                                whole.value->position != Position::kBefore && whole.value->position != Position::kAfter &&
                                whole.value->position != Position::kForce && whole.value->position != Position::kNaming;
      if (!epithet_name) {
        size_t end;
        std::string kind;
        bool sponsor = false;
        // A head that is itself an epithet: ميليشيا "قسد" is one mention of قسد.
        if (whole && whole.value->position == Position::kBefore && m.last >= m.first + whole.ntokens) {
          size_t last = m.last;
          if (IsQuote(tt, last + 1) && last > 0 && !IsQuote(tt, last) && IsQuote(tt, m.first + whole.ntokens)) ++last;
          std::string after_kind;
          if (after_at(m.last + 1, &end, &after_kind, &sponsor)) last = end;
          emit(m.first, last, m.key, voice_at(m.first), whole.value->kind, false);
          i = last;
          continue;
        }
        if (m.type != EntityType::kPER && after_at(m.last + 1, &end, &kind, &sponsor) &&
            !(sponsor && IsPlace(m.type))) {  // حي X التابع لمدينة Y: administration, not framing
          size_t first = m.first;
          if (i > 0 && IsQuote(tt, i - 1) && IsQuote(tt, m.last + 1)) first = i - 1;
          bool adjectival = !sponsor && (end == m.last + 1 || (IsQuote(tt, m.last + 1) && end == m.last + 2));
          emit(first, end, m.key, voice_at(end), kind, adjectival);
          i = end;
          continue;
        }
        i = m.last;
        continue;
      }
    }
    auto e = lx.epithets.Longest(tt, i, &lx.clitics);
    if (!e) continue;
    size_t j = i + e.ntokens;
    const Epithet& ep = *e.value;
    const int voice = voice_at(i);
    std::string key;
    size_t last = j - 1;
    switch (ep.position) {
      case Position::kBefore: {
        size_t at = IsQuote(tt, j) ? j + 1 : j;
        int target = MentionAt(facts, at);
        if (target < 0 || facts.mentions[target].first != at || tt.tokens[at].line_start()) {
          // "الميليشيات الإيرانية": the state behind them.
          if (!nation_at(j, &key, &last)) continue;
          emit(i, last, key, voice, ep.kind, false);
          i = last;
          continue;
        }
        const Mention& m = facts.mentions[target];
        last = m.last;
        if (IsQuote(tt, j) && IsQuote(tt, last + 1)) ++last;
        size_t end;
        std::string kind;
        bool sponsor;
        if (after_at(m.last + 1, &end, &kind, &sponsor)) last = end;
        emit(i, last, m.key, voice, ep.kind, false);
        i = last;
        break;
      }
      case Position::kOccupier:
      case Position::kNation: {
        // (قوات|سلطات|جيش) الاحتلال الإسرائيلي، آلة القتل الإسرائيلية، النظام السوري
        size_t first = force_before(i);
        if (nation_at(j, &key, &last)) {
          last_state[&ep] = key;
        } else if (ep.position == Position::kOccupier || first < i) {
          // "برصاص الاحتلال"، "قوات النظام": the state named so before, if any.
          auto it = last_state.find(&ep);
          if (it != last_state.end()) key = it->second;
        } else {
          continue;
        }
        if (key.empty()) bare.emplace_back(out->size(), &ep);
        emit(first, last, key, voice, ep.kind, false);
        i = last;
        break;
      }
      case Position::kAlone:
      case Position::kPredicate: {
        size_t nat_last;
        std::string nat_key;
        // "بؤرة استيطانية أمريكية": the adjective belongs to the phrase.
        if (nation_at(j, &nat_key, &nat_last)) last = nat_last;
        if (ep.target == Epithet::Target::kKey) {
          key = "g:" + ep.key;
        } else if (ep.target == Epithet::Target::kNone) {
          key.clear();
        } else if (ep.position == Position::kPredicate && !Definite(tt, i, e.prefix_bytes)) {
          key = predicated(i, voice_key(voice));
        } else {
          key = last_group(i, voice_key(voice));
          // A lone name for a group with no group named before it says nothing of whom.
          if (key.empty() && ep.position == Position::kAlone) {
            i = last;
            continue;
          }
        }
        emit(i, last, key, voice, ep.kind, false);
        i = last;
        break;
      }
      case Position::kSoCalled: {
        // ما يسمى بـ«الجيش الحر»، ما يعرف بالجيش الحر، ما يسمى الجيش الحر
        if (j >= n || tt.tokens[j].line_start()) continue;
        if (IsQuote(tt, j)) {
          size_t close = j + 1;
          while (close < n && close <= j + kQuoteReach && !IsQuote(tt, close) && !tt.tokens[close].line_start()) ++close;
          if (close >= n || !IsQuote(tt, close)) continue;
          int m = MentionAt(facts, j + 1);
          if (m >= 0 && facts.mentions[m].last < close) key = facts.mentions[m].key;
          last = close;
        } else if (int m = MentionAt(facts, j); m >= 0 && facts.mentions[m].first == j) {
          key = facts.mentions[m].key;
          last = facts.mentions[m].last;
        } else {
          size_t k = j;
          while (k < n && k < j + kSoCalledWords && tt.tokens[k].kind == TokenKind::kWord &&
                 (k == j || !tt.tokens[k].line_start()) && (k == j || !lx.function_words.Longest(tt, k))) {
            ++k;
          }
          if (k == j) continue;
          last = k - 1;
        }
        emit(i, last, key, voice, ep.kind, false);
        i = last;
        break;
      }
      case Position::kAfter:
      case Position::kForce:
      case Position::kNaming:
        break;
    }
  }
  // A bare use before any named one ("برصاص الاحتلال" … "قوات الاحتلال الإسرائيلي"): the
  // state the text names with that epithet.
  for (const auto& [item, ep] : bare) {
    auto it = last_state.find(ep);
    if (it != last_state.end()) (*out)[item].entity_key = it->second;
  }
}

}  // namespace isnad
