#include "extract/times.h"

#include <algorithm>
#include <charconv>

#include "extract/numbers.h"

namespace isnad {

namespace {

using Kind = TimeExpr::Kind;
using Modifier = TimeExpr::Modifier;

// A weekday is read as a plan when a future cue stands at most this many words before it.
constexpr size_t kFutureWords = 14;
// ... and as the day of a called-for action when at most this many words follow the call's "to".
constexpr size_t kCallWords = 4;
// A year range spans at most this many years ((1980-1988), lifespans (1832 - 1898)).
constexpr int kMaxYearSpan = 100;

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

bool StartsWith(std::string_view w, std::string_view p) { return !p.empty() && w.size() >= p.size() && w.substr(0, p.size()) == p; }
bool EndsWith(std::string_view w, std::string_view p) {
  return !p.empty() && w.size() >= p.size() && w.substr(w.size() - p.size()) == p;
}

class Matcher {
 public:
  Matcher(const TokenizedText& tt, const Lexicons& lx, std::vector<uint8_t>* taken)
      : tt_(tt), lx_(lx), taken_(*taken), n_(tt.size()) {}

  void Run(std::vector<TimeExpr>* out) {
    for (size_t i = 0; i < n_; ++i) {
      if (taken_[i]) continue;
      TimeExpr t;
      if (!Match(i, &t)) continue;
      AttachClock(&t);
      Take(t);
      out->push_back(t);
      i = std::max<size_t>(t.last, t.clock_last);
      // A list of years: أعوام 2015 و2016 و2017، في 2012 و2013.
      while (t.kind == Kind::kYear && t.year_end == 0 && t.season == 0 && !t.year_relative) {
        TimeExpr u;
        if (!NextListedYear(i + 1, t, &u)) break;
        Take(u);
        out->push_back(u);
        i = u.last;
        t = u;
      }
    }
  }

 private:
  bool Has(size_t i) const { return i < n_ && !taken_[i]; }
  std::string_view Text(size_t i) const { return i < n_ ? tt_.text(i) : std::string_view(); }
  bool IsWord(size_t i) const { return Has(i) && tt_.tokens[i].kind == TokenKind::kWord; }
  bool IsNum(size_t i) const { return Has(i) && tt_.tokens[i].kind == TokenKind::kNumber; }
  bool IsPunct(size_t i, std::string_view p) const { return Has(i) && tt_.tokens[i].kind == TokenKind::kPunct && Text(i) == p; }
  bool IsDash(size_t i) const { return IsPunct(i, "-"); }
  bool Glued(size_t i) const { return i < n_ && tt_.tokens[i].glued(); }
  bool NewLine(size_t i) const { return i < n_ && tt_.tokens[i].line_start(); }
  // The token before i on the same line, or n_.
  size_t Before(size_t i) const { return i > 0 && i <= n_ && !(i < n_ && NewLine(i)) ? i - 1 : n_; }

  void Take(const TimeExpr& t) {
    for (size_t k = t.first; k <= t.last; ++k) taken_[k] = 1;
    if (t.clock_last > t.last) {
      // The clock is not part of the date's span but is consumed (not a quantity).
      for (size_t k = t.last + 1; k <= t.clock_last; ++k) taken_[k] = 1;
    }
  }

  std::optional<TimeWordRole> RoleAt(size_t i, size_t* len = nullptr) const {
    if (!Has(i)) return std::nullopt;
    auto m = lx_.time_words.Longest(tt_, i, &lx_.clitics);
    if (!m || NewLine(i)) return std::nullopt;
    if (len) *len = m.ntokens;
    return *m.value;
  }

  // A cue of data/time_cues.tsv with one of `roles` starting at i (a single-word cue
  // also when a longer phrase, or another clitic reading, has other roles). A `verb` cue carries no
  // proclitic but a verb's own (data/time_cues.tsv verbclitic).
  const TimeCue* Cue(size_t i, uint32_t roles, size_t* len = nullptr, bool verb = false) const {
    if (!IsWord(i)) return nullptr;
    auto clitic_ok = [&](size_t prefix_bytes, const TimeCue* c) {
      if (!verb || prefix_bytes == 0 || c->definite) return true;
      std::string_view p = Text(i).substr(0, prefix_bytes);
      for (const std::string& c : lx_.time_affixes.verb_clitics) {
        if (p == c) return true;
      }
      return false;
    };
    auto m = lx_.time_cues.Longest(tt_, i, &lx_.clitics);
    if (!m) return nullptr;
    if ((m.value->roles & roles) && clitic_ok(m.prefix_bytes, m.value)) {
      if (len) *len = m.ntokens;
      return m.value;
    }
    // Another reading of the word's clitics may be a cue with the roles: وكان is "and was",
    // though its longest reading strips وك to leave the complementizer.
    const TimeCue* found = nullptr;
    thread_local std::string scratch;
    lx_.clitics.ForEachVariant(Text(i), &scratch, [&](std::string_view stem, size_t prefix_bytes) {
      const TimeCue* c = lx_.time_cues.FindWord(stem);
      if (c && (c->roles & roles) && clitic_ok(prefix_bytes, c)) found = c;
      return found != nullptr;
    });
    if (found && len) *len = 1;
    return found;
  }

  // A cue with one of `roles` whose last token is `end` (phrases of up to three words:
  // الحادي والعشرين، ما بين). Sets *start.
  const TimeCue* CueEndingAt(size_t end, uint32_t roles, size_t* start) const {
    if (end >= n_) return nullptr;
    for (size_t b = 0; b < 3; ++b) {
      const size_t back = 2 - b;  // the longest phrase first (الحادي والعشرين, not والعشرين)
      if (back > end) continue;
      size_t k = end - back;
      bool broken = false;
      for (size_t x = k + 1; x <= end; ++x) broken |= NewLine(x);
      if (broken) continue;
      size_t len;
      const TimeCue* c = Cue(k, roles, &len);
      if (c && k + len - 1 == end) {
        *start = k;
        return c;
      }
    }
    return nullptr;
  }

  // Month name at i (with its token count); strict names only if `allow_strict`.
  const MonthName* MonthAt(size_t i, size_t* len, bool allow_strict) const {
    if (!IsWord(i)) return nullptr;
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
    if (!IsWord(i)) return nullptr;
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
    size_t nd = 0;
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

  // A year given as a phrase relative to publication at i (العام الماضي، هذا العام).
  size_t RelativeYearAt(size_t i, int* offset) const {
    if (!Has(i)) return 0;
    auto m = lx_.relative_dates.Longest(tt_, i, &lx_.clitics);
    if (!m || m.value->unit != DateUnit::kYear) return 0;
    for (size_t k = i; k < i + m.ntokens; ++k) {
      if (!Has(k)) return 0;
    }
    *offset = m.value->offset;
    return m.ntokens;
  }

  // The year of a date or month after its month name, at j: "2021", "لعام 1967",
  // "من عام 1967", "من العام الماضي". Fills t; returns tokens consumed.
  size_t YearOfMonth(size_t j, TimeExpr* t) const {
    size_t k = j;
    if (IsPunct(k, ",")) ++k;
    int year;
    bool hijri;
    if (size_t ylen = YearAt(k, &year, &hijri)) {
      t->year = year;
      return k + ylen - j;
    }
    k = j;
    size_t olen;
    if (Cue(k, TimeCue::kOf, &olen)) k += olen;
    size_t wlen;
    if (auto role = RoleAt(k, &wlen); role && *role == TimeWordRole::kYear) {
      if (size_t ylen = YearAt(k + wlen, &year, &hijri)) {
        t->year = year;
        return k + wlen + ylen - j;
      }
    }
    int offset;
    if (size_t rlen = RelativeYearAt(k, &offset); rlen && k > j) {
      t->year_relative = true;
      t->year_offset = offset;
      return k + rlen - j;
    }
    return 0;
  }

  // Month, its alternatives (كانون الثاني/يناير), year and modifier after a day or alone.
  // `i` is at the month name; `cued` when a word before it makes a bare name a month
  // (شهر مارس، أواخر مارس). Fills t and returns the last token, or -1.
  long MonthTail(size_t i, bool have_day, bool cued, TimeExpr* t) const {
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
    size_t ylen = YearOfMonth(j, t);
    j += ylen;
    t->month = m->month;
    t->hijri = m->hijri;
    Modifier mod = Modifier::kNone;
    if (size_t mlen = ModifierAt(j, &mod)) {
      t->modifier = mod;
      j += mlen;
      // "14 مارس الماضي 2021": the year after the modifier, unless the number counts
      // what follows it (بنهاية مايو الماضي 1959 فرعا).
      if (!ylen) {
        TimeExpr y = *t;
        size_t n = YearOfMonth(j, &y);
        if (n && !CountNounAt(j + n) && !TamyizAt(j + n)) {
          *t = y;
          ylen = n;
          j += n;
        }
      }
    }
    if (m->strict && !have_day && !cued && !ylen && t->modifier == Modifier::kNone) return -1;
    return static_cast<long>(j) - 1;
  }

  // True when the word at i is a count noun: a number before it counts things or people
  // (منذ 1400 عام، حتى 2000 شخص), so it is not a year.
  bool CountNounAt(size_t i) const {
    if (!Has(i) || tt_.tokens[i].kind != TokenKind::kWord || NewLine(i)) return false;
    return lx_.units.Longest(tt_, i, &lx_.clitics) || lx_.subject_classes.Longest(tt_, i, &lx_.clitics) ||
           lx_.claim_triggers.Longest(tt_, i, &lx_.clitics) || lx_.number_words.Longest(tt_, i, &lx_.clitics);
  }

  // An indefinite accusative noun (فرعا، شخصا): the specification of a count before it.
  bool TamyizAt(size_t i) const {
    if (!IsWord(i) || NewLine(i)) return false;
    for (const std::string& e : lx_.time_affixes.count_endings) {
      if (EndsWith(Text(i), e) && Text(i).size() > e.size() + 2) return true;
    }
    return false;
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
    if (MatchSeasonModifier(i, t)) return true;
    return MatchMonthFirst(i, t);
  }

  // Numeric starts: 2022.01.26, 26/01/2022, 2022-01-26, 2022January28, 28 يناير 2022,
  // 7/مارس/2021, 14 من الشهر الجاري, bare years after a preposition.
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
    // N sep N sep N, same separator: glued (26/01/2022), or spaced with a four-digit
    // year (6 / 10 / 1436هـ); a Hijri year makes a Hijri date (25/9/1436).
    for (std::string_view sep : {"/", "-", "."}) {
      if (!(IsPunct(i + 1, sep) && IsNum(i + 2) && IsPunct(i + 3, sep) && IsNum(i + 4)) || NewLine(i + 2) ||
          NewLine(i + 4)) {
        continue;
      }
      const bool glued = Glued(i + 1) && Glued(i + 2) && Glued(i + 3) && Glued(i + 4);
      size_t ny = 0;
      DigitValue(Text(i + 4), &ny);
      if (!glued && ny != 4) continue;
      int hy;
      bool hijri_era = false;
      size_t ylen = ny == 4 ? YearAt(i + 4, &hy, &hijri_era) : 0;
      if (ylen && hijri_era) {
        size_t nd1 = 0, nd2 = 0;
        int day = DigitValue(Text(i), &nd1), month = DigitValue(Text(i + 2), &nd2);
        if (nd1 <= 2 && nd2 <= 2 && day >= 1 && day <= 30 && month >= 1 && month <= 12) {
          t->kind = Kind::kDate;
          t->hijri = true;
          t->year = hy;
          t->month = month;
          t->day = day;
          t->first = static_cast<uint32_t>(i);
          t->last = static_cast<uint32_t>(i + 3 + ylen);
          return true;
        }
        continue;
      }
      if (SetYmdOrder(Text(i), Text(i + 2), Text(i + 4), t)) {
        t->kind = Kind::kDate;
        t->first = static_cast<uint32_t>(i);
        t->last = static_cast<uint32_t>(i + 4);
        if (ylen > 1) t->last = static_cast<uint32_t>(i + 3 + ylen);  // 12/7/2015م
        return true;
      }
      *t = TimeExpr();
    }
    size_t nd = 0;
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
    if (nd <= 2 && v >= 1 && v <= 31) {
      // DAY sep MONTH sep YEAR: 7/مارس/2021, 7-مارس-2021.
      for (std::string_view sep : {"/", "-"}) {
        if (!IsPunct(i + 1, sep)) continue;
        if (const MonthName* m = MonthAt(i + 2, &mlen, true)) {
          int year;
          bool hijri;
          size_t y = i + 2 + mlen;
          if (IsPunct(y, sep)) {
            if (size_t ylen = YearAt(y + 1, &year, &hijri)) {
              t->kind = Kind::kDate;
              t->day = v;
              t->month = m->month;
              t->hijri = m->hijri;
              t->year = year;
              t->first = static_cast<uint32_t>(i);
              t->last = static_cast<uint32_t>(y + ylen);
              if (Valid(*t)) return true;
              *t = TimeExpr();
            }
          }
        }
      }
      // DAY [من] MONTH ...
      size_t j = i + 1;
      size_t olen;
      bool of = Cue(j, TimeCue::kOf, &olen) != nullptr;
      if (of) j += olen;
      long last = MonthTail(j, true, false, t);
      if (last >= 0) {
        t->kind = Kind::kDate;
        t->day = v;
        t->first = static_cast<uint32_t>(i);
        t->last = static_cast<uint32_t>(last);
        return Valid(*t);
      }
      *t = TimeExpr();
      // DAY [من] a month named relative to publication: 14 من الشهر الجاري.
      if (of && DayOfRelativeMonth(j, v, t)) {
        t->first = static_cast<uint32_t>(i);
        return true;
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
      ExtendYearRange(t, false);
      return true;
    }
    return MatchBareYear(i, t);
  }

  // "الشهر الجاري" after a day (and its "من") at j: the day of a month named relative to
  // publication. Fills the month fields and t->last.
  bool DayOfRelativeMonth(size_t j, int day, TimeExpr* t) const {
    if (!Has(j)) return false;
    auto m = lx_.relative_dates.Longest(tt_, j, &lx_.clitics);
    if (!m || m.value->unit != DateUnit::kMonth) return false;
    for (size_t k = j; k < j + m.ntokens; ++k) {
      if (!Has(k)) return false;
    }
    t->kind = Kind::kDate;
    t->day = day;
    t->month_relative = true;
    t->month_offset = m.value->offset;
    t->last = static_cast<uint32_t>(j + m.ntokens - 1);
    return true;
  }

  // A four-digit year with no year word: after a preposition (وفي 2018، منذ 2011), a part
  // of a year or a season (نهاية 2017، صيف 2014), in brackets ((2015)), or as a range
  // (1982 - 1990، من 2013 إلى 2017، بين 2012 و2013). Never before a count noun.
  bool MatchBareYear(size_t i, TimeExpr* t) {
    size_t nd = 0;
    int y = DigitValue(Text(i), &nd);
    if (nd != 4 || !PlausibleYear(y, false)) return false;
    t->kind = Kind::kYear;
    t->year = y;
    t->first = t->last = static_cast<uint32_t>(i);
    size_t p = Before(i);
    bool bracket = p < n_ && tt_.tokens[p].kind == TokenKind::kPunct && Text(p) == "(";
    bool between = false, from = false, cued = false;
    size_t start;
    if (const TimeCue* c = p < n_ && !bracket ? CueEndingAt(p, TimeCue::kYearPrep | TimeCue::kBetween | TimeCue::kRangeFrom |
                                                                  TimeCue::kPeriod | TimeCue::kSeason, &start)
                                             : nullptr) {
      if (!NumberQualifierEndsAt(p)) {
        between = c->roles & TimeCue::kBetween;
        from = (c->roles & (TimeCue::kRangeFrom | TimeCue::kYearPrep | TimeCue::kPeriod | TimeCue::kSeason)) == TimeCue::kRangeFrom;
        cued = !from;
        if (c->roles & (TimeCue::kPeriod | TimeCue::kSeason)) {
          t->first = static_cast<uint32_t>(start);
          if (c->roles & TimeCue::kSeason) t->season = c->season;
        }
      }
    }
    ExtendYearRange(t, between);
    if (t->year_end == 0 && (from || (between && !cued))) return false;
    if (bracket) {
      if (!(t->last + 1 < n_ && IsPunct(t->last + 1, ")"))) return false;
    } else if (!cued && t->year_end == 0) {
      return false;
    }
    if (t->year_end == 0 && CountNounAt(t->last + 1)) return false;
    return true;
  }

  // A qualifier of a number ends at token p (أكثر من 2000): the number is a count.
  bool NumberQualifierEndsAt(size_t p) const {
    for (size_t back = 0; back < 3 && back <= p; ++back) {
      auto m = lx_.qualifiers.Longest(tt_, p - back, &lx_.clitics);
      if (m && p - back + m.ntokens - 1 == p) return true;
    }
    return false;
  }

  // After a year at t->last: "- 1988", "إلى 2017", "وحتى عام 2017", or with `between`
  // "و2013". Sets t->year_end.
  void ExtendYearRange(TimeExpr* t, bool between) const {
    if (t->hijri || t->year == 0) return;
    size_t j = t->last + 1;
    size_t k = 0;
    size_t len;
    if (IsDash(j)) k = j + 1;
    else if (Cue(j, TimeCue::kRangeTo, &len)) k = j + len;
    else if (between && Cue(j, TimeCue::kAnd, &len)) k = j + len;
    if (k == 0) return;
    size_t wlen;
    if (!IsNum(k)) {
      if (auto role = RoleAt(k, &wlen); role && *role == TimeWordRole::kYear) k += wlen;
    }
    int y2;
    bool h2;
    size_t ylen = YearAt(k, &y2, &h2);
    if (!ylen || h2 || y2 <= t->year || y2 > t->year + kMaxYearSpan) return;
    t->year_end = y2;
    t->last = static_cast<uint32_t>(k + ylen - 1);
  }

  // The next year of a list after `prev` (ending before j): "و2016", "، 2017".
  bool NextListedYear(size_t j, const TimeExpr& prev, TimeExpr* u) const {
    size_t len;
    size_t k;
    if (IsPunct(j, ",")) k = j + 1;
    else if (Cue(j, TimeCue::kAnd, &len)) k = j + len;
    else return false;
    if (NewLine(k)) return false;
    int y;
    bool h;
    size_t ylen = YearAt(k, &y, &h);
    if (!ylen || h != prev.hijri || (!h && !PlausibleYear(y, false))) return false;
    if (CountNounAt(k + ylen)) return false;
    u->kind = Kind::kYear;
    u->year = y;
    u->hijri = h;
    u->first = static_cast<uint32_t>(k);
    u->last = static_cast<uint32_t>(k + ylen - 1);
    ExtendYearRange(u, false);
    return true;
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
    // A full date after the weekday: الجمعة، ٢٨ يناير ٢٠٢٢ / الجمعة 28-01-2022 /
    // الأحد الثاني من آب.
    size_t d = j;
    if (IsPunct(d, ",")) ++d;
    size_t elen;
    if (Cue(d, TimeCue::kEquals, &elen)) d += elen;  // "الاثنين الموافق 4/10/1436هـ"
    TimeExpr date;
    if (!NewLine(d) && ((IsNum(d) && MatchNumeric(d, &date) && date.kind == Kind::kDate) || OrdinalDateAt(d, &date))) {
      // A day and month written in the other order (10/4 for the 4th of the 10th) show
      // in a weekday that does not match: the order that matches it wins.
      if (auto dd = AbsoluteDate(date); dd && dd->weekday() != t->weekday && date.day <= 12) {
        TimeExpr swapped = date;
        std::swap(swapped.day, swapped.month);
        if (auto sd = AbsoluteDate(swapped); sd && sd->weekday() == t->weekday) date = swapped;
      }
      date.weekday = t->weekday;
      date.first = static_cast<uint32_t>(start);
      *t = date;
      ExtendBackOverPrefixes(t);
      return true;
    }
    t->first = static_cast<uint32_t>(start);
    t->last = static_cast<uint32_t>(j - 1);
    ExtendBackOverPrefixes(t);
    t->future = t->modifier == Modifier::kNone && t->day_offset == 0 && !t->deictic && InFuture(t->first);
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

  // A future verb: the future particle with a person prefix (سيعقد، وستنطلق، سنواصل),
  // told from nouns of the same shape (سيارة، سياسة، سنوات، سيطرة) by data/time_cues.tsv.
  bool FutureVerbAt(size_t k) const {
    const TimeAffixes& af = lx_.time_affixes;
    if (af.future_prefixes.empty() || !IsWord(k)) return false;
    std::string_view word = Text(k);
    auto shaped = [&](std::string_view w) {
      for (const std::string& p : af.future_prefixes) {
        if (!StartsWith(w, p)) continue;
        std::string_view rest = w.substr(p.size());
        if (rest.size() < 4) continue;  // at least two letters after the prefix
        bool noun = false;
        for (const std::string& s : af.noun_starts) noun |= StartsWith(rest, s);
        for (const std::string& e : af.noun_endings) noun |= EndsWith(w, e);
        for (const std::string& x : af.not_future) noun |= StartsWith(w, x);
        if (!noun) return true;
      }
      return false;
    };
    if (shaped(word)) return true;
    for (const std::string& c : af.verb_clitics) {
      if (StartsWith(word, c) && shaped(word.substr(c.size()))) return true;
    }
    return false;
  }

  // A cue of the past (كان) just before the future cue at k: a plan that was.
  bool PastAuxBefore(size_t k) const {
    for (size_t back = 1; back <= 2 && back <= k; ++back) {
      if (NewLine(k - back + 1)) break;
      if (Cue(k - back, TimeCue::kPastAux, nullptr, true)) return true;
    }
    return false;
  }

  bool IsQuote(size_t k) const { return tt_.tokens[k].kind == TokenKind::kPunct && Text(k) == "\""; }
  // A quotation mark that closes a quote: glued to the word before it, not to the one after.
  bool ClosesQuote(size_t k) const {
    return IsQuote(k) && tt_.tokens[k].glued() && !(k + 1 < n_ && tt_.tokens[k + 1].glued() && tt_.tokens[k + 1].kind == TokenKind::kWord);
  }

  // True when the weekday starting at w is the day of a plan: a future cue or a future
  // verb before it in its clause, or a call (دعا إلى إضراب الثلاثاء). Scanning back, a
  // bracketed or quoted aside is skipped; the scan stops at a sentence end, a line start,
  // an earlier time expression, the start of the quote or bracket the weekday is in, a
  // past auxiliary (كان) and a relative clause of its own (الهجوم الذي وقع السبت). A
  // future verb or particle before a complementizer (أن) does not reach into its clause.
  bool InFuture(size_t w) const {
    size_t words = 0;
    bool call_to = false, subordinate = false;
    for (size_t k = w; k > 0 && words < kFutureWords;) {
      if (NewLine(k)) break;
      --k;
      if (taken_[k]) break;
      const Token& tok = tt_.tokens[k];
      if (tok.kind == TokenKind::kPunct) {
        std::string_view p = Text(k);
        if (p == "." || p == "!" || p == "?" || p == ";" || p == ":" || p == "(") break;
        if (IsQuote(k) && !ClosesQuote(k)) break;
        // Skip back over an aside: (...) or "...".
        if (p == ")" || ClosesQuote(k)) {
          const bool paren = p == ")";
          size_t j = k;
          bool opened = false;
          while (j > 0 && !NewLine(j)) {
            --j;
            if (paren ? Text(j) == "(" : (IsQuote(j) && !ClosesQuote(j))) { opened = true; break; }
          }
          if (!opened) break;
          k = j;
        }
        continue;
      }
      ++words;
      if (tok.kind != TokenKind::kWord) continue;
      size_t len;
      if (Cue(k, TimeCue::kFuture, &len, true)) return !PastAuxBefore(k);
      // A future verb or particle governs its own clause, not one it opens (ستدرس الأمر،
      // مشيرا إلى أن الهجوم وقع الأحد).
      if (Cue(k, TimeCue::kFutureParticle, &len, true) || FutureVerbAt(k)) return !subordinate && !PastAuxBefore(k);
      if (Cue(k, TimeCue::kComplementizer)) subordinate = true;
      if (Cue(k, TimeCue::kPastAux, nullptr, true)) break;
      if (Cue(k, TimeCue::kRelative) && !(k > 0 && IsPunct(k - 1, ","))) break;
      if (words <= kCallWords && Cue(k, TimeCue::kCallPrep)) call_to = true;
      if (call_to && Cue(k, TimeCue::kCall, nullptr, true)) return true;
    }
    return false;
  }

  // Deictic words: اليوم، أمس، الأسبوع الماضي. "اليوم الجمعة" and "اليوم (الاثنين)"
  // become weekdays; "العام الماضي 2014" a year.
  bool MatchRelative(size_t i, TimeExpr* t) {
    auto m = lx_.relative_dates.Longest(tt_, i, &lx_.clitics);
    if (!m) return false;
    size_t j = i + m.ntokens;
    size_t len;
    if (m.value->unit == DateUnit::kDay && !NewLine(j) &&
        (WeekdayAt(j, &len) || (IsPunct(j, "(") && WeekdayAt(j + 1, &len)))) {
      if (!MatchWeekday(j, t)) return false;
      t->first = std::min<uint32_t>(t->first, static_cast<uint32_t>(i));
      t->day_offset = m.value->offset;
      t->deictic = m.value->offset == 0;
      t->future = false;
      return true;
    }
    // "اليوم" followed by a definite word is a noun phrase (اليوم العالمي، اليوم الأول),
    // but not before a function word (اليوم إلى، اليوم التي).
    const std::string& article = lx_.time_affixes.article;
    if (m.ntokens == 1 && m.value->unit == DateUnit::kDay && m.value->offset == 0 && IsWord(j) && !NewLine(j) &&
        StartsWith(Text(j), article) && !lx_.function_words.Longest(tt_, j)) {
      return false;
    }
    t->kind = Kind::kRelative;
    t->relative = *m.value;
    t->first = static_cast<uint32_t>(i);
    t->last = static_cast<uint32_t>(j - 1);
    if (m.value->unit == DateUnit::kYear) {
      // "العام الماضي 2014", "هذا العام (2015)": the year as written.
      size_t y = j;
      bool bracket = IsPunct(y, "(");
      if (bracket) ++y;
      int year;
      bool hijri;
      if (size_t ylen = YearAt(y, &year, &hijri); ylen && !NewLine(y) && (!bracket || IsPunct(y + ylen, ")"))) {
        t->kind = Kind::kYear;
        t->year = year;
        t->hijri = hijri;
        t->last = static_cast<uint32_t>(y + ylen - 1 + (bracket ? 1 : 0));
        return true;
      }
      // "صيف العام الماضي": a season of that year.
      size_t start;
      if (const TimeCue* c = CueEndingAt(Before(i), TimeCue::kSeason, &start); c && Has(start)) {
        t->kind = Kind::kYear;
        t->year_relative = true;
        t->year_offset = m.value->offset;
        t->season = c->season;
        t->first = static_cast<uint32_t>(start);
        return true;
      }
    }
    if (m.value->unit == DateUnit::kMonth) {
      // "الرابع عشر من الشهر الجاري": an ordinal day of that month.
      size_t start;
      int day = OrdinalDayBefore(i, &start);
      if (day > 0) {
        t->kind = Kind::kDate;
        t->day = day;
        t->month_relative = true;
        t->month_offset = m.value->offset;
        t->first = static_cast<uint32_t>(start);
        return true;
      }
    }
    ExtendBackOverPrefixes(t);
    t->first = std::min<uint32_t>(t->first, static_cast<uint32_t>(i));
    return true;
  }

  // An ordinal day and its "من" before the month phrase at i (الرابع من يونيو،
  // الحادي والعشرين من الشهر الجاري), or "أول" right before it. Returns the day (0 =
  // none) and sets *start. An ordinal after a definite noun is that noun's adjective
  // (الأسبوع الأول من مايو), not a day.
  int OrdinalDayBefore(size_t i, size_t* start) const {
    size_t p = Before(i);
    if (p >= n_ || !Has(p)) return 0;
    size_t end = p;
    size_t olen;
    if (Cue(p, TimeCue::kOf, &olen) && olen == 1) end = Before(p);
    if (end >= n_) return 0;
    const TimeCue* c = CueEndingAt(end, TimeCue::kOrdinal, start);
    if (c == nullptr) return 0;
    for (size_t k = *start; k <= p; ++k) {
      if (!Has(k)) return 0;
    }
    size_t q = Before(*start);
    if (q < n_ && tt_.tokens[q].kind == TokenKind::kWord && StartsWith(Text(q), lx_.time_affixes.article) &&
        !lx_.function_words.Longest(tt_, q) && !lx_.time_words.Longest(tt_, q, &lx_.clitics)) {
      return 0;
    }
    return c->ordinal;
  }

  // An ordinal day with its month at d: "الثاني من آب/أغسطس"، "التاسع من الشهر المقبل".
  bool OrdinalDateAt(size_t d, TimeExpr* t) const {
    size_t len;
    const TimeCue* c = Cue(d, TimeCue::kOrdinal, &len);
    if (c == nullptr) return false;
    size_t j = d + len;
    size_t olen;
    bool of = Cue(j, TimeCue::kOf, &olen) != nullptr;
    if (of) j += olen;
    long last = MonthTail(j, true, false, t);
    if (last < 0) {
      *t = TimeExpr();
      if (!of || !DayOfRelativeMonth(j, c->ordinal, t)) return false;
    } else {
      t->day = c->ordinal;
      t->last = static_cast<uint32_t>(last);
    }
    t->kind = Kind::kDate;
    t->first = static_cast<uint32_t>(d);
    return Valid(*t);
  }

  // "عام 2014", "لعام 1974", "سنة 1443 هـ", "بين عامي 2012 و2014", "صيف عام 2014",
  // "السنوات 2000" (the decade).
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
    bool between = false;
    size_t start;
    if (const TimeCue* c = CueEndingAt(Before(i), TimeCue::kBetween | TimeCue::kPeriod | TimeCue::kSeason, &start);
        c && Has(start)) {
      between = c->roles & TimeCue::kBetween;
      if (c->roles & (TimeCue::kPeriod | TimeCue::kSeason)) t->first = static_cast<uint32_t>(start);
      if (c->roles & TimeCue::kSeason) t->season = c->season;
    }
    ExtendYearRange(t, between);
    // "السنوات 2000": a plural year word before one round year is its decade.
    if (t->year_end == 0 && !hijri && year % 10 == 0 && Cue(i, TimeCue::kDecade)) {
      size_t j = t->last + 1, alen;
      bool listed = (IsPunct(j, ",") && IsNum(j + 1)) || (Cue(j, TimeCue::kAnd, &alen) && IsNum(j + alen));
      if (!listed) t->year_end = year + 9;
    }
    return true;
  }

  // "قبل يومين", "قبل 3 أيام", "قبل ثلاثة أسابيع".
  bool MatchAgo(size_t i, TimeExpr* t) {
    size_t blen;
    if (!Cue(i, TimeCue::kAgo, &blen) || blen != 1) return false;
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

  // "الصيف الماضي", "الشتاء المقبل": a season named relative to publication.
  bool MatchSeasonModifier(size_t i, TimeExpr* t) {
    Modifier mod = Modifier::kNone;
    size_t mlen = ModifierAt(i, &mod);
    if (mlen == 0) return false;
    size_t start;
    const TimeCue* c = CueEndingAt(Before(i), TimeCue::kSeason, &start);
    if (c == nullptr || !Has(start)) return false;
    t->kind = Kind::kYear;
    t->season = c->season;
    t->modifier = mod;
    t->first = static_cast<uint32_t>(start);
    t->last = static_cast<uint32_t>(i + mlen - 1);
    return true;
  }

  // Month first: "يناير 2022", "يناير الماضي", "January 28, 2022", "شهر رمضان",
  // "الرابع من يونيو لعام 1967", "أواخر مارس".
  bool MatchMonthFirst(size_t i, TimeExpr* t) {
    size_t len;
    const MonthName* m = MonthAt(i, &len, true);
    if (m == nullptr) return false;
    // English order: January 28, 2022.
    size_t d = i + len;
    if (IsNum(d) && !NewLine(d)) {
      size_t nd = 0;
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
    size_t start = i, ostart = i;
    int day = OrdinalDayBefore(i, &ostart);
    if (day > 0) start = ostart;
    bool cued = false;
    if (day == 0) {
      size_t cstart;
      if (CueEndingAt(Before(i), TimeCue::kPeriod | TimeCue::kMonthWord, &cstart) && Has(cstart)) {
        cued = true;
        start = cstart;
      }
    }
    long last = MonthTail(i, day > 0, cued, t);
    if (last < 0) return false;
    t->kind = day > 0 ? Kind::kDate : Kind::kMonth;
    t->day = day;
    t->first = static_cast<uint32_t>(start);
    t->last = static_cast<uint32_t>(last);
    if (day > 0) ExtendBackOverPrefixes(t);  // "يوم الرابع من يونيو"
    return Valid(*t);
  }

  // "- 19:47", "الساعة 19:47", "04:10 م" after a date.
  void AttachClock(TimeExpr* t) const {
    if (t->kind != Kind::kDate) return;
    size_t j = t->last + 1;
    if (IsPunct(j, "-") || IsPunct(j, ",") || IsPunct(j, "|")) ++j;
    if (IsNum(j) && IsPunct(j + 1, ":") && Glued(j + 1) && IsNum(j + 2) && Glued(j + 2) && !NewLine(j)) {
      int h = DigitValue(Text(j)), mi = DigitValue(Text(j + 2));
      if (h >= 0 && h < 24 && mi >= 0 && mi < 60) {
        t->clock_last = static_cast<uint32_t>(j + 2);
        size_t len;
        if (!NewLine(j + 3)) {
          if (const TimeCue* c = Cue(j + 3, TimeCue::kAm | TimeCue::kPm, &len)) {
            if ((c->roles & TimeCue::kPm) && h < 12) h += 12;
            else if ((c->roles & TimeCue::kAm) && h == 12) h = 0;
            t->clock_last = static_cast<uint32_t>(j + 2 + len);
          }
        }
        t->hour = h;
        t->minute = mi;
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

// The year of a season named with a modifier: the last one over (الصيف الماضي), the
// next one (الصيف المقبل), this year's (الصيف الحالي). A season is three months from
// `first_month`; a winter (12) is the year of its January and February.
int SeasonYear(const CivilDate& pub, int first_month, Modifier mod) {
  if (first_month == 12) {
    const bool in_winter = pub.month == 12 || pub.month <= 2;
    const int current = pub.month == 12 ? pub.year + 1 : pub.year;  // the winter under way or just over
    switch (mod) {
      case Modifier::kPast: return in_winter ? current - 1 : current;
      case Modifier::kNext: return current + 1;
      case Modifier::kCurrent:
      case Modifier::kNone: return current;
    }
    return current;
  }
  const int last_month = first_month + 2;
  switch (mod) {
    case Modifier::kPast: return pub.month > last_month ? pub.year : pub.year - 1;
    case Modifier::kNext: return pub.month < first_month ? pub.year : pub.year + 1;
    case Modifier::kCurrent:
    case Modifier::kNone: return pub.year;
  }
  return pub.year;
}

}  // namespace

void ExtractTimes(const TokenizedText& tt, const Lexicons& lx, std::vector<uint8_t>* taken,
                  std::vector<TimeExpr>* out) {
  Matcher(tt, lx, taken).Run(out);
}

std::optional<CivilDate> AbsoluteDate(const TimeExpr& t) {
  if (t.kind != Kind::kDate || t.year == 0 || t.day == 0 || t.month == 0) return std::nullopt;
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
  auto set_year = [&](int y) {
    t->first_day = {y, 1, 1};
    t->value = CivilDate{y, 0, 0}.ToIso();
    return true;
  };
  switch (t->kind) {
    case Kind::kDate: {
      if (auto d = AbsoluteDate(*t)) return set_day(*d);
      if (!anchored) return false;
      if (t->hijri) {
        auto ph = GregorianToHijri(pub);
        if (!ph) return false;
        int hy = t->year_relative ? ph->year + t->year_offset : ph->year;
        if (!t->year_relative) {
          if (t->modifier == Modifier::kPast && (t->month > ph->month || (t->month == ph->month && t->day >= ph->day))) --hy;
          if (t->modifier == Modifier::kNext && (t->month < ph->month || (t->month == ph->month && t->day <= ph->day))) ++hy;
        }
        auto d = HijriToGregorian(hy, t->month, t->day);
        return d ? set_day(*d) : false;
      }
      int month = t->month, y = 0;
      if (t->month_relative) {
        month = pub.month + t->month_offset;
        y = pub.year;
        while (month < 1) { month += 12; --y; }
        while (month > 12) { month -= 12; ++y; }
      } else if (t->year_relative) {
        y = pub.year + t->year_offset;
      } else {
        y = ChooseYear(pub, t->month, t->day, t->modifier);
      }
      CivilDate d{y, month, t->day};
      if (!d.valid()) return false;
      return set_day(d);
    }
    case Kind::kMonth: {
      if (t->hijri) {
        // A Hijri month spans parts of two Gregorian months: its first and last day.
        int hy = t->year;
        if (hy == 0) {
          if (!anchored) return false;
          auto ph = GregorianToHijri(pub);
          if (!ph) return false;
          hy = ph->year + (t->year_relative ? t->year_offset : 0);
          if (!t->year_relative) {
            if (t->modifier == Modifier::kPast && t->month >= ph->month) --hy;
            if (t->modifier == Modifier::kNext && t->month <= ph->month) ++hy;
          }
        }
        auto first = HijriToGregorian(hy, t->month, 1);
        auto next = t->month == 12 ? HijriToGregorian(hy + 1, 1, 1) : HijriToGregorian(hy, t->month + 1, 1);
        if (!first || !next) return false;
        t->first_day = *first;
        t->value = first->ToIso() + "/" + next->AddDays(-1).ToIso();
        return true;
      }
      int y = t->year;
      if (t->year_relative) y = anchored ? pub.year + t->year_offset : 0;
      else if (y == 0 && anchored) y = ChooseYear(pub, t->month, 0, t->modifier);
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
      if (t->year == 0) {
        // A season or year named relative to publication.
        if (!anchored) return false;
        int y = t->year_relative ? pub.year + t->year_offset : SeasonYear(pub, t->season, t->modifier);
        return set_year(y);
      }
      set_year(t->year);
      if (t->year_end > t->year) t->value += "/" + CivilDate{t->year_end, 0, 0}.ToIso();
      return true;
    }
    case Kind::kWeekday: {
      if (!anchored) return false;
      int wd_last = t->weekday_end >= 0 ? t->weekday_end : t->weekday;
      int span = t->weekday_end >= 0 ? (t->weekday_end - t->weekday + 7) % 7 : 0;
      CivilDate end;
      if (t->future) {
        // A plan: the first such day on or after the eve of publication (a stamp often
        // lags the writing by some hours: "Monday" planned in Tuesday's early edition).
        CivilDate eve = pub.AddDays(-1);
        end = eve.AddDays((t->weekday - eve.weekday() + 7) % 7 + span);
      } else if (t->day_offset != 0) {
        // "أمس السبت", "غدا (الثلاثاء)": the named day nearest to the deictic one.
        CivilDate target = pub.AddDays(t->day_offset);
        int back = (target.weekday() - wd_last + 7) % 7, fwd = (wd_last - target.weekday() + 7) % 7;
        end = back <= fwd ? target.AddDays(-back) : target.AddDays(fwd);
      } else if (t->modifier == Modifier::kNext) {
        // "غدا السبت" / "السبت المقبل": the next such day after publication.
        int diff = (wd_last - pub.weekday() + 7) % 7;
        end = pub.AddDays(diff == 0 ? 7 : diff);
      } else {
        end = WeekdayOnOrBefore(pub, wd_last);
        if (t->modifier == Modifier::kPast && end == pub) end = end.AddDays(-7);
      }
      if (t->weekday_end < 0) return set_day(end);
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
        case DateUnit::kYear: return set_year(pub.year + r.offset);
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
        case DateUnit::kYear: return set_year(pub.year - t->ago_count);
      }
      return false;
    }
  }
  return false;
}

}  // namespace isnad
