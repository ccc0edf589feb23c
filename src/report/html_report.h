// The HTML report: one self-contained, right-to-left page that works offline. The
// analysis travels in a JSON block (application/json, with "</" escaped) and the page's
// own script builds every view from it with DOM text nodes, never innerHTML, so article
// text - untrusted scraped input - is always shown as text. Views: the stories, the
// reconciled claim table (conflicts highlighted, each figure's chain of sources), a
// timeline chart, each tally over time by source, the per-outlet framing table, and an
// article pane where every item opens its evidence highlighted.
#pragma once

#include <ostream>
#include <vector>

#include "model/document.h"
#include "link/corpus.h"

namespace isnad {

void WriteHtmlReport(const std::vector<Document>& docs, const std::vector<DocAnalysis>& analyses,
                     const CorpusResult& corpus, std::ostream& out);

}  // namespace isnad
