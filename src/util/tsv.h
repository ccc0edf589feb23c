// Reading the project's TSV tables: '#' starts a comment line, blank lines are skipped,
// fields are separated by TAB. A row with too few fields is an error naming file:line.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace isnad {

struct TsvRow {
  int line = 0;
  std::vector<std::string_view> fields;  // views into the table text
};

// Splits `text` (named `name` in errors) into rows of at least `min_fields` fields.
Result<std::vector<TsvRow>> ParseTsv(std::string_view name, std::string_view text, size_t min_fields);

// Where tables come from: the embedded copies, or a directory that overrides them
// file by file (`isnad --data-dir DIR`), so a lexicon can be edited without a rebuild.
class DataSource {
 public:
  DataSource() = default;
  explicit DataSource(std::string dir) : dir_(std::move(dir)) {}
  // The table's text; storage lives as long as this DataSource.
  Result<std::string_view> Read(std::string_view name) const;

 private:
  std::string dir_;
  mutable std::vector<std::unique_ptr<std::string>> loaded_;
};

}  // namespace isnad
