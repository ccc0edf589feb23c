#include "util/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <streambuf>
#include <vector>

namespace isnad {

namespace {

std::string Errno(int e) { return std::strerror(e); }

std::string DirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string BaseOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

// A buffered streambuf over a file descriptor that remembers the first write error.
class OutputFile::Buf : public std::streambuf {
 public:
  Buf(int fd, bool owned) : fd_(fd), owned_(owned), buf_(1 << 16) { setp(buf_.data(), buf_.data() + buf_.size()); }
  ~Buf() override {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }
  int fd() const { return fd_; }
  int error() const { return error_; }
  uint64_t written() const { return written_; }
  bool Flush() {
    const char* p = pbase();
    size_t n = static_cast<size_t>(pptr() - pbase());
    while (n > 0 && error_ == 0) {
      ssize_t w = ::write(fd_, p, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        break;
      }
      if (w == 0) {
        error_ = EIO;
        break;
      }
      p += w;
      n -= static_cast<size_t>(w);
      written_ += static_cast<uint64_t>(w);
    }
    setp(buf_.data(), buf_.data() + buf_.size());
    return error_ == 0;
  }
  int Close() {
    int fd = fd_;
    fd_ = -1;
    return owned_ && fd >= 0 ? ::close(fd) : 0;
  }

 protected:
  int_type overflow(int_type ch) override {
    if (!Flush()) return traits_type::eof();
    if (ch != traits_type::eof()) {
      *pptr() = static_cast<char>(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return Flush() ? 0 : -1; }

 private:
  int fd_;
  bool owned_;
  std::vector<char> buf_;
  int error_ = 0;
  uint64_t written_ = 0;
};

OutputFile::OutputFile(std::string path, std::string temp, int fd, bool owned)
    : path_(std::move(path)), temp_(std::move(temp)), buf_(std::make_unique<Buf>(fd, owned)),
      stream_(std::make_unique<std::ostream>(buf_.get())) {}

OutputFile::~OutputFile() {
  if (!committed_ && !temp_.empty()) {
    buf_->Close();
    ::unlink(temp_.c_str());
  }
}

Result<std::unique_ptr<OutputFile>> OutputFile::Open(const std::string& path) {
  if (path.empty()) return Status::InvalidArgument("empty output path");
  if (path == "-") return std::unique_ptr<OutputFile>(new OutputFile(path, "", STDOUT_FILENO, false));
  struct stat st;
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) return Status::InvalidArgument(path + ": is a directory");
  if (exists && !S_ISREG(st.st_mode)) {
    // A device or FIFO: written in place.
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return Status::IOError("cannot write " + path + ": " + Errno(errno));
    return std::unique_ptr<OutputFile>(new OutputFile(path, "", fd, true));
  }
  if (exists && ::access(path.c_str(), W_OK) != 0) {
    return Status::IOError("cannot write " + path + ": " + Errno(errno));
  }
  std::string dir = DirOf(path);
  std::random_device rd;
  for (int attempt = 0; attempt < 16; ++attempt) {
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "%d-%08x", static_cast<int>(::getpid()), rd());
    std::string temp = dir + "/." + BaseOf(path) + ".isnad-tmp-" + suffix;
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      return Status::IOError("cannot write " + path + ": " + Errno(errno) + " (while creating a temporary file in " + dir + ")");
    }
    if (exists) (void)::fchmod(fd, st.st_mode & 07777);  // the new file keeps the old one's mode
    return std::unique_ptr<OutputFile>(new OutputFile(path, temp, fd, true));
  }
  return Status::IOError("cannot write " + path + ": no free temporary name in " + dir);
}

std::ostream& OutputFile::stream() { return *stream_; }

uint64_t OutputFile::bytes_written() const { return buf_->written(); }

Status OutputFile::Commit() {
  if (committed_) return Status::OK();
  stream_->flush();
  buf_->Flush();
  auto fail = [&](int e, const char* what) {
    return Status::IOError("error writing " + (path_ == "-" ? std::string("standard output") : path_) + ": " + Errno(e) + (what[0] ? std::string(" (") + what + ")" : ""));
  };
  if (buf_->error()) return fail(buf_->error(), "");
  if (temp_.empty()) {
    // stdout or a device: nothing to rename; a full device is found by fsync on some
    // kernels only, so ask (EINVAL: not supported there, which is fine).
    if (path_ != "-" && ::fsync(buf_->fd()) != 0 && errno != EINVAL && errno != EROFS) return fail(errno, "fsync");
    committed_ = true;
    return Status::OK();
  }
  if (::fsync(buf_->fd()) != 0) return fail(errno, "fsync");
  if (buf_->Close() != 0) return fail(errno, "close");
  if (::rename(temp_.c_str(), path_.c_str()) != 0) return fail(errno, "rename");
  committed_ = true;
  int dfd = ::open(DirOf(path_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    (void)::fsync(dfd);  // the rename itself made durable; best effort
    ::close(dfd);
  }
  return Status::OK();
}

}  // namespace isnad
