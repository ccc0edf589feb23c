// The timeline: dated happenings (events[] of SPEC.md) merged across documents.
// Each document proposes event candidates (a sentence with an event word and a time
// expression of day precision); candidates of one story, type and date are one event,
// with the evidence of every document that tells it. Sorted by date.
#pragma once

#include <string>
#include <vector>

#include "model/document.h"

namespace isnad {

struct TimelineEvent {
  std::string id;
  std::string story;  // id of the story its documents belong to
  std::string date;  // ISO date or "start/end"
  std::string type;
  std::string summary;
  struct Evidence {
    size_t doc;
    ByteSpan span;
  };
  std::vector<Evidence> evidence;
};

// story[i] is the story id of docs[i] (empty: one timeline for the whole corpus).
std::vector<TimelineEvent> BuildTimeline(const std::vector<DocAnalysis>& docs, const std::vector<std::string>& story = {});

}  // namespace isnad
