// Finding the article in a parsed page.
//
// BuildModel walks the gumbo tree once, iteratively (an explicit stack: no depth limit
// of its own), and flattens it: elements in document order with their parent and
// subtree range, the class/id hints of data/html_hints.tsv, and the page's text as
// runs (one per text node) with the exact byte map of html_text.h. Script, style,
// templates, SVG, form controls and hidden elements are left out; metadata elements
// feed PageMeta on the way.
//
// FindArticle then does what Readability.js does, over that flat model and in linear
// time: every block with 25 characters of its own text is a paragraph, scored by its
// commas and length and credited to its ancestors (fully to the parent, half to the
// grandparent, a third of its level further up); candidates start from their tag and
// their class/id weight (article-body names weigh most, comment/share/related names
// against), scaled by 1 - link density. The best candidate climbs to an ancestor that
// holds several near-best candidates or scores higher, joins siblings that continue the
// article, and is then cleaned like Readability's _prepArticle and trafilatura's
// pruning: comment threads, related/most-read lists, share bars, tag lists, newsletter
// and cookie boxes, navigation, asides, footers, figures, forms and link-heavy blocks
// are cut out (a <form> that wraps the article, as ASP.NET pages do, is kept). When
// JSON-LD carries the articleBody, the candidate whose text covers it best is taken
// instead when the scores disagree. Pages too short to score keep their cleaned body.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <string>
#include <vector>

#include "ingest/html_meta.h"
#include "ingest/html_rules.h"
#include "ingest/html_text.h"

namespace isnad::html {

inline constexpr uint32_t kNone = 0xFFFFFFFFu;

struct Elem {
  enum Flag : uint16_t {
    kBlock = 1, kUnlikely = 2, kDrop = 4, kBody = 8, kChrome = 16, kArticleTag = 32, kHeading = 64,
    kSchemaArticle = 128, kInTable = 256, kNegativeRole = 512, kDateClass = 1024, kLink = 2048,
  };
  uint32_t parent = kNone;
  uint32_t end = 0;                       // elements [index, end) are this one and its descendants
  uint32_t run_begin = 0, run_end = 0;    // its runs
  uint32_t block = 0;                     // nearest block element (itself when a block)
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  int16_t weight = 0;                     // class/id weight, Readability's ±25 per attribute
  uint16_t flags = 0;
  uint32_t class_key = 0;                 // index of its class string (equal classes, equal keys)
  // Own counts: text of runs whose block is this element; tags directly here.
  uint32_t own_chars = 0, own_commas = 0, own_dots = 0;
  // Subtree counts.
  uint32_t chars = 0, link_chars = 0, commas = 0;
  uint32_t p = 0, li = 0, heading_chars = 0;
  uint32_t img = 0, input = 0, embed = 0;  // its own, not its descendants'
};

struct Run {
  enum Flag : uint8_t { kLink = 1, kBreak = 2, kSpace = 4, kPre = 8, kHashLink = 16 };
  uint32_t begin = 0, end = 0;  // bytes of PageModel::text
  uint32_t elem = 0;            // the element holding the text node
  uint32_t chars = 0;           // code points that are not white space
  uint8_t flags = 0;
};

struct PageModel {
  MappedText text;  // ranges are offsets in the parse buffer
  std::vector<Elem> elems;
  std::vector<Run> runs;
  std::vector<uint32_t> h1;          // <h1> elements
  std::vector<uint32_t> date_elems;  // elements whose class/id names a date (first few)
  size_t unaligned = 0;              // bytes AlignText could not place
};

void BuildModel(const GumboNode* root, const Rules& rules, PageModel* model, PageMeta* meta);

struct Article {
  std::vector<uint32_t> runs;  // runs kept, in document order
  uint32_t top = kNone;        // the element chosen
  bool scored = false;         // false: no candidate, the cleaned body was kept
};

Article FindArticle(const PageModel& model, const PageMeta& meta, const Rules& rules);

// The text of an element's runs, white space as in the page.
std::string ElemText(const PageModel& model, uint32_t elem);

}  // namespace isnad::html
