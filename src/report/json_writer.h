// The analysis JSON (../shared/SPEC.md is the contract). Written as a stream, one
// record at a time, so a corpus of millions never becomes one in-memory tree.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "model/document.h"
#include "link/corpus.h"

namespace isnad {

struct RunInfo {
  std::string version;
  std::vector<std::string> errors;    // run-level errors (manifest rows, …)
  std::vector<std::string> warnings;  // run-level notes (skipped files, …)
};

// `article_text`: write documents[].article_text (HTML documents: the article as
// extracted; null for the others).
void WriteAnalysisJson(const std::vector<DocAnalysis>& docs, const CorpusResult& corpus, const RunInfo& run,
                       std::ostream& out, bool pretty, bool article_text = false);

// Claim groups as event-data rows (CSV, RFC 4180): one row per group with its
// conservative figure, range, status, dates of the reports and independent sources.
void WriteGroupsCsv(const std::vector<DocAnalysis>& docs, const CorpusResult& corpus, std::ostream& out);

}  // namespace isnad
