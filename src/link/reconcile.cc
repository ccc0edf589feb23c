#include "link/reconcile.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <cstdlib>
#include <unordered_map>

#include "link/entities.h"

namespace isnad {

namespace {

std::string Family(const std::string& category) { return category == "recaptured" ? "escaped" : category; }

std::string SubjectKey(const ClaimOut& c) {
  if (c.subject && !c.subject->entity.empty()) return c.subject->entity;
  if (c.subject_class == "civilians" || c.subject_class == "families" || c.subject_class == "residents") return "civilians";
  if (!c.subject_class.empty()) return c.subject_class;
  return "unknown";
}

// The independent source behind a claim: the original speaker, else the outlet.
std::string SourceRoot(const DocAnalysis& d, const ClaimOut& c) {
  if (c.source) {
    if (!c.source->entity.empty()) return "entity:" + c.source->entity;
    return "generic:" + d.id + ":" + c.source->text;  // unnamed sources of one article
  }
  return "outlet:" + (d.outlet.empty() ? d.id : d.outlet);
}

std::string SourceLabel(const DocAnalysis& d, const ClaimOut& c,
                        const std::unordered_map<std::string, const std::string*>& entity_names) {
  if (c.source && !c.source->entity.empty()) {
    auto it = entity_names.find(c.source->entity);
    if (it != entity_names.end()) return *it->second;
  }
  if (c.source) return c.source->text;
  return d.outlet.empty() ? d.id : d.outlet;
}

bool Overlaps(const QuantityItem& a, const QuantityItem& b) {
  auto lo = [](const QuantityItem& q) { return q.q.low.value_or(0); };
  auto hi = [](const QuantityItem& q) { return q.q.high.value_or(INT64_MAX); };
  return lo(a) <= hi(b) && lo(b) <= hi(a);
}

}  // namespace

std::vector<ClaimGroup> ReconcileClaims(const std::vector<DocAnalysis>& docs, const std::vector<ReusePassage>& reuse,
                                        const std::vector<EntityRecord>& entities,
                                        const std::vector<std::string>& story) {
  static const std::string kNone;
  std::map<std::tuple<std::string, std::string, std::string>, ClaimGroup> groups;  // (story, family, subject)
  for (size_t d = 0; d < docs.size(); ++d) {
    for (size_t c = 0; c < docs[d].claims.size(); ++c) {
      const ClaimOut& claim = docs[d].claims[c];
      if (claim.category == "other") continue;
      auto key = std::make_tuple(d < story.size() ? story[d] : kNone, Family(claim.category), SubjectKey(claim));
      ClaimGroup& g = groups[key];
      g.story = std::get<0>(key);
      g.category = std::get<1>(key);
      g.subject = std::get<2>(key);
      if (g.subject_label.empty()) {
        g.subject_label = claim.subject && !claim.subject->entity.empty() ? claim.subject->text : g.subject;
        if (claim.subject && !claim.subject->entity.empty()) {
          size_t n = std::strtoul(claim.subject->entity.c_str() + 1, nullptr, 10);  // ids are e1, e2, …
          if (n >= 1 && n <= entities.size() && entities[n - 1].id == claim.subject->entity) g.subject_label = entities[n - 1].name;
        }
      }
      g.claims.push_back({d, c});
    }
  }
  // "All of them" with no actor named refers to the set the story already counts: it
  // joins the story's largest group of its category ("all the escapees were recaptured").
  auto all_universal = [&](const ClaimGroup& g) {
    for (const ClaimRef& r : g.claims) {
      const DocAnalysis& d = docs[r.doc];
      if (d.quantities[d.claims[r.claim].quantity].q.qualifier != Qualifier::kAll) return false;
    }
    return true;
  };
  for (auto it = groups.begin(); it != groups.end();) {
    const auto& [it_story, it_family, it_subject] = it->first;
    if (it_subject != "unknown" || !all_universal(it->second)) {
      ++it;
      continue;
    }
    ClaimGroup* largest = nullptr;
    for (auto& [key, g] : groups) {
      if (std::get<0>(key) == it_story && std::get<1>(key) == it_family && std::get<2>(key) != "unknown" &&
          (!largest || g.claims.size() > largest->claims.size())) {
        largest = &g;
      }
    }
    if (!largest) {
      ++it;
      continue;
    }
    largest->claims.insert(largest->claims.end(), it->second.claims.begin(), it->second.claims.end());
    it = groups.erase(it);
  }
  // Reused passages by document pair.
  std::map<std::pair<size_t, size_t>, std::vector<const ReusePassage*>> passages;
  for (const ReusePassage& p : reuse) passages[{std::min(p.doc_a, p.doc_b), std::max(p.doc_a, p.doc_b)}].push_back(&p);
  std::unordered_map<std::string, const std::string*> entity_names;
  for (const EntityRecord& e : entities) entity_names[e.id] = &e.name;
  std::vector<ClaimGroup> out;
  for (auto& [key, g] : groups) {
    std::sort(g.claims.begin(), g.claims.end(),
              [](const ClaimRef& a, const ClaimRef& b) { return a.doc != b.doc ? a.doc < b.doc : a.claim < b.claim; });
    // Independent sources: union claims that share a root or a reused passage.
    std::vector<std::string> roots;
    for (const ClaimRef& r : g.claims) roots.push_back(SourceRoot(docs[r.doc], docs[r.doc].claims[r.claim]));
    // Only claims with the same figure can be one report copied: bucket by value first.
    std::map<std::pair<int64_t, int64_t>, std::vector<size_t>> by_value;
    for (size_t i = 0; i < g.claims.size(); ++i) {
      const ClaimRef& r = g.claims[i];
      const QuantityItem& q = docs[r.doc].quantities[docs[r.doc].claims[r.claim].quantity];
      by_value[{q.q.low.value_or(-1), q.q.high.value_or(-1)}].push_back(i);
    }
    for (const auto& [value, members] : by_value) {
    for (size_t mi = 0; mi < members.size(); ++mi) {
      for (size_t mj = 0; mj < mi; ++mj) {
        const size_t i = members[mi], j = members[mj];
        const ClaimRef &a = g.claims[i], &b = g.claims[j];
        const QuantityItem& qa = docs[a.doc].quantities[docs[a.doc].claims[a.claim].quantity];
        const QuantityItem& qb = docs[b.doc].quantities[docs[b.doc].claims[b.claim].quantity];
        if (a.doc == b.doc) continue;
        auto pair_it = passages.find({std::min(a.doc, b.doc), std::max(a.doc, b.doc)});
        if (pair_it == passages.end()) continue;
        for (const ReusePassage* pp : pair_it->second) {
          const ReusePassage& p = *pp;
          bool ab = (p.doc_a == b.doc && p.doc_b == a.doc && qb.span.begin >= p.span_a.begin && qb.span.end <= p.span_a.end &&
                     qa.span.begin >= p.span_b.begin && qa.span.end <= p.span_b.end);
          bool ba = (p.doc_a == a.doc && p.doc_b == b.doc && qa.span.begin >= p.span_a.begin && qa.span.end <= p.span_a.end &&
                     qb.span.begin >= p.span_b.begin && qb.span.end <= p.span_b.end);
          if (ab || ba) {
            std::string old = roots[i];
            for (std::string& r : roots) {
              if (r == old) r = roots[j];
            }
          }
        }
      }
    }
    }
    std::set<std::string> distinct(roots.begin(), roots.end());
    std::set<std::string> labels;
    for (size_t i = 0; i < g.claims.size(); ++i) {
      const ClaimRef& r = g.claims[i];
      if (labels.size() < distinct.size()) labels.insert(SourceLabel(docs[r.doc], docs[r.doc].claims[r.claim], entity_names));
    }
    g.sources.assign(labels.begin(), labels.end());
    // Range and conservative figure.
    bool open_high = false;
    for (const ClaimRef& r : g.claims) {
      const QuantityItem& q = docs[r.doc].quantities[docs[r.doc].claims[r.claim].quantity];
      if (q.q.low && (!g.low || *q.q.low < *g.low)) g.low = q.q.low;
      if (!q.q.high && q.q.qualifier != Qualifier::kAll) open_high = true;
      if (q.q.high && (!g.high || *q.q.high > *g.high)) g.high = q.q.high;
      if (q.q.low && *q.q.low > 0 && (!g.conservative || *q.q.low < *g.conservative)) g.conservative = q.q.low;
    }
    if (open_high) g.high.reset();
    // Status.
    bool all_overlap = true;
    for (size_t i = 0; i < g.claims.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        const ClaimRef &a = g.claims[i], &b = g.claims[j];
        const QuantityItem& qa = docs[a.doc].quantities[docs[a.doc].claims[a.claim].quantity];
        const QuantityItem& qb = docs[b.doc].quantities[docs[b.doc].claims[b.claim].quantity];
        if (qa.q.qualifier == Qualifier::kAll || qb.q.qualifier == Qualifier::kAll) {
          all_overlap = false;
          continue;
        }
        all_overlap &= Overlaps(qa, qb);
      }
    }
    if (g.claims.size() == 1 || (distinct.size() == 1 && all_overlap)) {
      g.status = "single";
    } else if (all_overlap) {
      g.status = "agree";
    } else {
      // One source whose figure grows with publication date: a running tally.
      std::map<std::string, std::vector<std::pair<long, int64_t>>> by_source;
      for (size_t i = 0; i < g.claims.size(); ++i) {
        const ClaimRef& r = g.claims[i];
        const DocAnalysis& d = docs[r.doc];
        const QuantityItem& q = d.quantities[d.claims[r.claim].quantity];
        long when = d.published.valid() ? d.published.serial() : 0;
        by_source[roots[i]].push_back({when, q.q.low.value_or(0)});
      }
      bool evolving = by_source.size() == 1;
      for (auto& [src, v] : by_source) {
        std::sort(v.begin(), v.end());
        for (size_t k = 1; k < v.size(); ++k) evolving &= v[k].first > v[k - 1].first && v[k].second > v[k - 1].second;
      }
      g.status = evolving ? "evolving" : "conflict";
    }
    std::map<std::string, int> events;
    for (const ClaimRef& r : g.claims) {
      const std::string& ev = docs[r.doc].claims[r.claim].event;
      if (!ev.empty()) ++events[ev];
    }
    int best_events = 0;
    for (const auto& [ev, n] : events) {
      if (n > best_events) {
        best_events = n;
        g.event = ev;
      }
    }
    if (g.status == "conflict") g.note = "disputed: figures from different sources do not overlap";
    if (g.status == "evolving") g.note = "a running tally from one source; the latest figure supersedes";
    out.push_back(std::move(g));
  }
  std::sort(out.begin(), out.end(), [](const ClaimGroup& a, const ClaimGroup& b) {
    return a.claims.size() != b.claims.size() ? a.claims.size() > b.claims.size() : a.category < b.category;
  });
  for (size_t i = 0; i < out.size(); ++i) out[i].id = "g" + std::to_string(i + 1);
  return out;
}

}  // namespace isnad
