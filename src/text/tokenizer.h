// Tokenization of a normalized view, clitic-aware.
//
// One pass over the view: runs of letters of one script are words, digits with
// internal separators (3,500  1.5  2022.01.26) are numbers, any other visible
// character is punctuation (a run of the same character, "..", is one token).
// A change of script or from letters to digits splits a token without a space, and the
// token remembers it (kGlued): "بـ3500" becomes ب + 3500, "2022January28" becomes
// 2022 + january + 28. Whitespace is not a token; the newlines before a token are
// flags, so line and paragraph structure survives.
//
// Clitics (و ف ب ك ل ال لل …, data/clitics.tsv) are not split off in the token stream,
// because most word-initial و/ب/ل are root letters; instead lexicon look-ups try the
// stripped variants (CliticVariants) from longest prefix to none.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/morphology.h"
#include "text/normalizer.h"

namespace isnad {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

struct Token {
  uint32_t begin = 0;  // view offsets
  uint32_t end = 0;
  TokenKind kind = TokenKind::kWord;
  uint8_t flags = 0;

  enum : uint8_t {
    kGlued = 1,           // no whitespace between this token and the previous one
    kLineStart = 2,       // first token on its line
    kParagraphStart = 4,  // a blank line (or the start of the text) before it
    kArabic = 8,          // word in Arabic script
    kLatin = 16,          // word in Latin script
  };
  bool glued() const { return flags & kGlued; }
  bool line_start() const { return flags & kLineStart; }
};

// A tokenized view: the normalized text plus its tokens.
struct TokenizedText {
  NormalizedText norm;
  std::vector<Token> tokens;
  // Per token, a bit per lexicon table whose phrases may start here (the token itself
  // or one of its clitic-stripped stems is a first word in that table). Filled by
  // Lexicons::Annotate; empty means "unknown" and every table is consulted.
  std::vector<uint32_t> lex_mask;
  // Per token, its readings (text/morphology.h): variants[var_range[i].begin ..
  // var_range[i].end), the word itself first. Filled by Lexicons::Annotate, once per distinct
  // word of the text (tokens of one word share their range), and shared by every look-up;
  // empty means "not computed" (look-ups then split clitics themselves).
  struct VariantRange {
    uint32_t begin = 0, end = 0;
  };
  std::vector<WordVariant> variants;
  std::vector<VariantRange> var_range;
  std::string keys;  // the arena the variants' keys point into
  std::string_view key(KeyRef k) const { return std::string_view(keys).substr(k.begin, k.size); }
  bool has_variants() const { return !tokens.empty() && var_range.size() == tokens.size(); }
  const WordVariant* variants_begin(size_t i) const { return variants.data() + var_range[i].begin; }
  const WordVariant* variants_end(size_t i) const { return variants.data() + var_range[i].end; }
  // Per token, the id of its word in the annotating thread's word cache: two tokens with
  // the same id in the same `word_epoch` have the same text, lexicon mask and readings, so a
  // stage that derives a value from the word alone indexes a memo by the id instead of
  // hashing the text again (util/word_memo.h WordSlots). Filled by Lexicons::Annotate;
  // word_epoch 0 means no ids. An epoch is never reused, across threads and instances.
  std::vector<uint32_t> word_id;
  uint64_t word_epoch = 0;
  bool has_word_ids() const { return word_epoch != 0 && word_id.size() == tokens.size(); }

  std::string_view text(size_t i) const {
    return std::string_view(norm.text).substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  }
  size_t size() const { return tokens.size(); }
  // Original byte span of tokens [first, last] inclusive.
  ByteSpan RawSpan(size_t first, size_t last) const { return norm.ToRaw(tokens[first].begin, tokens[last].end); }
};

// Tokenizes norm.text in place (tokens are cleared first; capacity is reused).
void Tokenize(const Normalizer& normalizer, TokenizedText* tt);

// Clitic prefixes, loaded from data/clitics.tsv.
class Clitics {
 public:
  static Result<Clitics> Load(std::string_view tsv, const Normalizer& normalizer);
  // The article: what a prefix restores (لل+X is ل+ال+X), normalized; "" when none does.
  std::string_view article() const { return article_; }
  // (prefix, restored article) pairs, normalized, longest first.
  const std::vector<std::pair<std::string, std::string>>& prefixes() const { return prefixes_; }
  // Calls fn(stem, prefix_bytes) for the word itself (prefix_bytes 0) and then for every
  // prefix it starts with, leaving a stem of at least two letters. `stem` may point into
  // `scratch` when the prefix restores the article (للجيش -> الجيش).
  template <typename Fn>
  void ForEachVariant(std::string_view word, std::string* scratch, Fn&& fn) const {
    if (fn(word, 0)) return;
    // Every proclitic starts with one of a few letters (و ف ب ك ل in clitics.tsv): most
    // words are rejected here without comparing prefixes.
    if (word.size() < 6) return;
    const uint16_t lead = static_cast<uint16_t>(static_cast<unsigned char>(word[0]) << 8 | static_cast<unsigned char>(word[1]));
    bool may = false;
    for (uint16_t l : leads_) may |= l == lead;
    if (!may) return;
    for (const auto& [prefix, restore] : prefixes_) {
      if (word.size() < prefix.size() + 4 || !StartsWith(word, prefix)) continue;
      std::string_view rest = word.substr(prefix.size());
      if (restore.empty()) {
        if (fn(rest, prefix.size())) return;
      } else {
        scratch->assign(restore);
        scratch->append(rest);
        if (fn(std::string_view(*scratch), prefix.size())) return;
      }
    }
  }

 private:
  // A byte loop: prefixes are a few bytes, shorter than a memcmp call's overhead.
  static bool StartsWith(std::string_view w, std::string_view p) {
    for (size_t k = 0; k < p.size(); ++k) {
      if (w[k] != p[k]) return false;
    }
    return true;
  }
  std::vector<std::pair<std::string, std::string>> prefixes_;  // normalized, longest first
  std::string article_;
  std::vector<uint16_t> leads_;  // the first two bytes of every prefix
};

}  // namespace isnad
