// A time expression as written and, once resolved, its value (extract/times.h reads
// them, ResolveTime resolves them).
#pragma once

#include <cstdint>
#include <string>

#include "model/vocab.h"
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
  uint32_t clock_last = 0;     // last token of the clock (0 = none); not in the span
  int year_end = 0;            // kYear range: (1980-1988), بين عامي 2012 و2014
  int season = 0;              // kYear: first month of a named season (صيف 2014)
  // kDate/kMonth/kYear: the year is given relative to publication (يونيو من العام
  // الماضي، صيف العام المقبل), as an offset in years.
  bool year_relative = false;
  int year_offset = 0;
  // kDate: the month is given relative to publication (14 من الشهر الجاري).
  bool month_relative = false;
  int month_offset = 0;
  bool future = false;  // kWeekday: the clause is a plan; resolves on or after publication

  // Filled by Resolve(): "2022-01-26", "2022-01", "2014", or "2022-01-26/2022-01-27".
  std::string value;
  CivilDate first_day;  // first day the value covers (for ordering and constraints)
};

}  // namespace isnad
