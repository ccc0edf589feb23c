// Word families: the light stemmer that lets a lexicon entry match its inflections.
//
// A lexicon entry is written once (قتلى، قال، اعتقل، مسلح، جثة) and must match its family
// in text: the proclitics and the article (والقتلى، للقتلى، بالقتلى), noun endings
// (مسلحين، مسلحون، جثتين), attached pronouns (مقاتليها، ضحيتها، مقتلهم), verb conjugations
// (قالت، قالوا، يعتقلون، ستعلن) and passives (أُعلن is written اعلن by the normalizer).
//
// Each word is read once into its variants: the word itself, then the word after each
// proclitic of data/clitics.tsv it starts with (و، ف، ب، ك، ل، وال، لل…). Each variant has
// three keys, computed with the affix passes of data/affixes.tsv:
//
//   noun key — without the article, an attached pronoun, then a number/case ending
//              (ات، ين، ون، ان، تين، the accusative ا); the feminine ending is kept as ه
//              (the normalized ة), also where it shows as ت before a suffix (جثتين => جثه).
//              A word that ends in ة as written is feminine: its ه is no pronoun.
//   verb key — for a word without the article: without an object pronoun, then a
//              subject ending (ت، وا، ن، تم، ون…);
//   verb key1 — the verb key without an imperfect or future prefix (يعتقل، ستعلن).
//
// A lexicon entry is read the same way and, from its written form, is a noun (it has the
// article, or ends in ة or ات), a verb (it ends in a subject ending such as ت or وا), or
// either. A text word matches an entry when their noun keys are equal (the entry can be
// a noun), or when the word's verb key or key1 equals the entry's verb key, or the word's
// key1 equals the entry's key1 (the entry can be a verb): a bare word never meets an entry
// through the entry's prefix (ظاهر is not تظاهر). No affix is stripped below min_stem
// letters (يمن is not ي+من). Keys are written into a per-text arena (TokenizedText::keys).
// An entry that must keep to its written form is written with a leading '=' in its table.
// Closed-class words (data/function_words.tsv: بين، عند، حول…) are never read as inflected
// content words: after a proclitic or alone, such a word keeps only its written form (بين is
// not the verb بيّن of بينت).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "text/normalizer.h"
#include "util/short_bytes.h"
#include "util/status.h"

namespace isnad {

// A key as a range of a key arena.
struct KeyRef {
  uint32_t begin = 0, size = 0;
  bool empty() const { return size == 0; }
};

// One reading of a word: a proclitic split and the keys of what follows it.
struct WordVariant {
  uint16_t prefix = 0;           // bytes of the proclitic (0: the word itself)
  bool restore_article = false;  // the proclitic stands for preposition + article (لل)
  bool definite = false;         // the reading has the article (ال، لل) or an attached pronoun
  KeyRef noun;                   // the noun key
  KeyRef noun_f;                 // the noun key with a feminine ت written back as ه (جثتها => جثه), or empty
  KeyRef verb, verb1;            // empty when the variant is definite or feminine
};

// The keys of a lexicon entry word.
struct EntryKeys {
  std::string noun, verb, verb1;  // empty: the entry cannot be that part of speech
  bool indefinite = false;        // matches readings without the article only
};

// What a table's role says an entry is, beyond its written form: a verb of saying is a
// verb (قال، أشار: not إشارات), a circumstantial participle is an indefinite noun (مضيفاً،
// مطالبةً: not المطالبة).
enum class FamilyPos { kAny, kVerb, kIndefinite };

class Morphology {
 public:
  static Result<Morphology> Load(std::string_view clitics_tsv, std::string_view affixes_tsv,
                                 std::string_view function_words_tsv, const Normalizer& normalizer);

  // Appends the variants of a normalized word to *variants (the word itself first) and
  // their keys to *arena. `feminine`: the word ends in ة as written (the view shows ه).
  void Variants(std::string_view word, bool feminine, std::vector<WordVariant>* variants, std::string* arena) const;

  // The keys of an entry word as written in a TSV table (not normalized). `pos` narrows
  // them: kVerb drops the noun key of a word that can be a verb; kIndefinite keeps the
  // noun key only, for readings without the article.
  EntryKeys Entry(std::string_view raw_word, const Normalizer& normalizer, FamilyPos pos = FamilyPos::kAny) const;

  // Whether raw text ending at `end` (exclusive) ends with the feminine letter ة.
  bool EndsFeminine(std::string_view raw, size_t end) const {
    return end >= feminine_raw_.size() && end <= raw.size() && !feminine_raw_.empty() &&
           bytes::Equal(raw.data() + end - feminine_raw_.size(), feminine_raw_.data(), feminine_raw_.size());
  }

  // Whether the raw text ending at byte `end` ends in the alef maqsura as written (القتلى):
  // such a word is no relative adjective although it normalizes to ي.
  bool EndsMaqsura(std::string_view raw, size_t end) const {
    return !maqsura_raw_.empty() && end >= maqsura_raw_.size() && end <= raw.size() &&
           bytes::Equal(raw.data() + end - maqsura_raw_.size(), maqsura_raw_.data(), maqsura_raw_.size());
  }

  // Whether a noun key is a relative adjective (فلسطيني، عراقيه): it ends in a nisba
  // ending with min_stem letters before it.
  bool IsNisba(std::string_view noun_key) const;

  const std::string& article() const { return article_; }
  int min_stem() const { return min_stem_; }

 private:
  struct Keys {
    bool definite = false;
    std::string_view noun, verb, verb1;
    std::string noun_f;  // the noun key with its feminine ت written back as ه, or ""
  };
  Keys Compute(std::string_view word, size_t b, bool definite, bool feminine) const;
  // Strips the longest of `affixes` from the end of word[b, *e) leaving min_stem letters.
  bool StripSuffix(std::string_view word, size_t b, size_t* e, const std::vector<std::string>& affixes) const;

  int min_stem_ = 3;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> closed_;  // normalized one-word function words
  std::vector<std::pair<std::string, std::string>> proclitics_;  // longest first
  std::string article_;
  std::string maqsura_raw_;  // the alef maqsura as written, or "" when the table gives none
  std::string feminine_raw_;   // ة as written
  std::string feminine_view_;  // its normalized form (ه)
  std::string feminine_t_;     // ت, the form it takes before a suffix
  std::vector<std::string> noun_pronouns_, noun_endings_, construct_endings_;
  std::vector<std::string> verb_objects_, verb_subjects_, verb_prefixes_;
  std::vector<std::string> nisba_;
  std::vector<std::string> noun_markers_, verb_markers_;  // entry endings that decide its part of speech
  // Whether word[b..] is a closed-class word, alone or with an attached pronoun (بينهم، عنه).
  bool Closed(std::string_view word, size_t b) const;
};

}  // namespace isnad
