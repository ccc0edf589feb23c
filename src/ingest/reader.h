// Ingest: turns command-line inputs into Documents.
//
// Inputs are .txt files, .html/.htm saved pages, .jsonl files (optionally .jsonl.zst),
// directories (read recursively, in sorted order) and "-" for standard input (JSONL if
// it starts with '{', else one text document). Bad input never stops the run: each
// problem becomes an error on its document (empty, binary, over the size limit,
// invalid UTF-8, malformed JSONL line, truncated HTML) and the other documents go on.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ingest/document.h"
#include "util/status.h"

namespace isnad {

struct ReadOptions {
  // Documents larger than this are not read (an error names the limit). Default 16 MiB,
  // far above any news article, low enough that one stray dump cannot exhaust memory.
  size_t max_bytes = 16u << 20;
};

struct ReadResult {
  std::vector<Document> docs;
  std::vector<std::string> warnings;  // run-level notes (skipped files, renamed duplicate ids)
};

// Reads every input. Fails only when an input path does not exist at all.
Status ReadInputs(const std::vector<std::string>& inputs, const ReadOptions& options, ReadResult* out);

// Parses JSONL text (one article per line, SPEC.md fields) into documents; `origin`
// names the file in paths and errors. Exposed for tests and the fuzzer.
void ParseJsonl(std::string_view text, const std::string& origin, const ReadOptions& options,
                std::vector<Document>* out);

// Checks and prepares one document whose `input` is set: size, emptiness, binary
// content, UTF-8 validity, HTML extraction.
void PrepareDocument(const ReadOptions& options, Document* doc);

}  // namespace isnad
