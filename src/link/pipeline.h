// The per-document stage of the engine.
//
// AnalyzeDocument is a pure function of one document and the lexicons: it runs the
// text core (normalize, tokenize, sentences), times, quantities and the page
// structure, and resolves times against the publication date when the document or its
// metadata gives one. It shares no mutable state, so AnalyzeAll runs it on every core.
//
// Everything that needs other documents is the corpus stage (link/corpus.h).
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>
#include <vector>

#include "model/document.h"
#include "lexicon/lexicons.h"

namespace isnad {

DocAnalysis AnalyzeDocument(const Document& doc, const Lexicons& lx);

// AnalyzeDocument that never throws: an exception (std::bad_alloc included) becomes an
// error on the returned analysis.
DocAnalysis AnalyzeDocumentSafely(const Document& doc, const Lexicons& lx);

// Counters the caller may watch from another thread (progress display).
struct Progress {
  std::atomic<uint64_t> docs{0};
  std::atomic<uint64_t> bytes{0};
};

// Analyses docs[i] into (*out)[i] on `threads` threads (0 = all cores), each with
// AnalyzeDocumentSafely; with ISNAD_CHECK_SPANS=1 set, every span is checked against its
// text (SpanMismatches) and a mismatch is an error on its document.
void AnalyzeAll(const std::vector<Document>& docs, const Lexicons& lx, unsigned threads,
                std::vector<DocAnalysis>* out, Progress* progress = nullptr);

// Only the text core and extractors (no page structure, no output), for benchmarks:
// returns a checksum of token, sentence, time and quantity counts.
uint64_t RunTextCore(std::string_view text, const Lexicons& lx);

}  // namespace isnad
