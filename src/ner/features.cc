#include "ner/features.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace isnad::ner {

namespace {

constexpr uint8_t kAll = (1 << kOffsets) - 1;          // every offset in the window
constexpr uint8_t kNear = 7 << (kWindow - 1);          // offsets -1..1
constexpr uint8_t kSelf = 1 << kWindow;                // offset 0


bool StartsWith(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.compare(0, p.size(), p) == 0; }

// Byte length of the first / last n code points of s (all of s when shorter).
size_t PrefixBytes(std::string_view s, int n) {
  size_t i = 0;
  for (int k = 0; k < n && i < s.size(); ++k) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}
size_t SuffixBytes(std::string_view s, int n) {
  size_t i = s.size();
  for (int k = 0; k < n && i > 0; ++k) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  }
  return s.size() - i;
}
int Letters(std::string_view s) {
  int n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

uint64_t FeatureKey(Template t, std::string_view s) { return XXH3_64bits_withSeed(s.data(), s.size(), t); }

uint64_t Featurizer::GazetteerKey(std::string_view token) { return XXH3_64bits_withSeed(token.data(), token.size(), 0x6A7); }

uint64_t Featurizer::ClusterKey(std::string_view word) { return XXH3_64bits_withSeed(word.data(), word.size(), 0xC1); }

uint64_t Featurizer::PhraseKey(int kind, EntityType type, bool first) const {
  char s[3] = {static_cast<char>('0' + kind), static_cast<char>('A' + static_cast<int>(type)), first ? 'B' : 'I'};
  return FeatureKey(kTPhrase, std::string_view(s, 3));
}

std::string_view Featurizer::StemOf(std::string_view word, std::string* scratch) const {
  const std::string_view al = lx_.article();
  if (StartsWith(word, al) && word.size() >= al.size() + 4) return word.substr(al.size());
  std::string_view stem = word;
  lx_.clitics.ForEachVariant(word, scratch, [&](std::string_view v, size_t prefix) {
    if (prefix == 0 || !StartsWith(v, al) || v.size() < al.size() + 4) return false;
    stem = v.substr(al.size());
    return true;
  });
  return stem;
}

void Featurizer::BoundaryFeatures(bool end, FeatureList* out) const {
  out->n = 0;
  out->Add(FeatureKey(kTBoundary, end ? "end" : "start"), kAll);
}

void Featurizer::TokenFeatures(const TokenizedText& tt, size_t i, FeatureList* out) const {
  out->n = 0;
  const Token& tok = tt.tokens[i];
  std::string_view w = tt.text(i);
  out->Add(FeatureKey(kTBias, ""), kSelf);
  if (tok.kind == TokenKind::kPunct) {
    out->Add(FeatureKey(kTWord, w), kAll);
    out->Add(FeatureKey(kTShape, "P"), kNear);
    return;
  }
  if (tok.kind == TokenKind::kNumber) {
    char s[3] = {'N', static_cast<char>('0' + std::min<size_t>(w.size(), 5)), 0};
    out->Add(FeatureKey(kTShape, std::string_view(s, 2)), kNear);
    return;
  }
  out->Add(FeatureKey(kTWord, w), kAll, true);
  out->Add(FeatureKey(kTShape, (tok.flags & Token::kLatin) ? "L" : (tok.flags & Token::kArabic) ? "A" : "X"), kNear);

  // The stem without the article (and the clitics before it), and without one proclitic.
  thread_local std::string scratch, stem_a, clitic;
  stem_a.assign(StemOf(w, &scratch));
  clitic.clear();
  if (stem_a.size() != w.size()) {
    clitic.assign(w.substr(0, w.size() - stem_a.size()));
  }
  out->Add(FeatureKey(kTStemA, stem_a), kAll, true);
  if (clitic.empty() && w.size() >= 8) {
    lx_.clitics.ForEachVariant(w, &scratch, [&](std::string_view v, size_t prefix) {
      if (prefix != 2) return false;
      out->Add(FeatureKey(kTStemB, v), kNear, true);
      clitic.assign(w.substr(0, prefix));
      clitic += '+';
      return true;
    });
  }
  out->Add(FeatureKey(kTClitic, clitic), kNear);
  std::string_view s = stem_a;
  out->Add(FeatureKey(kTPre2, s.substr(0, PrefixBytes(s, 2))), kSelf);
  out->Add(FeatureKey(kTPre3, s.substr(0, PrefixBytes(s, 3))), kSelf);
  out->Add(FeatureKey(kTSuf1, s.substr(s.size() - SuffixBytes(s, 1))), kSelf);
  out->Add(FeatureKey(kTSuf2, s.substr(s.size() - SuffixBytes(s, 2))), kNear);
  out->Add(FeatureKey(kTSuf3, s.substr(s.size() - SuffixBytes(s, 3))), kNear);
  out->Add(FeatureKey(kTSuf4, s.substr(s.size() - SuffixBytes(s, 4))), kSelf);
  // The word's cluster path (or its stem's), at three depths.
  if (lists_.clusters.size() > 0) {
    const uint32_t* p = lists_.clusters.Find(ClusterKey(w));
    if (!p) p = lists_.clusters.Find(ClusterKey(stem_a));
    if (p) {
      uint32_t c1 = *p >> 16, c2 = (*p >> 8) & 255, c3 = *p & 255;
      uint32_t v1 = c1, v2 = (c1 << 8) | c2, v3 = (c1 << 16) | (c2 << 8) | c3;
      out->Add(FeatureKey(kTCluster1, std::string_view(reinterpret_cast<const char*>(&v1), 4)), kAll);
      out->Add(FeatureKey(kTCluster2, std::string_view(reinterpret_cast<const char*>(&v2), 4)), kNear);
      out->Add(FeatureKey(kTCluster3, std::string_view(reinterpret_cast<const char*>(&v3), 4)), kNear);
    } else {
      out->Add(FeatureKey(kTCluster1, "none"), kNear);
    }
  }
  // How much the stem is spelled like a name (the letter model), in half-unit buckets.
  if (!lists_.letters.empty() && (tok.flags & Token::kArabic)) {
    int sum = 0, k = 0;
    ForEachTrigram(s, [&](uint32_t t) {
      sum += lists_.letters[t];
      ++k;
    });
    int bucket = std::clamp(static_cast<int>(std::floor(sum / 100.0 / std::max(k, 1) * 2)), -8, 8);
    char b = static_cast<char>('a' + bucket + 8);
    out->Add(FeatureKey(kTNameLike, std::string_view(&b, 1)), kNear);
  }
  char len = static_cast<char>('0' + std::min(Letters(s), 9));
  out->Add(FeatureKey(kTLength, std::string_view(&len, 1)), kSelf);

  // Lexicon tables a phrase starts in here (Lexicons::Annotate).
  if (!tt.lex_mask.empty()) {
    for (uint32_t m = tt.lex_mask[i]; m != 0; m &= m - 1) {
      char bit = static_cast<char>(__builtin_ctz(m));
      out->Add(FeatureKey(kTLex, std::string_view(&bit, 1)), kAll);
    }
  }
  // A one-word name of the gazetteer or the outlet list, with or without a clitic (only
  // where Annotate found one of their phrases starting).
  const uint32_t names_mask = (1u << lx_.gazetteer.id()) | (1u << lx_.outlets.id());
  if (!tt.lex_mask.empty() && (tt.lex_mask[i] & names_mask)) lx_.clitics.ForEachVariant(w, &scratch, [&](std::string_view v, size_t prefix) {
    const char* type = nullptr;
    if (const GazetteerEntry* g = lx_.gazetteer.FindWord(v)) {
      type = EntityTypeName(g->type);
    } else if (const OutletName* o = lx_.outlets.FindWord(v); o && o->kind != "generic" && !o->strict) {
      type = "MEDIA";
    }
    if (!type) return false;
    char t[8];
    size_t n = std::min<size_t>(std::char_traits<char>::length(type), 6);
    std::copy(type, type + n, t);
    if (prefix) t[n++] = '+';
    out->Add(FeatureKey(kTGaz, std::string_view(t, n)), kNear);
    return true;
  });
  // The hashed gazetteer sets.
  if (const uint16_t* bits = lists_.gazetteer.Find(GazetteerKey(stem_a))) {
    for (int b = 0; b < 16; ++b) {
      if (*bits & (1 << b)) {
        char c = static_cast<char>('a' + b);
        out->Add(FeatureKey(kTAner, std::string_view(&c, 1)), kNear);
      }
    }
  }
}

}  // namespace isnad::ner
