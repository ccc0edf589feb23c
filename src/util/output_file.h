// OutputFile: an output that is either the previous file or a complete new one.
//
// A regular file (new or existing) is written to a temporary file in the same
// directory, then flushed, fsync'ed, closed and renamed over the target by Commit(), so a
// kill or a full disk mid-write leaves the previous file untouched (and at worst a
// stray temporary named `.NAME.isnad-tmp-…`). "-" is standard output and a device or
// FIFO (/dev/stdout, /dev/full, a pipe) is written in place; for those every write
// error is still reported. Opening creates the temporary, so an unwritable target is
// found before any work starts.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "util/status.h"

namespace isnad {

class OutputFile {
 public:
  static Result<std::unique_ptr<OutputFile>> Open(const std::string& path);
  ~OutputFile();  // removes the temporary unless committed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // The stream to write to; a write error is kept and reported by Commit().
  std::ostream& stream();
  // Makes the output visible: for a regular file, flush + fsync + rename (and fsync of
  // the directory); otherwise flush. Returns the first error met while writing.
  Status Commit();
  const std::string& path() const { return path_; }
  // Whether a failed write leaves the previous file as it was (a regular file target).
  bool atomic() const { return !temp_.empty(); }
  uint64_t bytes_written() const;

 private:
  class Buf;
  OutputFile(std::string path, std::string temp, int fd, bool owned);
  std::string path_, temp_;
  std::unique_ptr<Buf> buf_;
  std::unique_ptr<std::ostream> stream_;
  bool committed_ = false;
};

}  // namespace isnad
