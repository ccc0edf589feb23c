#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace isnad {

ProgressLine::ProgressLine(const Progress* p, std::function<double()> fraction, bool enabled)
    : p_(p), fraction_(std::move(fraction)), enabled_(enabled && isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()) {
  if (!enabled_) return;
  thread_ = std::thread([this] {
    while (!stop_.load()) {
      Draw();
      for (int i = 0; i < 5 && !stop_.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
}

ProgressLine::~ProgressLine() { Finish(); }

void ProgressLine::Finish() {
  if (!enabled_ || stop_.exchange(true)) return;
  if (thread_.joinable()) thread_.join();
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
}

void ProgressLine::Draw() {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  uint64_t docs = p_->docs.load(), bytes = p_->bytes.load();
  double rate = secs > 0 ? docs / secs : 0;
  double mbs = secs > 0 ? bytes / secs / 1e6 : 0;
  double f = fraction_ ? fraction_() : -1;
  char eta[48] = "";
  if (f > 0.001 && f < 1) {
    long left = static_cast<long>(secs * (1 - f) / f);
    std::snprintf(eta, sizeof eta, "  %.0f%%  ETA %ld:%02ld", 100 * f, left / 60, left % 60);
  }
  std::fprintf(stderr, "\r\033[Kanalysed %llu articles  %.0f articles/s  %.1f MB/s%s",
               static_cast<unsigned long long>(docs), rate, mbs, eta);
  std::fflush(stderr);
}

}  // namespace isnad
