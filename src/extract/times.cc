#include "extract/times.h"

#include <algorithm>
#include <charconv>

#include "extract/numbers.h"

namespace isnad {

namespace {

using Kind = TimeExpr::Kind;
using Modifier = TimeExpr::Modifier;

int DigitValue(std::string_view t, size_t* ndigits = nullptr) {
  int v = 0;
  if (t.empty() || t.size() > 9) return -1;
  for (char c : t) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  if (ndigits) *ndigits = t.size();
  return v;
}

bool PlausibleYear(int y, bool hijri) { return hijri ? (y >= 1300 && y <= 1600) : (y >= 1800 && y <= 2100); }

class Matcher {
 public:
  Matcher(const TokenizedText& tt, const Lexicons& lx, std::vector<uint8_t>* taken)
      : tt_(tt), lx_(lx), taken_(*taken), n_(tt.size()) {}

  void Run(std::vector<TimeExpr>* out) {
    for (size_t i = 0; i < n_; ++i) {
      if (taken_[i]) continue;
      TimeExpr t;
      if (Match(i, &t)) {
        AttachClock(&t);
        for (size_t k = t.first; k <= t.last; ++k) taken_[k] = 1;
        out->push_back(t);
        i = t.last;
      }
    }
  }

 private:
  bool Has(size_t i) const { return i < n_ && !taken_[i]; }
  std::string_view Text(size_t i) const { return i < n_ ? tt_.text(i) : std::string_view(); }
  bool IsNum(size_t i) const { return Has(i) && tt_.tokens[i].kind == TokenKind::kNumber; }
  bool IsPunct(size_t i, std::string_view p) const { return Has(i) && tt_.tokens[i].kind == TokenKind::kPunct && Text(i) == p; }
  bool Glued(size_t i) const { return i < n_ && tt_.tokens[i].glued(); }
  bool NewLine(size_t i) const { return i < n_ && tt_.tokens[i].line_start(); }

  std::optional<TimeWordRole> RoleAt(size_t i, size_t* len = nullptr) const {
    if (!Has(i)) return std::nullopt;
    auto m = lx_.time_words.Longest(tt_, i, &lx_.clitics);
    if (!m || NewLine(i)) return std::nullopt;
    if (len) *len = m.ntokens;
    return *m.value;
  }

  // Month name at i (with its token count); strict names only if `allow_strict`.
  const MonthName* MonthAt(size_t i, size_t* len, bool allow_strict) const {
    if (!Has(i) || tt_.tokens[i].kind != TokenKind::kWord) return nullptr;
    auto m = lx_.months.Longest(tt_, i, &lx_.clitics);
    if (!m) return nullptr;
    for (size_t k = i; k < i + m.ntokens; ++k) {
      if (!Has(k)) return nullptr;
    }
    if (m.value->strict && !allow_strict) return nullptr;
    *len = m.ntokens;
    return m.value;
  }

  const int* WeekdayAt(size_t i, size_t* len) const {
    if (!Has(i) || tt_.tokens[i].kind != TokenKind::kWord) return nullptr;
    auto m = lx_.weekdays.Longest(tt_, i, &lx_.clitics);
    if (!m) return nullptr;
    *len = m.ntokens;
    return m.value;
  }

  // Optional modifier (الماضي، الجاري، المقبل) at i; returns tokens consumed.
  size_t ModifierAt(size_t i, Modifier* mod) const {
    size_t len;
    auto role = RoleAt(i, &len);
    if (!role) return 0;
    switch (*role) {
      case TimeWordRole::kPast: *mod = Modifier::kPast; return len;
      case TimeWordRole::kCurrent: *mod = Modifier::kCurrent; return len;
      case TimeWordRole::kNext: *mod = Modifier::kNext; return len;
      default: return 0;
    }
  }

  // Year number at i (4 digits, plausible), optionally followed by an era mark.
  // Returns tokens consumed (0 = none).
  size_t YearAt(size_t i, int* year, bool* hijri) const {
    if (!IsNum(i)) return 0;
    size_t nd;
    int y = DigitValue(Text(i), &nd);
    if (nd != 4) return 0;
    size_t len = 1;
    bool h = false;
    size_t elen;
    if (auto role = RoleAt(i + 1, &elen)) {
      if (*role == TimeWordRole::kHijri) { h = true; len += elen; }
      else if (*role == TimeWordRole::kGregorian) len += elen;
    }
    if (!PlausibleYear(y, h)) {
      if (PlausibleYear(y, true) && !h && len == 1) h = true;  // 1443 without هـ
      else return 0;
    }
    *year = y;
    *hijri = h;
    return len;
  }

  // Month, its alternatives (كانون الثاني/يناير), year and modifier after a day or alone.
  // `i` is at the month name. Fills t and returns the last token, or -1.
  long MonthTail(size_t i, bool have_day, TimeExpr* t) const {
    size_t len;
    const MonthName* m = MonthAt(i, &len, true);
    if (m == nullptr) return -1;
    size_t j = i + len;
    // Alternative names: "كانون الثاني/يناير", "شباط (فبراير)".
    while (true) {
      size_t alen;
      if (IsPunct(j, "/") && MonthAt(j + 1, &alen, true)) { j += 1 + alen; continue; }
      if (IsPunct(j, "(") && MonthAt(j + 1, &alen, true) && IsPunct(j + 1 + alen, ")")) { j += 2 + alen; continue; }
      break;
    }
    size_t y0 = j;
    if (IsPunct(y0, ",")) ++y0;
    int year = 0;
    bool hijri_era = false;
    size_t ylen = YearAt(y0, &year, &hijri_era);
    if (m->strict && !have_day && ylen == 0) return -1;
    t->month = m->month;
    t->hijri = m->hijri;
    if (ylen) {
      t->year = year;
      j = y0 + ylen;
    }
    Modifier mod = Modifier::kNone;
    if (size_t mlen = ModifierAt(j, &mod)) {
      t->modifier = mod;
      j += mlen;
    }
    if (!have_day && !ylen && t->modifier == Modifier::kNone) {
      // A bare month name: only for unambiguous names after "شهر" or "في".
      if (m->strict) return -1;
    }
    return static_cast<long>(j) - 1;
  }

  bool Match(size_t i, TimeExpr* t) {
    const Token& tok = tt_.tokens[i];
    if (tok.kind == TokenKind::kNumber) return MatchNumeric(i, t);
    if (tok.kind != TokenKind::kWord) {
      if (IsPunct(i, "(")) return MatchWeekday(i, t);
      return false;
    }
    if (MatchWeekday(i, t)) return true;
    if (MatchRelative(i, t)) return true;
    if (MatchYearWord(i, t)) return true;
    if (MatchAgo(i, t)) return true;
    return MatchMonthFirst(i, t);
  }

  // Numeric starts: 2022.01.26, 26/01/2022, 2022-01-26, 2022January28, 28 يناير 2022.
  bool MatchNumeric(size_t i, TimeExpr* t) {
    std::string_view s = Text(i);
    // One token with two dots: 2022.01.26 or 26.01.2022.
    if (std::count(s.begin(), s.end(), '.') == 2) {
      size_t a = s.find('.'), b = s.find('.', a + 1);
      if (SetYmdOrder(s.substr(0, a), s.substr(a + 1, b - a - 1), s.substr(b + 1), t)) {
        t->kind = Kind::kDate;
        t->first = t->last = static_cast<uint32_t>(i);
        return true;
      }
    }
    // N sep N sep N, glued, same separator.
    for (std::string_view sep : {"/", "-", "."}) {
      if (IsPunct(i + 1, sep) && Glued(i + 1) && IsNum(i + 2) && Glued(i + 2) && IsPunct(i + 3, sep) && Glued(i + 3) &&
          IsNum(i + 4) && Glued(i + 4)) {
        if (SetYmdOrder(Text(i), Text(i + 2), Text(i + 4), t)) {
          t->kind = Kind::kDate;
          t->first = static_cast<uint32_t>(i);
          t->last = static_cast<uint32_t>(i + 4);
          return true;
        }
      }
    }
    size_t nd;
    int v = DigitValue(s, &nd);
    if (v < 0) return false;
    // YEAR MONTH DAY glued: 2022January28.
    size_t mlen;
    if (nd == 4 && PlausibleYear(v, false) && Glued(i + 1)) {
      if (const MonthName* m = MonthAt(i + 1, &mlen, true)) {
        size_t d = i + 1 + mlen;
        int day = IsNum(d) && Glued(d) ? DigitValue(Text(d)) : -1;
        if (day >= 1 && day <= 31 && !m->hijri) {
          t->kind = Kind::kDate;
          t->year = v;
          t->month = m->month;
          t->day = day;
          t->first = static_cast<uint32_t>(i);
          t->last = static_cast<uint32_t>(d);
          return true;
        }
      }
    }
    // DAY [من] MONTH ...
    if (nd <= 2 && v >= 1 && v <= 31) {
      size_t j = i + 1;
      if (Text(j) == "\xD9\x85\xD9\x86") ++j;  // "من": 20 من يناير
      long last = MonthTail(j, true, t);
      if (last >= 0) {
        t->kind = Kind::kDate;
        t->day = v;
        t->first = static_cast<uint32_t>(i);
        t->last = static_cast<uint32_t>(last);
        return Valid(*t);
      }
    }
    // A year with an era mark on its own: 2014م، 1443 هـ.
    int year;
    bool hijri;
    size_t ylen = YearAt(i, &year, &hijri);
    if (ylen > 1) {
      t->kind = Kind::kYear;
      t->year = year;
      t->hijri = hijri;
      t->first = static_cast<uint32_t>(i);
      t->last = static_cast<uint32_t>(i + ylen - 1);
      return true;
    }
    return false;
  }

  static bool Valid(const TimeExpr& t) {
    if (t.day == 0) return true;
    if (t.hijri) return t.day <= 30;
    if (t.year) return CivilDate{t.year, t.month, t.day}.valid();
    return t.day <= CivilDate::DaysInMonth(2024, t.month);
  }

  // Three numeric parts in Y-M-D or D-M-Y order.
  static bool SetYmdOrder(std::string_view a, std::string_view b, std::string_view c, TimeExpr* t) {
    size_t na = 0, nb = 0, nc = 0;
    int va = DigitValue(a, &na), vb = DigitValue(b, &nb), vc = DigitValue(c, &nc);
    if (va < 0 || vb < 0 || vc < 0 || nb > 2) return false;
    CivilDate d;
    if (na == 4 && nc <= 2) d = {va, vb, vc};
    else if (nc == 4 && na <= 2) d = {vc, vb, va};
    else return false;
    if (!d.valid() || !PlausibleYear(d.year, false)) return false;
    t->year = d.year;
    t->month = d.month;
    t->day = d.day;
    return true;
  }

  // Weekday expressions with prefixes, ranges and brackets.
  bool MatchWeekday(size_t i, TimeExpr* t) {
    size_t start = i;
    size_t j = i;
    bool bracket = false;
    if (IsPunct(j, "(")) { bracket = true; ++j; }
    size_t len;
    const int* wd = WeekdayAt(j, &len);
    if (wd == nullptr) return false;
    t->kind = Kind::kWeekday;
    t->weekday = *wd;
    j += len;
    // Range: W - W2, W/W2, W و W2 (in brackets or after ليلة).
    size_t len2;
    for (std::string_view sep : {"-", "/"}) {
      if (IsPunct(j, sep)) {
        if (const int* wd2 = WeekdayAt(j + 1, &len2)) {
          t->weekday_end = *wd2;
          j += 1 + len2;
        }
        break;
      }
    }
    if (bracket) {
      if (!IsPunct(j, ")")) return false;
      ++j;
    }
    Modifier mod = Modifier::kNone;
    if (size_t mlen = ModifierAt(j, &mod)) {
      t->modifier = mod;
      j += mlen;
    }
    // A full date after the weekday: الجمعة، ٢٨ يناير ٢٠٢٢ / الجمعة 28-01-2022.
    size_t d = j;
    if (IsPunct(d, ",")) ++d;
    TimeExpr date;
    if (!NewLine(d) && IsNum(d) && MatchNumeric(d, &date) && date.kind == Kind::kDate) {
      date.weekday = t->weekday;
      date.first = static_cast<uint32_t>(start);
      *t = date;
      ExtendBackOverPrefixes(t);
      return true;
    }
    t->first = static_cast<uint32_t>(start);
    t->last = static_cast<uint32_t>(j - 1);
    ExtendBackOverPrefixes(t);
    return true;
  }

  // Extends an expression back over day prefixes and a deictic day:
  // "مساء أمس السبت", "اليوم الجمعة", "ليلة (الأربعاء - الخميس)", "بعد منتصف ليل السبت".
  void ExtendBackOverPrefixes(TimeExpr* t) const {
    size_t first = t->first;
    for (int steps = 0; steps < 3 && first > 0; ++steps) {
      size_t p = first - 1;
      if (taken_[p] || tt_.tokens[first].line_start()) break;
      auto rel = lx_.relative_dates.Longest(tt_, p, &lx_.clitics);
      if (rel && p + rel.ntokens == first && rel.value->unit == DateUnit::kDay) {
        t->day_offset = rel.value->offset;
        t->deictic = rel.value->offset == 0;
        first = p;
        continue;
      }
      auto role = lx_.time_words.Longest(tt_, p, &lx_.clitics);
      if (role && p + role.ntokens == first && *role.value == TimeWordRole::kDayPrefix) {
        first = p;
        continue;
      }
      break;
    }
    t->first = static_cast<uint32_t>(first);
  }

  // Deictic words: اليوم، أمس، الأسبوع الماضي. "اليوم الجمعة" becomes a weekday.
  bool MatchRelative(size_t i, TimeExpr* t) {
    auto m = lx_.relative_dates.Longest(tt_, i, &lx_.clitics);
    if (!m) return false;
    size_t j = i + m.ntokens;
    size_t len;
    if (m.value->unit == DateUnit::kDay && WeekdayAt(j, &len) && !NewLine(j)) {
      if (!MatchWeekday(j, t)) return false;
      t->first = std::min<uint32_t>(t->first, static_cast<uint32_t>(i));
      t->day_offset = m.value->offset;
      t->deictic = m.value->offset == 0;
      return true;
    }
    // "اليوم" followed by an article word is a noun phrase (اليوم العالمي، اليوم الأول).
    if (m.ntokens == 1 && m.value->unit == DateUnit::kDay && m.value->offset == 0 && Has(j) &&
        tt_.tokens[j].kind == TokenKind::kWord && !NewLine(j) && Text(j).substr(0, 4) == "\xD8\xA7\xD9\x84") {
      return false;
    }
    t->kind = Kind::kRelative;
    t->relative = *m.value;
    t->first = static_cast<uint32_t>(i);
    t->last = static_cast<uint32_t>(j - 1);
    ExtendBackOverPrefixes(t);
    t->first = std::min<uint32_t>(t->first, static_cast<uint32_t>(i));
    return true;
  }

  // "عام 2014", "لعام 1974", "سنة 1443 هـ".
  bool MatchYearWord(size_t i, TimeExpr* t) {
    size_t len;
    auto role = RoleAt(i, &len);
    if (!role || *role != TimeWordRole::kYear) return false;
    int year;
    bool hijri;
    size_t ylen = YearAt(i + len, &year, &hijri);
    if (ylen == 0) return false;
    t->kind = Kind::kYear;
    t->year = year;
    t->hijri = hijri;
    t->first = static_cast<uint32_t>(i);
    t->last = static_cast<uint32_t>(i + len + ylen - 1);
    return true;
  }

  // "قبل يومين", "قبل 3 أيام", "قبل ثلاثة أسابيع".
  bool MatchAgo(size_t i, TimeExpr* t) {
    static constexpr std::string_view kBefore = "\xD9\x82\xD8\xA8\xD9\x84";  // قبل
    std::string_view w = Text(i);
    if (w != kBefore && !(w.size() == kBefore.size() + 2 && w.substr(2) == kBefore)) return false;
    size_t j = i + 1;
    int count = 0;
    if (IsNum(j)) {
      count = DigitValue(Text(j));
      ++j;
    } else if (Has(j)) {
      if (const NumberWord* nw = lx_.number_words.FindWord(Text(j)); nw && nw->cls == NumberWord::Class::kAtom) {
        count = static_cast<int>(nw->value);
        ++j;
      }
    }
    auto u = lx_.units.Longest(tt_, j);
    if (!u || u.value->kind != QuantityKind::kDuration) return false;
    // A dual stands for two (قبل يومين); a bare plural (قبل أيام) names no date.
    if (count <= 0) count = u.value->multiplier > 1 ? u.value->multiplier : 0;
    if (count <= 0) return false;
    const std::string& unit = u.value->unit;
    if (unit == "day") t->ago_unit = DateUnit::kDay;
    else if (unit == "week") t->ago_unit = DateUnit::kWeek;
    else if (unit == "month") t->ago_unit = DateUnit::kMonth;
    else if (unit == "year") t->ago_unit = DateUnit::kYear;
    else return false;
    t->kind = Kind::kAgo;
    t->ago_count = count;
    t->first = static_cast<uint32_t>(i);
    t->last = static_cast<uint32_t>(j + u.ntokens - 1);
    return true;
  }

  // Month first: "يناير 2022", "يناير الماضي", "January 28, 2022", "شهر رمضان".
  bool MatchMonthFirst(size_t i, TimeExpr* t) {
    size_t len;
    const MonthName* m = MonthAt(i, &len, true);
    if (m == nullptr) return false;
    // English order: January 28, 2022.
    size_t d = i + len;
    if (IsNum(d) && !NewLine(d)) {
      size_t nd;
      int day = DigitValue(Text(d), &nd);
      if (nd <= 2 && day >= 1 && day <= 31) {
        size_t y = d + 1;
        if (IsPunct(y, ",")) ++y;
        int year;
        bool hijri;
        size_t ylen = YearAt(y, &year, &hijri);
        if (ylen || !m->strict) {
          t->kind = Kind::kDate;
          t->month = m->month;
          t->hijri = m->hijri;
          t->day = day;
          if (ylen) t->year = year;
          t->first = static_cast<uint32_t>(i);
          t->last = static_cast<uint32_t>(ylen ? y + ylen - 1 : d);
          return Valid(*t);
        }
      }
    }
    long last = MonthTail(i, false, t);
    if (last < 0) return false;
    t->kind = Kind::kMonth;
    t->first = static_cast<uint32_t>(i);
    t->last = static_cast<uint32_t>(last);
    return true;
  }

  // "- 19:47", "الساعة 19:47" after a date.
  void AttachClock(TimeExpr* t) const {
    if (t->kind != Kind::kDate) return;
    size_t j = t->last + 1;
    if (IsPunct(j, "-") || IsPunct(j, ",")) ++j;
    if (IsNum(j) && IsPunct(j + 1, ":") && Glued(j + 1) && IsNum(j + 2) && Glued(j + 2) && !NewLine(j)) {
      int h = DigitValue(Text(j)), mi = DigitValue(Text(j + 2));
      if (h >= 0 && h < 24 && mi >= 0 && mi < 60) {
        t->hour = h;
        t->minute = mi;
        // The clock is not part of the date's span but is consumed (not a quantity).
        for (size_t k = j; k <= j + 2; ++k) taken_[k] = 1;
      }
    }
  }

  const TokenizedText& tt_;
  const Lexicons& lx_;
  std::vector<uint8_t>& taken_;
  const size_t n_;
};

// The latest date on or before `pub` that falls on weekday `wd`.
CivilDate WeekdayOnOrBefore(const CivilDate& pub, int wd) {
  int diff = (pub.weekday() - wd + 7) % 7;
  return pub.AddDays(-diff);
}

// Year for month/day given without one, chosen relative to pub by the modifier.
int ChooseYear(const CivilDate& pub, int month, int day, Modifier mod) {
  auto key = [&](int y) { return CivilDate{y, month, day ? std::min(day, CivilDate::DaysInMonth(y, month)) : 1}; };
  switch (mod) {
    case Modifier::kCurrent: return pub.year;
    case Modifier::kPast: {
      // The latest such month (day) strictly before the publication month (day).
      if (day == 0) return month < pub.month ? pub.year : pub.year - 1;
      return key(pub.year) < pub ? pub.year : pub.year - 1;
    }
    case Modifier::kNext: {
      if (day == 0) return month > pub.month ? pub.year : pub.year + 1;
      return key(pub.year) > pub ? pub.year : pub.year + 1;
    }
    case Modifier::kNone: break;
  }
  int best = pub.year;
  long best_dist = -1;
  for (int y = pub.year - 1; y <= pub.year + 1; ++y) {
    long dist = std::labs(key(y).serial() - pub.serial());
    if (best_dist < 0 || dist < best_dist) { best = y; best_dist = dist; }
  }
  return best;
}

}  // namespace

void ExtractTimes(const TokenizedText& tt, const Lexicons& lx, std::vector<uint8_t>* taken,
                  std::vector<TimeExpr>* out) {
  Matcher(tt, lx, taken).Run(out);
}

std::optional<CivilDate> AbsoluteDate(const TimeExpr& t) {
  if (t.kind != Kind::kDate || t.year == 0 || t.day == 0) return std::nullopt;
  if (t.hijri) return HijriToGregorian(t.year, t.month, t.day);
  CivilDate d{t.year, t.month, t.day};
  if (!d.valid()) return std::nullopt;
  return d;
}

bool ResolveTime(const CivilDate& pub, TimeExpr* t) {
  const bool anchored = pub.valid();
  t->value.clear();
  auto set_day = [&](const CivilDate& d) {
    t->first_day = d;
    t->value = d.ToIso();
    return true;
  };
  switch (t->kind) {
    case Kind::kDate: {
      if (auto d = AbsoluteDate(*t)) return set_day(*d);
      if (!anchored) return false;
      if (t->hijri) {
        auto ph = GregorianToHijri(pub);
        if (!ph) return false;
        int hy = ph->year;
        if (t->modifier == Modifier::kPast && (t->month > ph->month || (t->month == ph->month && t->day >= ph->day))) --hy;
        if (t->modifier == Modifier::kNext && (t->month < ph->month || (t->month == ph->month && t->day <= ph->day))) ++hy;
        auto d = HijriToGregorian(hy, t->month, t->day);
        return d ? set_day(*d) : false;
      }
      int y = ChooseYear(pub, t->month, t->day, t->modifier);
      CivilDate d{y, t->month, t->day};
      if (!d.valid()) return false;
      return set_day(d);
    }
    case Kind::kMonth: {
      if (t->hijri) return false;  // a Hijri month without a day spans two Gregorian months
      int y = t->year ? t->year : (anchored ? ChooseYear(pub, t->month, 0, t->modifier) : 0);
      if (y == 0) return false;
      t->first_day = {y, t->month, 1};
      t->value = CivilDate{y, t->month, 0}.ToIso();
      return true;
    }
    case Kind::kYear: {
      if (t->hijri) {
        // A Hijri year straddles two Gregorian years: its first and last day.
        auto first = HijriToGregorian(t->year, 1, 1);
        auto next = HijriToGregorian(t->year + 1, 1, 1);
        if (!first || !next) return false;
        t->first_day = *first;
        t->value = first->ToIso() + "/" + next->AddDays(-1).ToIso();
        return true;
      }
      t->first_day = {t->year, 1, 1};
      t->value = CivilDate{t->year, 0, 0}.ToIso();
      return true;
    }
    case Kind::kWeekday: {
      if (!anchored) return false;
      int wd_last = t->weekday_end >= 0 ? t->weekday_end : t->weekday;
      CivilDate end;
      // "غدا السبت" / "السبت المقبل": the next such day after publication.
      if (t->modifier == Modifier::kNext || t->day_offset > 0) {
        int diff = (wd_last - pub.weekday() + 7) % 7;
        end = pub.AddDays(diff == 0 ? 7 : diff);
      } else {
        end = WeekdayOnOrBefore(pub, wd_last);
        if (t->modifier == Modifier::kPast && end == pub) end = end.AddDays(-7);
      }
      if (t->weekday_end < 0) return set_day(end);
      int span = (t->weekday_end - t->weekday + 7) % 7;
      CivilDate begin = end.AddDays(-span);
      t->first_day = begin;
      t->value = begin.ToIso() + "/" + end.ToIso();
      return true;
    }
    case Kind::kRelative: {
      if (!anchored) return false;
      const RelativeDate& r = t->relative;
      switch (r.unit) {
        case DateUnit::kDay: return set_day(pub.AddDays(r.offset));
        case DateUnit::kWeek: {
          CivilDate sunday = pub.AddDays(-pub.weekday() + 7 * r.offset);
          t->first_day = sunday;
          t->value = sunday.ToIso() + "/" + sunday.AddDays(6).ToIso();
          return true;
        }
        case DateUnit::kMonth: {
          int m = pub.month + r.offset, y = pub.year;
          while (m < 1) { m += 12; --y; }
          while (m > 12) { m -= 12; ++y; }
          t->first_day = {y, m, 1};
          t->value = CivilDate{y, m, 0}.ToIso();
          return true;
        }
        case DateUnit::kYear:
          t->first_day = {pub.year + r.offset, 1, 1};
          t->value = CivilDate{pub.year + r.offset, 0, 0}.ToIso();
          return true;
      }
      return false;
    }
    case Kind::kAgo: {
      if (!anchored) return false;
      switch (t->ago_unit) {
        case DateUnit::kDay: return set_day(pub.AddDays(-t->ago_count));
        case DateUnit::kWeek: return set_day(pub.AddDays(-7L * t->ago_count));
        case DateUnit::kMonth: {
          int m = pub.month - t->ago_count, y = pub.year;
          while (m < 1) { m += 12; --y; }
          t->first_day = {y, m, 1};
          t->value = CivilDate{y, m, 0}.ToIso();
          return true;
        }
        case DateUnit::kYear:
          t->first_day = {pub.year - t->ago_count, 1, 1};
          t->value = CivilDate{pub.year - t->ago_count, 0, 0}.ToIso();
          return true;
      }
      return false;
    }
  }
  return false;
}

}  // namespace isnad
