// Article text from a saved HTML page (gumbo, the HTML5 parsing algorithm, so broken
// markup parses as browsers parse it). Text of block elements becomes lines; script,
// style, navigation, forms and asides are left out. Each byte of the extracted text
// maps back to the input offset of the text node it came from, so spans in the output
// point into the original HTML. Inside a text node with character references (&amp;)
// the map points at the node's start (gumbo does not report per-reference offsets).
// Page metadata fills the document's empty fields: og:title/h1/<title>, og:site_name,
// article:published_time / datePublished / <time datetime>.
#pragma once

#include "ingest/document.h"

namespace isnad {

// Sets doc->text and doc->text_to_input from doc->input; adds an error for pages
// that are truncated (an opening <html> without its closing tag).
void ExtractHtml(Document* doc);

}  // namespace isnad
