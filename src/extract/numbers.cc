#include "extract/numbers.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace isnad {

std::optional<double> ParseDigits(std::string_view t) {
  if (t.empty() || t[0] < '0' || t[0] > '9') return std::nullopt;
  int commas = 0, dots = 0;
  for (char c : t) {
    commas += c == ',';
    dots += c == '.';
  }
  // Groups after each separator.
  auto groups_of_three = [&](char sep) {
    size_t pos = t.find(sep);
    while (pos != std::string_view::npos) {
      size_t next = t.find_first_of(".,", pos + 1);
      size_t len = (next == std::string_view::npos ? t.size() : next) - pos - 1;
      if (len != 3) return false;
      pos = t.find(sep, pos + 1);
    }
    return true;
  };
  char thousands = 0, decimal = 0;
  if (commas && dots) {
    // The later separator is the decimal one: 1,234.5 or 1.234,5.
    if (t.rfind(',') > t.rfind('.')) { thousands = '.'; decimal = ','; }
    else { thousands = ','; decimal = '.'; }
    if (std::count(t.begin(), t.end(), decimal) > 1) return std::nullopt;
  } else if (commas) {
    if (groups_of_three(',')) thousands = ',';
    else if (commas == 1) decimal = ',';
    else return std::nullopt;
  } else if (dots) {
    if (dots == 1) decimal = '.';
    else if (groups_of_three('.')) thousands = '.';
    else return std::nullopt;  // 2022.01.26 is a date, not a number
  }
  if (!commas && !dots && t.size() <= 18) {
    int64_t iv = 0;
    for (char c : t) iv = iv * 10 + (c - '0');
    return static_cast<double>(iv);
  }
  double v = 0, scale = 0;
  for (char c : t) {
    if (c == thousands) continue;
    if (c == decimal) { scale = 1; continue; }
    if (c < '0' || c > '9') return std::nullopt;
    if (scale > 0) {
      scale /= 10;
      v += (c - '0') * scale;
    } else {
      v = v * 10 + (c - '0');
    }
  }
  return v;
}

namespace {

// Larger values are not counts of anything (and would overflow int64 when rounded).
constexpr double kMaxQuantity = 1e15;

struct Parsed {
  size_t end = 0;  // exclusive token index
  double value = 0;
  bool vague = false;
  int64_t low = 0, high = 0;
  bool words = false;
};

class Parser {
 public:
  Parser(const TokenizedText& tt, const Lexicons& lx, const std::vector<uint8_t>& taken)
      : tt_(tt), lx_(lx), taken_(taken) {}

  bool Free(size_t i) const { return i < tt_.size() && !taken_[i]; }
  bool IsWord(size_t i) const { return i < tt_.size() && tt_.tokens[i].kind == TokenKind::kWord; }

  // A number word at token i, with an optional و (or, first, any clitic) in front.
  const NumberWord* NumberWordAt(size_t i, bool first) const {
    if (!IsWord(i) || !Free(i)) return nullptr;
    if (!tt_.lex_mask.empty() && !(tt_.lex_mask[i] & (1u << lx_.number_words.id()))) return nullptr;
    std::string_view w = tt_.text(i);
    if (const NumberWord* nw = lx_.number_words.FindWord(w)) return nw;
    static constexpr std::string_view kWaw = "\xD9\x88";  // و
    if (w.size() > kWaw.size() + 2 && w.substr(0, kWaw.size()) == kWaw) {
      if (const NumberWord* nw = lx_.number_words.FindWord(w.substr(kWaw.size()))) return nw;
    }
    if (first) {
      const NumberWord* found = nullptr;
      thread_local std::string scratch;
      lx_.clitics.ForEachVariant(w, &scratch, [&](std::string_view stem, size_t prefix) {
        if (prefix == 0) return false;
        found = lx_.number_words.FindWord(stem);
        return found != nullptr;
      });
      return found;
    }
    return nullptr;
  }

  std::optional<Parsed> At(size_t i) const {
    if (!Free(i)) return std::nullopt;
    const Token& t = tt_.tokens[i];
    Parsed p;
    if (t.kind == TokenKind::kNumber) {
      auto v = ParseDigits(tt_.text(i));
      if (!v) return std::nullopt;
      p.value = *v;
      p.end = i + 1;
      // Scale words after digits: 3 آلاف، 1.5 مليون، 8 ملايين.
      while (const NumberWord* nw = NumberWordAt(p.end, false)) {
        if (nw->cls != NumberWord::Class::kScale) break;
        p.value *= static_cast<double>(nw->value);
        ++p.end;
      }
      return p;
    }
    if (t.kind != TokenKind::kWord) return std::nullopt;
    // Vague quantities (longest phrase first: عشرات الآلاف before عشرات).
    if (auto m = lx_.vague.Longest(tt_, i, &lx_.clitics)) {
      // "آلاف" right after a number is a scale, handled above; here it stands alone.
      bool all_free = true;
      for (size_t k = i; k < i + m.ntokens; ++k) all_free &= Free(k);
      if (all_free) {
        p.vague = true;
        p.low = m.value->low;
        p.high = m.value->high;
        p.end = i + m.ntokens;
        p.words = true;
        return p;
      }
    }
    // Number words: total += group * scale, as in English number parsing.
    const NumberWord* nw = NumberWordAt(i, true);
    if (nw == nullptr) return std::nullopt;
    int64_t total = 0, group = 0;
    size_t j = i;
    bool prev_unit_no_waw = false;
    for (bool first = true; (nw = NumberWordAt(j, first)) != nullptr; first = false) {
      std::string_view w = tt_.text(j);
      bool waw = !first && lx_.number_words.FindWord(w) == nullptr;
      switch (nw->cls) {
        case NumberWord::Class::kAtom:
          group += nw->value;
          break;
        case NumberWord::Class::kHundred:
          if (prev_unit_no_waw && !waw && group >= 1 && group <= 9) group *= 100;
          else group += 100;
          break;
        case NumberWord::Class::kScale:
          total += (group == 0 ? 1 : group) * nw->value;
          group = 0;
          break;
        case NumberWord::Class::kScale2:
          total += 2 * nw->value;
          group = 0;
          break;
      }
      prev_unit_no_waw = nw->cls == NumberWord::Class::kAtom && nw->value < 10;
      ++j;
    }
    p.value = static_cast<double>(total + group);
    p.end = j;
    p.words = true;
    return p;
  }

 private:
  const TokenizedText& tt_;
  const Lexicons& lx_;
  const std::vector<uint8_t>& taken_;
};

bool TextIs(const TokenizedText& tt, size_t i, std::string_view s) { return i < tt.size() && tt.text(i) == s; }

}  // namespace

void ExtractQuantities(const TokenizedText& tt, const Lexicons& lx, std::vector<uint8_t>* taken_ptr,
                       std::vector<Quantity>* out) {
  std::vector<uint8_t>& taken = *taken_ptr;
  Parser parser(tt, lx, taken);
  const size_t n = tt.size();
  for (size_t i = 0; i < n; ++i) {
    if (taken[i]) continue;
    // A universal quantifier: "جميع العناصر الفارين"، "عناصر «داعش» كافة".
    if (tt.tokens[i].kind == TokenKind::kWord) {
      if (auto m = lx.qualifiers.Longest(tt, i, &lx.clitics); m && m.value->qualifier == Qualifier::kAll) {
        bool before = !m.value->after && i + m.ntokens < n && tt.tokens[i + m.ntokens].kind == TokenKind::kWord &&
                      tt.text(i + m.ntokens).rfind("\xD8\xA7\xD9\x84", 0) == 0;
        bool after = m.value->after && i > 0 && (tt.tokens[i - 1].kind == TokenKind::kWord || tt.text(i - 1) == "\"");
        if (before || after) {
          Quantity q;
          q.first = q.num_first = static_cast<uint32_t>(i);
          q.last = q.num_last = static_cast<uint32_t>(i + m.ntokens - 1);
          q.qualifier = Qualifier::kAll;
          q.from_words = true;
          if (before) q.noun = static_cast<int32_t>(i + m.ntokens);
          for (size_t k = q.first; k <= q.last; ++k) taken[k] = 1;
          out->push_back(q);
          i = q.last;
          continue;
        }
      }
    }
    std::optional<Parsed> p = parser.At(i);
    if (!p) continue;
    // "إحدى الطرق"، "أحد الحراس": "one of", not a count.
    if (p->words && !p->vague && p->end == i + 1 && p->value <= 1 && i + 1 < n && tt.tokens[i + 1].kind == TokenKind::kWord &&
        tt.text(i + 1).rfind("\xD8\xA7\xD9\x84", 0) == 0) {
      continue;
    }
    Quantity q;
    q.first = q.num_first = static_cast<uint32_t>(i);
    size_t end = p->end;
    q.from_words = p->words;
    if (p->vague) {
      q.qualifier = Qualifier::kVague;
      q.low = p->low;
      q.high = p->high;
    } else if (p->value > kMaxQuantity) {
      // Beyond any count (a 19-digit id, a run of digits): no numeric value.
      q.kind = QuantityKind::kIdentifier;
    } else {
      int64_t v = static_cast<int64_t>(std::llround(p->value));
      q.low = q.high = v;
    }

    // A clock time: 19:47.
    if (!p->words && end + 1 < n && TextIs(tt, end, ":") && tt.tokens[end].glued() &&
        tt.tokens[end + 1].kind == TokenKind::kNumber && tt.tokens[end + 1].glued() && !taken[end + 1]) {
      q.kind = QuantityKind::kIdentifier;
      q.unit = "time_of_day";
      end += 2;
    }

    // Range or alternative after the first number.
    if (q.unit.empty()) {
      size_t c = end;
      if (c < n && TextIs(tt, c, ",")) ++c;  // العشرات، وربما المئات
      if (auto m = lx.connectors.Longest(tt, c)) {
        const ConnectorRole role = *m.value;
        std::optional<Parsed> second = parser.At(c + m.ntokens);
        if (second && role == ConnectorRole::kAlternative && p->vague && second->vague) {
          q.low = std::min(*q.low, second->low);
          q.high = std::max(*q.high, second->high);
          end = second->end;
        } else if (second && role == ConnectorRole::kRangeTo && !p->vague && !second->vague && c == end) {
          // "و" joins a range only after "بين": بين 60 و90.
          bool needs_from = m.ntokens == 1 && (tt.text(c) == "\xD9\x88");
          bool has_from = false;
          size_t from_len = 0;
          for (size_t k = 1; k <= 2 && k <= i; ++k) {
            auto f = lx.connectors.Longest(tt, i - k);
            if (f && *f.value == ConnectorRole::kRangeFrom && i - k + f.ntokens == i) {
              has_from = true;
              from_len = k;
            }
          }
          double lo = p->value, hi = second->value;
          if (hi > kMaxQuantity || lo > kMaxQuantity) hi = lo;  // not a range of counts
          bool dash = tt.text(c) == "-";
          if ((!needs_from || has_from) && hi > lo && (!dash || (tt.tokens[c].glued() || tt.tokens[c + 1].glued()))) {
            q.qualifier = Qualifier::kRange;
            q.low = static_cast<int64_t>(std::llround(lo));
            q.high = static_cast<int64_t>(std::llround(hi));
            end = second->end;
            if (has_from) q.first = static_cast<uint32_t>(i - from_len);
          }
        }
      }
    }
    q.num_last = static_cast<uint32_t>(end - 1);

    // Qualifier before the number (نحو، أكثر من، ما لا يقل عن), clitics allowed (بنحو).
    // Longest first: "ما لا يقل عن" over "لا يقل عن".
    for (size_t k = std::min<size_t>(4, q.first); k >= 1; --k) {
      size_t j = q.first - k;
      auto m = lx.qualifiers.Longest(tt, j, &lx.clitics);
      if (m && j + m.ntokens == q.first && !m.value->after) {
        if (q.qualifier == Qualifier::kExact) q.qualifier = m.value->qualifier;
        q.first = static_cast<uint32_t>(j);
        break;
      }
    }
    // Qualifier after the number or after its noun (تقريبا، على الأقل): 200 شخص على الأقل.
    for (size_t at : {end, end + 1}) {
      if (at > end && !(end < n && tt.tokens[end].kind == TokenKind::kWord)) break;
      if (auto m = lx.qualifiers.Longest(tt, at); m && m.value->after && !tt.tokens[at].line_start()) {
        if (q.qualifier == Qualifier::kExact) q.qualifier = m.value->qualifier;
        end = at + m.ntokens;
        break;
      }
    }
    switch (q.qualifier) {
      case Qualifier::kMoreThan:
      case Qualifier::kAtLeast: q.high.reset(); break;
      case Qualifier::kLessThan:
      case Qualifier::kAtMost: q.high = q.low; q.low.reset(); break;
      default: break;
    }

    // Unit after: 10 أيام، 3500 دولار، 50%.
    if (q.unit.empty()) {
      if (TextIs(tt, q.num_last + 1, "%") && tt.tokens[q.num_last + 1].glued()) {
        q.kind = QuantityKind::kPercent;
        q.unit = "percent";
        end = std::max<size_t>(end, q.num_last + 2);
      } else if (auto m = lx.units.Longest(tt, q.num_last + 1)) {
        q.kind = m.value->kind;
        q.unit = m.value->unit;
        end = std::max<size_t>(end, q.num_last + 1 + m.ntokens);
      } else if (TextIs(tt, q.num_last + 1, "\xD9\x85\xD9\x86") /* من */) {
        // "مئات الآلاف من الأميال"، "عشرات الكيلومترات"
        if (auto u = lx.units.Longest(tt, q.num_last + 2); u && u.value->kind != QuantityKind::kDuration) {
          q.kind = u.value->kind;
          q.unit = u.value->unit;
          end = std::max<size_t>(end, q.num_last + 2 + u.ntokens);
        }
      }
    }

    // Identifier markers before (رقم 3314، رمز الخبر: 145496) or glued symbols (id=32240).
    if (q.kind == QuantityKind::kCount) {
      for (size_t k = 1; k <= 3 && k <= q.first; ++k) {
        size_t j = q.first - k;
        auto m = lx.number_markers.Longest(tt, j, &lx.clitics);
        if (m && j + m.ntokens <= q.first && (!m.value->ordinal || (j + m.ntokens == q.first && p->words))) {
          q.kind = QuantityKind::kIdentifier;
          break;
        }
        if (tt.tokens[j].kind == TokenKind::kNumber) break;
      }
      if (i > 0 && tt.tokens[i].glued() && tt.tokens[i - 1].kind == TokenKind::kPunct) {
        std::string_view prev = tt.text(i - 1);
        if (prev == "=" || prev == "#" || prev == "/" || prev == "_" || prev == "?") q.kind = QuantityKind::kIdentifier;
      }
      if (!p->words && tt.tokens[i].end - tt.tokens[i].begin >= 8 && q.high && *q.high >= 10000000 &&
          tt.text(i).find_first_of(".,") == std::string_view::npos) {
        q.kind = QuantityKind::kIdentifier;  // phone numbers, article ids
      }
    }

    if (q.kind == QuantityKind::kIdentifier && !p->words && (tt.tokens[i].end - tt.tokens[i].begin > 15 || !q.low)) {
      q.low.reset();  // a 19-digit status id has no meaningful numeric value
      q.high.reset();
    }
    // The counted noun: the word right after the number (inside the span when a
    // qualifier follows it: 200 شخص على الأقل).
    size_t noun = q.num_last + 1;
    if (q.kind == QuantityKind::kCount && noun < n && tt.tokens[noun].kind == TokenKind::kWord &&
        !tt.tokens[noun].line_start()) {
      q.noun = static_cast<int32_t>(noun);
    }
    q.last = static_cast<uint32_t>(end - 1);
    for (size_t k = q.first; k < end; ++k) taken[k] = 1;
    out->push_back(q);
    i = end - 1;
  }
}

}  // namespace isnad
