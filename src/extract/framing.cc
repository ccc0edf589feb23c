#include "extract/framing.h"

#include <algorithm>

namespace isnad {

namespace {

bool IsQuote(const TokenizedText& tt, size_t i) { return i < tt.size() && tt.text(i) == "\""; }

// Group mentions looked at, backwards, for the actor a lone epithet names.
constexpr int kMaxGroupSteps = 64;

}  // namespace

void ExtractFraming(const TokenizedText& tt, const EntityFacts& facts, const Attribution& attr, const Lexicons& lx,
                    std::vector<FramingItem>* out) {
  out->clear();
  const size_t n = tt.size();
  // prev_group[k]: the last armed-group mention at or before mention k, or -1.
  std::vector<long> prev_group(facts.mentions.size(), -1);
  for (size_t k = 0; k < facts.mentions.size(); ++k) {
    prev_group[k] = facts.mentions[k].type == EntityType::kGROUP ? static_cast<long>(k) : (k > 0 ? prev_group[k - 1] : -1);
  }
  auto voice_at = [&](size_t k) { return k < attr.token_voice.size() ? attr.token_voice[k] : -1; };
  // An after-epithet at j (after a name that ends at j-1, or at its closing quote).
  auto after_at = [&](size_t j, size_t* end, std::string* kind) {
    if (j < n && IsQuote(tt, j)) ++j;
    auto e = lx.epithets.Longest(tt, j);
    if (!e || e.value->position != Epithet::Position::kAfter || tt.tokens[j].line_start()) return false;
    size_t last = j + e.ntokens - 1;
    // "المدعومة من الولايات المتحدة"، "بقيادة واشنطن": the sponsor belongs to the phrase.
    if (e.value->kind == "sponsorship") {
      int m = MentionAt(facts, last + 1);
      if (m >= 0) last = facts.mentions[m].last;
    }
    *end = last;
    *kind = e.value->kind;
    return true;
  };
  for (size_t i = 0; i < n; ++i) {
    int mi = MentionAt(facts, i);
    if (mi >= 0) {
      const Mention& m = facts.mentions[mi];
      size_t end;
      std::string kind;
      // A head that is itself an epithet: ميليشيا "قسد" is one mention of قسد.
      if (auto head = lx.epithets.Longest(tt, m.first, &lx.clitics);
          head && head.value->position == Epithet::Position::kBefore && m.last >= m.first + head.ntokens) {
        size_t last = m.last;
        if (IsQuote(tt, last + 1) && last > 0 && !IsQuote(tt, last) && IsQuote(tt, m.first + head.ntokens)) ++last;
        std::string after_kind;
        if (after_at(m.last + 1, &end, &after_kind)) last = end;
        out->push_back({static_cast<uint32_t>(m.first), static_cast<uint32_t>(last), m.key, voice_at(m.first),
                        head.value->kind, false});
        i = last;
        continue;
      }
      if (m.type != EntityType::kPER && after_at(m.last + 1, &end, &kind)) {
        size_t first = m.first;
        if (i > 0 && IsQuote(tt, i - 1) && IsQuote(tt, m.last + 1)) first = i - 1;
        FramingItem f{static_cast<uint32_t>(first), static_cast<uint32_t>(end), m.key, voice_at(end), kind,
                      end == m.last + 1 || (IsQuote(tt, m.last + 1) && end == m.last + 2)};
        if (kind == "sponsorship") f.adjectival = false;
        out->push_back(f);
        i = end;
        continue;
      }
      i = m.last;
      continue;
    }
    auto e = lx.epithets.Longest(tt, i, &lx.clitics);
    if (!e) continue;
    size_t j = i + e.ntokens;
    const Epithet& ep = *e.value;
    if (ep.position == Epithet::Position::kBefore) {
      size_t at = IsQuote(tt, j) ? j + 1 : j;
      int target = MentionAt(facts, at);
      if (target < 0 || facts.mentions[target].first != at || tt.tokens[at].line_start()) continue;
      const Mention& m = facts.mentions[target];
      size_t last = m.last;
      if (IsQuote(tt, j) && IsQuote(tt, last + 1)) ++last;
      size_t end;
      std::string kind;
      if (after_at(m.last + 1, &end, &kind)) last = end;
      out->push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(last), m.key, voice_at(i), ep.kind, false});
      i = last;
    } else if (ep.position == Epithet::Position::kOccupier) {
      // (قوات|طيران) الاحتلال الأمريكي
      auto nat = lx.nationalities.Longest(tt, j);
      if (!nat) continue;
      size_t first = i;
      if (i > 0 && tt.tokens[i - 1].kind == TokenKind::kWord && !tt.tokens[i].line_start() &&
          !lx.function_words.Longest(tt, i - 1) && MentionAt(facts, i - 1) < 0) {
        first = i - 1;  // the force: قوات، طيران، جيش
      }
      size_t last = j + nat.ntokens - 1;
      out->push_back({static_cast<uint32_t>(first), static_cast<uint32_t>(last), "g:" + *nat.value, voice_at(i), ep.kind, false});
      i = last;
    } else if (ep.position == Epithet::Position::kAlone) {
      int voice = voice_at(i);
      std::string voice_key = voice >= 0 ? attr.speakers[voice].key : "";
      // The last armed group named before i, through the chain of group mentions.
      auto after = std::lower_bound(facts.mentions.begin(), facts.mentions.end(), i,
                                    [](const Mention& m, size_t t) { return m.first < t; });
      long k = after == facts.mentions.begin() ? -1 : prev_group[after - facts.mentions.begin() - 1];
      for (int steps = 0; k >= 0 && steps < kMaxGroupSteps; ++steps, k = k > 0 ? prev_group[k - 1] : -1) {
        const Mention& m = facts.mentions[static_cast<size_t>(k)];
        if (m.key == voice_key) continue;
        out->push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j - 1), m.key, voice, ep.kind, false});
        break;
      }
      i = j - 1;
    }
  }
}

}  // namespace isnad
