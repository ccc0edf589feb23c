// Stories: the documents that tell of one specific happening (an attack and its
// aftermath, one summit, one vote, one diplomatic row), as an editor's "full coverage"
// heading. Claim groups, timeline events and reuse are then told per story.
//
// The per-document stage computes a document's StoryFeatures (ComputeStoryFeatures):
// Snowball stems of the title, of the lead (the first sentence or two of the body:
// news puts the happening there) and of the first few hundred body words; the actors
// and places it names, by zone; the counts its title and lead give; and the sentences a
// summary may quote. Nothing in it needs other documents.
//
// StoryIndex is the corpus half, online: documents are added in arrival order and each
// one joins the most similar story or starts a new one. Two IDF-weighted vectors are
// built (document frequencies as seen so far):
//   - the headline vector: title stems (boosted), lead stems, the counts of the title and
//     lead, and the actors and places they name: it finds the candidate stories (below)
//     and picks the story's representative title;
//   - the content vector: stems of the title, lead and body (log tf), the key phrases
//     of the title and lead (adjacent content-word pairs) and every actor and place
//     named there.
// Similarity is the content vector's cosine with the story's centroid (the sum of its
// members' unit vectors), times an exponential decay in the hours between the document
// and the story's time span.
// Related happenings share their words (the killings at a border and the embassy
// opening of the same day, a summit and its cancellation), so the kind of act a report
// names is a check on the best match: the kinds its title names (data/story_events.tsv:
// an attack, an opening, the recall of envoys, sanctions, a meeting...; the lead's when the
// title names none) against the kinds the story's members name in their titles and
// leads. A document whose kinds few of the members name (below `kind_share`) sees its
// similarity to that story scaled down (to `kind_floor` when none does) before it is held
// against `join`: it starts a story of its own rather than join a related one. The check
// only says whether to join the best-matching story, never which story is best, so a
// kind the table misses or a background act in a title cannot steer a report to another
// story. Verbal reactions name no kind: they join what they react to.
// Only a bounded candidate set is scored: an inverted index maps each headline feature
// to the stories recently indexed under it, a document queries its most distinctive
// features only, and stories last seen outside the time window are skipped, so the cost
// per document does not grow with the corpus.
//   - A document that republishes an earlier one (text reuse covering most of both: the
//     same body under a revised title, a second section, a wire copy) joins its story.
//   - When a document is close enough to two stories and their centroids, with it, are
//     close to each other, the stories merge (a later report bridges two partial ones).
// Thresholds are similarities of principled quantities (cosines, reuse coverage,
// hours), set in StoryOptions; none names a word. Stopwords come from
// data/function_words.tsv; anything else common gets a low IDF.
//
// Story ids derive from content: a hash of the id of the story's earliest document
// (by publication time, then id), so they do not depend on input order.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include "extract/attribution.h"
#include "extract/entities.h"
#include "extract/numbers.h"
#include "lexicon/lexicons.h"
#include "model/story_features.h"
#include "text/sentences.h"
#include "text/tokenizer.h"

namespace isnad {

// What ComputeStoryFeatures reads from the per-document stage. Spans are view offsets
// of `tt`; `to_input` maps them to input offsets; `usable` says whether an input span is
// article text (not page chrome).
struct StoryInput {
  std::string_view title;            // the document's title as given or found
  std::optional<ByteSpan> title_view;  // the title's place in the text, if it is there
  ByteSpan body_view;
  const TokenizedText* tt = nullptr;
  const std::vector<Sentence>* sentences = nullptr;
  const std::vector<Quantity>* quantities = nullptr;
  const std::vector<uint8_t>* taken = nullptr;  // tokens of time expressions and quantities
  const EntityFacts* facts = nullptr;
  const Attribution* attribution = nullptr;
  std::function<ByteSpan(ByteSpan)> to_input;
  std::function<bool(ByteSpan)> usable;
};

void ComputeStoryFeatures(const StoryInput& in, const Lexicons& lx, StoryFeatures* out);

struct StoryOptions {
  // Cosine a document needs with a story's centroid to join it; below, it starts one.
  double join = 0.20;
  // The kind-of-happening check (see the top of this file): below `kind_share` of a
  // story's members naming one of the document's kinds, its similarity is scaled
  // linearly down to `kind_floor` (none naming it) before it is held against `join`.
  // With no kind in common a document thus needs join / kind_floor (0.44) to join: about
  // the cosine two related stories' centroids have with each other (an embassy opening
  // and the killings of the same day, a summit threat and the talks it follows), so a
  // related happening stays apart, while a follow-up that retells the happening closer
  // than that (an arrest, a funeral, a second statement under another verb) joins it.
  double kind_share = 0.25;
  double kind_floor = 0.45;
  // Cosine of two stories' centroids at which a document close to both (>= join) merges
  // them: a later report bridging two partial ones.
  double merge = 0.6;
  // Weight of a title stem against a body stem.
  double title_boost = 2.0;
  // Weight of a key phrase (times its IDF) against a single stem of the same zone. Low:
  // a phrase is rare, so its IDF alone already weighs it well above its two words.
  double phrase_weight = 0.25;
  // Similarity decays by a factor e every `decay_hours` the document lies beyond
  // `grace_hours` from the story's time span (a happening is reported for a day or two;
  // after that only a closer match continues it); stories further than `window_hours`
  // are no candidates.
  double grace_hours = 72;
  double decay_hours = 120;
  double window_hours = 7 * 24;
  // Similarity decays by a factor e every `span_decay_hours` the story would span beyond
  // `span_hours` from its first document to its last: a daily market report or a
  // weeks-long campaign does not chain into one story of a month, each day's report
  // joining yesterday's; a happening's aftermath of a few days stays whole.
  double span_hours = 96;
  double span_decay_hours = 48;
  // Reuse coverage (of each side's words) at which a document is a republication.
  double republication = 0.6;
  // Bounds on the work per document.
  size_t query_features = 40;  // most distinctive features a document looks up and is indexed under
  size_t max_postings = 48;    // stories kept per feature (the most recent)
  size_t max_candidates = 32;  // stories scored exactly
  size_t max_centroid = 600;   // features kept per centroid
  size_t summary_sentences = 3;
  // IDF is smoothed by a prior of `prior_documents` virtual documents in which a term
  // occurs at `prior_rate`: log((N + n0) / (df + n0 * rate)). In a small collection about
  // one happening, its own words are in every document; without the prior they would
  // weigh less than any one article's idiosyncrasies. With many documents it is plain IDF.
  double prior_documents = 200;
  double prior_rate = 0.01;
  // Batch runs: document frequencies from the whole collection before the first Add, so
  // the first arrivals are weighed with the same statistics as the last.
  bool prime_df = true;
};

// One document as the story index sees it.
struct StoryDoc {
  size_t index = 0;        // the caller's document index
  std::string id;          // document id (story ids derive from it)
  int64_t minutes = -1;    // publication time, minutes since 1970-01-01; -1 unknown
  std::string outlet;
  const StoryFeatures* features = nullptr;  // must outlive the index
  // Parallel to features->entities: the corpus entity id of each key ("" = keep the key).
  std::vector<std::string> entity_ids;
  // Earlier documents (caller indices, already added) this one republishes.
  std::vector<size_t> republishes;
};

struct StoryRecord {
  std::string id;
  std::vector<size_t> docs;  // caller indices, by publication time then id
  int64_t first = -1, last = -1;  // minutes, -1 unknown
  size_t title_doc = 0;      // the member whose headline is closest to the centroid
  std::vector<std::string> outlets;
  std::vector<std::string> actors, places;  // entity ids (or keys), most named first
  struct Quote {
    size_t doc;
    ByteSpan span;
  };
  std::vector<Quote> summary;
  // Claims whose time lies before the story's (ClaimOut::background), set by the corpus stage.
  struct ClaimAt {
    size_t doc;
    size_t claim;  // index into DocAnalysis::claims
  };
  std::vector<ClaimAt> background;
};

class StoryIndex {
 public:
  explicit StoryIndex(StoryOptions options = StoryOptions());

  // Counts the document's features in the document frequencies (Add does it for a
  // document not observed before). A batch observes every document first, so that the
  // first arrivals are weighed with the same statistics as the last.
  void Observe(const StoryDoc& doc);
  // Joins the document to a story or starts one.
  void Add(StoryDoc doc);
  // The stories as they stand, ordered by their first document; `story_of`, if given,
  // receives for each caller index the position of its story (SIZE_MAX if never added).
  std::vector<StoryRecord> Snapshot(std::vector<size_t>* story_of = nullptr) const;

  size_t size() const { return docs_.size(); }
  const StoryOptions& options() const { return opt_; }

 private:
  using Vec = std::vector<std::pair<uint64_t, float>>;  // sparse, sorted by feature
  // The sum of the members' unit vectors (sorted by feature) and its squared length.
  struct Centroid {
    Vec w;
    double norm2 = 0;
    void Add(const Vec& v, double v2);  // v2: squared length of v
    double Cosine(const Vec& unit) const;
    double Cosine(const Centroid& c) const;
    void Prune(size_t keep);  // keeps the `keep` heaviest features
  };
  // What the candidate search reads of every story it meets through the postings, kept
  // apart from the centroids and members in one dense array: a few thousand of these per
  // document, at random among all stories, so each should cost one cache line, not one
  // line of a Story and another of what it points to.
  struct Head {
    int64_t first = -1, last = -1;  // minutes
    uint32_t parent = 0;  // union-find: a merged story points at the one it joined
  };
  struct Story {
    Centroid centroid;
    std::vector<uint32_t> members;  // arrival numbers
    // The kinds of happening the members' titles and leads name: (class, members naming it).
    std::vector<std::pair<uint32_t, uint32_t>> kinds;
  };
  // A feature's document frequency, and its IDF as last computed with `n` documents
  // observed (the IDF of a feature is read for every document that has it, at Add and
  // again at Snapshot; it changes only when a document is observed).
  struct Df {
    uint32_t df = 0;
    mutable uint32_t n = 0;
    mutable double idf = 0;
  };
  struct DocState {
    StoryDoc doc;
    uint32_t story = 0;  // a story it joined (Find gives the current one)
  };

  static const std::string& EntityId(const StoryDoc& d, size_t i);
  static int64_t Gap(int64_t minutes, const Head& s);
  void Vectors(const StoryDoc& d, Vec* headline, Vec* content) const;  // either may be null
  double Idf(uint64_t feature) const;
  double Similarity(const Vec& content, int64_t minutes, uint32_t s) const;
  // The factor in (kind_floor, 1] of the kind-of-happening check of `f` against `s`.
  double KindFactor(const StoryFeatures& f, uint32_t s) const;
  uint32_t Find(uint32_t s) const;
  uint32_t Union(uint32_t a, uint32_t b);
  void Index(uint32_t story, const Vec& v);
  void Retire();  // prunes the centroids of stories out of the window

  StoryOptions opt_;
  std::vector<DocState> docs_;
  std::vector<Story> stories_;
  mutable std::vector<Head> heads_;  // parallel to stories_; mutable: Find compresses paths
  // Open-addressing tables (Abseil's): the index holds one entry per distinct feature of
  // the corpus, millions on a long stream, where a node per entry would cost an
  // allocation and a cache miss more per lookup.
  absl::flat_hash_map<uint64_t, Df> df_;
  absl::flat_hash_set<size_t> observed_;  // caller indices counted in df_
  absl::flat_hash_map<uint64_t, std::vector<uint32_t>> postings_;
  absl::flat_hash_map<size_t, uint32_t> arrival_of_;  // caller index -> arrival number
  // The candidate search's scratch, per story: its score and whether it has one; the
  // stories touched are listed to reset them (no table allocated per document).
  std::vector<float> acc_;
  std::vector<uint8_t> scored_;
  std::vector<uint32_t> touched_;
  int64_t latest_ = -1;  // latest publication time seen
};

struct DocAnalysis;
struct ReusePassage;
class EntityLinker;

// The corpus stage's use of the index: documents join in order of publication time (then
// id; undated ones last), so the stories do not depend on the order of the input; a
// reuse passage covering `republication` of both documents' words makes the later one a
// republication; mention keys are resolved to entity ids. story_of[i] is the position
// of document i's story.
std::vector<StoryRecord> ClusterStories(const std::vector<DocAnalysis>& docs, const std::vector<ReusePassage>& reuse,
                                        const EntityLinker& linker, std::vector<size_t>* story_of,
                                        const StoryOptions& options = StoryOptions());

}  // namespace isnad
