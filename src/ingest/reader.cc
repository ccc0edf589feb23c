#include "ingest/reader.h"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <new>
#include <set>
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
  for (std::string_view ext : {".jsonl.zst", ".ndjson.zst", ".txt", ".html", ".htm", ".jsonl", ".ndjson"}) {
    if (EndsWith(Lower(name), ext)) return name.substr(0, name.size() - ext.size());
  }
  size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

std::string HumanBytes(uint64_t n) {
  char buf[32];
  if (n >= (1ull << 30)) std::snprintf(buf, sizeof buf, "%.1f GiB", n / 1073741824.0);
  else if (n >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", n / 1048576.0);
  else if (n >= 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", n / 1024.0);
  else std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(n));
  return buf;
}

std::string Errno(int e) { return std::strerror(e); }

const char* FileTypeName(mode_t m) {
  if (S_ISFIFO(m)) return "a FIFO";
  if (S_ISSOCK(m)) return "a socket";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  return "not a regular file";
}

Document ErrorDocument(std::string id, std::string path, std::string error) {
  Document d;
  d.id = std::move(id);
  d.path = std::move(path);
  d.errors.push_back(std::move(error));
  d.unreadable = true;
  return d;
}

// ---------------------------------------------------------------------------------
// Byte sources: a file descriptor, a memory buffer, and zstd decoding over either.

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes; 0 at the end. On failure returns 0 and sets *error.
  virtual size_t Read(char* buf, size_t n, std::string* error) = 0;
  // Bytes taken from the underlying input so far (compressed bytes for zstd).
  virtual uint64_t consumed() const = 0;
};

class FdSource : public ByteSource {
 public:
  explicit FdSource(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FdSource() override {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }
  size_t Read(char* buf, size_t n, std::string* error) override {
    for (;;) {
      ssize_t r = ::read(fd_, buf, n);
      if (r >= 0) {
        consumed_ += static_cast<uint64_t>(r);
        return static_cast<size_t>(r);
      }
      if (errno == EINTR) continue;
      *error = "read error: " + Errno(errno);
      return 0;
    }
  }
  uint64_t consumed() const override { return consumed_; }

 private:
  int fd_;
  bool owned_;
  uint64_t consumed_ = 0;
};

class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view data) : data_(data) {}
  size_t Read(char* buf, size_t n, std::string*) override {
    size_t k = std::min(n, data_.size() - pos_);
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  uint64_t consumed() const override { return pos_; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

// Streaming zstd decoding (concatenated frames included). A stream that ends inside a
// frame is reported as truncated after what decoded.
class ZstdSource : public ByteSource {
 public:
  explicit ZstdSource(std::unique_ptr<ByteSource> in) : in_(std::move(in)), ds_(ZSTD_createDStream()) {
    if (ds_ != nullptr) ZSTD_initDStream(ds_);
    inbuf_.resize(ZSTD_DStreamInSize());
  }
  ~ZstdSource() override {
    if (ds_ != nullptr) ZSTD_freeDStream(ds_);
  }
  size_t Read(char* buf, size_t n, std::string* error) override {
    if (ds_ == nullptr) {
      *error = "zstd: cannot allocate a decoder";
      return 0;
    }
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos == 0) {
      if (in_pos_ == in_size_) {
        if (eof_) {
          if (last_ret_ != 0 && !failed_) {
            *error = "zstd: truncated stream (the input ends inside a frame)";
            failed_ = true;
          }
          return 0;
        }
        in_size_ = in_->Read(inbuf_.data(), inbuf_.size(), error);
        in_pos_ = 0;
        if (!error->empty()) return 0;
        if (in_size_ == 0) {
          eof_ = true;
          continue;
        }
      }
      ZSTD_inBuffer in{inbuf_.data(), in_size_, in_pos_};
      size_t ret = ZSTD_decompressStream(ds_, &out, &in);
      in_pos_ = in.pos;
      if (ZSTD_isError(ret)) {
        *error = std::string("zstd: ") + ZSTD_getErrorName(ret);
        failed_ = true;
        return 0;
      }
      last_ret_ = ret;
    }
    return out.pos;
  }
  uint64_t consumed() const override { return in_->consumed(); }

 private:
  std::unique_ptr<ByteSource> in_;
  ZSTD_DStream* ds_;
  std::string inbuf_;
  size_t in_pos_ = 0, in_size_ = 0;
  size_t last_ret_ = 1;  // nonzero until a frame completes: an empty input is truncated
  bool eof_ = false, failed_ = false;
};

// Lines of a byte source, one at a time, holding at most one line (up to `max_line`
// bytes) in memory. A longer line is skipped to its end and reported by its length.
class LineReader {
 public:
  LineReader(std::unique_ptr<ByteSource> src, size_t max_line, uint64_t max_total)
      : src_(std::move(src)), max_line_(max_line), max_total_(max_total) {}

  enum class Got { kLine, kOverlong, kEnd };

  // The next line (without its '\n'); for kOverlong, `length` is its size in bytes.
  Got Next(std::string_view* line, uint64_t* length) {
    line_.clear();
    uint64_t len = 0;
    bool overlong = false;
    for (;;) {
      if (pos_ == size_ && !Fill()) {
        if (len == 0 && !overlong) return Got::kEnd;
        if (!error_.empty()) {
          // The input broke off inside this line: it is part of the damage, not a line.
          partial_ = true;
          return Got::kEnd;
        }
        break;  // the last line has no '\n'
      }
      const char* start = buf_.data() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', size_ - pos_));
      size_t take = nl ? static_cast<size_t>(nl - start) : size_ - pos_;
      len += take;
      if (!overlong && len > max_line_) {
        overlong = true;
        line_.clear();
        line_.shrink_to_fit();
      }
      if (!overlong) line_.append(start, take);
      pos_ += take;
      if (nl) {
        ++pos_;
        break;
      }
    }
    ++lineno_;
    *length = len;
    if (overlong) return Got::kOverlong;
    *line = line_;
    return Got::kLine;
  }

  // Skips lines that hold only spaces, tabs and CRs, counting them, in one byte loop: a
  // stream of millions of empty lines costs a scan, not a line each. Stops at the start of
  // the next line with content (spaces that begin it in an earlier chunk are dropped).
  void SkipBlankLines() {
    for (;;) {
      size_t line_start = pos_;
      while (pos_ < size_) {
        char c = buf_[pos_];
        if (c == '\n') {
          ++lineno_;
          line_start = pos_ + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
          pos_ = line_start;
          return;
        }
        ++pos_;
      }
      if (!Fill()) return;
    }
  }

  // The first byte that is not white space, without consuming anything (0 at the end).
  char PeekNonSpace() {
    for (;;) {
      while (pos_ < size_) {
        char c = buf_[pos_];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
        ++pos_;
      }
      if (!Fill()) return 0;
    }
  }

  // Everything left, up to `limit` bytes (returns false and stops when over it).
  bool ReadAll(uint64_t limit, std::string* out) {
    for (;;) {
      out->append(buf_.data() + pos_, size_ - pos_);
      pos_ = size_;
      if (out->size() > limit) return false;
      if (!Fill()) return true;
    }
  }

  uint64_t lineno() const { return lineno_; }
  uint64_t total() const { return total_; }
  const std::string& error() const { return error_; }
  bool capped() const { return capped_; }
  bool partial() const { return partial_; }  // a last line cut by the error was dropped
  uint64_t consumed() const { return src_->consumed(); }

 private:
  bool Fill() {
    if (!error_.empty() || capped_ || done_) return false;
    if (buf_.empty()) buf_.resize(kChunk);
    if (total_ >= max_total_) {
      capped_ = true;
      return false;
    }
    size_t want = static_cast<size_t>(std::min<uint64_t>(kChunk, max_total_ - total_));
    size_t got = src_->Read(buf_.data(), want, &error_);
    pos_ = 0;
    size_ = got;
    total_ += got;
    if (got == 0) done_ = true;
    return got > 0;
  }

  static constexpr size_t kChunk = 1 << 20;
  std::unique_ptr<ByteSource> src_;
  size_t max_line_;
  uint64_t max_total_;
  std::string buf_, line_;
  size_t pos_ = 0, size_ = 0;
  uint64_t total_ = 0;
  uint64_t lineno_ = 0;
  std::string error_;
  bool capped_ = false, done_ = false, partial_ = false;
};

// One JSONL line into a document (SPEC.md fields). Keys that appear twice are an error
// on the document: the first value is used, as simdjson's look-up does.
Document JsonlDocument(simdjson::dom::parser& parser, std::string_view line, const std::string& where,
                       const std::string& fallback_id, const ReadOptions& opt) {
  simdjson::dom::element obj;
  auto err = parser.parse(line.data(), line.size()).get(obj);
  if (err) return ErrorDocument(fallback_id, where, std::string("malformed JSONL line: ") + simdjson::error_message(err));
  if (!obj.is_object()) return ErrorDocument(fallback_id, where, "malformed JSONL line: not a JSON object");
  Document d;
  d.path = where;
  static constexpr std::string_view kFields[] = {"id", "url", "outlet", "published", "title", "language", "text", "html"};
  bool seen[std::size(kFields)] = {};
  std::vector<std::string> duplicates;
  for (auto field : simdjson::dom::object(obj)) {
    for (size_t k = 0; k < std::size(kFields); ++k) {
      if (field.key != kFields[k]) continue;
      if (seen[k]) duplicates.emplace_back(kFields[k]);
      seen[k] = true;
    }
  }
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
  for (const std::string& k : duplicates) {
    d.errors.push_back("JSONL line has the key \"" + k + "\" more than once; the first value is used");
  }
  std::string_view body;
  if (obj["text"].get_string().get(body) == simdjson::SUCCESS) {
    d.input = std::string(body);
  } else if (obj["html"].get_string().get(body) == simdjson::SUCCESS) {
    d.input = std::string(body);
    d.html = true;
  } else {
    d.errors.push_back("JSONL line has no \"text\" or \"html\" string field");
    d.unreadable = true;
    return d;
  }
  PrepareDocument(opt, &d);
  return d;
}

// The documents of one JSONL input, a line at a time.
class JsonlCursor {
 public:
  JsonlCursor(std::unique_ptr<LineReader> lines, std::string origin, const ReadOptions& opt)
      : lines_(std::move(lines)), origin_(std::move(origin)), stem_(StemOf(origin_)), opt_(opt) {}

  // The next document, or false at the end of the input (then Finish() may add one
  // error document for the input as a whole).
  bool Next(Document* d) {
    for (;;) {
      lines_->SkipBlankLines();
      std::string_view line;
      uint64_t length = 0;
      LineReader::Got got = lines_->Next(&line, &length);
      if (got == LineReader::Got::kEnd) return false;
      uint64_t lineno = lines_->lineno();
      std::string where = origin_ + ":" + std::to_string(lineno);
      std::string fallback_id = stem_ + "-" + std::to_string(lineno);
      if (got == LineReader::Got::kOverlong) {
        *d = ErrorDocument(fallback_id, where, "too large: JSONL line of " + HumanBytes(length) +
                                                   " is over the limit (raise it with --max-bytes)");
        ++docs_;
        return true;
      }
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      *d = JsonlDocument(parser_, line, where, fallback_id, opt_);
      ++docs_;
      return true;
    }
  }

  // An error document naming the input when it did not end cleanly.
  bool Finish(Document* d) {
    std::string what;
    if (!lines_->error().empty()) {
      what = lines_->error();
    } else if (lines_->capped()) {
      what = "stopped reading after " + HumanBytes(lines_->total()) +
             " of (decompressed) input, the per-input limit (raise it with --max-input-bytes)";
    } else {
      return false;
    }
    *d = ErrorDocument(stem_, origin_, what + "; the " + std::to_string(docs_) + " document(s) of the " +
                                           std::to_string(lines_->lineno()) + " line(s) before it were read" +
                                           (lines_->partial() ? " and the partial line after them dropped" : ""));
    return true;
  }

  uint64_t consumed() const { return lines_->consumed(); }
  LineReader& lines() { return *lines_; }

 private:
  std::unique_ptr<LineReader> lines_;
  std::string origin_, stem_;
  const ReadOptions& opt_;
  simdjson::dom::parser parser_;
  uint64_t docs_ = 0;
};

size_t MaxLine(const ReadOptions& opt) { return opt.max_bytes + 65536; }

// Reads a whole file (regular or a stream such as a FIFO given on the command line),
// refusing more than `limit` bytes.
Status ReadWhole(const std::string& path, size_t limit, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError("cannot open: " + Errno(errno));
  FdSource src(fd, true);
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    if (static_cast<uint64_t>(st.st_size) > limit) {
      return Status::TooLarge("file is " + HumanBytes(static_cast<uint64_t>(st.st_size)) + ", over the " +
                              HumanBytes(limit) + " limit (raise it with --max-bytes)");
    }
    out->reserve(static_cast<size_t>(st.st_size));
  }
  char buf[1 << 16];
  std::string error;
  for (;;) {
    size_t got = src.Read(buf, sizeof buf, &error);
    if (!error.empty()) return Status::IOError(error);
    if (got == 0) break;
    out->append(buf, got);
    if (out->size() > limit) {
      return Status::TooLarge("input is over the " + HumanBytes(limit) + " limit (raise it with --max-bytes)");
    }
  }
  return Status::OK();
}

struct Entry {
  std::string path;  // "-" for stdin
  FileKind kind = FileKind::kText;
  uint64_t size = 0;
};

// Lists the article files under `root`, following symlinks once (a link back to a
// directory already walked is a loop) and reporting everything it does not read.
void WalkDirectory(const std::string& root, std::vector<Entry>* files, std::vector<std::string>* warnings) {
  std::set<std::pair<dev_t, ino_t>> visited;
  std::vector<std::string> stack = {root};
  std::vector<Entry> found;
  size_t other = 0;
  std::string other_example;
  struct stat st;
  if (::stat(root.c_str(), &st) == 0) visited.insert({st.st_dev, st.st_ino});
  while (!stack.empty()) {
    std::string dir = std::move(stack.back());
    stack.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      warnings->push_back(dir + ": cannot read directory (" + ec.message() + "); skipped");
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      std::string p = it->path().string();
      struct stat lst;
      if (::lstat(p.c_str(), &lst) != 0) {
        warnings->push_back(p + ": cannot stat (" + Errno(errno) + "); skipped");
        continue;
      }
      struct stat target = lst;
      if (S_ISLNK(lst.st_mode) && ::stat(p.c_str(), &target) != 0) {
        int e = errno;
        std::error_code lec;
        std::string to = fs::read_symlink(p, lec).string();
        warnings->push_back(p + ": " + (e == ELOOP ? "symlink loop" : "dangling symlink") + (to.empty() ? "" : " to " + to) +
                            " (" + Errno(e) + "); skipped");
        continue;
      }
      if (S_ISDIR(target.st_mode)) {
        if (!visited.insert({target.st_dev, target.st_ino}).second) {
          warnings->push_back(p + ": symlink loop (a directory already read); skipped");
          continue;
        }
        stack.push_back(p);
        continue;
      }
      if (!S_ISREG(target.st_mode)) {
        warnings->push_back(p + ": " + FileTypeName(target.st_mode) + ", not a file; skipped");
        continue;
      }
      std::string base = Lower(it->path().filename().string());
      if (base == "manifest.tsv" || base == "manifest.csv") continue;  // metadata, not an article
      FileKind k = KindOf(p);
      if (k == FileKind::kOther) {
        if (other++ == 0) other_example = p;
        continue;
      }
      found.push_back({p, k, static_cast<uint64_t>(target.st_size)});
    }
    if (ec) warnings->push_back(dir + ": directory listing failed (" + ec.message() + "); the rest of it skipped");
  }
  std::sort(found.begin(), found.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
  files->insert(files->end(), found.begin(), found.end());
  if (other) {
    warnings->push_back(root + ": skipped " + std::to_string(other) +
                        " file(s) that are not .txt, .html, .htm or .jsonl[.zst] (e.g. " + other_example + ")");
  }
}

}  // namespace

// ---------------------------------------------------------------------------------

class DocumentStream::Impl {
 public:
  explicit Impl(const ReadOptions& opt) : opt_(opt) {}

  ReadOptions opt_;
  std::vector<Entry> entries_;
  size_t next_entry_ = 0;
  std::unique_ptr<JsonlCursor> cursor_;
  uint64_t consumed_done_ = 0;  // bytes of finished inputs
  uint64_t total_ = 0;
  uint64_t docs_ = 0;
  bool stopped_ = false;
  std::unordered_map<std::string, int> seen_ids_;
  std::vector<std::string> warnings_;

  uint64_t consumed() const { return consumed_done_ + (cursor_ ? cursor_->consumed() : 0); }

  void Emit(Document d, std::vector<Document>* out) {
    int& n = seen_ids_[d.id];
    if (++n > 1) {
      // Ids must be unique: later duplicates get a suffix and a warning.
      std::string renamed = d.id + "~" + std::to_string(n);
      warnings_.push_back("duplicate document id '" + d.id + "' (" + d.path + ") renamed to '" + renamed + "'");
      d.id = renamed;
    }
    ++docs_;
    out->push_back(std::move(d));
  }

  void OpenCursor(const Entry& e, std::vector<Document>* out) {
    std::unique_ptr<ByteSource> src;
    if (e.path == "-") {
      src = std::make_unique<FdSource>(STDIN_FILENO, false);
    } else {
      int fd = ::open(e.path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        Emit(ErrorDocument(StemOf(e.path), e.path, "cannot open: " + Errno(errno)), out);
        return;
      }
      src = std::make_unique<FdSource>(fd, true);
    }
    if (e.kind == FileKind::kJsonlZst) src = std::make_unique<ZstdSource>(std::move(src));
    auto lines = std::make_unique<LineReader>(std::move(src), MaxLine(opt_), opt_.max_input_bytes);
    cursor_ = std::make_unique<JsonlCursor>(std::move(lines), e.path == "-" ? "stdin" : e.path, opt_);
  }

  void CloseCursor(std::vector<Document>* out) {
    Document d;
    if (cursor_->Finish(&d)) Emit(std::move(d), out);
    consumed_done_ += cursor_->consumed();
    cursor_.reset();
  }

  // Stdin: JSONL when it opens with '{', else one text document.
  void ReadStdin(std::vector<Document>* out) {
    auto lines = std::make_unique<LineReader>(std::make_unique<FdSource>(STDIN_FILENO, false), MaxLine(opt_),
                                              opt_.max_input_bytes);
    if (lines->PeekNonSpace() == '{') {
      cursor_ = std::make_unique<JsonlCursor>(std::move(lines), "stdin", opt_);
      return;
    }
    Document d;
    d.id = "stdin";
    d.path = "-";
    if (!lines->ReadAll(opt_.max_bytes, &d.input)) {
      d.input.clear();
      d.errors.push_back("too large: standard input is over the " + HumanBytes(opt_.max_bytes) +
                         " limit (raise it with --max-bytes)");
      d.unreadable = true;
    } else if (!lines->error().empty()) {
      d.errors.push_back("standard input: " + lines->error() + "; analysed what was read");
    }
    if (!d.unreadable) PrepareDocument(opt_, &d);
    Emit(std::move(d), out);
  }

  void ReadFileEntry(const Entry& e, std::vector<Document>* out) {
    Document d;
    d.id = StemOf(e.path);
    d.path = e.path;
    d.html = e.kind == FileKind::kHtml;
    Status st = ReadWhole(e.path, opt_.max_bytes, &d.input);
    if (!st.ok()) {
      d.errors.push_back(st.message());
      d.unreadable = true;
      d.input.clear();
      d.input.shrink_to_fit();
    } else {
      PrepareDocument(opt_, &d);
    }
    consumed_done_ += e.size;
    Emit(std::move(d), out);
  }

  bool Next(size_t max_docs, std::vector<Document>* out) {
    const size_t before = out->size();
    while (out->size() - before < max_docs && !stopped_) {
      if (docs_ >= opt_.max_documents) {
        // The cap is reached: stop only if something is left to read.
        Document extra;
        if (cursor_ && !cursor_->Next(&extra)) {
          CloseCursor(out);
          continue;
        }
        if (cursor_ || next_entry_ < entries_.size()) Stop();
        break;
      }
      try {
        if (cursor_) {
          Document d;
          if (cursor_->Next(&d)) {
            Emit(std::move(d), out);
          } else {
            CloseCursor(out);
          }
          continue;
        }
        if (next_entry_ >= entries_.size()) break;
        const Entry& e = entries_[next_entry_++];
        if (e.path == "-") {
          ReadStdin(out);
        } else if (e.kind == FileKind::kJsonl || e.kind == FileKind::kJsonlZst) {
          OpenCursor(e, out);
        } else {
          ReadFileEntry(e, out);
        }
      } catch (const std::bad_alloc&) {
        // Out of memory on one input: that input is reported and the run goes on.
        const Entry& e = entries_[next_entry_ > 0 ? next_entry_ - 1 : 0];
        std::string where = cursor_ ? e.path + ":" + std::to_string(cursor_->lines().lineno()) : e.path;
        if (cursor_) {
          consumed_done_ += cursor_->consumed();
          cursor_.reset();
        }
        Emit(ErrorDocument(StemOf(e.path) + "-oom", where, "out of memory while reading this input; the rest of it was skipped"), out);
      }
    }
    return out->size() > before;
  }

  void Stop() {
    stopped_ = true;
    size_t left = entries_.size() - next_entry_;
    std::string what = "stopped after " + std::to_string(docs_) +
                       " documents, the per-run limit (raise it with --max-docs, or add the corpus to a store in batches)";
    if (cursor_) what += "; the rest of " + entries_[next_entry_ - 1].path + " was not read";
    if (left) what += "; " + std::to_string(left) + " more input file(s) were not read";
    errors_.push_back(what);
  }
  std::vector<std::string> errors_;
};

DocumentStream::DocumentStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DocumentStream::~DocumentStream() = default;

Result<std::unique_ptr<DocumentStream>> DocumentStream::Open(const std::vector<std::string>& inputs,
                                                             const ReadOptions& options) {
  auto impl = std::make_unique<Impl>(options);
  for (const std::string& input : inputs) {
    if (input == "-") {
      impl->entries_.push_back({"-", FileKind::kText, 0});
      continue;
    }
    struct stat st;
    if (::stat(input.c_str(), &st) != 0) {
      int e = errno;
      struct stat lst;
      if (::lstat(input.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
        return Status::NotFound(input + ": " + (e == ELOOP ? "symlink loop" : "dangling symlink") + " (" + Errno(e) + ")");
      }
      return Status::NotFound(input + ": " + (e == ENOENT ? std::string("no such file or directory") : Errno(e)));
    }
    if (S_ISDIR(st.st_mode)) {
      WalkDirectory(input, &impl->entries_, &impl->warnings_);
      continue;
    }
    FileKind k = KindOf(input);
    // A file named on the command line is read whatever its extension (as text), and a
    // FIFO or device named there is read as a stream (`<(zcat feed.jsonl.gz)`).
    impl->entries_.push_back({input, k == FileKind::kOther ? FileKind::kText : k,
                              S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0});
  }
  for (const Entry& e : impl->entries_) impl->total_ += e.size;
  return std::unique_ptr<DocumentStream>(new DocumentStream(std::move(impl)));
}

bool DocumentStream::Next(size_t max_docs, std::vector<Document>* out) { return impl_->Next(max_docs, out); }

std::vector<std::string> DocumentStream::TakeWarnings() {
  std::vector<std::string> w;
  w.swap(impl_->warnings_);
  return w;
}

std::vector<std::string> DocumentStream::TakeErrors() {
  std::vector<std::string> e;
  e.swap(impl_->errors_);
  return e;
}

uint64_t DocumentStream::bytes_consumed() const { return impl_->consumed(); }
uint64_t DocumentStream::total_bytes() const { return impl_->total_; }
uint64_t DocumentStream::documents_read() const { return impl_->docs_; }

// ---------------------------------------------------------------------------------

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
    if (opt.defer_html) d->html_pending = true;
    else ExtractHtml(d);  // decodes the page's charset, and says so when it is not UTF-8 after all
    return;
  }
  size_t bad = utf8::FindInvalid(d->input);
  if (bad != std::string_view::npos) {
    // Analysed anyway (each bad byte reads as U+FFFD; offsets stay exact), but flagged.
    d->errors.push_back("invalid UTF-8 at byte " + std::to_string(bad) + "; analysed with U+FFFD in its place");
  }
}

void PrepareHtml(std::vector<Document>* docs, unsigned threads, const html::Rules* rules) {
  std::vector<Document*> pending;
  for (Document& d : *docs) {
    if (d.html_pending) pending.push_back(&d);
  }
  if (pending.empty()) return;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, pending.size()));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < pending.size();) {
      Document* d = pending[i];
      d->html_pending = false;
      try {
        if (rules) ExtractHtml(d, *rules);
        else ExtractHtml(d);
      } catch (const std::bad_alloc&) {
        d->errors.push_back("out of memory while extracting this page; it was skipped");
        d->unreadable = true;
      } catch (const std::exception& e) {
        d->errors.push_back(std::string("internal error while extracting this page: ") + e.what());
        d->unreadable = true;
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

void ParseJsonl(std::string_view text, const std::string& origin, const ReadOptions& opt, std::vector<Document>* out) {
  JsonlCursor cursor(std::make_unique<LineReader>(std::make_unique<MemorySource>(text), MaxLine(opt), opt.max_input_bytes),
                     origin, opt);
  Document d;
  while (cursor.Next(&d)) out->push_back(std::move(d));
  if (cursor.Finish(&d)) out->push_back(std::move(d));
}

void ParseJsonlZstd(std::string_view compressed, const std::string& origin, const ReadOptions& opt,
                    std::vector<Document>* out) {
  auto src = std::make_unique<ZstdSource>(std::make_unique<MemorySource>(compressed));
  JsonlCursor cursor(std::make_unique<LineReader>(std::move(src), MaxLine(opt), opt.max_input_bytes), origin, opt);
  Document d;
  while (cursor.Next(&d)) out->push_back(std::move(d));
  if (cursor.Finish(&d)) out->push_back(std::move(d));
}

Status ReadInputs(const std::vector<std::string>& inputs, const ReadOptions& opt, ReadResult* out) {
  auto stream = DocumentStream::Open(inputs, opt);
  if (!stream.ok()) return stream.status();
  while (stream.value()->Next(4096, &out->docs)) {
  }
  for (std::string& w : stream.value()->TakeWarnings()) out->warnings.push_back(std::move(w));
  for (std::string& e : stream.value()->TakeErrors()) out->errors.push_back(std::move(e));
  return Status::OK();
}

}  // namespace isnad
