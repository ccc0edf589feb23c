// The data HTML ingestion reads: the class/id hints of data/html_hints.tsv, the month
// names of data/months.tsv (for dates written on pages) and the character references
// of data/html_entities.tsv. Loaded once, immutable, shared by every thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/html_text.h"
#include "lexicon/phrase_table.h"
#include "util/tsv.h"
#include "util/status.h"

namespace isnad::html {

// What the class and id words of one element say (data/html_hints.tsv).
struct Hint {
  enum Flag : uint8_t { kBody = 1, kUnlikely = 2, kMaybe = 4, kDrop = 8, kHidden = 16, kDate = 32 };
  int positive = 0, negative = 0;  // matches in the class, in the id (each counts once)
  uint8_t flags = 0;
};

class Rules {
 public:
  static Result<std::shared_ptr<const Rules>> Load(const DataSource& source);
  static const Rules& Default();

  // The hint of a lower-cased class or id string.
  Hint Match(std::string_view lower) const;
  // An ARIA role (lower-cased) that marks page chrome (navigation, dialog, ...).
  bool IsChromeRole(std::string_view lower) const;
  // Month number (1-12) of a lower-cased Gregorian month name, or 0.
  int Month(std::string_view lower) const;
  // data/html_meta.tsv: the role of a lower-cased <meta> name ("published", "modified"
  // or ""), whether a schema.org type names an article, whether a lower-cased class or
  // id names a date element, and a clock word's half of the day (-1 am, 1 pm, 0 none).
  std::string_view MetaRole(std::string_view lower_name) const;
  bool IsArticleType(std::string_view type) const;
  bool IsDateClass(std::string_view lower) const;
  int ClockHalf(std::string_view lower) const;

  const CharRefs& refs() const { return *refs_; }

 private:
  Rules() = default;
  struct Word {
    std::string word;
    uint8_t kind;  // 0 body, 1 positive, 2 negative, 3 unlikely, 4 maybe, 5 drop, 6 hidden, 7 date
  };
  std::vector<Word> words_;
  std::vector<uint16_t> by_first_[256];  // indices of words_ by their first byte
  std::vector<std::string> roles_;
  std::unordered_map<std::string, int, StringHash, std::equal_to<>> months_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> meta_roles_;
  std::unordered_map<std::string, int, StringHash, std::equal_to<>> clock_;
  std::vector<std::string> article_types_, date_classes_;
  std::shared_ptr<const CharRefs> refs_;
};

}  // namespace isnad::html
