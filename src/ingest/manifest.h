// The manifest: a TSV or CSV file with a header row, keyed by `id` or `path`, with any
// of `url`, `outlet`, `published`, `title`, `language`. It supplies metadata the text
// lacks; what it gives wins over what is found in the text. A malformed row (wrong
// number of fields, bad date, no key) is an error naming file and line, on the run and
// on the document it names; the other rows still apply.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/document.h"
#include "util/status.h"

namespace isnad {

struct ManifestRow {
  int line = 0;
  std::string id, path, url, outlet, published, title, language;
};

struct Manifest {
  std::string name;
  std::vector<ManifestRow> rows;
  std::vector<std::string> errors;  // "manifest.tsv:7: ..."
};

// Parses manifest text; `name` is used in errors. Tabs in the header mean TSV, else CSV
// (RFC 4180 quoting).
Result<Manifest> ParseManifest(std::string_view name, std::string_view text);
Result<Manifest> LoadManifest(const std::string& path);

// The rows of a manifest indexed for documents that arrive one at a time: a document
// takes the rows with its id, else with its path, else with its file name.
class ManifestIndex {
 public:
  explicit ManifestIndex(const Manifest& m);
  // Applies the matching rows (in file order) to `doc`; returns whether any matched.
  bool Apply(Document* doc);
  // One error per row that matched no document applied so far ("m.tsv:7: no document
  // with id `x` among the inputs").
  std::vector<std::string> Unmatched() const;
  size_t unmatched_count() const;

 private:
  const Manifest& m_;
  std::unordered_map<std::string, std::vector<size_t>> by_id_, by_path_, by_file_;
  std::vector<uint8_t> used_;
};

// Applies rows to documents (by id, else by path or file name). Rows that match no
// document become run errors in `errors`, after the manifest's own errors.
void ApplyManifest(const Manifest& m, std::vector<Document>* docs, std::vector<std::string>* errors);

}  // namespace isnad
