// Page structure of a scraped article: which lines are the title, the publication
// date, the site's domain, the dateline, page chrome, captions and the body.
//
// Scraped text keeps the page's line structure. The analysis classifies each line
// once, by general rules and the cue lexicons (data/boilerplate.tsv,
// data/header_labels.tsv, data/outlets.tsv):
//   - chrome: a short line with a cue (app banners, reading-time widgets, "read also"
//     lists and what follows them, social promotions, tickers, id labels, counters,
//     footers), a line that opens with a link cue ("للمزيد: <a headline>"), a line that
//     is a URL, handle or file name, a line of punctuation, a menu or breadcrumb, a
//     Latin-only short line in an Arabic page, the outlet's name at the top, a repeated
//     line, both copies of a repeated caption, and blocks of other articles' headlines:
//     two or more short lines without a full stop right after a sentence that ends with one, in
//     a text whose paragraphs end with full stops, none opening like running prose
//     ("وقال", "كما") or relaying speech ("يقول إن"). A cue inside a long sentence
//     counts only at its start;
//   - header: lines before the first paragraph: the domain ("kayhan.ir"), a line that
//     is a date and little else ("تأريخ النشر : 2022January28 - 19:47"), labels,
//     kickers and the title; a line of a few words before the title or between it and
//     the date line is a section label (chrome). The title is the header line a page repeats, or else the
//     first one that reads like a headline (not a kicker ending in "..", not a sentence
//     the body repeats);
//   - dateline: "جنيف – وكالات :" opening a paragraph, "دبي-الشرق" on its own line;
//   - body: from the first line after the header to the last line that is not chrome.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extract/times.h"
#include "lexicon/lexicons.h"
#include "text/tokenizer.h"

namespace isnad {

struct HeaderInfo {
  struct Chrome {
    ByteSpan view;  // view offsets
    std::string kind;
  };
  std::optional<ByteSpan> title;         // view span of the title line
  std::optional<size_t> date_time;       // index into the times vector: the publication date
  std::string domain;                    // site domain on its own line
  struct DatelineParts {
    ByteSpan place, source, whole;       // view spans
  };
  std::optional<DatelineParts> dateline;
  std::vector<Chrome> chrome;
  std::vector<ByteSpan> captions;        // view spans of photo captions
  ByteSpan body;                         // view span
  std::string self_reference;            // outlet the text calls its own ("sources told X")
  std::string language;                  // "ar", "en" or ""
};

// What the source already knows of the text's layout: an HTML page's extracted article
// (ingest/html.h) is all body, after its headline's line when it has one.
struct LayoutHints {
  bool body_known = false;
  bool title_line = false;
};

HeaderInfo AnalyzeHeader(const TokenizedText& tt, const std::vector<TimeExpr>& times, const Lexicons& lx,
                         LayoutHints hints = {});

}  // namespace isnad
