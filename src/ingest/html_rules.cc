#include "ingest/html_rules.h"

#include <cstdio>
#include <cstdlib>

namespace isnad::html {

Result<std::shared_ptr<const Rules>> Rules::Load(const DataSource& source) {
  std::shared_ptr<Rules> r(new Rules());
  auto refs = CharRefs::Load(source);
  if (!refs.ok()) return refs.status();
  r->refs_ = refs.value();

  auto hints = source.Read("html_hints.tsv");
  if (!hints.ok()) return hints.status();
  auto rows = ParseTsv("html_hints.tsv", hints.value(), 2);
  if (!rows.ok()) return rows.status();
  static const char* kKinds[] = {"body", "positive", "negative", "unlikely", "maybe", "drop", "hidden"};
  for (const TsvRow& row : rows.value()) {
    if (row.fields[1] == "role") {
      r->roles_.emplace_back(row.fields[0]);
      continue;
    }
    int kind = -1;
    for (int k = 0; k < 7; ++k) {
      if (row.fields[1] == kKinds[k]) kind = k;
    }
    if (kind < 0 || row.fields[0].empty()) {
      return Status::Corruption("html_hints.tsv:" + std::to_string(row.line) + ": unknown kind `" +
                                std::string(row.fields[1]) + "`");
    }
    std::string w(row.fields[0]);
    for (char& c : w) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    r->words_.push_back({std::move(w), static_cast<uint8_t>(kind)});
  }

  auto months = source.Read("months.tsv");
  if (!months.ok()) return months.status();
  auto mrows = ParseTsv("months.tsv", months.value(), 3);
  if (!mrows.ok()) return mrows.status();
  for (const TsvRow& row : mrows.value()) {
    if (row.fields[1] != "gregorian") continue;
    int m = std::atoi(std::string(row.fields[2]).c_str());
    if (m < 1 || m > 12) continue;
    std::string name(row.fields[0]);
    for (char& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    r->months_.emplace(std::move(name), m);
  }
  auto meta = source.Read("html_meta.tsv");
  if (!meta.ok()) return meta.status();
  auto meta_rows = ParseTsv("html_meta.tsv", meta.value(), 2);
  if (!meta_rows.ok()) return meta_rows.status();
  for (const TsvRow& row : meta_rows.value()) {
    std::string w(row.fields[0]);
    std::string_view role = row.fields[1];
    if (role == "article_type") {
      r->article_types_.push_back(w);
      continue;
    }
    for (char& c : w) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    if (role == "published" || role == "modified") {
      r->meta_roles_.emplace(w, std::string(role));
    } else if (role == "date_class") {
      r->date_classes_.push_back(w);
      r->words_.push_back({w, 7});
    } else if (role == "am" || role == "pm") {
      r->clock_.emplace(w, role == "am" ? -1 : 1);
    } else {
      return Status::Corruption("html_meta.tsv:" + std::to_string(row.line) + ": unknown role `" + std::string(role) + "`");
    }
  }
  for (size_t i = 0; i < r->words_.size(); ++i) {
    r->by_first_[static_cast<unsigned char>(r->words_[i].word[0])].push_back(static_cast<uint16_t>(i));
  }
  return std::shared_ptr<const Rules>(std::move(r));
}

std::string_view Rules::MetaRole(std::string_view lower_name) const {
  auto it = meta_roles_.find(lower_name);
  return it == meta_roles_.end() ? std::string_view() : std::string_view(it->second);
}

bool Rules::IsArticleType(std::string_view type) const {
  // "https://schema.org/NewsArticle" and "NewsArticle" alike.
  size_t slash = type.rfind('/');
  if (slash != std::string_view::npos) type.remove_prefix(slash + 1);
  for (const std::string& t : article_types_) {
    if (t == type) return true;
  }
  return false;
}

bool Rules::IsDateClass(std::string_view lower) const {
  for (const std::string& w : date_classes_) {
    if (lower.find(w) != std::string_view::npos) return true;
  }
  return false;
}

int Rules::ClockHalf(std::string_view lower) const {
  auto it = clock_.find(lower);
  return it == clock_.end() ? 0 : it->second;
}

const Rules& Rules::Default() {
  static std::shared_ptr<const Rules> instance = [] {
    auto r = Load(DataSource());
    if (!r.ok()) {
      std::fprintf(stderr, "isnad: embedded HTML tables are broken: %s\n", r.status().ToString().c_str());
      std::abort();
    }
    return r.value();
  }();
  return *instance;
}

Hint Rules::Match(std::string_view lower) const {
  Hint h;
  if (lower.empty()) return h;
  bool pos = false, neg = false;
  // One pass over the string, trying the words that start with each byte.
  for (size_t at = 0; at < lower.size(); ++at) {
    for (uint16_t wi : by_first_[static_cast<unsigned char>(lower[at])]) {
      const Word& w = words_[wi];
      if (at + w.word.size() > lower.size() || (w.word.size() > 1 && lower[at + 1] != w.word[1]) ||
          lower.compare(at, w.word.size(), w.word) != 0) {
        continue;
      }
      switch (w.kind) {
      case 0: h.flags |= Hint::kBody; break;
      case 1: pos = true; break;
      case 2: neg = true; break;
      case 3: h.flags |= Hint::kUnlikely; break;
      case 4: h.flags |= Hint::kMaybe; break;
      case 5: h.flags |= Hint::kDrop; break;
      case 6: h.flags |= Hint::kHidden; break;
      case 7: h.flags |= Hint::kDate; break;
      }
    }
  }
  h.positive = pos;
  h.negative = neg;
  return h;
}

bool Rules::IsChromeRole(std::string_view lower) const {
  for (const std::string& r : roles_) {
    if (r == lower) return true;
  }
  return false;
}

int Rules::Month(std::string_view lower) const {
  auto it = months_.find(lower);
  return it == months_.end() ? 0 : it->second;
}

}  // namespace isnad::html
