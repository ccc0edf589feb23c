#include "link/date_inference.h"

#include <algorithm>
#include <cstdlib>

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
      long cost = std::labs(s - anchor);
      for (const CivilDate& m : c.mentioned) {
        if (d < m) cost += 30;
      }
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
  for (size_t i = 0; i < docs.size(); ++i) {
    DocAnalysis& a = docs[i];
    if (a.published.valid() || a.tokens == 0) continue;
    std::vector<CivilDate> neighbours;
    int before = 0, after = 0;
    for (size_t k = i; k-- > 0 && before < 3;) {
      if (docs[k].published.valid() && docs[k].published_from != "inferred") { neighbours.push_back(docs[k].published); ++before; }
    }
    for (size_t k = i + 1; k < docs.size() && after < 3; ++k) {
      if (docs[k].published.valid() && docs[k].published_from != "inferred") { neighbours.push_back(docs[k].published); ++after; }
    }
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
