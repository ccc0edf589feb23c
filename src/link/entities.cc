#include "link/entities.h"

#include "extract/names.h"
#include "util/utf8.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace isnad {

int EntityLinker::Node(const std::string& key) {
  auto [it, inserted] = node_.emplace(key, static_cast<int>(parent_.size()));
  if (inserted) {
    parent_.push_back(it->second);
    keys_.push_back(key);
  }
  return it->second;
}

int EntityLinker::Find(int x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

void EntityLinker::Union(const std::string& a, const std::string& b) {
  int ra = Find(Node(a)), rb = Find(Node(b));
  if (ra != rb) parent_[std::max(ra, rb)] = std::min(ra, rb);
}

void EntityLinker::Add(size_t doc, const DocAnalysis& a) {
  for (size_t i = 0; i < a.mentions.size(); ++i) {
    Node(a.mentions[i].key);
    mentions_.push_back({doc, i, &a.mentions[i]});
  }
  for (const auto& [x, y] : a.aliases) Union(x, y);
  for (const auto& l : a.located) located_.push_back(l);
  for (const auto& s : a.alias_surfaces) surfaces_.push_back(s);
  for (const std::string& c : a.occupiers) ++occupier_votes_[c];
}

void EntityLinker::LinkVariants() {
  std::unordered_map<std::string, size_t> count;  // mentions per key
  for (const Pending& p : mentions_) ++count[p.m->key];
  const std::vector<std::string> keys(keys_);
  // Persons: (skeleton of the given name, skeleton of the surname) -> keys.
  std::map<std::pair<std::string, std::string>, std::vector<const std::string*>> persons;
  std::map<std::string, std::vector<const std::string*>> by_surname;  // surname skeleton -> full-name keys
  std::vector<const std::string*> alone;
  for (const std::string& k : keys) {
    if (!names::IsPersonKey(k)) continue;
    std::string_view given, surname;
    names::SplitPersonKey(k, &given, &surname);
    if (surname.empty()) continue;
    if (given.empty()) {
      alone.push_back(&k);
      continue;
    }
    persons[{lx_.NameSkeleton(given), lx_.NameSkeleton(surname)}].push_back(&k);
    by_surname[lx_.NameSkeleton(surname)].push_back(&k);
  }
  // Two spellings of one name part: equal, or equal skeletons unless both are listed
  // given names (then they are two names).
  auto same_part = [&](std::string_view a, std::string_view b) {
    if (a == b) return true;
    return !(lx_.given_names.FindWord(a) && lx_.given_names.FindWord(b));
  };
  for (auto& [skel, ks] : persons) {
    for (size_t x = 1; x < ks.size(); ++x) {
      std::string_view g0, s0, g1, s1;
      names::SplitPersonKey(*ks[0], &g0, &s0);
      names::SplitPersonKey(*ks[x], &g1, &s1);
      if (same_part(g0, g1) && same_part(s0, s1)) Union(*ks[0], *ks[x]);
    }
  }
  // A surname alone: the person who bears it most, if no other comes close.
  for (const std::string* k : alone) {
    std::string_view given, surname;
    names::SplitPersonKey(*k, &given, &surname);
    auto it = by_surname.find(lx_.NameSkeleton(surname));
    if (it == by_surname.end()) continue;
    std::map<int, size_t> per_root;
    for (const std::string* full : it->second) {
      std::string_view g, s;
      names::SplitPersonKey(*full, &g, &s);
      if (!same_part(s, surname)) continue;
      per_root[Find(Node(*full))] += count[*full];
    }
    int best = -1;
    size_t first = 0, second = 0;
    for (const auto& [root, c] : per_root) {
      if (c > first) {
        second = first;
        first = c;
        best = root;
      } else if (c > second) {
        second = c;
      }
    }
    if (best >= 0 && first >= 2 * second) Union(*k, keys_[best]);
  }
  // الاحتلال alone: the country the corpus names with it most.
  std::string occupier;
  int votes = 0;
  for (const auto& [c, v] : occupier_votes_) {
    if (v > votes || (v == votes && c < occupier)) {
      votes = v;
      occupier = c;
    }
  }
  // Final letters typed for one another, and the occupier: a key with one word changed.
  std::map<std::string, std::vector<const std::string*>> variants;
  for (const std::string& k : keys) {
    if (k.size() < 3 || !(k[0] == 'q' || k[0] == 'h' || k[0] == 'n') || k[1] != ':') continue;
    if (names::IsBodyKey(k) && !occupier.empty()) {
      size_t bar = k.rfind('|');
      if (std::string_view(k).substr(bar + 1) == names::kOccupier) Union(k, k.substr(0, bar + 1) + occupier);
    }
    // Every word of two letters or more with its last letter masked.
    size_t b = 2;
    while (b < k.size()) {
      size_t e = k.find_first_of(" |", b);
      if (e == std::string::npos) e = k.size();
      std::string_view w = std::string_view(k).substr(b, e - b);
      if (w.size() >= 6) {
        size_t last = utf8::FloorBoundary(w, w.size() - 1);
        variants[k.substr(0, b + last) + "\x01" + k.substr(e)].push_back(&k);
      }
      b = e + 1;
    }
  }
  for (auto& [masked, ks] : variants) {
    for (size_t x = 1; x < ks.size(); ++x) {
      // The two keys differ in one word's last letter; both letters must be final variants.
      const std::string& a = *ks[0];
      const std::string& c = *ks[x];
      size_t p = 0;
      while (p < a.size() && p < c.size() && a[p] == c[p]) ++p;
      size_t wb = a.find_last_of(" |:", p) + 1;
      size_t ea = a.find_first_of(" |", p), ec = c.find_first_of(" |", p);
      if (ea == std::string::npos) ea = a.size();
      if (ec == std::string::npos) ec = c.size();
      if (lx_.FinalVariants(std::string_view(a).substr(wb, ea - wb), std::string_view(c).substr(wb, ec - wb))) Union(a, c);
    }
  }
}

void EntityLinker::Finish() {
  LinkVariants();
  // A facility keyed by a place ("h:سجن|@g:hasakah") joins the single facility of the
  // same head located in that place.
  for (const std::string& key : std::vector<std::string>(keys_)) {
    size_t at = key.find("|@");
    if (key.rfind("h:", 0) != 0 || at == std::string::npos) continue;
    std::string head = key.substr(0, at + 1);  // "h:سجن|"
    std::string place = key.substr(at + 2);
    std::set<int> roots;
    std::string one;
    for (const auto& [fac, loc] : located_) {
      if (loc != place || fac.rfind(head, 0) != 0 || fac == key) continue;
      roots.insert(Find(Node(fac)));
      one = fac;
    }
    if (roots.size() == 1) Union(key, one);
  }
  // Entities in order of first mention.
  std::map<int, size_t> index_of_root;
  for (const Pending& p : mentions_) {
    int root = Find(node_.at(p.m->key));
    auto [it, inserted] = index_of_root.emplace(root, entities_.size());
    if (inserted) {
      EntityRecord e;
      e.id = "e" + std::to_string(entities_.size() + 1);
      entities_.push_back(std::move(e));
      id_of_root_[root] = entities_.back().id;
    }
    EntityRecord& e = entities_[it->second];
    e.mentions.push_back({p.doc, p.index});
  }
  // Type, name and aliases, from each entity's own mentions (one pass to bucket them).
  std::vector<std::vector<size_t>> by_entity(entities_.size());
  for (size_t i = 0; i < mentions_.size(); ++i) {
    by_entity[index_of_root.at(Find(node_.at(mentions_[i].m->key)))].push_back(i);
  }
  std::unordered_map<int, std::vector<const std::string*>> surfaces_of_root;
  for (const auto& [key, surface] : surfaces_) {
    auto it = node_.find(key);
    if (it != node_.end()) surfaces_of_root[Find(it->second)].push_back(&surface);
  }
  for (auto& [root, idx] : index_of_root) {
    EntityRecord& e = entities_[idx];
    std::map<EntityType, int> types;
    std::map<std::string, int> names;
    std::set<std::string> seen;
    std::string gazetteer;
    for (size_t mi : by_entity[idx]) {
      const Pending& p = mentions_[mi];
      ++types[p.m->type];
      if (!p.m->anaphor) ++names[p.m->text];
      std::string norm = lx_.normalizer.NormalizeString(p.m->text);
      if (seen.insert(norm).second) e.aliases.push_back(p.m->text);
      if (gazetteer.empty() && p.m->key.rfind("g:", 0) == 0) gazetteer = lx_.GazetteerName(p.m->key.substr(2));
      if (gazetteer.empty() && p.m->key.rfind("m:", 0) == 0) gazetteer = p.m->key.substr(2);
    }
    for (const std::string* surface : surfaces_of_root[root]) {
      std::string norm = lx_.normalizer.NormalizeString(*surface);
      if (seen.insert(norm).second) e.aliases.push_back(*surface);
    }
    int best = -1;
    for (auto& [t, c] : types) {
      if (c > best) {
        best = c;
        e.type = t;
      }
    }
    if (!gazetteer.empty()) {
      e.name = gazetteer;
    } else {
      // The most frequent full form; ties go to the longer.
      int bc = -1;
      for (auto& [n, c] : names) {
        if (c > bc || (c == bc && n.size() > e.name.size())) {
          bc = c;
          e.name = n;
        }
      }
      if (e.name.empty() && !e.aliases.empty()) e.name = e.aliases.front();
    }
  }
}

std::string EntityLinker::IdOf(const std::string& key) const {
  auto it = node_.find(key);
  if (it == node_.end()) return "";
  int x = it->second;
  while (parent_[x] != x) x = parent_[x];
  auto id = id_of_root_.find(x);
  return id == id_of_root_.end() ? "" : id->second;
}

}  // namespace isnad
