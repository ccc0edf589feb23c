#include "link/entities.h"

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
  for (const MentionItem& m : a.mentions) {
    Node(m.key);
    mentions_.push_back({doc, &m});
  }
  for (const auto& [x, y] : a.aliases) Union(x, y);
  for (const auto& l : a.located) located_.push_back(l);
  for (const auto& s : a.alias_surfaces) surfaces_.push_back(s);
}

void EntityLinker::Finish() {
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
    e.mentions.push_back({p.doc, p.m->span, p.m->text});
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
