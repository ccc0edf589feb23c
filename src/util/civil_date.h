// Proleptic Gregorian calendar dates as plain values, on top of std::chrono's civil
// calendar, plus the one conversion ICU does for us (Hijri to Gregorian).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace isnad {

struct CivilDate {
  int year = 0;   // 0 = unknown
  int month = 0;  // 1..12, 0 = unknown
  int day = 0;    // 1..31, 0 = unknown

  bool valid() const;  // a real calendar day (all three fields set)
  // Days since 1970-01-01.
  long serial() const;
  static CivilDate FromSerial(long days);
  CivilDate AddDays(long n) const { return FromSerial(serial() + n); }
  // 0 = Sunday ... 6 = Saturday (Arabic weeks start on Sunday: الأحد).
  int weekday() const;
  // "2022-01-28", "2022-01" or "2022", as precise as the fields set.
  std::string ToIso() const;
  // Parses "YYYY", "YYYY-MM", "YYYY-MM-DD" (a 'T' and time after the date are ignored).
  static std::optional<CivilDate> ParseIso(std::string_view s);
  static int DaysInMonth(int year, int month);

  friend bool operator==(const CivilDate&, const CivilDate&) = default;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// Converts a date of the Umm al-Qura Hijri calendar (ICU "islamic-umalqura") to the
// Gregorian calendar. Returns nullopt for impossible input (month 13, day 31…).
std::optional<CivilDate> HijriToGregorian(int hijri_year, int hijri_month, int hijri_day);

// The Umm al-Qura Hijri date of a Gregorian date (year, month, day), or nullopt.
std::optional<CivilDate> GregorianToHijri(const CivilDate& gregorian);

}  // namespace isnad
