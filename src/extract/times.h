// Time expressions: what the text says about when, and its resolution to a calendar
// value against the publication date (SPEC.md times[]).
//
// Extraction reads absolute dates in the formats scraped news carries (2022.01.26,
// 26/01/2022, 2022January28, ٢٨ يناير ٢٠٢٢, 20 كانون الثاني/يناير الجاري, 7/مارس/2021,
// January 28, 2022, 15 رمضان 1443 هـ, الرابع من يونيو لعام 1967, 14 من الشهر الجاري),
// months with a year or a modifier (يناير الماضي، أواخر مارس، يونيو من العام الماضي),
// years after عام/سنة or a preposition (وفي 2018، منذ 2011، نهاية 2017), year ranges and
// lists ((1980-1988)، بين عامي 2012 و2014، أعوام 2015 و2016), seasons (صيف 2014، الصيف
// الماضي), weekdays with their prefixes and ranges (مساء السبت، ليلة (الأربعاء - الخميس)،
// ليل السبت/الأحد، اليوم (الاثنين)), deictic words (اليوم، أمس، أمس الأول، الأسبوع
// الماضي), "N units ago" (قبل يومين) and a clock after a date (- 04:10 م).
// Resolution follows the conventions of the press:
//   - a weekday is the most recent such day on or before publication, unless the text
//     says الماضي (strictly before) or المقبل/القادم (after); "أمس السبت" is Saturday; a
//     weekday in a plan (سيعقد ... الخميس، من المقرر أن ... الثلاثاء، دعا إلى إضراب
//     الثلاثاء) is the first such day on or after publication;
//   - a day and month without a year take the year that puts them nearest to
//     publication; الماضي puts them before it, المقبل after it, الجاري in its month;
//   - a month with الماضي is the latest such month before the publication month;
//   - a season is the year it falls in.
// The words that shape these readings are data (data/months.tsv, weekdays.tsv,
// relative_dates.tsv, time_words.tsv, time_cues.tsv).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lexicon/lexicons.h"
#include "model/time_expr.h"
#include "text/tokenizer.h"
#include "util/civil_date.h"

namespace isnad {

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
