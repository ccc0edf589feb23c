// Normalization for matching, with a byte-exact way back to the original text.
//
// The original bytes are never modified. Normalize() writes a working view (one
// buffer) and, for every byte of the view, the offset of the original code point that
// produced it (as sentencepiece's Normalize(input, &normalized, &norm_to_orig)).
// Every later stage works on view offsets and converts to original byte spans only
// when it writes output (NormalizedText::ToRaw).
//
// The mapping is compiled once, per code point of the BMP, from three sources:
//   1. ICU NFKC of the code point (presentation forms, ligatures, full-width forms),
//   2. the rules in data/normalize.tsv (alef/hamza forms, alef maqsura, ta marbuta,
//      Persian letters, tashkeel and tatweel removal, digits, punctuation, quotes),
//   3. ICU simple case folding (Latin, Greek, Cyrillic).
// Full-string NFKC is deliberately not attempted: composition across code points only
// matters for a base letter followed by a combining mark, and every Arabic combining
// mark is deleted or folded by rule 2 anyway (the same trade-off sentencepiece's
// builder.h documents). Code points above the BMP pass through unchanged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/byte_span.h"
#include "util/status.h"

namespace isnad {


// Coarse character classes of view characters, used by the tokenizer.
enum class CharClass : uint8_t { kOther, kSpace, kNewline, kArabicLetter, kLatinLetter, kLetter, kDigit, kMark };

class Normalizer;

// The normalized view of one text plus the map back to the original bytes.
struct NormalizedText {
  std::string_view raw;        // the original bytes (not owned)
  std::string text;            // the normalized view
  std::vector<uint32_t> to_raw;  // size text.size() + 1; to_raw[i] = raw offset of view byte i
  const Normalizer* normalizer = nullptr;

  // The original byte span of view bytes [b, e). The end extends over deleted
  // combining marks that follow the last character (so "قتيلاً" keeps its tanween).
  ByteSpan ToRaw(size_t b, size_t e) const;
  std::string_view view(size_t b, size_t e) const { return std::string_view(text).substr(b, e - b); }
};

class Normalizer {
 public:
  // Compiles the table from the TSV text of data/normalize.tsv.
  static Result<Normalizer> Build(std::string_view rules_tsv);

  // Normalizes `raw` (need not be valid UTF-8: each malformed byte becomes U+FFFD).
  void Normalize(std::string_view raw, NormalizedText* out) const;
  // Convenience for lexicon entries and tests: the view only.
  std::string NormalizeString(std::string_view s) const;

  // Class of a view code point (BMP table; others are kOther).
  CharClass Classify(char32_t cp) const { return cp < 0x10000 ? classes_[cp] : CharClass::kOther; }
  // True when the code point is deleted by normalization and is a combining mark or
  // tatweel (spans extend over it at their end).
  bool IsDroppedMark(char32_t cp) const { return cp < 0x10000 && (entries_[cp].flags & kDroppedMark); }

  // The rules as TSV again, one line per code point whose mapping is not identity
  // (`isnad normalize --decompile`), for review.
  std::string Decompile() const;

 private:
  enum : uint8_t { kIdentity = 1, kDroppedMark = 2 };
  struct Entry {
    uint32_t offset = 0;  // into pool_
    uint8_t len = 0;      // bytes of output
    uint8_t flags = 0;
  };
  std::vector<Entry> entries_;       // 0x10000 entries
  std::vector<CharClass> classes_;   // 0x10000 entries, class of a view code point
  std::string pool_;
};

}  // namespace isnad
