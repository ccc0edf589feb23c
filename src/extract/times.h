// Time expressions: what the text says about when, and its resolution to a calendar
// value against the publication date (SPEC.md times[]).
//
// Extraction reads absolute dates in the formats scraped news carries (2022.01.26,
// 26/01/2022, 2022January28, ٢٨ يناير ٢٠٢٢, 20 كانون الثاني/يناير الجاري, January 28,
// 2022, 15 رمضان 1443 هـ), months with a year or a modifier (يناير الماضي), years after
// عام/سنة, weekdays with their prefixes and ranges (مساء السبت، ليلة (الأربعاء -
// الخميس)، ليل السبت/الأحد), deictic words (اليوم، أمس، الأسبوع الماضي) and "N units
// ago" (قبل يومين). Resolution follows the conventions of the press:
//   - a weekday is the most recent such day on or before publication, unless the text
//     says الماضي (strictly before) or المقبل/القادم (after); "أمس السبت" is Saturday;
//   - a day and month without a year take the year that puts them nearest to
//     publication; الماضي puts them before it, المقبل after it, الجاري in its month;
//   - a month with الماضي is the latest such month before the publication month.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lexicon/lexicons.h"
#include "text/tokenizer.h"
#include "util/civil_date.h"

namespace isnad {

struct TimeExpr {
  enum class Kind : uint8_t { kDate, kMonth, kYear, kWeekday, kRelative, kAgo };
  enum class Modifier : int8_t { kNone = 0, kPast, kCurrent, kNext };

  uint32_t first = 0;  // tokens [first, last]
  uint32_t last = 0;
  Kind kind = Kind::kDate;
  Modifier modifier = Modifier::kNone;
  // As written (0 = not given). For Hijri dates these are Hijri fields.
  int year = 0, month = 0, day = 0;
  bool hijri = false;
  int weekday = -1;      // 0 = Sunday
  int weekday_end = -1;  // a range of two weekdays: ليلة (الأربعاء - الخميس)
  int day_offset = 0;    // deictic day before a weekday (اليوم 0, أمس -1), informative only
  bool deictic = false;  // weekday named with اليوم (names the publication weekday)
  RelativeDate relative;  // kRelative
  int ago_count = 0;      // kAgo: قبل 3 أيام
  DateUnit ago_unit = DateUnit::kDay;
  int hour = -1, minute = -1;  // a clock time written after the date

  // Filled by Resolve(): "2022-01-26", "2022-01", "2014", or "2022-01-26/2022-01-27".
  std::string value;
  CivilDate first_day;  // first day the value covers (for ordering and constraints)
};

// Extracts time expressions; marks their tokens in `taken` (size tt.size()).
void ExtractTimes(const TokenizedText& tt, const Lexicons& lx, std::vector<uint8_t>* taken,
                  std::vector<TimeExpr>* out);

// Resolves `t` against the publication date `pub` (valid day). An expression that
// needs no anchor (a full date, a year) resolves without one: pass an invalid date.
// Returns false when the value cannot be determined.
bool ResolveTime(const CivilDate& pub, TimeExpr* t);

// The full calendar date an expression names on its own (day, month and year written,
// Hijri converted), or nullopt.
std::optional<CivilDate> AbsoluteDate(const TimeExpr& t);

}  // namespace isnad
