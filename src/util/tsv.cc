#include "util/tsv.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/embedded.h"

namespace isnad {

Result<std::vector<TsvRow>> ParseTsv(std::string_view name, std::string_view text, size_t min_fields) {
  std::vector<TsvRow> rows;
  int lineno = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    TsvRow row;
    row.line = lineno;
    size_t f = 0;
    while (true) {
      size_t tab = line.find('\t', f);
      row.fields.push_back(line.substr(f, tab == std::string_view::npos ? std::string_view::npos : tab - f));
      if (tab == std::string_view::npos) break;
      f = tab + 1;
    }
    // A trailing "# gloss" field is a comment, not data.
    while (!row.fields.empty() && !row.fields.back().empty() && row.fields.back()[0] == '#') row.fields.pop_back();
    if (row.fields.size() < min_fields) {
      return Status::Corruption(std::string(name) + ":" + std::to_string(lineno) + ": expected " +
                                std::to_string(min_fields) + " tab-separated fields");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::string_view> DataSource::Read(std::string_view name) const {
  if (!dir_.empty()) {
    std::filesystem::path p = std::filesystem::path(dir_) / std::string(name);
    if (std::filesystem::exists(p)) {
      std::ifstream in(p, std::ios::binary);
      if (!in) return Status::IOError("cannot read " + p.string());
      std::ostringstream ss;
      ss << in.rdbuf();
      loaded_.push_back(std::make_unique<std::string>(ss.str()));
      return std::string_view(*loaded_.back());
    }
  }
  std::string_view data = EmbeddedData(name);
  if (data.data() == nullptr) return Status::NotFound("data table " + std::string(name));
  return data;
}

}  // namespace isnad
