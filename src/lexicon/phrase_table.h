// PhraseTable<T>: multi-word lexicon entries matched against a token stream.
// Keys are token sequences produced by the engine's own normalizer and tokenizer, so an
// entry written "كانون الثاني" in a TSV matches "كانون الثانى" or "كانـون الثاني" in text.
// The look-up keys on the first token (one hash probe per text token; most miss), and
// optionally tries the first token without its clitic prefix (ولـ«قسد», بالمرصد).
//
// A table in family mode (its TSV says `# morphology: family`) also matches every word
// of an entry through its family keys (text/morphology.h): قتلى matches القتلى، للقتلى،
// قتيلا is its own entry; قال matches قالت، وقالوا; "لقي حتفه" matches "لقي حتفهم". An entry
// written with a leading '=' keeps to its exact form (and its clitic variants).
#pragma once

#include <xxhash.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/morphology.h"
#include "text/tokenizer.h"

namespace isnad {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return XXH3_64bits(s.data(), s.size()); }
};

template <typename T>
class PhraseTable {
 public:
  // `id` is the table's bit in TokenizedText::lex_mask (Lexicons assigns them).
  explicit PhraseTable(int id = -1) : id_(id) {}
  int id() const { return id_; }

  struct Match {
    size_t ntokens = 0;          // 0 = no match
    const T* value = nullptr;
    size_t prefix_bytes = 0;     // clitic bytes before the phrase in the first token
    bool family = false;         // matched through word families, not the written form
    explicit operator bool() const { return ntokens > 0; }
  };

  // Adds a phrase given as its normalized tokens (Lexicons::PhraseTokens). `exact`: no
  // family matching for this entry even in a family table.
  // `raw`: the words as the TSV wrote them (family mode reads the feminine ة there).
  void Add(std::vector<std::string> tokens, T value, bool exact = false, std::vector<std::string> raw = {}) {
    if (tokens.empty()) return;
    std::string first = std::move(tokens.front());
    tokens.erase(tokens.begin());
    Entry e;
    e.rest = std::move(tokens);
    e.value = std::move(value);
    e.exact = exact;
    if (raw.size() == e.rest.size() + 1) {
      e.raw_first = std::move(raw.front());
      e.raw_rest.assign(std::make_move_iterator(raw.begin() + 1), std::make_move_iterator(raw.end()));
    }
    by_first_[first].push_back(std::move(e));
    ++size_;
  }
  size_t size() const { return size_; }

  // Family mode: computes every entry's keys from its written words (`raw` maps a
  // normalized entry word back to how the TSV wrote it, for the feminine ة). Call once,
  // after the last Add.
  // `pos(value)` says what the table's role makes an entry (FamilyPos); its first word
  // is read so.
  template <typename PosFn>
  void BuildFamilies(const Morphology& morph, const Normalizer& normalizer, PosFn&& pos) {
    family_ = true;
    for (auto& [first, bucket] : by_first_) {
      for (Entry& e : bucket) {
        if (e.exact) continue;
        e.first_keys = morph.Entry(e.raw_first.empty() ? first : e.raw_first, normalizer, pos(e.value));
        const EntryKeys& fk = e.first_keys;
        if (!fk.noun.empty()) by_noun_[fk.noun].push_back(&e);
        if (!fk.verb.empty()) by_verb_[fk.verb].push_back(&e);
        if (!fk.verb1.empty()) by_verb1_[fk.verb1].push_back(&e);
        for (size_t k = 0; k < e.rest.size(); ++k) {
          e.rest_keys.push_back(morph.Entry(k < e.raw_rest.size() ? e.raw_rest[k] : e.rest[k], normalizer));
        }
      }
    }
  }
  void BuildFamilies(const Morphology& morph, const Normalizer& normalizer) {
    BuildFamilies(morph, normalizer, [](const T&) { return FamilyPos::kAny; });
  }
  bool family() const { return family_; }

  // The longest phrase starting at token i. With `clitics`, the first token may also
  // match after a clitic prefix is stripped (then prefix_bytes > 0). A family table also
  // matches through word families (then family is set).
  Match Longest(const TokenizedText& tt, size_t i, const Clitics* clitics = nullptr) const {
    Match best;
    if (i >= tt.size()) return best;
    if (id_ >= 0 && !tt.lex_mask.empty() && !(tt.lex_mask[i] & (1u << id_))) return best;
    auto try_first = [&](std::string_view first, size_t prefix_bytes) {
      auto it = by_first_.find(first);
      if (it == by_first_.end()) return false;
      for (const Entry& e : it->second) {
        size_t n = 1 + e.rest.size();
        if (n <= best.ntokens || i + n > tt.size()) continue;
        bool ok = true;
        for (size_t k = 0; k < e.rest.size(); ++k) {
          const Token& t = tt.tokens[i + 1 + k];
          if (t.line_start() || tt.text(i + 1 + k) != e.rest[k]) { ok = false; break; }
        }
        if (ok) best = Match{n, &e.value, prefix_bytes, false};
      }
      return best.ntokens > 0;
    };
    std::string_view first = tt.text(i);
    if (clitics == nullptr) {
      try_first(first, 0);
    } else if (tt.has_variants()) {
      // The token's clitic splits, computed once by Lexicons::Annotate.
      thread_local std::string scratch;  // reused: no allocation per token
      for (const WordVariant* v = tt.variants_begin(i); v != tt.variants_end(i); ++v) {
        std::string_view rest = first.substr(v->prefix);
        if (v->restore_article) {
          scratch.assign(article_);
          scratch.append(rest);
          rest = scratch;
        }
        if (try_first(rest, v->prefix)) break;
      }
    } else {
      thread_local std::string scratch;  // reused: no allocation per token
      clitics->ForEachVariant(first, &scratch, try_first);
    }
    if (family_ && tt.has_variants()) FamilyMatch(tt, i, &best);
    return best;
  }

  // The written first word (and following words) of the entry holding `value`, for
  // reports; "" when not found.
  std::string EntryName(const T* value) const {
    for (const auto& [first, bucket] : by_first_) {
      for (const Entry& e : bucket) {
        if (&e.value != value) continue;
        std::string s = first;
        for (const std::string& w : e.rest) s += " " + w;
        return s;
      }
    }
    return "";
  }

  // Exact look-up of a single-token entry.
  const T* FindWord(std::string_view word) const {
    auto it = by_first_.find(word);
    if (it == by_first_.end()) return nullptr;
    for (const Entry& e : it->second) {
      if (e.rest.empty()) return &e.value;
    }
    return nullptr;
  }

  // First words of every phrase (for Lexicons' first-word index).
  template <typename Fn>
  void ForEachFirst(Fn&& fn) const {
    for (const auto& kv : by_first_) fn(kv.first);
  }
  // Family keys of every first word (for the same index, in family mode).
  template <typename Fn>
  void ForEachFirstKey(Fn&& fn) const {
    for (const auto& kv : by_noun_) fn(kv.first);
    for (const auto& kv : by_verb_) fn(kv.first);
    for (const auto& kv : by_verb1_) fn(kv.first);
  }

  // The article as the morphology wrote it (set by Lexicons for tables whose look-ups
  // restore it: لل+X is looked up as ال+X).
  void set_article(std::string a) { article_ = std::move(a); }

 private:
  struct Entry {
    std::vector<std::string> rest;
    T value;
    bool exact = false;
    std::string raw_first;
    std::vector<std::string> raw_rest;
    EntryKeys first_keys;              // family keys of the first word (family mode)
    std::vector<EntryKeys> rest_keys;  // family keys of `rest` (family mode)
  };


  // Whether a reading of a text word is in the family of an entry word.
  static bool Meets(const TokenizedText& tt, const WordVariant& v, const EntryKeys& e) {
    if (e.indefinite && v.definite) return false;
    if (!e.noun.empty() && (tt.key(v.noun) == e.noun || (!v.noun_f.empty() && tt.key(v.noun_f) == e.noun))) return true;
    if (e.verb.empty()) return false;
    if (!v.verb.empty() && tt.key(v.verb) == e.verb) return true;
    if (v.verb1.empty()) return false;
    std::string_view k1 = tt.key(v.verb1);
    return k1 == e.verb || (!e.verb1.empty() && k1 == e.verb1);
  }

  // Whether token j is in the family of an entry word.
  static bool InFamily(const TokenizedText& tt, size_t j, const EntryKeys& e) {
    for (const WordVariant* v = tt.variants_begin(j); v != tt.variants_end(j); ++v) {
      if (Meets(tt, *v, e)) return true;
    }
    return false;
  }

  void FamilyMatch(const TokenizedText& tt, size_t i, Match* best) const {
    auto consider = [&](const std::vector<Entry*>& entries, const WordVariant& v) {
      const size_t prefix = v.prefix;
      for (const Entry* e : entries) {
        size_t n = 1 + e->rest.size();
        if (n <= best->ntokens || i + n > tt.size()) continue;
        if (e->first_keys.indefinite && v.definite) continue;
        bool ok = true;
        for (size_t k = 0; k < e->rest.size() && ok; ++k) {
          size_t j = i + 1 + k;
          ok = !tt.tokens[j].line_start() && (tt.text(j) == e->rest[k] || InFamily(tt, j, e->rest_keys[k]));
        }
        if (ok) *best = Match{n, &e->value, prefix, true};
      }
    };
    auto probe = [&](const auto& index, std::string_view key, const WordVariant& v) {
      if (auto it = index.find(key); it != index.end()) consider(it->second, v);
    };
    for (const WordVariant* v = tt.variants_begin(i); v != tt.variants_end(i); ++v) {
      probe(by_noun_, tt.key(v->noun), *v);
      if (!v->noun_f.empty()) probe(by_noun_, tt.key(v->noun_f), *v);
      if (!v->verb.empty()) probe(by_verb_, tt.key(v->verb), *v);
      if (!v->verb1.empty()) {
        probe(by_verb_, tt.key(v->verb1), *v);
        probe(by_verb1_, tt.key(v->verb1), *v);
      }
    }
  }

  std::unordered_map<std::string, std::vector<Entry>, StringHash, std::equal_to<>> by_first_;
  std::unordered_map<std::string, std::vector<Entry*>, StringHash, std::equal_to<>> by_noun_, by_verb_, by_verb1_;
  std::string article_;
  bool family_ = false;
  size_t size_ = 0;
  int id_ = -1;
};

}  // namespace isnad
