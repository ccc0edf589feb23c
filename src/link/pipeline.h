// The two stages of the engine.
//
// AnalyzeDocument is a pure function of one document and the lexicons: it runs the
// text core (normalize, tokenize, sentences), times, quantities and the page
// structure, and resolves times against the publication date when the document or its
// metadata gives one. It shares no mutable state, so AnalyzeAll runs it on every core.
//
// LinkCorpus owns everything that needs other documents: today, inferring the
// publication date of documents that give none (from their own time expressions and
// their neighbours' dates) and resolving their times against it.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "model/document.h"
#include "lexicon/lexicons.h"
#include "link/entities.h"
#include "link/reconcile.h"
#include "link/reuse.h"
#include "link/stories.h"
#include "link/timeline.h"

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

// What the corpus stage finds across documents.
struct CorpusResult {
  std::vector<EntityRecord> entities;
  std::vector<ReusePassage> reuse;
  std::vector<ClaimGroup> groups;
  std::vector<TimelineEvent> events;
  // Steps that could not run (out of memory on a huge corpus): the rest still did.
  std::vector<std::string> errors;
  std::vector<StoryRecord> stories;
  std::vector<size_t> story_of;  // per document: index into `stories`

  // The story id of document `doc` ("" if it has none).
  const std::string& StoryId(size_t doc) const {
    static const std::string kNone;
    return doc < story_of.size() && story_of[doc] < stories.size() ? stories[story_of[doc]].id : kNone;
  }
};

// The corpus stage: publication dates, entities across documents (every document-level
// key in `analyses` is resolved to an entity id), text reuse.
CorpusResult LinkCorpus(std::vector<DocAnalysis>* analyses, const Lexicons& lx);

// Only the text core and extractors (no page structure, no output), for benchmarks:
// returns a checksum of token, sentence, time and quantity counts.
uint64_t RunTextCore(std::string_view text, const Lexicons& lx);

}  // namespace isnad
