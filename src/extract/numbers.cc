#include "extract/numbers.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "util/utf8.h"

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
  // The scale word the number ends with (3 آلاف: 1000), 1 when it ends with none: a
  // range's scale after its second end applies to the first (بين 8 و9 آلاف).
  double scale = 1;
  bool parenthesized = false;  // (200) ألف: digits in parentheses before their scale word
};

// Where a number word joined by و may follow the word before it in one compound number:
// Arabic writes the larger part first and the units before the tens (مئة وخمسة وعشرون،
// ألف ومئتان، ثلاثة وعشرون), so "ثلاثة وأربعة" or "عشرون وخمسة" are two numbers.
enum class Prev : uint8_t { kUnit, kTeen, kTens, kHundreds, kScale };

Prev PrevOf(const NumberWord& nw) {
  switch (nw.cls) {
    case NumberWord::Class::kHundred: return Prev::kHundreds;
    case NumberWord::Class::kScale:
    case NumberWord::Class::kScale2:
    case NumberWord::Class::kFraction: return Prev::kScale;
    case NumberWord::Class::kAtom: break;
  }
  if (nw.value < 10) return Prev::kUnit;
  if (nw.value < 20) return Prev::kTeen;
  if (nw.value < 100) return Prev::kTens;
  if (nw.value < 1000) return Prev::kHundreds;
  return Prev::kScale;
}

bool JoinsAfter(Prev prev, int64_t last_scale, const NumberWord& nw) {
  const int64_t v = nw.cls == NumberWord::Class::kHundred ? 100 : nw.value;
  if (nw.cls == NumberWord::Class::kFraction) return prev == Prev::kScale;
  if (nw.cls == NumberWord::Class::kScale || nw.cls == NumberWord::Class::kScale2) {
    return prev == Prev::kScale && v < last_scale;
  }
  switch (prev) {
    case Prev::kScale: return v < last_scale;
    case Prev::kHundreds: return v < 100;
    case Prev::kUnit: return v >= 20 && v < 100 && v % 10 == 0;
    case Prev::kTeen:
    case Prev::kTens: return false;
  }
  return false;
}

class Parser {
 public:
  Parser(const TokenizedText& tt, const Lexicons& lx, const std::vector<uint8_t>& taken)
      : tt_(tt), lx_(lx), taken_(taken) {}

  bool Free(size_t i) const { return i < tt_.size() && !taken_[i]; }
  bool IsWord(size_t i) const { return i < tt_.size() && tt_.tokens[i].kind == TokenKind::kWord; }
  // The conjunction written as a word of its own (ثلاثة و عشرين، 12 ألفا و 350، و9).
  bool IsWaw(size_t i) const {
    return IsWord(i) && Free(i) && !tt_.tokens[i].line_start() && tt_.text(i) == lx_.particles.conj_and;
  }
  bool OnLine(size_t i) const { return i < tt_.size() && !tt_.tokens[i].line_start(); }

  // A number word at token i exactly as written (no clitic), or null.
  const NumberWord* PlainWordAt(size_t i) const {
    if (!IsWord(i) || !Free(i) || !OnLine(i)) return nullptr;
    if (!tt_.lex_mask.empty() && !(tt_.lex_mask[i] & (1u << lx_.number_words.id()))) return nullptr;
    return lx_.number_words.FindWord(tt_.text(i));
  }

  // A number word at token i, with an optional و (or, first, any clitic) in front.
  const NumberWord* NumberWordAt(size_t i, bool first) const {
    if (!IsWord(i) || !Free(i)) return nullptr;
    if (!tt_.lex_mask.empty() && !(tt_.lex_mask[i] & (1u << lx_.number_words.id()))) return nullptr;
    std::string_view w = tt_.text(i);
    if (const NumberWord* nw = lx_.number_words.FindWord(w)) return nw;
    const std::string& waw = lx_.particles.conj_and;
    if (w.size() > waw.size() + 2 && w.substr(0, waw.size()) == waw) {
      if (const NumberWord* nw = lx_.number_words.FindWord(w.substr(waw.size()))) return nw;
    }
    if (first) {
      const NumberWord* found = nullptr;
      thread_local std::string scratch;
      lx_.clitics.ForEachVariant(w, &scratch, [&](std::string_view stem, size_t prefix) {
        // A two-letter word left by a clitic is too often another word (ولست: "and I am
        // not", not و+ل+ست).
        if (prefix == 0 || utf8::CountCodePoints(stem) < 3) return false;
        found = lx_.number_words.FindWord(stem);
        return found != nullptr;
      });
      return found;
    }
    return nullptr;
  }

  // The scale word with the article at i (نصف المليون، مليون ونصف المليون), or null.
  const NumberWord* DefiniteScaleAt(size_t i) const {
    if (!IsWord(i) || !Free(i) || !OnLine(i)) return nullptr;
    std::string_view w = tt_.text(i), al = lx_.article();
    if (w.size() <= al.size() || w.substr(0, al.size()) != al) return nullptr;
    const NumberWord* nw = lx_.number_words.FindWord(w.substr(al.size()));
    return nw && nw->cls == NumberWord::Class::kScale ? nw : nullptr;
  }
  // After a fraction of the scale `scale` that ends at *end: the scale may be named
  // again with the article (مليون ونصف المليون); takes it in.
  void TakeRepeatedScale(int64_t scale, size_t* end) const {
    if (const NumberWord* s = DefiniteScaleAt(*end); s && s->value == scale) ++*end;
  }

  // The number word at i joined by و to the one before it, glued (وعشرين) or written
  // apart (و عشرين); sets *next to the token after it. Null when none.
  const NumberWord* JoinedWordAt(size_t i, size_t* next) const {
    if (IsWaw(i)) {
      *next = i + 2;
      return PlainWordAt(i + 1);
    }
    if (!OnLine(i) || PlainWordAt(i) != nullptr) return nullptr;
    *next = i + 1;
    return NumberWordAt(i, false);
  }

  // After a number that ends with a scale word (12 ألفا، ثلاثة آلاف، 3 ملايين): a smaller
  // part joined by و belongs to it (12 ألفا و350 = 12350، 3 ملايين و500 ألف، مليون ونصف).
  void JoinSmallerPart(Parsed* p) const {
    if (p->scale <= 1) return;
    size_t next = 0;
    if (const NumberWord* nw = JoinedWordAt(p->end, &next); nw && nw->cls == NumberWord::Class::kFraction) {
      p->value += p->scale / static_cast<double>(nw->value);
      p->end = next;
      TakeRepeatedScale(static_cast<int64_t>(p->scale), &p->end);
      p->scale = 1;
      return;
    }
    size_t at = IsWaw(p->end) ? p->end + 1 : p->end;
    if (at == p->end && !(IsWord(at) && NumberWordAt(at, false) != nullptr && PlainWordAt(at) == nullptr)) return;
    if (!OnLine(at) || !Free(at)) return;
    std::optional<Parsed> part = At(at);
    if (!part || part->vague || part->value >= p->scale) return;
    p->value += part->value;
    p->end = part->end;
    p->scale = part->scale;
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
      // Digits in parentheses before their scale word, as many papers print figures
      // ((200) ألف ريال): the scale applies through the closing parenthesis.
      if (i > 0 && tt_.text(i - 1) == "(" && p.end + 1 < tt_.size() && tt_.text(p.end) == ")") {
        if (const NumberWord* nw = PlainWordAt(p.end + 1); nw && nw->cls == NumberWord::Class::kScale) {
          ++p.end;
          p.parenthesized = true;
        }
      }
      // Scale words after digits: 3 آلاف، 1.5 مليون، 8 ملايين.
      while (const NumberWord* nw = PlainWordAt(p.end)) {
        if (nw->cls != NumberWord::Class::kScale) break;
        p.value *= static_cast<double>(nw->value);
        p.scale = static_cast<double>(nw->value);
        ++p.end;
      }
      JoinSmallerPart(&p);
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
    p.words = true;
    if (nw->cls == NumberWord::Class::kFraction) {
      // A part of the scale after it (نصف مليون، ربع مليون); alone it counts nothing.
      const NumberWord* scale = PlainWordAt(i + 1);
      if (scale == nullptr || scale->cls != NumberWord::Class::kScale) scale = DefiniteScaleAt(i + 1);
      if (scale == nullptr || scale->cls != NumberWord::Class::kScale) return std::nullopt;
      p.value = static_cast<double>(scale->value) / static_cast<double>(nw->value);
      p.end = i + 2;
      p.scale = static_cast<double>(scale->value);
      return p;
    }
    int64_t total = 0, group = 0, last_scale = 0;
    size_t j = i;
    Prev prev = Prev::kUnit;
    bool prev_unit_no_waw = false, ends_with_scale = false;
    for (bool first = true;; first = false) {
      size_t next = j + 1;
      bool waw = false;
      if (first) {
        nw = NumberWordAt(j, true);
      } else if ((nw = PlainWordAt(j)) == nullptr) {
        nw = JoinedWordAt(j, &next);
        waw = true;
      }
      if (nw == nullptr) break;
      if (waw && !JoinsAfter(prev, last_scale, *nw)) break;
      if (nw->before_ten) {
        // اثنا/اثني count only in front of ten (اثنا عشر): alone, the spelling is also
        // that of other words once hamza and alef maqsura fold (أثنى: he praised).
        const NumberWord* ten = PlainWordAt(next);
        if (ten == nullptr || ten->value != 10) break;
      }
      bool stop = false;
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
          last_scale = nw->value;
          break;
        case NumberWord::Class::kScale2:
          total += 2 * nw->value;
          group = 0;
          last_scale = nw->value;
          break;
        case NumberWord::Class::kFraction:
          // مليون ونصف: a part of the scale before it ends the number.
          if (!waw || group != 0 || last_scale == 0) {
            stop = true;
            break;
          }
          total += last_scale / nw->value;
          TakeRepeatedScale(last_scale, &next);
          last_scale = 0;
          break;
      }
      if (stop) break;
      ends_with_scale = nw->cls == NumberWord::Class::kScale || nw->cls == NumberWord::Class::kScale2;
      prev = PrevOf(*nw);
      prev_unit_no_waw = nw->cls == NumberWord::Class::kAtom && nw->value < 10;
      j = next;
      if (nw->cls == NumberWord::Class::kFraction) break;
    }
    if (j == i) return std::nullopt;
    p.value = static_cast<double>(total + group);
    p.end = j;
    if (ends_with_scale) {
      p.scale = static_cast<double>(last_scale);
      JoinSmallerPart(&p);
    }
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
                      tt.text(i + m.ntokens).rfind(lx.morphology.article(), 0) == 0;
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
        tt.text(i + 1).rfind(lx.morphology.article(), 0) == 0) {
      continue;
    }
    // "مكان واحد"، "مرة واحدة": a spelled "one" after a noun is its adjective (a single,
    // the same), a count only after a noun of people (شخص واحد، قتيل واحد) or a word of
    // what happened to them (قتل واحد منهم); and never after "of" + noun (5 من عائلة واحدة:
    // five of one family).
    if (p->words && !p->vague && p->end == i + 1 && p->value <= 1 && i > 0 && tt.tokens[i - 1].kind == TokenKind::kWord &&
        !tt.tokens[i].line_start() && !lx.function_words.Longest(tt, i - 1)) {
      const bool of_noun = i > 1 && tt.text(i - 2) == lx.particles.from;
      const bool people = lx.subject_classes.Longest(tt, i - 1, &lx.clitics) || lx.subject_nouns.Longest(tt, i - 1, &lx.clitics) ||
                          lx.claim_triggers.Longest(tt, i - 1, &lx.clitics) || lx.nationalities.Longest(tt, i - 1, &lx.clitics);
      if (of_noun || !people) continue;
    }
    Quantity q;
    q.num_first = static_cast<uint32_t>(i);
    q.first = static_cast<uint32_t>(p->parenthesized ? i - 1 : i);  // the opening parenthesis with its number
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
      auto m = lx.connectors.Longest(tt, c);
      const ConnectorRole* role_of = m ? m.value : nullptr;
      size_t second_at = c + m.ntokens, connector_len = m.ntokens;
      if (!m && c == end && c < n && tt.tokens[c].kind == TokenKind::kWord && lx.number_words.FindWord(tt.text(c)) == nullptr &&
          parser.NumberWordAt(c, false) != nullptr) {
        // The second end glued to its و: بين ثمانية وتسعة آلاف.
        role_of = lx.connectors.FindWord(lx.particles.conj_and);
        second_at = c;
        connector_len = 1;
      }
      if (role_of != nullptr) {
        const ConnectorRole role = *role_of;
        std::optional<Parsed> second = parser.At(second_at);
        if (second && role == ConnectorRole::kAlternative && p->vague && second->vague) {
          q.low = std::min(*q.low, second->low);
          q.high = std::max(*q.high, second->high);
          end = second->end;
        } else if (second && role == ConnectorRole::kRangeTo && !p->vague && !second->vague && c == end) {
          // "و" joins a range only after "بين": بين 60 و90.
          bool needs_from = connector_len == 1 && (tt.text(c) == lx.particles.conj_and || second_at == c);
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
          // A scale after the second end is the first one's too: بين 8 و9 آلاف = 8000 to 9000.
          if (p->scale <= 1 && second->scale > 1 && lo < second->value / second->scale) lo *= second->scale;
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
    // A verb of exceeding before the noun that names the count: تجاوز عدد المصابين 200،
    // فاقت حصيلة القتلى 100، يتخطى عددهم 300. The verb stays out of the quantity's span.
    if (q.qualifier == Qualifier::kExact || q.qualifier == Qualifier::kRange) {
      for (size_t gap = 1; gap <= 2 && gap <= q.first; ++gap) {
        size_t h = q.first - gap;
        auto cm = lx.count_nouns.Longest(tt, h, &lx.clitics);
        if (!cm || h + cm.ntokens > q.first || tt.tokens[h].line_start()) continue;
        bool words_between = true;
        for (size_t k = h + cm.ntokens; k < q.first; ++k) {
          words_between &= tt.tokens[k].kind == TokenKind::kWord && !tt.tokens[k].line_start() && !taken[k];
        }
        if (!words_between) continue;
        const QualifierWord* verb = nullptr;
        for (size_t k = std::min<size_t>(3, h); k >= 1 && !verb; --k) {
          auto m = lx.qualifiers.Longest(tt, h - k, &lx.clitics);
          if (m && h - k + m.ntokens == h && m.value->verb) verb = m.value;
        }
        if (verb != nullptr) {
          if (q.qualifier == Qualifier::kExact) q.qualifier = verb->qualifier;
          break;
        }
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
      } else if (TextIs(tt, q.num_last + 1, lx.particles.from)) {
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
