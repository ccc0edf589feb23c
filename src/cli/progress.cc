#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace isnad {

ProgressLine::ProgressLine(const Progress* p, uint64_t total_docs, uint64_t total_bytes, bool enabled)
    : p_(p), total_docs_(total_docs), total_bytes_(total_bytes), enabled_(enabled && isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()) {
  if (!enabled_) return;
  thread_ = std::thread([this] {
    while (!stop_.load()) {
      Draw(false);
      for (int i = 0; i < 5 && !stop_.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
}

ProgressLine::~ProgressLine() { Finish(); }

void ProgressLine::Finish() {
  if (!enabled_ || stop_.exchange(true)) return;
  if (thread_.joinable()) thread_.join();
  Draw(true);
  std::fputc('\n', stderr);
}

void ProgressLine::Draw(bool final) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  uint64_t docs = p_->docs.load(), bytes = p_->bytes.load();
  double rate = secs > 0 ? docs / secs : 0;
  double mbs = secs > 0 ? bytes / secs / 1e6 : 0;
  char eta[32] = "--:--";
  if (rate > 0 && docs < total_docs_) {
    long left = static_cast<long>((total_docs_ - docs) / rate);
    std::snprintf(eta, sizeof eta, "%ld:%02ld", left / 60, left % 60);
  } else if (docs >= total_docs_) {
    std::snprintf(eta, sizeof eta, "0:00");
  }
  double pct = total_docs_ ? 100.0 * docs / total_docs_ : 100.0;
  std::fprintf(stderr, "\r\033[Kanalyzed %llu/%llu articles (%.0f%%)  %.0f articles/s  %.1f MB/s  ETA %s%s",
               static_cast<unsigned long long>(docs), static_cast<unsigned long long>(total_docs_), pct, rate, mbs, eta,
               final ? "  done" : "");
  (void)total_bytes_;
  std::fflush(stderr);
}

}  // namespace isnad
