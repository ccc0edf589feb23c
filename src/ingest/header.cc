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
// A link line that opens with its cue ("للمزيد: <a headline>") is at most this long.
constexpr size_t kMaxLinkLineChars = 220;
// A headline of a related article: words and characters.
constexpr size_t kMinHeadlineWords = 4, kMaxHeadlineWords = 18;
constexpr size_t kMinHeadlineChars = 25, kMaxHeadlineChars = 110;
// A block of related headlines averages at least this many characters a line (verse
// and short list items are shorter).
constexpr size_t kMinHeadlineMeanChars = 35;
// The line before a block of related headlines is a sentence at least this long (a
// one-sentence paragraph of a wire story may be short).
constexpr size_t kMinLeadInChars = 50;
// The run of headline-like lines is chrome only in a text whose paragraphs end with a
// full stop: at least this share of them (in per cent).
constexpr size_t kMinPeriodParagraphsPct = 60;
// Lines at the top of the page that may be a masthead (the outlet's name alone).
constexpr size_t kMastheadLines = 3;
// A section label in the header: words and characters at most.
constexpr size_t kMaxLabelWords = 4, kMaxLabelChars = 40;

enum class Role : uint8_t { kNone, kChrome, kDate, kDomain, kTitle, kDuplicate, kDateline, kCaption };

struct Line {
  size_t first = 0, end = 0;  // tokens [first, end)
  uint32_t vb = 0, ve = 0;    // view span
  size_t chars = 0, words = 0, arabic = 0, latin = 0, numbers = 0;
  char mark = 0;              // the line's last punctuation ('.', '?', ':'…), closing quotes skipped; 0 after a word
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
    MarkLabels();
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
        if (t.kind == TokenKind::kNumber) ++l.numbers;
        if (t.kind == TokenKind::kWord) {
          ++l.words;
          if (t.flags & Token::kArabic) ++l.arabic;
          if (t.flags & Token::kLatin) ++l.latin;
        }
      }
      l.mark = LastMark(i, j);
      lines_.push_back(std::move(l));
      i = j;
    }
  }

  // The first byte of the line's last punctuation, closing quotes and brackets skipped
  // ('.' for a full stop or an ellipsis, '?', '!', ':', ','…); 0 after a word or number.
  char LastMark(size_t first, size_t end) const {
    for (size_t k = end; k-- > first;) {
      if (!IsPunct(k)) return 0;
      std::string_view t = Text(k);
      if (t == "\"" || t == "'" || t == ")" || t == "]") continue;
      return t[0];
    }
    return 0;
  }

  static size_t Content(const Line& l) { return l.words + l.numbers; }
  static bool SentenceEnd(const Line& l) { return l.mark == '.' || l.mark == '?' || l.mark == '!'; }

  // The first token of the line that is not punctuation (a bullet, a dash, a quote).
  size_t Opening(const Line& l) const {
    size_t k = l.first;
    while (k < l.end && IsPunct(k)) ++k;
    return k;
  }

  void Language() {
    size_t ar = 0, la = 0;
    for (const Line& l : lines_) { ar += l.arabic; la += l.latin; }
    info_.language = ar == 0 && la == 0 ? "" : ar >= la ? "ar" : "en";
  }

  bool IsParagraph(const Line& l) const { return l.chars >= kParagraphChars && l.words >= kParagraphWords; }

  void MarkChrome() {
    using Scope = BoilerplateCue::Scope;
    for (size_t li = 0; li < lines_.size(); ++li) {
      Line& l = lines_[li];
      if (l.chars > kMaxLinkLineChars) continue;
      const bool short_line = l.chars <= kMaxChromeLineChars;
      const size_t opening = Opening(l);
      // A sentence of running text may name a cue ("... على موقع فيسبوك وتويتر."): there a
      // cue counts only at the line's start, and weak cues not at all.
      const bool sentence = Sentence(l) || (opening < l.end && OpensProse(opening));
      int strong = 0, weak = 0;
      bool list = false, exact = false, lead = false;
      size_t covered = 0;   // words and numbers inside cues
      size_t list_end = 0;  // the token after a list heading's cue
      std::string lead_kind, strong_kind, exact_kind, weak_kind;
      for (size_t k = l.first; k < l.end; ++k) {
        auto m = lx_.boilerplate.Longest(tt_, k, &lx_.clitics);
        if (!m) continue;
        const BoilerplateCue& c = *m.value;
        const size_t end = k + m.ntokens;
        const bool at_start = k <= opening + 2;
        bool counts = true;
        switch (c.scope) {
          case Scope::kExact:
            exact = true;
            exact_kind = c.kind;
            break;
          case Scope::kLine:
          case Scope::kList:
            counts = !sentence || at_start;
            if (!counts) break;
            ++strong;
            strong_kind = c.kind;
            if (c.scope == Scope::kList) {
              list = true;
              list_end = end;
            }
            break;
          case Scope::kWeak:
            counts = !sentence;
            if (!counts) break;
            ++weak;
            if (weak_kind.empty()) weak_kind = c.kind;
            break;
          case Scope::kLead:
            // The cue opens the line and punctuation or the line's end follows it.
            counts = k == opening && (end == l.end || IsPunct(end));
            if (counts && !lead) lead_kind = c.kind;
            lead |= counts;
            break;
          case Scope::kCaption:
          case Scope::kProse:
          case Scope::kThat: counts = false; break;
        }
        if (counts) {
          for (size_t q = k; q < end; ++q) covered += !IsPunct(q);
        }
        k = end - 1;
      }
      std::string kind;
      if (lead) {
        kind = lead_kind;
      } else if (short_line && strong > 0) {
        kind = strong_kind;
      } else if (short_line && exact && covered + l.numbers >= Content(l)) {
        // The line is its cues, give or take numbers and punctuation ("1.2K مشاهدة").
        kind = exact_kind;
      } else if (short_line && weak >= 2 && l.mark != '.' && l.mark != ':' && l.mark != ',') {
        kind = weak_kind;
      } else if (!short_line || hints_.body_known) {
        // Shape rules are for scraped text; an extracted article keeps its URLs and Latin lines.
        continue;
      } else if (Content(l) == 0) {
        kind = "rule";  // ----------, * * *
      } else if (LooksLikeCode(l)) {
        kind = "link";
      } else if (LooksLikeNav(l)) {
        kind = "nav";
      } else if (info_.language == "ar" && l.arabic == 0 && l.latin > 0 && l.chars <= 60 && !HasDate(l)) {
        kind = "widget";
      } else if (li < kMastheadLines && IsMasthead(l)) {
        kind = "masthead";
      } else {
        continue;
      }
      l.role = Role::kChrome;
      l.chrome_kind = kind;
      if (!list || lead) continue;
      // "اقرأ أيضا: <a headline>" is one link; a heading alone heads the short lines after
      // it, up to a paragraph or a line of running text.
      size_t words_after = 0;
      for (size_t q = list_end; q < l.end; ++q) words_after += tt_.tokens[q].kind == TokenKind::kWord;
      if (words_after > 1) continue;
      for (size_t nx = li + 1; nx < lines_.size() && nx <= li + 12; ++nx) {
        Line& m = lines_[nx];
        if (m.chars > kMaxChromeLineChars || IsParagraph(m)) break;
        if (m.mark == '.' || m.mark == '!' || OpensProse(m.first)) break;
        m.role = Role::kChrome;
        m.chrome_kind = kind;
      }
    }
  }

  // A line of running text: many words, ending like a sentence or a clause.
  static bool Sentence(const Line& l) {
    return l.words > 12 && (l.mark == '.' || l.mark == ':' || l.mark == ',' || l.mark == '?' || l.mark == '!');
  }

  // A menu or a breadcrumb: three or more short items between separators
  // ("الرئيسية > أخبار > سوريا", "سياسة | اقتصاد | رياضة").
  bool LooksLikeNav(const Line& l) const {
    size_t items = 0, seps = 0, item_words = 0;
    for (size_t k = l.first; k < l.end; ++k) {
      const Token& t = tt_.tokens[k];
      if (t.kind == TokenKind::kNumber) return false;
      if (t.kind == TokenKind::kWord) {
        // A credit line ("رويترز / أ ف ب") names agencies, not pages.
        if (item_words == 0) {
          auto o = lx_.outlets.Longest(tt_, k);
          if (o && (o.value->kind == "agency" || o.value->kind == "generic")) return false;
        }
        if (++item_words > 4) return false;
        continue;
      }
      if (!IsNavSeparator(k, l.end)) return false;
      if (item_words == 0) {
        if (items == 0 && seps == 0) continue;  // a leading separator
        return false;
      }
      ++items;
      ++seps;
      item_words = 0;
    }
    if (item_words > 0) ++items;
    return seps >= 2 && items >= 3;
  }

  // "|", ">", "/", "•", or a guillemet standing between spaces (normalized to a quote).
  bool IsNavSeparator(size_t k, size_t line_end) const {
    std::string_view t = Text(k);
    if (t == "|" || t == ">" || t == ">>" || t == "/" || t == "\\" || t == "\xE2\x80\xA2" /* • */ ||
        t == "\xC2\xB7" /* · */) {
      return true;
    }
    if (t != "\"") return false;
    bool spaced_before = !tt_.tokens[k].glued();
    bool spaced_after = k + 1 >= line_end || !tt_.tokens[k + 1].glued();
    return spaced_before && spaced_after;
  }

  // The outlet's own name alone on a line at the top of the page.
  bool IsMasthead(const Line& l) const {
    size_t k = Opening(l);
    if (k >= l.end) return false;
    auto m = lx_.outlets.Longest(tt_, k);
    if (!m || m.value->kind != "outlet") return false;
    for (size_t q = k + m.ntokens; q < l.end; ++q) {
      if (!IsPunct(q)) return false;
    }
    return true;
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
      if (IsPunct(k) && (t == "." || t == "/" || t == "?" || t == "=" || t == "_" || t == "&" || t == "//" || t == "@")) {
        symbol = true;
      }
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
      // Everything else on the line must be a label, a clock, punctuation, a weekday,
      // another time expression (the Hijri date beside the Gregorian one) or a time zone
      // ("بتوقيت مكة المكرمة").
      size_t content = 0;
      std::string label;
      size_t zone_words = 0;
      auto in_time = [&](size_t k) {
        for (size_t o = ti; o < times_.size() && times_[o].first < l.end; ++o) {
          if (k >= times_[o].first && k <= std::max(times_[o].last, times_[o].clock_last)) return true;
        }
        for (size_t o = ti; o-- > 0 && std::max(times_[o].last, times_[o].clock_last) >= l.first;) {
          if (k >= times_[o].first && k <= std::max(times_[o].last, times_[o].clock_last)) return true;
        }
        return false;
      };
      for (size_t k = l.first; k < l.end; ++k) {
        if (in_time(k)) continue;
        if (tt_.tokens[k].kind == TokenKind::kWord && zone_words > 0) {
          --zone_words;
          continue;
        }
        if (auto z = lx_.time_cues.Longest(tt_, k, &lx_.clitics); z && (z.value->roles & TimeCue::kZone)) {
          zone_words = 2;  // the zone's name: مكة المكرمة، غرينتش
          k += z.ntokens - 1;
          continue;
        }
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
    MarkRelatedHeadlines(start);
    size_t end = lines_.size();
    while (end > start && (lines_[end - 1].role == Role::kChrome || lines_[end - 1].role == Role::kDuplicate)) --end;
    if (start >= end) {
      info_.body = {0, 0};
      return;
    }
    body_first_ = start;
    info_.body = {lines_[start].vb, lines_[end - 1].ve};
    // Captions: the first copy of a repeated line in the body, or a bulleted line. A
    // repeated line that reads as a caption (a bullet, a photo credit) is chrome, both
    // copies; any other repeated line (a lead the page repeats) stays article text.
    for (size_t li = start; li < end; ++li) {
      Line& l = lines_[li];
      if (l.role != Role::kNone) continue;
      if (dup_count_.count(li) && CaptionShaped(l)) {
        l.role = Role::kChrome;
        l.chrome_kind = "caption";
      } else if (dup_count_.count(li) || IsBullet(l.first)) {
        l.role = Role::kCaption;
      }
    }
  }

  bool IsBullet(size_t k) const {
    std::string_view t = Text(k);
    return t == "\xE2\x80\xA2" /* • */ || t == "\xC2\xB7" /* · */ || t == "\xE2\x96\xAA" /* ▪ */;
  }

  // A photo caption: a bullet; or, for a line shorter than a paragraph, a caption cue
  // at its start ("صورة أرشيفية: ...") or a credit in brackets at its end ("(أرشيف)",
  // "(رويترز)", "(Getty)"). A lead paragraph the page repeats is never a caption.
  bool CaptionShaped(const Line& l) const {
    if (IsBullet(l.first)) return true;
    if (IsParagraph(l)) return false;
    const size_t opening = Opening(l);
    if (opening < l.end && IsCaptionCredit(opening)) return true;
    size_t k = l.end;
    while (k > l.first && IsPunct(k - 1) && Text(k - 1) != ")") --k;
    if (k == l.first || Text(k - 1) != ")") return false;
    for (size_t q = k - 1, words = 0; q-- > l.first;) {
      if (Text(q) == "(") return words > 0 && IsCaptionCredit(q + 1);
      if (!IsPunct(q) && ++words > 4) return false;
    }
    return false;
  }

  bool IsCaptionCredit(size_t k) const {
    auto m = lx_.boilerplate.Longest(tt_, k, &lx_.clitics);
    if (m && m.value->scope == BoilerplateCue::Scope::kCaption) return true;
    auto o = lx_.outlets.Longest(tt_, k);
    return o && o.value->kind == "agency";
  }

  // Blocks of headlines of other articles, without a heading, between the paragraphs or
  // after the last one: two or more consecutive lines that read as headlines (a few
  // words, no full stop, not opening like running prose) right after a sentence that
  // ends with one, in a text whose paragraphs end with full stops.
  void MarkRelatedHeadlines(size_t from) {
    if (hints_.body_known) return;  // an extracted article: the page's layout is gone
    size_t paragraphs = 0, stopped = 0;
    for (const Line& l : lines_) {
      if (!IsParagraph(l)) continue;
      ++paragraphs;
      stopped += SentenceEnd(l);
    }
    if (paragraphs == 0 || stopped * 100 < paragraphs * kMinPeriodParagraphsPct) return;
    for (size_t li = std::max<size_t>(from, 1); li < lines_.size();) {
      size_t j = li;
      while (j < lines_.size() && HeadlineLike(lines_[j])) ++j;
      if (j == li) {
        ++li;
        continue;
      }
      if (j - li >= 2 && RelatedBlock(li, j)) {
        for (size_t k = li; k < j; ++k) {
          lines_[k].role = Role::kChrome;
          lines_[k].chrome_kind = "related";
        }
      }
      li = j;
    }
  }

  bool HeadlineLike(const Line& l) const {
    if (l.role != Role::kNone) return false;
    if (l.words < kMinHeadlineWords || l.words > kMaxHeadlineWords) return false;
    if (l.chars < kMinHeadlineChars || l.chars > kMaxHeadlineChars) return false;
    if (l.mark != 0 && l.mark != '?') return false;
    if (tt_.tokens[l.first].kind != TokenKind::kWord) return false;  // a bullet, a number, a quote
    if (OpensProse(l.first)) return false;
    for (size_t k = l.first + 1; k + 1 < l.end; ++k) {
      // One sentence: no full stop or question mark inside with words after it (but "د. X").
      std::string_view t = Text(k);
      if (IsPunct(k) && (t[0] == '.' || t[0] == '?' || t[0] == '!')) {
        if (tt_.tokens[k + 1].kind == TokenKind::kWord && utf8::CountCodePoints(Text(k - 1)) > 1) return false;
        continue;
      }
      // Reported speech ("المرصد يقول إن ..."): an update of a live report, not a headline.
      if (tt_.tokens[k].kind == TokenKind::kWord && ReportsSpeech(k)) return false;
    }
    return true;
  }

  // A verb of saying at k followed by a complementizer.
  bool ReportsSpeech(size_t k) const {
    auto sp = lx_.speech.Longest(tt_, k, &lx_.clitics);
    if (!sp || (*sp.value != SpeechRole::kSay && *sp.value != SpeechRole::kContinue)) return false;
    const size_t next = k + sp.ntokens;
    if (next >= tt_.size() || tt_.tokens[next].line_start()) return false;
    auto c = lx_.boilerplate.Longest(tt_, next, &lx_.clitics);
    return c && c.value->scope == BoilerplateCue::Scope::kThat;
  }

  // A word that opens running prose: a connective ("لكن", "كما"), a verb of saying
  // ("قال", "وأضاف"), or a function word behind a conjunction ("وفي", "فإن").
  bool OpensProse(size_t k) const {
    if (tt_.tokens[k].kind != TokenKind::kWord) return false;
    if (k + 1 < tt_.size() && Text(k + 1) == "," && !tt_.tokens[k + 1].line_start()) return true;  // "إذاً، ..."
    auto bp = lx_.boilerplate.Longest(tt_, k, &lx_.clitics);
    if (bp && bp.value->scope == BoilerplateCue::Scope::kProse) return true;
    auto sp = lx_.speech.Longest(tt_, k, &lx_.clitics);
    if (sp && (*sp.value == SpeechRole::kSay || *sp.value == SpeechRole::kContinue || *sp.value == SpeechRole::kAccording)) {
      return true;
    }
    auto fw = lx_.function_words.Longest(tt_, k, &lx_.clitics);
    return fw && fw.prefix_bytes > 0;
  }

  // Lines [b, e) are headline-like: are they a block of related headlines?
  bool RelatedBlock(size_t b, size_t e) const {
    const Line& prev = lines_[b - 1];
    if (prev.role != Role::kNone && prev.role != Role::kCaption) return false;
    if (prev.chars < kMinLeadInChars || !SentenceEnd(prev)) return false;  // not after "as follows:"
    size_t chars = 0, questions = 0, labelled = 0;
    bool same_opening = true;
    for (size_t k = b; k < e; ++k) {
      const Line& l = lines_[k];
      chars += l.chars;
      questions += l.mark == '?';
      labelled += HasLabel(l);
      same_opening &= Text(l.first) == Text(lines_[b].first);
    }
    const size_t n = e - b;
    if (chars < n * kMinHeadlineMeanChars) return false;  // verse, short list items
    if (questions == n) return false;                     // a string of rhetorical questions
    if (labelled == n || same_opening) return false;      // a list: "الدفاع: ...", "تأليف: ..."
    return true;
  }

  // "X: ..." with a label of at most three words.
  bool HasLabel(const Line& l) const {
    for (size_t k = l.first + 1; k < l.end && k <= l.first + 3; ++k) {
      if (Text(k) == ":") return true;
    }
    return false;
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

  // Section labels of a few words at the top of the page, before the title or between
  // the title and the date line ("أخبار سورية", "الشرق الأوسط").
  void MarkLabels() {
    if (!title_line_) return;
    size_t date_line = 0;  // the last date line of the header, if any
    for (size_t li = *title_line_ + 1; li < zone_end_; ++li) {
      if (lines_[li].role == Role::kDate) date_line = li;
    }
    for (size_t li = 0; li < zone_end_; ++li) {
      if (li == *title_line_) continue;
      if (li < *title_line_ ? li >= kMastheadLines : li >= date_line) continue;
      Line& l = lines_[li];
      if (l.role != Role::kNone || l.words == 0 || l.numbers > 0 || l.mark != 0) continue;
      if (l.words > kMaxLabelWords || l.chars > kMaxLabelChars || IsPunct(l.first)) continue;
      bool label = false;  // an author or date label is metadata, not chrome
      for (size_t k = l.first; k < l.end && !label; ++k) label = static_cast<bool>(lx_.header_labels.Longest(tt_, k, &lx_.clitics));
      if (label) continue;
      l.role = Role::kChrome;
      l.chrome_kind = "section";
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
