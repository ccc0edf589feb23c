#include "ingest/reader.h"

#include <simdjson.h>
#include <zstd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <unordered_map>

#include "ingest/html.h"
#include "util/utf8.h"

namespace isnad {

namespace fs = std::filesystem;

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

enum class FileKind { kText, kHtml, kJsonl, kJsonlZst, kOther };

FileKind KindOf(const std::string& path) {
  std::string p = Lower(path);
  if (EndsWith(p, ".jsonl.zst") || EndsWith(p, ".ndjson.zst")) return FileKind::kJsonlZst;
  if (EndsWith(p, ".jsonl") || EndsWith(p, ".ndjson")) return FileKind::kJsonl;
  if (EndsWith(p, ".html") || EndsWith(p, ".htm")) return FileKind::kHtml;
  if (EndsWith(p, ".txt")) return FileKind::kText;
  return FileKind::kOther;
}

std::string StemOf(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  for (std::string_view ext : {".jsonl.zst", ".txt", ".html", ".htm", ".jsonl", ".ndjson"}) {
    if (EndsWith(Lower(name), ext)) return name.substr(0, name.size() - ext.size());
  }
  size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

std::string HumanBytes(uint64_t n) {
  char buf[32];
  if (n >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", n / 1048576.0);
  else if (n >= 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", n / 1024.0);
  else std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(n));
  return buf;
}

// Reads a whole file, refusing files over `limit` (0 = no limit).
Status ReadFile(const std::string& path, uint64_t limit, std::string* out) {
  std::error_code ec;
  uint64_t size = fs::file_size(path, ec);
  if (ec) return Status::IOError(path + ": " + ec.message());
  if (limit && size > limit) {
    return Status::TooLarge("file is " + HumanBytes(size) + ", over the " + HumanBytes(limit) +
                            " limit (raise it with --max-bytes)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path);
  out->resize(size);
  in.read(out->data(), static_cast<std::streamsize>(size));
  if (static_cast<uint64_t>(in.gcount()) != size) return Status::IOError("short read on " + path);
  return Status::OK();
}

Status DecompressZstd(const std::string& compressed, std::string* out) {
  ZSTD_DStream* ds = ZSTD_createDStream();
  if (ds == nullptr) return Status::IOError("zstd: out of memory");
  ZSTD_initDStream(ds);
  ZSTD_inBuffer in{compressed.data(), compressed.size(), 0};
  std::string chunk(ZSTD_DStreamOutSize(), '\0');
  size_t ret = 1;
  while (in.pos < in.size) {
    ZSTD_outBuffer o{chunk.data(), chunk.size(), 0};
    ret = ZSTD_decompressStream(ds, &o, &in);
    if (ZSTD_isError(ret)) {
      std::string msg = ZSTD_getErrorName(ret);
      ZSTD_freeDStream(ds);
      return Status::Corruption("zstd: " + msg);
    }
    out->append(chunk.data(), o.pos);
  }
  ZSTD_freeDStream(ds);
  if (ret != 0) return Status::Corruption("zstd: truncated stream");
  return Status::OK();
}

Document ErrorDocument(std::string id, std::string path, std::string error) {
  Document d;
  d.id = std::move(id);
  d.path = std::move(path);
  d.errors.push_back(std::move(error));
  d.unreadable = true;
  return d;
}

void ReadOne(const std::string& path, FileKind kind, const ReadOptions& opt, ReadResult* out) {
  if (kind == FileKind::kJsonl || kind == FileKind::kJsonlZst) {
    std::string bytes;
    // A JSONL file holds many documents: the per-document limit applies per line.
    Status st = ReadFile(path, 0, &bytes);
    if (st.ok() && kind == FileKind::kJsonlZst) {
      std::string plain;
      st = DecompressZstd(bytes, &plain);
      bytes.swap(plain);
    }
    if (!st.ok()) {
      out->docs.push_back(ErrorDocument(StemOf(path), path, st.ToString()));
      return;
    }
    ParseJsonl(bytes, path, opt, &out->docs);
    return;
  }
  Document d;
  d.id = StemOf(path);
  d.path = path;
  d.html = kind == FileKind::kHtml;
  Status st = ReadFile(path, opt.max_bytes, &d.input);
  if (!st.ok()) {
    d.errors.push_back(st.ToString());
    d.unreadable = true;
    d.input.clear();
  } else {
    PrepareDocument(opt, &d);
  }
  out->docs.push_back(std::move(d));
}

}  // namespace

void PrepareDocument(const ReadOptions& opt, Document* d) {
  if (d->unreadable) return;
  if (d->input.size() > opt.max_bytes) {
    d->errors.push_back("too large: document is " + HumanBytes(d->input.size()) + ", over the " +
                        HumanBytes(opt.max_bytes) + " limit (raise it with --max-bytes)");
    d->unreadable = true;
    d->input.clear();
    return;
  }
  if (d->input.find_first_not_of(" \t\r\n") == std::string::npos) {
    d->errors.push_back(d->input.empty() ? "empty document" : "empty document (whitespace only)");
    d->unreadable = true;
    return;
  }
  size_t nul = d->input.find('\0');
  if (nul != std::string::npos) {
    d->errors.push_back("binary content (NUL byte at offset " + std::to_string(nul) + "), not text");
    d->unreadable = true;
    return;
  }
  if (!d->html) {
    // A .txt or JSONL text that is really a saved page.
    std::string_view head = std::string_view(d->input).substr(0, 512);
    std::string lower = Lower(std::string(head));
    size_t first = lower.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string::npos && (lower.compare(first, 9, "<!doctype") == 0 || lower.compare(first, 5, "<html") == 0)) {
      d->html = true;
    }
  }
  if (d->html) {
    ExtractHtml(d);  // decodes the page's charset, and says so when it is not UTF-8 after all
    return;
  }
  size_t bad = utf8::FindInvalid(d->input);
  if (bad != std::string_view::npos) {
    // Analysed anyway (each bad byte reads as U+FFFD; offsets stay exact), but flagged.
    d->errors.push_back("invalid UTF-8 at byte " + std::to_string(bad) + "; analysed with U+FFFD in its place");
  }
}

void ParseJsonl(std::string_view text, const std::string& origin, const ReadOptions& opt, std::vector<Document>* out) {
  simdjson::dom::parser parser;
  std::string stem = StemOf(origin);
  size_t pos = 0;
  int lineno = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::string where = origin + ":" + std::to_string(lineno);
    std::string fallback_id = stem + "-" + std::to_string(lineno);
    if (line.size() > opt.max_bytes + 65536) {
      out->push_back(ErrorDocument(fallback_id, where, "too large: JSONL line of " + HumanBytes(line.size()) +
                                                           " is over the limit (raise it with --max-bytes)"));
      continue;
    }
    simdjson::dom::element obj;
    auto err = parser.parse(line.data(), line.size()).get(obj);
    if (err) {
      out->push_back(ErrorDocument(fallback_id, where, std::string("malformed JSONL line: ") + simdjson::error_message(err)));
      continue;
    }
    if (!obj.is_object()) {
      out->push_back(ErrorDocument(fallback_id, where, "malformed JSONL line: not a JSON object"));
      continue;
    }
    Document d;
    d.path = where;
    auto str = [&](const char* key, std::string* dst) {
      std::string_view v;
      if (obj[key].get_string().get(v) == simdjson::SUCCESS) *dst = std::string(v);
    };
    str("id", &d.id);
    if (d.id.empty()) {
      int64_t num;
      if (obj["id"].get_int64().get(num) == simdjson::SUCCESS) d.id = std::to_string(num);
    }
    if (d.id.empty()) d.id = fallback_id;
    str("url", &d.url);
    str("outlet", &d.outlet);
    str("published", &d.published);
    str("title", &d.title);
    str("language", &d.language);
    if (!d.outlet.empty()) d.outlet_from = "jsonl";
    if (!d.title.empty()) d.title_from = "jsonl";
    if (!d.published.empty()) d.published_from = "jsonl";
    std::string_view body;
    if (obj["text"].get_string().get(body) == simdjson::SUCCESS) {
      d.input = std::string(body);
    } else if (obj["html"].get_string().get(body) == simdjson::SUCCESS) {
      d.input = std::string(body);
      d.html = true;
    } else {
      d.errors.push_back("JSONL line has no \"text\" or \"html\" string field");
      d.unreadable = true;
      out->push_back(std::move(d));
      continue;
    }
    PrepareDocument(opt, &d);
    out->push_back(std::move(d));
  }
}

Status ReadInputs(const std::vector<std::string>& inputs, const ReadOptions& opt, ReadResult* out) {
  for (const std::string& input : inputs) {
    if (input == "-") {
      std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      size_t first = bytes.find_first_not_of(" \t\r\n");
      if (first != std::string::npos && bytes[first] == '{') {
        ParseJsonl(bytes, "stdin", opt, &out->docs);
      } else {
        Document d;
        d.id = "stdin";
        d.path = "-";
        d.input = std::move(bytes);
        PrepareDocument(opt, &d);
        out->docs.push_back(std::move(d));
      }
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) return Status::NotFound(input + ": no such file or directory");
    if (fs::is_directory(st)) {
      std::vector<std::string> files;
      for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) files.push_back(it->path().string());
      }
      if (ec) out->warnings.push_back(input + ": " + ec.message());
      std::sort(files.begin(), files.end());
      size_t skipped = 0;
      for (const std::string& f : files) {
        FileKind k = KindOf(f);
        std::string base = Lower(fs::path(f).filename().string());
        if (base == "manifest.tsv" || base == "manifest.csv") continue;  // metadata, not an article
        if (k == FileKind::kOther) {
          ++skipped;
          continue;
        }
        ReadOne(f, k, opt, out);
      }
      if (skipped) {
        out->warnings.push_back(input + ": skipped " + std::to_string(skipped) +
                                " file(s) that are not .txt, .html, .htm or .jsonl[.zst]");
      }
      continue;
    }
    FileKind k = KindOf(input);
    ReadOne(input, k == FileKind::kOther ? FileKind::kText : k, opt, out);
  }
  // Ids must be unique: later duplicates get a suffix and a warning.
  std::unordered_map<std::string, int> seen;
  for (Document& d : out->docs) {
    int& n = seen[d.id];
    if (++n > 1) {
      std::string renamed = d.id + "~" + std::to_string(n);
      out->warnings.push_back("duplicate document id '" + d.id + "' (" + d.path + ") renamed to '" + renamed + "'");
      d.id = renamed;
    }
  }
  return Status::OK();
}

}  // namespace isnad
