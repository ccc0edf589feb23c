#include "model/document.h"

#include <cstdio>
#include <string_view>

namespace isnad {

std::string DocAnalysis::PublishedIso() const {
  if (!published.valid()) return published.year > 0 ? published.ToIso() : "";
  std::string s = published.ToIso();
  if (hour >= 0 && minute >= 0) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "T%02d:%02d", hour, minute);
    s += buf;
  }
  return s;
}

std::vector<std::string> SpanMismatches(const Document& doc, const DocAnalysis& a) {
  std::vector<std::string> out;
  if (doc.html || doc.unreadable) return out;
  const std::string_view input = doc.input;
  auto check = [&](const char* what, size_t n, const ByteSpan& span, std::string_view text) {
    std::string where = std::string(what) + " " + std::to_string(n) + " [" + std::to_string(span.begin) + "," +
                        std::to_string(span.end) + ")";
    if (span.begin > span.end || span.end > input.size()) {
      out.push_back(where + " lies outside the input of " + std::to_string(input.size()) + " bytes");
    } else if (input.substr(span.begin, span.size()) != text) {
      out.push_back(where + " holds `" + std::string(input.substr(span.begin, std::min<size_t>(span.size(), 200))) +
                    "` but its text is `" + std::string(text.substr(0, 200)) + "`");
    }
  };
  if (a.title_span && a.title_from == "text") check("title", 0, *a.title_span, a.title);
  for (size_t i = 0; i < a.times.size(); ++i) check("time", i, a.times[i].span, a.times[i].text);
  for (size_t i = 0; i < a.quantities.size(); ++i) check("quantity", i, a.quantities[i].span, a.quantities[i].text);
  for (size_t i = 0; i < a.mentions.size(); ++i) check("mention", i, a.mentions[i].span, a.mentions[i].text);
  for (size_t i = 0; i < a.claims.size(); ++i) {
    const ClaimOut& c = a.claims[i];
    if (c.subject) check("claim subject", i, c.subject->span, c.subject->text);
    if (c.source) check("claim source", i, c.source->span, c.source->text);
    for (const ActorRef& r : c.chain) check("claim chain link", i, r.span, r.text);
  }
  for (size_t i = 0; i < a.framing.size(); ++i) {
    check("framing", i, a.framing[i].span, a.framing[i].text);
    if (a.framing[i].voice) check("framing voice", i, a.framing[i].voice->span, a.framing[i].voice->text);
  }
  auto inside = [&](const char* what, size_t n, const ByteSpan& s) {
    if (s.begin > s.end || s.end > input.size()) {
      out.push_back(std::string(what) + " " + std::to_string(n) + " lies outside the input");
    }
  };
  inside("body", 0, a.body);
  for (size_t i = 0; i < a.boilerplate.size(); ++i) inside("boilerplate", i, a.boilerplate[i].span);
  for (size_t i = 0; i < a.claims.size(); ++i) inside("claim sentence", i, a.claims[i].sentence);
  for (size_t i = 0; i < a.events.size(); ++i) inside("event sentence", i, a.events[i].sentence);
  for (size_t i = 0; i < a.shingles.words.size(); ++i) inside("shingle word", i, a.shingles.words[i]);
  return out;
}

}  // namespace isnad
