#include "link/corpus.h"

#include <new>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "link/date_inference.h"

namespace isnad {

// The linker keeps pointers to the mentions of each analysis it was given. They live
// in the analyses' own vectors, which a move leaves where they are: docs_ may grow
// while the linker is fed only because it moves its elements, never copies them.
static_assert(std::is_nothrow_move_constructible_v<DocAnalysis>);

namespace {

// The last day a resolved time value covers: "2013" → 2013-12-31, "2014-07" →
// 2014-07-31, "2022-01-26/2022-01-27" → 2022-01-27; nullopt when it does not parse.
std::optional<CivilDate> LastDayOf(std::string_view value) {
  if (size_t slash = value.find('/'); slash != std::string_view::npos) value = value.substr(slash + 1);
  std::optional<CivilDate> d = CivilDate::ParseIso(value);
  if (!d || d->year == 0) return std::nullopt;
  if (d->month == 0) d->month = 12;
  if (d->day == 0) d->day = CivilDate::DaysInMonth(d->year, d->month);
  return d->valid() ? d : std::nullopt;
}

// Marks the claims whose own time ends before their story begins (background: a toll of
// an earlier war quoted in today's story) and lists them with the story.
void MarkBackground(std::vector<DocAnalysis>* analyses, CorpusResult* result) {
  for (size_t d = 0; d < analyses->size(); ++d) {
    if (d >= result->story_of.size() || result->story_of[d] >= result->stories.size()) continue;
    StoryRecord& story = result->stories[result->story_of[d]];
    if (story.first < 0) continue;
    const long first_day = static_cast<long>(story.first / (24 * 60));
    std::vector<ClaimOut>& claims = (*analyses)[d].claims;
    for (size_t c = 0; c < claims.size(); ++c) {
      if (claims[c].as_of.empty()) continue;
      std::optional<CivilDate> last = LastDayOf(claims[c].as_of);
      if (!last || last->serial() >= first_day) continue;
      claims[c].background = true;
      story.background.push_back({d, c});
    }
  }
}

// Drops the spare capacity of every list of an analysis (shingles aside).
void FitLists(DocAnalysis* a) {
  a->boilerplate.shrink_to_fit();
  a->errors.shrink_to_fit();
  a->times.shrink_to_fit();
  a->quantities.shrink_to_fit();
  a->constraints.months_over.shrink_to_fit();
  a->constraints.mentioned.shrink_to_fit();
  a->mentions.shrink_to_fit();
  a->aliases.shrink_to_fit();
  a->located.shrink_to_fit();
  a->alias_surfaces.shrink_to_fit();
  a->occupiers.shrink_to_fit();
  a->claims.shrink_to_fit();
  for (ClaimOut& c : a->claims) c.chain.shrink_to_fit();
  a->framing.shrink_to_fit();
  StoryFeatures& f = a->story;
  f.terms.shrink_to_fit();
  f.phrases.shrink_to_fit();
  f.kinds.shrink_to_fit();
  f.figures.shrink_to_fit();
  f.entities.shrink_to_fit();
  f.sentences.shrink_to_fit();
  for (StoryFeatures::Sentence& s : f.sentences) s.terms.shrink_to_fit();
  a->events.shrink_to_fit();
}

}  // namespace

Corpus::Corpus(const Lexicons& lx) : lx_(lx), linker_(std::make_unique<EntityLinker>(lx)) {}

Corpus::~Corpus() = default;

size_t Corpus::Add(DocAnalysis a) {
  const size_t index = docs_.size();
  if (!a.published.valid()) {
    // Date inference may fill these in; kept so that a later Snapshot can start over.
    Undated u{index, a.published, a.hour, a.minute, a.published_from, {}};
    for (size_t t = 0; t < a.times.size(); ++t) {
      if (a.times[t].expr.value.empty()) u.unresolved.emplace_back(static_cast<uint32_t>(t), a.times[t].expr.first_day);
    }
    undated_.push_back(std::move(u));
  }
  // The shingles are kept until the corpus is linked: at their exact size, not with the
  // capacity the per-document stage reserved (one slot per token, punctuation included).
  a.shingles.hashes.shrink_to_fit();
  a.shingles.words.shrink_to_fit();
  // So is every other list the writers and the corpus stage read: the per-document stage
  // grew them by doubling, and a third of their capacity on average would stay unused
  // through the corpus stage and the writers.
  FitLists(&a);
  docs_.push_back(std::move(a));
  if (!linker_) {
    // The last Snapshot finished the linker: a new one takes every document again.
    linker_ = std::make_unique<EntityLinker>(lx_);
    for (size_t i = 0; i < index; ++i) linker_->Add(i, docs_[i]);
  }
  linker_->Add(index, docs_[index]);
  current_ = false;
  return index;
}

void Corpus::ForgetLastSnapshot() {
  // Finish's passages do not change with later documents: they are kept.
  if (reuse_in_result_) reuse_ = std::move(result_.reuse);
  reuse_in_result_ = false;
  result_ = CorpusResult();
  for (const Undated& u : undated_) {
    DocAnalysis& a = docs_[u.doc];
    a.published = u.published;
    a.hour = u.hour;
    a.minute = u.minute;
    a.published_from = u.published_from;
    for (const auto& [t, first_day] : u.unresolved) {
      a.times[t].expr.value.clear();
      a.times[t].expr.first_day = first_day;
    }
  }
  // Entity ids are all written again; these two are only ever set, so they are cleared.
  // The per-document stage leaves both empty.
  for (DocAnalysis& a : docs_) {
    for (ClaimOut& c : a.claims) {
      c.background = false;
      c.event.clear();
    }
  }
}

std::string Corpus::FindAllReuse(std::vector<ReusePassage>* out) const {
  std::vector<const DocShingles*> shingles;
  try {
    shingles.reserve(docs_.size());
    for (const DocAnalysis& a : docs_) shingles.push_back(&a.shingles);
    *out = FindReuse(shingles);
  } catch (const std::bad_alloc&) {
    std::vector<ReusePassage>().swap(*out);
    return "text reuse was not computed: out of memory for the shingles of " + std::to_string(docs_.size()) +
           " documents (lower --max-memory or split the corpus)";
  }
  return "";
}

void Corpus::Finish() {
  if (!finished_) {
    if (current_) {
      // The last Snapshot found the passages of every document: they are the ones.
      reuse_in_result_ = true;
    } else {
      reuse_error_ = FindAllReuse(&reuse_);
    }
    finished_ = true;
    reuse_docs_ = docs_.size();
  }
  for (DocAnalysis& a : docs_) std::vector<uint64_t>().swap(a.shingles.hashes);
}

const CorpusResult& Corpus::Snapshot() {
  if (current_) return result_;
  if (snapshots_ > 0) ForgetLastSnapshot();
  if (!linker_) {
    linker_ = std::make_unique<EntityLinker>(lx_);
    for (size_t i = 0; i < docs_.size(); ++i) linker_->Add(i, docs_[i]);
  }
  CorpusResult& result = result_;
  std::vector<DocAnalysis>* analyses = &docs_;
  EntityLinker& linker = *linker_;

  // Publication dates first: stories and the timeline read them.
  InferMissingDates(analyses);
  if (finished_) {
    result.reuse = std::move(reuse_);
    reuse_in_result_ = true;
  } else {
    reuse_error_ = FindAllReuse(&result.reuse);
  }
  if (!reuse_error_.empty()) result.errors.push_back(reuse_error_);
  if (docs_.size() > reuse_docs_ && finished_) {
    result.errors.push_back("text reuse was not computed for the last " + std::to_string(docs_.size() - reuse_docs_) +
                            " of " + std::to_string(docs_.size()) +
                            " documents: they were added after the corpus was finished (Corpus::Finish)");
  }
  linker.Finish();
  auto resolve = [&](ActorRef& r) { r.entity = linker.IdOf(r.key); };
  for (DocAnalysis& a : *analyses) {
    for (MentionItem& m : a.mentions) m.entity = linker.IdOf(m.key);
    for (ClaimOut& c : a.claims) {
      if (c.subject) resolve(*c.subject);
      if (c.source) resolve(*c.source);
      for (ActorRef& r : c.chain) resolve(r);
    }
    for (FramingOut& f : a.framing) {
      f.entity = linker.IdOf(f.entity_key);
      if (f.voice) resolve(*f.voice);
    }
  }
  result.stories = ClusterStories(*analyses, result.reuse, linker, &result.story_of);
  result.entities = linker.TakeEntities();  // moved, not copied: the records hold every mention
  // A finished linker takes no more documents; its index is freed before the writers run.
  linker_.reset();
  MarkBackground(analyses, &result);
  std::vector<std::string> story(analyses->size());
  for (size_t i = 0; i < story.size(); ++i) story[i] = result.StoryId(i);
  result.events = BuildTimeline(*analyses, story);
  // A claim told in a sentence the timeline uses as evidence belongs to that event.
  for (const TimelineEvent& e : result.events) {
    for (const auto& ev : e.evidence) {
      for (ClaimOut& c : (*analyses)[ev.doc].claims) {
        if (c.event.empty() && c.sentence.begin >= ev.span.begin && c.sentence.end <= ev.span.end) c.event = e.id;
      }
    }
  }
  result.groups = ReconcileClaims(*analyses, result.reuse, result.entities, story);
  ++snapshots_;
  current_ = true;
  return result_;
}

}  // namespace isnad
