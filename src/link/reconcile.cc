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

// Disjoint sets over 0..n-1 (path halving, union by size).
class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n), size_(n, 1) {
    for (size_t i = 0; i < n; ++i) parent_[i] = i;
  }
  size_t Find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Unite(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
  }

 private:
  std::vector<size_t> parent_, size_;
};

}  // namespace

std::vector<ClaimGroup> ReconcileClaims(const std::vector<DocAnalysis>& docs, const std::vector<ReusePassage>& reuse,
                                        const std::vector<EntityRecord>& entities,
                                        const std::vector<std::string>& story) {
  static const std::string kNone;
  std::map<std::tuple<std::string, std::string, std::string>, ClaimGroup> groups;  // (story, family, subject)
  for (size_t d = 0; d < docs.size(); ++d) {
    for (size_t c = 0; c < docs[d].claims.size(); ++c) {
      const ClaimOut& claim = docs[d].claims[c];
      if (claim.category == "other" || claim.background) continue;
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
  // Reused passages by document (each passage under both of its documents).
  std::unordered_map<size_t, std::vector<const ReusePassage*>> passages_of;
  for (const ReusePassage& p : reuse) {
    passages_of[p.doc_a].push_back(&p);
    if (p.doc_b != p.doc_a) passages_of[p.doc_b].push_back(&p);
  }
  std::unordered_map<std::string, const std::string*> entity_names;
  for (const EntityRecord& e : entities) entity_names[e.id] = &e.name;
  std::vector<ClaimGroup> out;
  for (auto& [key, g] : groups) {
    std::sort(g.claims.begin(), g.claims.end(),
              [](const ClaimRef& a, const ClaimRef& b) { return a.doc != b.doc ? a.doc < b.doc : a.claim < b.claim; });
    // Independent sources: claims that share a root are one source, and so are two
    // claims with the same figure whose sentences lie on the two sides of one reused
    // passage (wire copy). Union-find over claims; a claim only meets the passages of
    // its own document and the claims of the other side's document with its figure, so
    // the cost follows the reuse found, not the square of the group.
    UnionFind uf(g.claims.size());
    std::unordered_map<std::string, size_t> first_with_root;
    for (size_t i = 0; i < g.claims.size(); ++i) {
      const ClaimRef& r = g.claims[i];
      auto [it, fresh] = first_with_root.emplace(SourceRoot(docs[r.doc], docs[r.doc].claims[r.claim]), i);
      if (!fresh) uf.Unite(i, it->second);
    }
    auto quantity_of = [&](const ClaimRef& r) -> const QuantityItem& {
      return docs[r.doc].quantities[docs[r.doc].claims[r.claim].quantity];
    };
    // (doc, low, high) -> claims of this group in that document with that figure.
    std::map<std::tuple<size_t, int64_t, int64_t>, std::vector<size_t>> by_doc_value;
    for (size_t i = 0; i < g.claims.size(); ++i) {
      const QuantityItem& q = quantity_of(g.claims[i]);
      by_doc_value[{g.claims[i].doc, q.q.low.value_or(-1), q.q.high.value_or(-1)}].push_back(i);
    }
    for (size_t i = 0; i < g.claims.size(); ++i) {
      const ClaimRef& a = g.claims[i];
      const QuantityItem& qa = quantity_of(a);
      auto pit = passages_of.find(a.doc);
      if (pit == passages_of.end()) continue;
      for (const ReusePassage* p : pit->second) {
        const bool a_is_a = p->doc_a == a.doc;
        const ByteSpan mine = a_is_a ? p->span_a : p->span_b, theirs = a_is_a ? p->span_b : p->span_a;
        const size_t other = a_is_a ? p->doc_b : p->doc_a;
        if (other == a.doc || !mine.Contains(qa.span)) continue;
        auto cit = by_doc_value.find({other, qa.q.low.value_or(-1), qa.q.high.value_or(-1)});
        if (cit == by_doc_value.end()) continue;
        for (size_t j : cit->second) {
          if (theirs.Contains(quantity_of(g.claims[j]).span)) uf.Unite(i, j);
        }
      }
    }
    std::vector<std::string> roots;
    roots.reserve(g.claims.size());
    for (size_t i = 0; i < g.claims.size(); ++i) {
      const ClaimRef& r = g.claims[uf.Find(i)];
      roots.push_back(SourceRoot(docs[r.doc], docs[r.doc].claims[r.claim]));
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
    // Status. Every pair of value ranges overlaps exactly when the largest low is at most
    // the smallest high (intervals on a line); "all of them" overlaps nothing.
    bool all_overlap = true;
    int64_t max_low = 0, min_high = INT64_MAX;
    for (const ClaimRef& r : g.claims) {
      const QuantityItem& q = quantity_of(r);
      if (q.q.qualifier == Qualifier::kAll && g.claims.size() > 1) all_overlap = false;
      max_low = std::max(max_low, q.q.low.value_or(0));
      min_high = std::min(min_high, q.q.high.value_or(INT64_MAX));
    }
    if (max_low > min_high) all_overlap = false;
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
