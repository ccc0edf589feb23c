#include "link/date_inference.h"

#include <algorithm>
#include <cstdlib>

#include "extract/times.h"

namespace isnad {

std::optional<CivilDate> InferPublicationDate(const DateConstraints& c, const std::vector<CivilDate>& neighbours) {
  std::vector<long> anchors;
  for (const CivilDate& d : neighbours) {
    if (d.valid()) anchors.push_back(d.serial());
  }
  long anchor;
  if (!anchors.empty()) {
    std::sort(anchors.begin(), anchors.end());
    anchor = anchors[anchors.size() / 2];
  } else if (!c.mentioned.empty() || c.not_before) {
    // No dated neighbour: the latest date the text itself mentions.
    CivilDate latest = c.not_before.value_or(CivilDate{});
    for (const CivilDate& d : c.mentioned) latest = std::max(latest, d);
    anchor = latest.serial();
  } else {
    return std::nullopt;
  }
  // Each mentioned date after a candidate day costs 30: count them by binary search.
  std::vector<long> mentioned;
  mentioned.reserve(c.mentioned.size());
  for (const CivilDate& m : c.mentioned) mentioned.push_back(m.serial());
  std::sort(mentioned.begin(), mentioned.end());
  for (int relax = 0; relax < 3; ++relax) {
    const bool use_weekday = relax < 2 && c.weekday >= 0;
    const bool use_month = relax < 1 && (c.month > 0 || !c.months_over.empty());
    std::optional<CivilDate> best;
    long best_cost = 0;
    for (long s = anchor - 366; s <= anchor + 366; ++s) {
      CivilDate d = CivilDate::FromSerial(s);
      if (use_weekday && d.weekday() != c.weekday) continue;
      if (use_month && c.month > 0 && d.month != c.month) continue;
      if (use_month && std::find(c.months_over.begin(), c.months_over.end(), d.month) != c.months_over.end()) continue;
      if (c.not_before && d < *c.not_before) continue;
      long later = static_cast<long>(mentioned.end() - std::upper_bound(mentioned.begin(), mentioned.end(), s));
      long cost = std::labs(s - anchor) + 30 * later;
      if (!best || cost < best_cost) {
        best = d;
        best_cost = cost;
      }
    }
    if (best) return best;
  }
  return std::nullopt;
}

void InferMissingDates(std::vector<DocAnalysis>* analyses) {
  std::vector<DocAnalysis>& docs = *analyses;
  // Documents whose date the source or the text gives, in input order: an undated
  // document's neighbours are the three before and after it among them (binary search,
  // so a corpus where most documents are undated stays linear).
  std::vector<size_t> dated;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (docs[i].published.valid()) dated.push_back(i);
  }
  std::vector<CivilDate> neighbours;
  for (size_t i = 0; i < docs.size(); ++i) {
    DocAnalysis& a = docs[i];
    if (a.published.valid() || a.tokens == 0) continue;
    neighbours.clear();
    size_t at = static_cast<size_t>(std::lower_bound(dated.begin(), dated.end(), i) - dated.begin());
    for (size_t k = at, n = 0; k-- > 0 && n < 3; ++n) neighbours.push_back(docs[dated[k]].published);
    for (size_t k = at, n = 0; k < dated.size() && n < 3; ++k, ++n) neighbours.push_back(docs[dated[k]].published);
    auto d = InferPublicationDate(a.constraints, neighbours);
    if (!d) continue;
    a.published = *d;
    a.hour = a.minute = -1;
    a.published_from = "inferred";
    for (TimeItem& t : a.times) {
      if (t.expr.value.empty()) ResolveTime(a.published, &t.expr);
    }
  }
}

}  // namespace isnad
