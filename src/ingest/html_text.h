// The bytes under HTML text: character references decoded with an exact map back to the
// page, and the raw-text elements (script, style) taken out before parsing.
//
// gumbo gives each text node its decoded text and its original bytes, but no offsets for
// what lies between: `&amp;` decodes to one byte, `&#1602;` to two, a text node can run
// across tags the parser ignored (`a</x>b` is the text node "ab"). AlignText walks the
// original bytes next to gumbo's text, decodes each reference itself (the HTML5 rules,
// with the named references of data/html_entities.tsv) and gives every output byte the
// [start, end) range of page bytes it came from: every byte of a decoded reference maps
// to the whole reference, a literal byte to itself. Where its decoding and gumbo's part
// (never seen on real pages; counted, so tests and the fuzzer can say so) the rest of the
// node maps to the node's last byte.
//
// Tested by tests/html_test.cc; fuzzed by fuzz/fuzz_html.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/phrase_table.h"
#include "util/tsv.h"
#include "util/status.h"

namespace isnad::html {

// The HTML5 named character references (data/html_entities.tsv) and the numeric rules.
class CharRefs {
 public:
  static Result<std::shared_ptr<const CharRefs>> Load(const DataSource& source);
  // The embedded table, loaded on first use (a broken embedded table aborts: a build bug).
  static const CharRefs& Default();

  // When `s` starts with a character reference as the HTML5 tokenizer reads one in text
  // ("&amp;", "&amp", "&#1602;", "&#x642", "&notin;" but "&noti" as "&not" + "i"), appends
  // its UTF-8 to *out and returns its length in `s`; otherwise returns 0 (a bare '&').
  size_t Decode(std::string_view s, std::string* out) const;

 private:
  CharRefs() = default;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> names_;
  size_t max_bare_ = 0;  // the longest name that needs no ';' (legacy names: "frac34")
};

// Text with, per byte, the [start, end) range of page bytes it stands for. Inserted
// bytes (line breaks between blocks) have an empty range at the previous byte's end.
struct MappedText {
  std::string text;
  std::vector<uint32_t> start, end;

  void Push(char c, uint32_t s, uint32_t e) {
    text.push_back(c);
    start.push_back(s);
    end.push_back(e);
  }
  void clear() {
    text.clear();
    start.clear();
    end.clear();
  }
  size_t size() const { return text.size(); }
};

// Appends gumbo's decoded text of one text node to *out. `original` is the node's
// original_text and `base` its offset in the parsed buffer (the ranges written are
// buffer offsets). Returns the number of bytes that could not be aligned.
size_t AlignText(std::string_view decoded, std::string_view original, uint32_t base, const CharRefs& refs,
                 MappedText* out);

// A page made ready for gumbo: the content of <script> and <style> elements (half the
// bytes of a news page, and the parser's slowest path: one token per character) is
// removed, so the tree is the same with those elements empty; `Uncut` maps offsets in
// the buffer back to the input. The bytes of JSON-LD scripts are kept aside for the
// metadata. Scanning follows the HTML5 tokenizer's states for comments, tags with quoted
// attributes, raw text, RCDATA and script data escapes, so a "<script" inside a comment,
// an attribute or a <textarea> is not taken for a tag.
struct ParseBuffer {
  std::string buf;
  // (buffer offset of a cut, bytes removed up to and including it), ascending.
  std::vector<std::pair<uint32_t, uint32_t>> cuts;
  std::vector<std::pair<uint32_t, uint32_t>> json_ld;  // [begin, end) in the input
  bool html_open = false;   // an <html> start tag was seen
  bool html_closed = false; // and its end tag
  // Where reading stopped on a page shaped to make the parser slow (elements nested
  // deeper than kMaxDepth, too many formatting elements left open, too many elements),
  // and why; npos when the whole page was read. Tags with more than kMaxAttributes
  // attributes lose the rest (`attributes_cut` counts them).
  size_t stopped_at = std::string::npos;
  std::string stop_reason;
  size_t attributes_cut = 0;

  uint32_t Uncut(uint32_t offset) const;
};

// gumbo's tree construction costs O(depth) per tag (scope checks walk the stack of open
// elements) and re-opens every formatting element left open at each new block, so these
// bounds keep parsing linear in the page; real pages stay far below them.
inline constexpr size_t kMaxDepth = 512;
inline constexpr size_t kMaxOpenFormatting = 24;
inline constexpr size_t kMaxElements = 4u << 20;
inline constexpr size_t kMaxAttributes = 128;

void PrepareParseBuffer(std::string_view input, ParseBuffer* out);

}  // namespace isnad::html
