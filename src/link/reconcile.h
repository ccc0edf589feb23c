// Reconciliation: claims grouped by what they count, across documents.
//
// A group is a story (link/stories.h: a group never spans two), a category (escape and
// recapture are one family: "escaped") and a subject: the counted actor's entity, or its
// class (civilians, families and residents count as civilians), or "unknown". Within a
// group:
//   - independent sources are the original speakers (an outlet's own narration counts
//     for that outlet); intermediaries in a chain do not add a source, and two claims
//     whose sentences lie in one reused passage (wire copy) count once;
//   - status: `single` (one independent source, one figure), `evolving` (one source
//     whose figure rises with the date it was published: a running tally), `agree`
//     (every pair of value ranges overlaps), else `conflict`;
//   - range: the lowest low and the highest high (open when a figure has no bound);
//   - the conservative figure is the lowest credible count (the smallest lower bound of
//     a figure with one), in the style of conflict-event datasets, with the dispute noted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/document.h"
#include "link/entities.h"
#include "link/reuse.h"

namespace isnad {

struct ClaimRef {
  size_t doc;
  size_t claim;  // index into DocAnalysis::claims
};

struct ClaimGroup {
  std::string id;
  std::string story;          // id of the story its claims' documents belong to
  std::string category;
  std::string subject;        // entity id or class or "unknown"
  std::string subject_label;  // a readable name
  std::string event;          // the timeline event most of its claims belong to, or ""
  std::vector<ClaimRef> claims;
  std::string status;
  std::optional<int64_t> low, high;
  std::optional<int64_t> conservative;
  std::vector<std::string> sources;  // independent sources, readable
  std::string note;
};

// story[i] is the story id of docs[i] (empty: the whole corpus is one story).
std::vector<ClaimGroup> ReconcileClaims(const std::vector<DocAnalysis>& docs, const std::vector<ReusePassage>& reuse,
                                        const std::vector<EntityRecord>& entities,
                                        const std::vector<std::string>& story = {});

}  // namespace isnad
