// The corpus stage: everything that needs other documents.
//
// A Corpus takes the per-document analyses in arrival order (Add) and, when asked
// (Snapshot), links them: documents with no publication date get one inferred from
// their own constraints and their dated neighbours (link/date_inference.h), mention keys
// are united into entities (link/entities.h), text reuse is found over all shingles
// (link/reuse.h), documents are clustered into stories (link/stories.h), claims whose
// time ends before their story are marked background, dated event sentences merge into
// the timeline (link/timeline.h) and claims are reconciled into groups
// (link/reconcile.h).
//
// Only the entity linker's intake runs at Add time: it indexes the document's mention
// keys and unites its alias pairs, which does not depend on later documents. Every other
// step reads the whole corpus at once and runs at Snapshot: a date is inferred from the
// dated documents on both sides of the undated one; FindReuse drops the shingles too
// common across the corpus to mean copying, so no passage is final before the last
// document; stories, background, the timeline and the groups all read the reuse
// passages and the entities. ReuseIndex (link/reuse.h) finds the same passages one
// document at a time, but with far more memory traffic, so Snapshot uses FindReuse.
//
// Finish runs the reuse step ahead of Snapshot and frees the shingle hashes it reads.
//
// Snapshot writes its findings into the analyses (entity ids, inferred dates and the
// times resolved against them, background flags, event ids on claims). Documents may
// still be added after a Snapshot: the next one first undoes what the last one wrote and
// then runs over every document, so its result is the one a single Snapshot after all
// the Adds would give. (Were those findings kept in the CorpusResult beside the
// analyses instead, the analyses could stay as the per-document stage made them and
// nothing would need undoing; the writers read them from the analyses today.)
//
// A Corpus is not thread-safe; AnalyzeAll (link/pipeline.h) is the parallel stage.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "lexicon/lexicons.h"
#include "link/entities.h"
#include "link/reconcile.h"
#include "link/reuse.h"
#include "link/stories.h"
#include "link/timeline.h"
#include "model/document.h"

namespace isnad {

// What the corpus stage finds across documents.
struct CorpusResult {
  std::vector<EntityRecord> entities;
  std::vector<ReusePassage> reuse;
  std::vector<ClaimGroup> groups;
  std::vector<TimelineEvent> events;
  // Steps that could not run (out of memory on a huge corpus; reuse for documents added
  // after Corpus::Finish): the rest still did.
  std::vector<std::string> errors;
  std::vector<StoryRecord> stories;
  std::vector<size_t> story_of;  // per document: index into `stories`

  // The story id of document `doc` ("" if it has none).
  const std::string& StoryId(size_t doc) const {
    static const std::string kNone;
    return doc < story_of.size() && story_of[doc] < stories.size() ? stories[story_of[doc]].id : kNone;
  }
};

class Corpus {
 public:
  // The lexicons must outlive the Corpus.
  explicit Corpus(const Lexicons& lx);
  ~Corpus();

  Corpus(const Corpus&) = delete;
  Corpus& operator=(const Corpus&) = delete;

  // Appends one analysis and returns its index (the order of arrival is the corpus
  // order: date inference reads neighbours in it, entities are numbered by first
  // mention in it).
  size_t Add(DocAnalysis a);

  // Links every document added so far and returns the result; the analyses carry
  // their corpus fields (analyses()). Cheap when nothing was added since the last call.
  // The result belongs to the Corpus: the next Snapshot after an Add replaces it.
  const CorpusResult& Snapshot();

  // Finds the text reuse among every document added so far and frees their shingle
  // hashes (the words stay: stories read them), the largest part of an analysis kept
  // only for that step. Snapshots afterwards use these passages; documents added after
  // Finish are compared with none, and every Snapshot says so in its errors. Calling it
  // again frees the hashes of those later documents too.
  void Finish();

  // The analyses in arrival order, with the corpus fields of the last Snapshot (none on
  // documents added since).
  const std::vector<DocAnalysis>& analyses() const { return docs_; }
  size_t size() const { return docs_.size(); }

 private:
  // What Snapshot writes into an undated document when it infers its date: its date
  // fields as they came, and the first day of each time left unresolved then.
  struct Undated {
    size_t doc;
    CivilDate published;
    int hour, minute;
    std::string published_from;
    std::vector<std::pair<uint32_t, CivilDate>> unresolved;  // index into times, first_day
  };

  void ForgetLastSnapshot();
  // FindReuse over every document; on failure `out` is empty and the error is returned.
  std::string FindAllReuse(std::vector<ReusePassage>* out) const;

  const Lexicons& lx_;
  std::vector<DocAnalysis> docs_;
  std::vector<Undated> undated_;
  // Fed at Add time; Finish() makes it final, so a Snapshot consumes it and the next
  // Add starts a new one over every document so far.
  std::unique_ptr<EntityLinker> linker_;
  CorpusResult result_;
  // Finish: the passages among the first reuse_docs_ documents (moved into result_
  // while a Snapshot holds them), and why they are missing if they are.
  bool finished_ = false;
  size_t reuse_docs_ = 0;
  std::vector<ReusePassage> reuse_;
  bool reuse_in_result_ = false;
  std::string reuse_error_;
  size_t snapshots_ = 0;     // Snapshots run
  bool current_ = false;     // result_ covers every document
};

}  // namespace isnad
