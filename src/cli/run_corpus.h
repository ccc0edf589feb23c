// Reading, analysing and linking a whole corpus in memory: what `analyze` and `eval`
// share. Documents arrive from a DocumentStream a batch at a time, the manifest applies
// to each as it arrives, every batch is analysed on all cores, and reading stops with a
// clear run error (not the OOM killer) when the memory in use reaches the budget.
#pragma once

#include <memory>
#include <vector>

#include <isnad/isnad.h>

#include "cli/commands.h"

namespace isnad::cli {

struct AnalyzedCorpus {
  std::shared_ptr<const Lexicons> lexicons;
  std::vector<Document> docs;  // kept only when asked (writers that show the text)
  // Every analysis, in input order, linked (Snapshot taken) once AnalyzeInputs returns.
  std::unique_ptr<Corpus> corpus;
  RunInfo run;

  const std::vector<DocAnalysis>& analyses() const { return corpus->analyses(); }
  const CorpusResult& result() { return corpus->Snapshot(); }  // taken already: no new work
};

// Loads the lexicons (embedded, or overridden from --data-dir); prints the error.
std::shared_ptr<const Lexicons> LoadLexicons(const CommonOptions& common);

// Returns kExitOk, or kExitUsage after printing why the run cannot start (a missing
// input, an unreadable manifest, a bad option value).
int AnalyzeInputs(const CommonOptions& common, const AnalyzeOptions& opt, bool keep_documents, AnalyzedCorpus* out);

}  // namespace isnad::cli
