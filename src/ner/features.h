// Features of the entity tagger (lexicon/ner_model.h), computed from the engine's own tokens
// and lexicons, so training (ner/train.h) and tagging see exactly the same thing.
//
// Token features depend on the token's text alone, so the tagger can memoize their
// summed weights per word:
//   word; stem without the article and its clitics (وبالقدس -> قدس) and without a single
//   proclitic (وواشنطن -> واشنطن); the clitics; prefixes of two and three letters and
//   suffixes of one to four letters of the stem; shape (punctuation, digits and their
//   count, Latin, length); the lexicon tables a phrase starts in at this token (given
//   names, roles and titles, entity heads, function words, verbs of saying, the
//   gazetteer, outlets, nationalities, months…); the type of a one-word gazetteer or
//   outlet entry; membership in the hashed gazetteer sets stored in the model (ANERGazet).
// Each template votes for the tags of the tokens within a window around it (its
// offsets), e.g. a role word votes for the token after it.
// Position features depend on neighbours and apply to the token itself only: inside a
// multi-word gazetteer or outlet name (first word or later), right after a role phrase.
#pragma once

#include <cstdint>
#include <string_view>

#include "lexicon/lexicons.h"
#include "lexicon/ner_model.h"
#include "text/tokenizer.h"
#include "util/utf8.h"

namespace isnad::ner {

struct Feature {
  uint64_t key = 0;
  uint8_t offsets = 0;  // bit (d + kWindow): votes for the token d places away
  bool lexical = false;  // names the word itself (word, stems): dropped at random in training
};

struct FeatureList {
  static constexpr int kMax = 64;
  Feature f[kMax];
  int n = 0;
  void Add(uint64_t key, uint8_t offsets, bool lexical = false) {
    if (n < kMax) f[n++] = {key, offsets, lexical};
  }
};

class Featurizer {
 public:
  // `gazetteer`: hashed membership sets (Model::gazetteer(), or the trainer's).
  Featurizer(const Lexicons& lx, const FeatureLists& lists) : lx_(lx), lists_(lists) {}

  // Features of token i that depend on its text alone (tt must be annotated).
  void TokenFeatures(const TokenizedText& tt, size_t i, FeatureList* out) const;
  // The pseudo-tokens before the first and after the last token.
  void BoundaryFeatures(bool end, FeatureList* out) const;
  // Position features: calls fn(token, key) for each (offset 0 only), in no set order.
  template <typename Fn>
  void PositionFeatures(const TokenizedText& tt, Fn&& fn) const;

  // The key of a gazetteer-set entry (a normalized token without its article).
  static uint64_t GazetteerKey(std::string_view token);
  // The key of a word in the cluster table.
  static uint64_t ClusterKey(std::string_view word);
  // Calls fn(trigram index) for each letter trigram of the stem between its edges
  // (model.h LetterId): ^^a ^ab abc … yz$.
  template <typename Fn>
  static void ForEachTrigram(std::string_view stem, Fn&& fn);
  // Strips the article and proclitics: the stem the gazetteer sets are keyed by.
  std::string_view StemOf(std::string_view word, std::string* scratch) const;

 private:
  uint64_t PhraseKey(int kind, EntityType type, bool first) const;
  const Lexicons& lx_;
  const FeatureLists& lists_;
};

// Templates (the first byte hashed into every key).
enum Template : uint8_t {
  kTBias = 1, kTWord, kTStemA, kTStemB, kTPre2, kTPre3, kTSuf1, kTSuf2, kTSuf3, kTSuf4, kTClitic, kTShape,
  kTLength, kTLex, kTGaz, kTAner, kTPhrase, kTAfterRole, kTBoundary, kTNameLike, kTCluster1, kTCluster2, kTCluster3,
};
uint64_t FeatureKey(Template t, std::string_view s);

template <typename Fn>
void Featurizer::ForEachTrigram(std::string_view stem, Fn&& fn) {
  uint32_t a = kLetterEdgeStart, b = kLetterEdgeStart;
  for (size_t i = 0; i < stem.size();) {
    int len;
    uint32_t c = static_cast<uint32_t>(LetterId(utf8::Decode(stem, i, &len)));
    fn((a << 12) | (b << 6) | c);
    a = b;
    b = c;
    i += len;
  }
  fn((a << 12) | (b << 6) | kLetterEdgeEnd);
}

template <typename Fn>
void Featurizer::PositionFeatures(const TokenizedText& tt, Fn&& fn) const {
  const size_t n = tt.size();
  for (size_t i = 0; i < n; ++i) {
    if (tt.tokens[i].kind != TokenKind::kWord) continue;
    // Multi-word names of the gazetteer and the outlet list (one-word ones are token features).
    auto g = lx_.gazetteer.Longest(tt, i, &lx_.clitics);
    auto o = lx_.outlets.Longest(tt, i, &lx_.clitics);
    size_t len = 0;
    EntityType type = EntityType::kORG;
    int kind = 0;
    if (g && g.ntokens > 1) { len = g.ntokens; type = g.value->type; kind = 1; }
    if (o && o.ntokens > 1 && o.ntokens > len && o.value->kind != "generic") { len = o.ntokens; type = EntityType::kMEDIA; kind = 2; }
    if (len > 1) {
      for (size_t k = 0; k < len; ++k) fn(i + k, PhraseKey(kind, type, k == 0));
    }
    // The word after a role or title phrase (المتحدث باسم، وزير الخارجية).
    auto r = lx_.roles.Longest(tt, i, &lx_.clitics);
    if (r && i + r.ntokens < n) {
      fn(i + r.ntokens, FeatureKey(kTAfterRole, r.ntokens > 1 ? "phrase" : "word"));
    }
  }
}

}  // namespace isnad::ner
