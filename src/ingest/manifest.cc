#include "ingest/manifest.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "util/civil_date.h"

namespace isnad {

namespace {

// Splits one CSV record starting at `pos` (which it advances); handles quoted fields
// with embedded commas, quotes ("") and newlines. Returns false on an unclosed quote.
bool CsvRecord(std::string_view text, size_t* pos, std::vector<std::string>* fields) {
  fields->clear();
  std::string cur;
  bool quoted = false, any = false;
  size_t i = *pos;
  for (; i < text.size(); ++i) {
    char c = text[i];
    any = true;
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') { cur.push_back('"'); ++i; }
        else quoted = false;
      } else {
        cur.push_back(c);
      }
      continue;
    }
    if (c == '"' && cur.empty()) { quoted = true; continue; }
    if (c == ',') { fields->push_back(std::move(cur)); cur.clear(); continue; }
    if (c == '\n') { ++i; break; }
    if (c == '\r') continue;
    cur.push_back(c);
  }
  *pos = i;
  if (quoted) return false;
  if (any) fields->push_back(std::move(cur));
  return true;
}

void TsvRecord(std::string_view line, std::vector<std::string>* fields) {
  fields->clear();
  size_t f = 0;
  while (true) {
    size_t tab = line.find('\t', f);
    std::string_view v = line.substr(f, tab == std::string_view::npos ? std::string_view::npos : tab - f);
    if (!v.empty() && v.back() == '\r') v.remove_suffix(1);
    fields->emplace_back(v);
    if (tab == std::string_view::npos) break;
    f = tab + 1;
  }
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

Result<Manifest> ParseManifest(std::string_view name, std::string_view text) {
  Manifest m;
  m.name = std::string(name);
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t header_end = text.find('\n');
  std::string_view header_line = text.substr(0, header_end);
  const bool tsv = header_line.find('\t') != std::string_view::npos;
  size_t pos = 0;
  int line = 1;
  std::vector<std::string> fields;
  auto next = [&]() -> bool {
    if (pos >= text.size()) return false;
    if (tsv) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      TsvRecord(text.substr(pos, nl - pos), &fields);
      pos = nl + 1;
      return true;
    }
    if (!CsvRecord(text, &pos, &fields)) {
      m.errors.push_back(m.name + ":" + std::to_string(line) + ": unclosed quote; rest of the file ignored");
      pos = text.size();
      return false;
    }
    return true;
  };
  if (!next()) return Status::InvalidArgument(m.name + ": empty manifest (a header row is required)");
  std::vector<std::string> header;
  for (auto& f : fields) header.push_back(Trim(f));
  int key_col = -1;
  std::unordered_map<std::string, int> col;
  for (size_t i = 0; i < header.size(); ++i) col[header[i]] = static_cast<int>(i);
  if (col.count("id")) key_col = col["id"];
  else if (col.count("path")) key_col = col["path"];
  if (key_col < 0) return Status::InvalidArgument(m.name + ":1: header needs an `id` or `path` column");
  for (const std::string& h : header) {
    static const char* kKnown[] = {"id", "path", "url", "outlet", "published", "title", "language"};
    bool known = false;
    for (const char* k : kKnown) known |= h == k;
    if (!known) m.errors.push_back(m.name + ":1: unknown column `" + h + "` ignored");
  }
  while (next()) {
    ++line;
    bool blank = true;
    for (auto& f : fields) blank &= Trim(f).empty();
    if (blank) continue;
    std::string where = m.name + ":" + std::to_string(line);
    if (fields.size() != header.size()) {
      m.errors.push_back(where + ": expected " + std::to_string(header.size()) + " fields, found " +
                         std::to_string(fields.size()) + "; row skipped");
      continue;
    }
    ManifestRow r;
    r.line = line;
    auto get = [&](const char* c) { return col.count(c) ? Trim(fields[col[c]]) : std::string(); };
    r.id = get("id");
    r.path = get("path");
    r.url = get("url");
    r.outlet = get("outlet");
    r.published = get("published");
    r.title = get("title");
    r.language = get("language");
    if (r.id.empty() && r.path.empty()) {
      m.errors.push_back(where + ": no id or path; row skipped");
      continue;
    }
    if (!r.published.empty() && !CivilDate::ParseIso(r.published)) {
      m.errors.push_back(where + ": published `" + r.published + "` is not an ISO date (YYYY-MM-DD[THH:MM]); ignored");
      r.published.clear();
    }
    m.rows.push_back(std::move(r));
  }
  return m;
}

Result<Manifest> LoadManifest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("manifest " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ParseManifest(std::filesystem::path(path).filename().string(), ss.str());
}

namespace {

std::string FileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

}  // namespace

ManifestIndex::ManifestIndex(const Manifest& m) : m_(m), used_(m.rows.size(), 0) {
  for (size_t i = 0; i < m.rows.size(); ++i) {
    const ManifestRow& r = m.rows[i];
    if (!r.id.empty()) by_id_[r.id].push_back(i);
    if (!r.path.empty()) {
      by_path_[r.path].push_back(i);
      by_file_[FileName(r.path)].push_back(i);
    }
  }
}

bool ManifestIndex::Apply(Document* d) {
  const std::vector<size_t>* rows = nullptr;
  auto find = [&](const std::unordered_map<std::string, std::vector<size_t>>& idx, const std::string& key) {
    auto it = idx.find(key);
    if (it != idx.end()) rows = &it->second;
    return rows != nullptr;
  };
  if (!find(by_id_, d->id) && !find(by_path_, d->path) && !find(by_file_, FileName(d->path))) return false;
  auto set = [&](const std::string& v, std::string* field, std::string* from) {
    if (v.empty()) return;
    *field = v;
    if (from) *from = "manifest";
  };
  for (size_t i : *rows) {
    const ManifestRow& r = m_.rows[i];
    used_[i] = 1;
    set(r.url, &d->url, nullptr);
    set(r.outlet, &d->outlet, &d->outlet_from);
    set(r.published, &d->published, &d->published_from);
    set(r.title, &d->title, &d->title_from);
    set(r.language, &d->language, nullptr);
  }
  return true;
}

size_t ManifestIndex::unmatched_count() const {
  size_t n = 0;
  for (uint8_t u : used_) n += u == 0;
  return n;
}

std::vector<std::string> ManifestIndex::Unmatched() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < m_.rows.size(); ++i) {
    if (used_[i]) continue;
    const ManifestRow& r = m_.rows[i];
    out.push_back(m_.name + ":" + std::to_string(r.line) + ": no document with " +
                  (r.id.empty() ? "path `" + r.path : "id `" + r.id) + "` among the inputs");
  }
  return out;
}

void ApplyManifest(const Manifest& m, std::vector<Document>* docs, std::vector<std::string>* errors) {
  for (const std::string& e : m.errors) errors->push_back(e);
  ManifestIndex index(m);
  for (Document& d : *docs) index.Apply(&d);
  for (std::string& e : index.Unmatched()) errors->push_back(std::move(e));
}

}  // namespace isnad
