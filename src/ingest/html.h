// The article of a saved HTML page, with every byte of its text mapped to page bytes.
//
// One entry point, pure (no shared mutable state: safe on any thread):
//   1. charset (html_encoding.h): pages that are not UTF-8 are decoded with ICU;
//   2. the parse buffer (html_text.h): script and style contents are cut out before
//      gumbo parses (half of a news page's bytes); nesting and attribute counts that
//      would make the parser super-linear stop the read with an error on the document;
//   3. gumbo parses into an arena; html_article.h flattens the tree iteratively, with
//      character references decoded by the page's own bytes, and finds the article;
//   4. metadata (html_meta.h) fills the document's empty fields: title (JSON-LD
//      headline, og:title, the <h1>, <title>), outlet (og:site_name, JSON-LD
//      publisher), URL (canonical), publication date (JSON-LD, article meta tags,
//      <time datetime>, a date element's text, as ISO 8601), author, language.
// doc->text is the headline's line (when the page has an <h1> for it) followed by the
// article, a line per block; doc->article_text is the article alone. Each text byte i
// stands for page bytes [text_to_input[i], text_to_input_end[i]), so spans in the output
// point into the page as stored.
#pragma once

#include "model/document.h"

namespace isnad {

namespace html {
class Rules;
}

// Sets doc->text, its maps and article_text from doc->input, fills empty metadata, and
// adds an error for pages that are truncated, too deeply nested, or have no text.
void ExtractHtml(Document* doc);
// The same with tables loaded from a --data-dir (html::Rules::Load).
void ExtractHtml(Document* doc, const html::Rules& rules);

}  // namespace isnad
