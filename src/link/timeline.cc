#include "link/timeline.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace isnad {

std::vector<TimelineEvent> BuildTimeline(const std::vector<DocAnalysis>& docs, const std::vector<std::string>& story) {
  static const std::string kNone;
  std::map<std::tuple<std::string, std::string, std::string>, TimelineEvent> merged;  // (date, story, type)
  for (size_t d = 0; d < docs.size(); ++d) {
    const std::string& st = d < story.size() ? story[d] : kNone;
    for (const EventCandidate& c : docs[d].events) {
      const std::string& date = docs[d].times[c.time].expr.value;
      if (date.empty()) continue;
      TimelineEvent& e = merged[{date, st, c.type}];
      if (e.evidence.empty()) {
        e.story = st;
        e.date = date;
        e.type = c.type;
        e.summary = c.summary;
      }
      bool dup = false;
      for (const auto& ev : e.evidence) dup |= ev.doc == d && ev.span == c.sentence;
      if (!dup) e.evidence.push_back({d, c.sentence});
    }
  }
  std::vector<TimelineEvent> out;
  for (auto& [key, e] : merged) out.push_back(std::move(e));
  for (size_t i = 0; i < out.size(); ++i) out[i].id = "v" + std::to_string(i + 1);
  return out;
}

}  // namespace isnad
