// Ingest: turns command-line inputs into Documents, as a stream.
//
// Inputs are .txt files, .html/.htm saved pages, .jsonl files (optionally .jsonl.zst),
// directories (walked in sorted order, symlinks followed once) and "-" for standard
// input (JSONL if it starts with '{', else one text document). Bad input never stops
// the run: each problem becomes an error on its document (empty, binary, over the size
// limit, invalid UTF-8, malformed JSONL line, duplicate JSON key, truncated HTML) or, for
// a whole input, a document-level error naming the input (unreadable file, corrupt or
// truncated .zst after the lines that decoded), and the other documents go on. What a
// directory walk skips (other file types, FIFOs and devices, dangling symlinks, symlink
// loops, unreadable subdirectories) is reported as a warning with the reason.
//
// DocumentStream reads lazily: a file at a time, JSONL a line at a time with zstd
// decoded as a stream, so memory holds one batch of documents, never a whole corpus
// file. Caps bound what one input can cost: per document (max_bytes), per input file
// after decompression (max_input_bytes) and per run (max_documents); each cap reached
// is a clear error and the rest of the run goes on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/document.h"
#include "util/status.h"

namespace isnad {

struct ReadOptions {
  // Documents larger than this are not read (an error names the limit). Default 16 MiB,
  // far above any news article, low enough that one stray dump cannot exhaust memory.
  size_t max_bytes = 16u << 20;
  // Bytes read from one input file after decompression (a .jsonl.zst that expands
  // without end is cut here with an error). Default 8 GiB.
  uint64_t max_input_bytes = 8ull << 30;
  // Documents read in one run; the rest of the inputs are reported as not read.
  // Default 2,000,000 (an in-memory run; larger corpora belong in a store).
  uint64_t max_documents = 2'000'000;
  // Leave HTML pages for PrepareHtml (the CLI runs it on every core); by default pages
  // are extracted as they are read.
  bool defer_html = false;
};

struct ReadResult {
  std::vector<Document> docs;
  std::vector<std::string> warnings;  // run-level notes (skipped files, renamed duplicate ids)
  std::vector<std::string> errors;    // run-level errors (inputs left unread at a cap)
};

class DocumentStream {
 public:
  // Checks that every input exists (a missing one is NotFound and nothing is read) and
  // lists directories (paths only).
  static Result<std::unique_ptr<DocumentStream>> Open(const std::vector<std::string>& inputs,
                                                      const ReadOptions& options);
  ~DocumentStream();

  // Appends up to `max_docs` documents to *out (fewer once the inputs are exhausted).
  // Returns false when nothing was left to read. Never throws: a failure while reading
  // (including running out of memory) becomes an error document for that input.
  bool Next(size_t max_docs, std::vector<Document>* out);

  // Warnings gathered so far (directory walk, renamed duplicate ids); each is
  // returned once.
  std::vector<std::string> TakeWarnings();
  // Run-level errors (the per-run document cap reached with inputs left unread).
  std::vector<std::string> TakeErrors();

  // Bytes of input consumed so far and the total size of the input files (compressed
  // sizes for .zst; 0 when unknown, as for stdin): for progress and ETA.
  uint64_t bytes_consumed() const;
  uint64_t total_bytes() const;
  uint64_t documents_read() const;

 private:
  class Impl;
  explicit DocumentStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Reads every input into memory at once (tests, bench, eval). Fails only when an
// input path does not exist at all.
Status ReadInputs(const std::vector<std::string>& inputs, const ReadOptions& options, ReadResult* out);

// Parses JSONL text (one article per line, SPEC.md fields) into documents; `origin`
// names the file in paths and errors. Exposed for tests and the fuzzer.
void ParseJsonl(std::string_view text, const std::string& origin, const ReadOptions& options,
                std::vector<Document>* out);

// Checks and prepares one document whose `input` is set: size, emptiness, binary
// content, UTF-8 validity, HTML extraction (or, with defer_html, marks the page for it).
void PrepareDocument(const ReadOptions& options, Document* doc);

// Extracts the article of every page marked by defer_html, on `threads` threads (0 = all
// cores), with the HTML tables `rules` (nullptr: the built-in ones). Never throws: a page
// whose extraction fails keeps the error.
namespace html {
class Rules;
}
void PrepareHtml(std::vector<Document>* docs, unsigned threads, const html::Rules* rules = nullptr);

// The documents of a zstd-compressed JSONL held in memory (the streaming decoder over a
// buffer): exposed for the fuzzer. Errors (corrupt, truncated, over the input cap) come
// as a document that names `origin` after the lines that decoded.
void ParseJsonlZstd(std::string_view compressed, const std::string& origin, const ReadOptions& options,
                    std::vector<Document>* out);

}  // namespace isnad
