// PhraseTable<T>: multi-word lexicon entries matched against a token stream.
// Keys are token sequences produced by the engine's own normalizer and tokenizer, so an
// entry written "كانون الثاني" in a TSV matches "كانون الثانى" or "كانـون الثاني" in text.
// The look-up keys on the first token (one hash probe per text token; most miss), and
// optionally tries the first token without its clitic prefix (ولـ«قسد», بالمرصد).
#pragma once

#include <xxhash.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
    explicit operator bool() const { return ntokens > 0; }
  };

  // Adds a phrase given as its normalized tokens (Lexicons::PhraseTokens).
  void Add(std::vector<std::string> tokens, T value) {
    if (tokens.empty()) return;
    std::string first = std::move(tokens.front());
    tokens.erase(tokens.begin());
    auto& bucket = by_first_[first];
    bucket.push_back({std::move(tokens), std::move(value)});
    ++size_;
  }
  size_t size() const { return size_; }

  // The longest phrase starting at token i. With `clitics`, the first token may also
  // match after a clitic prefix is stripped (then prefix_bytes > 0).
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
        if (ok) best = Match{n, &e.value, prefix_bytes};
      }
      return best.ntokens > 0;
    };
    std::string_view first = tt.text(i);
    if (clitics == nullptr) {
      try_first(first, 0);
    } else {
      thread_local std::string scratch;  // reused: no allocation per token
      clitics->ForEachVariant(first, &scratch, try_first);
    }
    return best;
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


 private:
  struct Entry {
    std::vector<std::string> rest;
    T value;
  };
  std::unordered_map<std::string, std::vector<Entry>, StringHash, std::equal_to<>> by_first_;
  size_t size_ = 0;
  int id_ = -1;
};

}  // namespace isnad
