#include "ingest/header.h"

#include <algorithm>
#include <unordered_map>

#include "util/utf8.h"

namespace isnad {

namespace {

// A line longer than this is prose, never chrome by a cue.
constexpr size_t kMaxChromeLineChars = 120;
// A line at least this long with at least kParagraphWords words is a paragraph: the
// header ends before the first one.
constexpr size_t kParagraphChars = 100;
constexpr size_t kParagraphWords = 12;
// Lines considered for the header at most.
constexpr size_t kMaxHeaderLines = 15;
// Tokens on a date line at most ("آخر تحديث: الجمعة، 28 يناير 2022 - 19:47 بتوقيت مكة").
constexpr size_t kMaxDateLineTokens = 32;
// Lines longer than this are never treated as repeated chrome or captions.
constexpr size_t kMaxDuplicateChars = 300;

enum class Role : uint8_t { kNone, kChrome, kDate, kDomain, kTitle, kDuplicate, kDateline, kCaption };

struct Line {
  size_t first = 0, end = 0;  // tokens [first, end)
  uint32_t vb = 0, ve = 0;    // view span
  size_t chars = 0, words = 0, arabic = 0, latin = 0;
  std::string key;            // words and numbers, space-separated
  Role role = Role::kNone;
  std::string chrome_kind;
};

class HeaderAnalyzer {
 public:
  HeaderAnalyzer(const TokenizedText& tt, const std::vector<TimeExpr>& times, const Lexicons& lx, LayoutHints hints)
      : tt_(tt), times_(times), lx_(lx), hints_(hints) {}

  HeaderInfo Run() {
    BuildLines();
    Language();
    MarkChrome();
    MarkDomain();
    MarkDate();
    if (!hints_.body_known) MarkDuplicates();  // an article may repeat a line
    FindZone();
    PickTitle();
    FindBody();
    FindDateline();
    SelfReference();
    for (const Line& l : lines_) {
      if (l.role == Role::kChrome || l.role == Role::kDuplicate || l.role == Role::kDomain) {
        info_.chrome.push_back({{l.vb, l.ve}, l.role == Role::kDuplicate ? "duplicate"
                                               : l.role == Role::kDomain  ? "site"
                                                                          : l.chrome_kind});
      }
      if (l.role == Role::kCaption) info_.captions.push_back({l.vb, l.ve});
    }
    return std::move(info_);
  }

 private:
  std::string_view Text(size_t i) const { return tt_.text(i); }
  bool IsPunct(size_t i) const { return tt_.tokens[i].kind == TokenKind::kPunct; }

  void BuildLines() {
    const size_t n = tt_.size();
    for (size_t i = 0; i < n;) {
      Line l;
      l.first = i;
      size_t j = i + 1;
      while (j < n && !tt_.tokens[j].line_start()) ++j;
      l.end = j;
      l.vb = tt_.tokens[i].begin;
      l.ve = tt_.tokens[j - 1].end;
      l.chars = utf8::CountCodePoints(tt_.norm.view(l.vb, l.ve));
      for (size_t k = i; k < j; ++k) {
        const Token& t = tt_.tokens[k];
        if (t.kind == TokenKind::kPunct) continue;
        if (!l.key.empty()) l.key += ' ';
        l.key += Text(k);
        if (t.kind == TokenKind::kWord) {
          ++l.words;
          if (t.flags & Token::kArabic) ++l.arabic;
          if (t.flags & Token::kLatin) ++l.latin;
        }
      }
      lines_.push_back(std::move(l));
      i = j;
    }
  }

  void Language() {
    size_t ar = 0, la = 0;
    for (const Line& l : lines_) { ar += l.arabic; la += l.latin; }
    info_.language = ar == 0 && la == 0 ? "" : ar >= la ? "ar" : "en";
  }

  bool IsParagraph(const Line& l) const { return l.chars >= kParagraphChars && l.words >= kParagraphWords; }

  void MarkChrome() {
    for (size_t li = 0; li < lines_.size(); ++li) {
      Line& l = lines_[li];
      if (l.chars > kMaxChromeLineChars) continue;
      int strong = 0, weak = 0;
      bool list = false, exact = false;
      std::string kind;
      size_t content_tokens = 0;
      for (size_t k = l.first; k < l.end; ++k) content_tokens += !IsPunct(k);
      for (size_t k = l.first; k < l.end; ++k) {
        auto m = lx_.boilerplate.Longest(tt_, k, &lx_.clitics);
        if (!m) continue;
        const BoilerplateCue& c = *m.value;
        switch (c.scope) {
          case BoilerplateCue::Scope::kExact: {
            size_t cue_tokens = 0;
            for (size_t q = k; q < k + m.ntokens; ++q) cue_tokens += !IsPunct(q);
            size_t numbers = 0;
            for (size_t q = l.first; q < l.end; ++q) numbers += tt_.tokens[q].kind == TokenKind::kNumber;
            if (cue_tokens + numbers == content_tokens) exact = true;
            break;
          }
          case BoilerplateCue::Scope::kLine: ++strong; break;
          case BoilerplateCue::Scope::kWeak: ++weak; break;
          case BoilerplateCue::Scope::kList: list = true; ++strong; break;
        }
        if (kind.empty() || c.scope != BoilerplateCue::Scope::kWeak) kind = c.kind;
        k += m.ntokens - 1;
      }
      bool chrome = exact || strong > 0 || weak >= 2;
      // Shape rules are for scraped text; an extracted article keeps its URLs and Latin lines.
      if (!chrome && !hints_.body_known && LooksLikeCode(l)) { chrome = true; kind = "link"; }
      if (!chrome && !hints_.body_known && info_.language == "ar" && l.arabic == 0 && l.latin > 0 && l.chars <= 60 && !HasDate(l)) {
        chrome = true;
        kind = "widget";
      }
      if (!chrome) continue;
      l.role = Role::kChrome;
      l.chrome_kind = kind;
      if (list) {
        // The short lines after a "read also" heading are its list.
        for (size_t nx = li + 1; nx < lines_.size() && nx <= li + 12; ++nx) {
          Line& m = lines_[nx];
          if (m.chars > kMaxChromeLineChars || IsParagraph(m)) break;
          m.role = Role::kChrome;
          m.chrome_kind = kind;
        }
      }
    }
  }

  bool HasDate(const Line& l) const {
    for (const TimeExpr& t : times_) {
      if (t.first >= l.first && t.first < l.end && t.kind == TimeExpr::Kind::kDate) return true;
    }
    return false;
  }

  // A URL, file name or query string on its own line (me_ga.php?id=32240).
  bool LooksLikeCode(const Line& l) const {
    if (l.arabic > 0 || l.chars > 200) return false;
    bool symbol = false, spaced = false;
    for (size_t k = l.first; k < l.end; ++k) {
      std::string_view t = Text(k);
      if (k > l.first && !tt_.tokens[k].glued()) spaced = true;
      if (IsPunct(k) && (t == "." || t == "/" || t == "?" || t == "=" || t == "_" || t == "&" || t == "//")) symbol = true;
    }
    return symbol && !spaced && l.latin > 0;
  }

  void MarkDomain() {
    for (size_t li = 0; li < lines_.size() && li < 5; ++li) {
      Line& l = lines_[li];
      if (l.role != Role::kNone && l.role != Role::kChrome) continue;
      size_t words = 0, dots = 0;
      bool ok = l.end - l.first >= 3;
      for (size_t k = l.first; k < l.end && ok; ++k) {
        const Token& t = tt_.tokens[k];
        if (k > l.first && !t.glued()) ok = false;
        if (t.kind == TokenKind::kWord && (t.flags & Token::kLatin)) ++words;
        else if (Text(k) == ".") ++dots;
        else if (Text(k) != "-") ok = false;
      }
      if (!ok || dots == 0 || words < 2 || tt_.tokens[l.end - 1].kind != TokenKind::kWord) continue;
      l.role = Role::kDomain;
      info_.domain = std::string(tt_.norm.view(l.vb, l.ve));
      return;
    }
  }

  void MarkDate() {
    std::optional<size_t> best;
    int best_rank = 0;
    for (size_t ti = 0; ti < times_.size(); ++ti) {
      const TimeExpr& t = times_[ti];
      if (!AbsoluteDate(t)) continue;
      size_t li = LineOf(t.first);
      if (li >= kMaxHeaderLines) break;
      Line& l = lines_[li];
      if (l.role != Role::kNone && l.role != Role::kChrome) continue;
      // A date line is short (this also bounds the scan below per time expression).
      if (l.end - l.first > kMaxDateLineTokens) continue;
      // Everything else on the line must be a label, a clock, punctuation or a weekday.
      size_t content = 0;
      std::string label;
      for (size_t k = l.first; k < l.end; ++k) {
        if (k >= t.first && k <= t.last) continue;
        if (IsPunct(k) || tt_.tokens[k].kind == TokenKind::kNumber) continue;
        if (auto m = lx_.header_labels.Longest(tt_, k, &lx_.clitics)) {
          if (label.empty()) label = m.value->field;
          k += m.ntokens - 1;
          continue;
        }
        if (lx_.weekdays.Longest(tt_, k, &lx_.clitics)) continue;
        ++content;
      }
      if (content > 1) continue;
      int rank = label == "published" ? 3 : label.empty() ? 2 : label == "updated" ? 1 : 0;
      if (rank > best_rank) {
        best_rank = rank;
        best = ti;
      }
      l.role = Role::kDate;
    }
    info_.date_time = best;
  }

  size_t LineOf(size_t token) const {
    auto it = std::upper_bound(lines_.begin(), lines_.end(), token,
                               [](size_t tok, const Line& l) { return tok < l.first; });
    return static_cast<size_t>(it - lines_.begin()) - 1;
  }

  void MarkDuplicates() {
    std::unordered_map<std::string_view, size_t> seen;
    for (size_t li = 0; li < lines_.size(); ++li) {
      Line& l = lines_[li];
      if (l.key.empty() || l.chars > kMaxDuplicateChars) continue;
      auto [it, inserted] = seen.emplace(l.key, li);
      if (inserted) continue;
      ++dup_count_[it->second];
      if (l.role == Role::kNone) l.role = Role::kDuplicate;
    }
  }

  void FindZone() {
    zone_end_ = 0;
    if (hints_.body_known) {  // the article's lines as the page gave them
      zone_end_ = hints_.title_line ? 1 : 0;
      return;
    }
    for (size_t li = 0; li < lines_.size() && li < kMaxHeaderLines; ++li) {
      const Line& l = lines_[li];
      if (l.role == Role::kNone && IsParagraph(l)) break;
      zone_end_ = li + 1;
    }
  }

  // Trailing dots (a kicker: "في ضوء ... السورية..").
  bool EndsWithEllipsis(const Line& l) const {
    std::string_view last = Text(l.end - 1);
    return last == ".." || last == "..." || last == ":";
  }

  void PickTitle() {
    if (hints_.body_known) {
      if (hints_.title_line && !lines_.empty() && lines_[0].role == Role::kNone) {
        title_line_ = 0;
        lines_[0].role = Role::kTitle;
        info_.title = ByteSpan{lines_[0].vb, lines_[0].ve};
      }
      return;
    }
    double best = -1e9;
    std::optional<size_t> pick;
    std::string_view body(tt_.norm.text);
    int order = 0;
    for (size_t li = 0; li < zone_end_; ++li) {
      const Line& l = lines_[li];
      if (l.role != Role::kNone || l.words < 2 || l.words > 40 || l.chars > 250) continue;
      double score = 0;
      if (dup_count_.count(li)) score += 6;
      if (EndsWithEllipsis(l)) score -= 4;
      if (Text(l.end - 1) == ".") score -= 3;
      // A kicker or lead the body repeats word for word.
      std::string_view line_text = tt_.norm.view(l.vb, l.ve);
      while (!line_text.empty() && (line_text.back() == '.' || line_text.back() == ' ')) line_text.remove_suffix(1);
      if (line_text.size() > 20 && body.find(line_text, l.ve) != std::string_view::npos) score -= 3;
      score -= 0.5 * order++;
      if (score > best) {
        best = score;
        pick = li;
      }
    }
    if (!pick) return;
    title_line_ = pick;
    lines_[*pick].role = Role::kTitle;
    info_.title = ByteSpan{lines_[*pick].vb, lines_[*pick].ve};
  }

  void FindBody() {
    size_t start = title_line_ ? std::max(zone_end_, *title_line_ + 1) : zone_end_;
    if (title_line_ && zone_end_ <= *title_line_) start = *title_line_ + 1;
    if (!title_line_ && zone_end_ > 0 && zone_end_ >= lines_.size()) start = 0;
    while (start < lines_.size() && lines_[start].role != Role::kNone && lines_[start].role != Role::kCaption) ++start;
    size_t end = lines_.size();
    while (end > start && (lines_[end - 1].role == Role::kChrome || lines_[end - 1].role == Role::kDuplicate)) --end;
    if (start >= end) {
      info_.body = {0, 0};
      return;
    }
    body_first_ = start;
    info_.body = {lines_[start].vb, lines_[end - 1].ve};
    // Captions: the first copy of a repeated line in the body, or a bulleted line.
    for (size_t li = start; li < end; ++li) {
      Line& l = lines_[li];
      if (l.role != Role::kNone) continue;
      if (dup_count_.count(li) || Text(l.first) == "\xE2\x80\xA2" /* • */) l.role = Role::kCaption;
    }
  }

  // Words [k, k+count) all words of the line?
  size_t WordRun(size_t k, size_t end) const {
    size_t n = 0;
    while (k + n < end && n < 3 && tt_.tokens[k + n].kind == TokenKind::kWord) ++n;
    return n;
  }

  void FindDateline() {
    if (!body_first_) return;
    size_t from = title_line_ ? *title_line_ + 1 : 0;
    for (size_t li = from, seen = 0; li < lines_.size() && seen < 4; ++li) {
      Line& l = lines_[li];
      if (l.role != Role::kNone && l.role != Role::kCaption) continue;
      if (li >= *body_first_ || l.chars < 40) ++seen;
      size_t k = l.first;
      size_t place = WordRun(k, l.end);
      if (place == 0) continue;
      size_t d = k + place;
      size_t src_begin, src_len, after;
      if (d < l.end && Text(d) == "-") {
        src_begin = d + 1;
        src_len = WordRun(src_begin, l.end);
        after = src_begin + src_len;
      } else if (d < l.end && Text(d) == "(") {
        src_begin = d + 1;
        src_len = WordRun(src_begin, l.end);
        after = src_begin + src_len;
        if (after >= l.end || Text(after) != ")") continue;
        ++after;
        if (after < l.end && (Text(after) == "-" || Text(after) == ":")) ++after;
      } else {
        continue;
      }
      if (src_len == 0) continue;
      bool own_line = after == l.end || (after + 1 == l.end && Text(after) == ":");
      bool colon = after < l.end && Text(after) == ":";
      bool known = static_cast<bool>(lx_.outlets.Longest(tt_, src_begin, &lx_.clitics));
      bool bracket = Text(d) == "(";
      if (!own_line && !colon && !known && !bracket) continue;
      if (own_line && l.words > 6) continue;
      HeaderInfo::DatelineParts parts;
      parts.place = {tt_.tokens[k].begin, tt_.tokens[k + place - 1].end};
      parts.source = {tt_.tokens[src_begin].begin, tt_.tokens[src_begin + src_len - 1].end};
      size_t last = colon ? after : after - 1;
      parts.whole = {tt_.tokens[k].begin, tt_.tokens[std::min(last, l.end - 1)].end};
      info_.dateline = parts;
      if (own_line) l.role = Role::kDateline;
      // The body starts no later than a dateline of its own.
      if (li < *body_first_) info_.body.begin = l.vb;
      return;
    }
  }

  // "مصادر «الأخبار»", "لـ«الأخبار»": the outlet the text quotes as its own.
  void SelfReference() {
    std::unordered_map<std::string, int> counts;
    const size_t n = tt_.size();
    for (size_t i = 1; i + 2 < n; ++i) {
      if (Text(i) != "\"") continue;
      std::string_view prev = Text(i - 1);
      bool to = prev == "\xD9\x84" /* ل */ && tt_.tokens[i].glued();
      bool sources = prev.find("\xD9\x85\xD8\xB5\xD8\xA7\xD8\xAF\xD8\xB1") != std::string_view::npos;  // مصادر
      if (!to && !sources) continue;
      auto m = lx_.outlets.Longest(tt_, i + 1);
      if (!m || i + 1 + m.ntokens >= n || Text(i + 1 + m.ntokens) != "\"") continue;
      if (m.value->kind != "outlet") continue;
      ++counts[m.value->canonical];
    }
    int best = 1;
    for (const auto& [name, c] : counts) {
      if (c > best) {
        best = c;
        info_.self_reference = name;
      }
    }
  }

  const TokenizedText& tt_;
  const std::vector<TimeExpr>& times_;
  const Lexicons& lx_;
  const LayoutHints hints_;
  std::vector<Line> lines_;
  std::unordered_map<size_t, int> dup_count_;  // first copy -> repeats
  size_t zone_end_ = 0;
  std::optional<size_t> title_line_;
  std::optional<size_t> body_first_;
  HeaderInfo info_;
};

}  // namespace

HeaderInfo AnalyzeHeader(const TokenizedText& tt, const std::vector<TimeExpr>& times, const Lexicons& lx,
                         LayoutHints hints) {
  if (tt.size() == 0) return {};
  return HeaderAnalyzer(tt, times, lx, hints).Run();
}

}  // namespace isnad
