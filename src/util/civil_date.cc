#include "util/civil_date.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>

#include <chrono>
#include <cstdio>
#include <memory>

namespace isnad {

namespace chr = std::chrono;

bool CivilDate::valid() const {
  if (year <= 0 || month < 1 || month > 12 || day < 1) return false;
  return day <= DaysInMonth(year, month);
}

int CivilDate::DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && chr::year(year).is_leap()) return 29;
  return kDays[month - 1];
}

long CivilDate::serial() const {
  chr::year_month_day ymd{chr::year(year), chr::month(static_cast<unsigned>(month)),
                          chr::day(static_cast<unsigned>(day))};
  return chr::sys_days(ymd).time_since_epoch().count();
}

CivilDate CivilDate::FromSerial(long days) {
  chr::year_month_day ymd{chr::sys_days(chr::days(days))};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int CivilDate::weekday() const {
  return static_cast<int>(chr::weekday(chr::sys_days(chr::days(serial()))).c_encoding());
}

std::string CivilDate::ToIso() const {
  char buf[32];
  if (year <= 0) return "";
  if (month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

std::optional<CivilDate> CivilDate::ParseIso(std::string_view s) {
  auto num = [&](size_t pos, size_t n) -> int {
    if (pos + n > s.size()) return -1;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  CivilDate d;
  d.year = num(0, 4);
  if (d.year <= 0) return std::nullopt;
  if (s.size() == 4) return d;
  if (s.size() < 7 || s[4] != '-') return std::nullopt;
  d.month = num(5, 2);
  if (d.month < 1 || d.month > 12) return std::nullopt;
  if (s.size() == 7) return d;
  if (s.size() < 10 || s[7] != '-') return std::nullopt;
  d.day = num(8, 2);
  if (!d.valid()) return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
  return d;
}

std::optional<CivilDate> HijriToGregorian(int hy, int hm, int hd) {
  if (hy < 1 || hm < 1 || hm > 12 || hd < 1 || hd > 30) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> hijri(
      icu::Calendar::createInstance(icu::Locale("ar@calendar=islamic-umalqura"), status));
  if (U_FAILURE(status)) return std::nullopt;
  hijri->clear();
  hijri->setLenient(false);
  hijri->set(hy, hm - 1, hd, 12, 0, 0);
  UDate t = hijri->getTime(status);
  if (U_FAILURE(status)) return std::nullopt;
  std::unique_ptr<icu::Calendar> greg(icu::Calendar::createInstance(icu::Locale("en@calendar=gregorian"), status));
  if (U_FAILURE(status)) return std::nullopt;
  greg->setTimeZone(hijri->getTimeZone());
  greg->setTime(t, status);
  CivilDate d{greg->get(UCAL_YEAR, status), greg->get(UCAL_MONTH, status) + 1, greg->get(UCAL_DATE, status)};
  if (U_FAILURE(status) || !d.valid()) return std::nullopt;
  return d;
}

std::optional<CivilDate> GregorianToHijri(const CivilDate& g) {
  if (!g.valid()) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> greg(icu::Calendar::createInstance(icu::Locale("en@calendar=gregorian"), status));
  std::unique_ptr<icu::Calendar> hijri(
      icu::Calendar::createInstance(icu::Locale("ar@calendar=islamic-umalqura"), status));
  if (U_FAILURE(status)) return std::nullopt;
  hijri->setTimeZone(greg->getTimeZone());
  greg->clear();
  greg->set(g.year, g.month - 1, g.day, 12, 0, 0);
  UDate t = greg->getTime(status);
  hijri->setTime(t, status);
  CivilDate h{hijri->get(UCAL_YEAR, status), hijri->get(UCAL_MONTH, status) + 1, hijri->get(UCAL_DATE, status)};
  if (U_FAILURE(status)) return std::nullopt;
  return h;
}

}  // namespace isnad
