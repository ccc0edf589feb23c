// All lexicons and rule tables, loaded once into immutable tables shared by every
// worker thread. Every entry comes from a TSV file in data/ (see the header comment of
// each file for its format); nothing here hard-codes a word.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/phrase_table.h"
#include "lexicon/tsv.h"
#include "text/normalizer.h"
#include "text/tokenizer.h"

namespace isnad {

// SPEC.md qualifier vocabulary.
enum class Qualifier : uint8_t { kExact, kAbout, kMoreThan, kAtLeast, kLessThan, kAtMost, kRange, kVague, kAll };
const char* QualifierName(Qualifier q);

struct MonthName {
  int month = 0;
  bool hijri = false;
  bool strict = false;  // needs a day number or year next to it
};

enum class DateUnit : uint8_t { kDay, kWeek, kMonth, kYear };

struct RelativeDate {
  DateUnit unit = DateUnit::kDay;
  int offset = 0;
};

enum class TimeWordRole : uint8_t { kPast, kCurrent, kNext, kDayPrefix, kYear, kHijri, kGregorian };

struct NumberWord {
  enum class Class : uint8_t { kAtom, kHundred, kScale, kScale2 };
  int64_t value = 0;
  Class cls = Class::kAtom;
};

struct VagueWord {
  int64_t low = 0;
  int64_t high = 0;
};

struct QualifierWord {
  Qualifier qualifier = Qualifier::kExact;
  bool after = false;  // stands after the number (تقريبا، على الأقل)
};

enum class QuantityKind : uint8_t { kCount, kDuration, kMoney, kMeasure, kPercent, kIdentifier, kYear, kOrdinal };
const char* QuantityKindName(QuantityKind k);

struct UnitWord {
  QuantityKind kind = QuantityKind::kCount;
  std::string unit;
  int multiplier = 1;  // a dual noun on its own stands for 2
};

enum class ConnectorRole : uint8_t { kRangeFrom, kRangeTo, kAlternative };

struct BoilerplateCue {
  enum class Scope : uint8_t { kExact, kLine, kWeak, kList };
  std::string kind;
  Scope scope = Scope::kLine;
};

struct HeaderLabel {
  std::string field;  // published | updated | author
};

struct OutletName {
  std::string canonical;
  std::string kind;  // agency | outlet | generic | monitor
};

class Lexicons {
 public:
  // Loads every table from `source`. Errors name the file and line.
  static Result<std::shared_ptr<const Lexicons>> Load(const DataSource& source);
  // The embedded tables, loaded on first use. A broken embedded table is a build bug:
  // it aborts with the message (the unit tests load every table).
  static const Lexicons& Default();

  // Tokens of a lexicon phrase as the engine sees them in text.
  std::vector<std::string> PhraseTokens(std::string_view phrase) const;

  Normalizer normalizer;
  Clitics clitics;
  PhraseTable<MonthName> months;
  PhraseTable<int> weekdays;  // 0 = Sunday
  PhraseTable<RelativeDate> relative_dates;
  PhraseTable<TimeWordRole> time_words;
  PhraseTable<NumberWord> number_words;
  PhraseTable<VagueWord> vague;
  PhraseTable<QualifierWord> qualifiers;
  PhraseTable<UnitWord> units;
  PhraseTable<QuantityKind> number_markers;
  PhraseTable<ConnectorRole> connectors;
  PhraseTable<BoilerplateCue> boilerplate;
  PhraseTable<HeaderLabel> header_labels;
  PhraseTable<OutletName> outlets;

 private:
  Lexicons() = default;
};

}  // namespace isnad
