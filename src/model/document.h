// The data model of one document: what ingest read (Document) and what the
// per-document stage found in it (DocAnalysis). DocAnalysis holds nothing that needs
// other documents; spans are byte offsets into Document::input.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/quantity.h"
#include "model/shingles.h"
#include "model/story_features.h"
#include "model/time_expr.h"
#include "model/vocab.h"
#include "util/byte_span.h"
#include "util/civil_date.h"

namespace isnad {

struct Document {
  std::string id;
  std::string path;   // file the document came from ("-" for stdin), with ":LINE" for JSONL
  std::string input;  // the bytes as read: a .txt file, or the decoded JSONL text/html
  bool html = false;  // input is HTML; `text` holds the extracted article text
  // The text that is analysed, and for HTML the map from its bytes to input offsets:
  // text byte i stands for input bytes [text_to_input[i], text_to_input_end[i]) (a
  // character reference for every byte it decodes to, a windows-1256 byte for both
  // bytes of its UTF-8); both have size text.size() + 1 and never decrease.
  std::string text;
  std::vector<uint32_t> text_to_input, text_to_input_end;
  // For HTML: the article as extracted (ingest/html.h), without its headline; `text` is
  // the headline line (when title_line) and then this. Page structure takes the lines
  // of such a text as the body (article_found).
  std::string article_text;
  bool article_found = false, title_line = false;
  // Metadata given by the source (JSONL fields, HTML meta tags, the manifest). Empty
  // means unknown. Metadata found in the text fills only what these leave empty.
  std::string url, outlet, title, language, published;
  std::string author, modified;  // from the page's metadata, when it gives them
  std::string outlet_from, title_from, published_from;  // "jsonl", "html", "manifest"
  std::vector<std::string> errors;
  bool unreadable = false;  // nothing to analyse (empty, binary, over the size limit)
  bool html_pending = false;  // an HTML page whose extraction waits for PrepareHtml

  const std::string& analysed() const { return html ? text : input; }
  // Maps a span of analysed() to input offsets.
  ByteSpan ToInput(ByteSpan s) const {
    if (!html || text_to_input.empty()) return s;
    auto at = [&](uint32_t o) { return text_to_input[std::min<size_t>(o, text_to_input.size() - 1)]; };
    if (text_to_input_end.size() != text_to_input.size()) {
      return {at(s.begin), s.end > s.begin ? at(s.end - 1) + 1 : at(s.begin)};
    }
    uint32_t end = s.end > s.begin ? text_to_input_end[std::min<size_t>(s.end - 1, text_to_input_end.size() - 1)] : at(s.begin);
    return {at(s.begin), std::max(end, at(s.begin))};
  }
};

struct Dateline {
  std::string place;
  std::string source;
  ByteSpan span;
};

struct LabeledSpan {
  ByteSpan span;
  std::string kind;  // boilerplate kind: app_banner, reading_time, read_also, duplicate, …
};

struct TimeItem {
  TimeExpr expr;
  ByteSpan span;   // input offsets
  std::string text;
  bool in_caption = false;
};

struct QuantityItem {
  Quantity q;
  ByteSpan span;   // input offsets
  std::string text;
  std::string noun;  // normalized counted noun, if any
  uint32_t sentence = 0;
};

struct MentionItem {
  std::string key;  // document-level key (extract/entities.h)
  std::string entity;  // corpus entity id, set by the corpus stage
  EntityType type = EntityType::kORG;
  ByteSpan span;    // input offsets of the name (clitics excluded)
  std::string text;
  bool anaphor = false;
};

// A speaker, subject or chain link as written, with its document-level key.
struct ActorRef {
  std::string key;   // entity key, "generic:<noun>", or "" for the outlet
  std::string entity;  // corpus entity id, set by the corpus stage ("" for generic sources)
  std::string text;
  ByteSpan span;
};

struct ClaimOut {
  size_t quantity = 0;  // index into DocAnalysis::quantities
  ByteSpan sentence;
  std::string category;
  std::string subject_class;
  std::optional<ActorRef> subject;
  std::optional<ActorRef> source;  // nullopt: the outlet's own narration
  std::vector<ActorRef> chain;
  std::string event;  // timeline event whose evidence is this claim's sentence, set by the corpus stage
  // The time the figure refers to when its sentence names another time than the
  // article's (عام 2013، منذ 2011): a resolved value ("2013", "2014-07"); "" = publication.
  std::string as_of;
  // Set by the corpus stage: `as_of` ends before the first day of the document's story (a 2013
  // toll quoted in a 2018 story). Listed with the story, kept out of its claim groups.
  bool background = false;
};

struct FramingOut {
  ByteSpan span;
  std::string text;
  std::string entity_key;
  std::string entity;             // corpus entity id, set by the corpus stage
  std::optional<ActorRef> voice;  // nullopt: the outlet
  std::string kind;
};

// A sentence that tells of a dated happening (link/timeline.h merges them).
struct EventCandidate {
  std::string type;   // attack, clashes, statement, control_claimed, escape, curfew, meeting, airstrike
  size_t time = 0;    // index into DocAnalysis::times
  ByteSpan sentence;
  std::string summary;
};

// Constraints a document's own time expressions put on its publication date, for
// documents whose text and metadata give none (link/date_inference.h).
struct DateConstraints {
  int weekday = -1;                 // اليوم الجمعة: published on a Friday
  int month = 0;                    // يناير الجاري: published in January
  std::vector<int> months_over;     // يناير الماضي: published after a January ended
  std::optional<CivilDate> not_before;  // a dated caption: published on or after it
  std::vector<CivilDate> mentioned;     // full dates in the text (soft lower bounds)
};

struct DocAnalysis {
  std::string id, path;
  bool html = false;
  std::string article_text;  // HTML: the article as extracted (Document::article_text)
  std::string language;  // "ar", "en", … or "" when unknown
  std::string title;
  std::optional<ByteSpan> title_span;
  std::string title_from;  // source|text
  std::string outlet, outlet_from;   // outlet_from: jsonl|html|manifest|domain|dateline|self_reference
  std::string url;
  CivilDate published;                // valid() when known
  int hour = -1, minute = -1;
  std::string published_from;        // jsonl|html|manifest|text|inferred
  std::optional<ByteSpan> published_span;
  std::optional<Dateline> dateline;
  ByteSpan body;
  std::vector<LabeledSpan> boilerplate;
  std::vector<std::string> errors;
  std::vector<TimeItem> times;
  std::vector<QuantityItem> quantities;
  DateConstraints constraints;
  std::vector<MentionItem> mentions;
  std::vector<std::pair<std::string, std::string>> aliases;  // keys of one referent
  std::vector<std::pair<std::string, std::string>> located;  // (facility key, place key)
  std::vector<std::pair<std::string, std::string>> alias_surfaces;  // (key, surface text)
  std::vector<std::string> occupiers;  // countries the text calls the occupier (قوات الاحتلال الإسرائيلي)
  std::vector<ClaimOut> claims;
  std::vector<FramingOut> framing;
  DocShingles shingles;
  StoryFeatures story;  // what the story index reads (link/stories.h reads it)
  std::vector<EventCandidate> events;
  uint64_t bytes = 0, tokens = 0, sentences = 0;

  bool failed() const { return !errors.empty(); }
  std::string PublishedIso() const;  // "2022-01-28T19:47", "2022-01-28" or ""
};

// Every item whose span does not hold exactly the bytes of its text, described
// ("claim d#c3 [120,131) holds `…` but its text is `…`"). Empty when all spans are
// exact. For HTML input the spans point at page bytes whose markup and character
// references differ from the text by design, so only text inputs are checked here
// (ingest/html.h tests its own map). Tests, the fuzzers and `analyze --check-spans`
// call it; ISNAD_CHECK_SPANS=1 in the environment makes every run check.
std::vector<std::string> SpanMismatches(const Document& doc, const DocAnalysis& a);

}  // namespace isnad
