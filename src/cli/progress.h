// A progress line on stderr (articles/s, MB/s, ETA) while long work runs, redrawn a
// few times a second when stderr is a terminal, and silent when it is not (piped, CI).
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "link/pipeline.h"

namespace isnad {

class ProgressLine {
 public:
  // Starts reporting on `p` towards `total_docs` unless disabled or stderr is no tty.
  ProgressLine(const Progress* p, uint64_t total_docs, uint64_t total_bytes, bool enabled);
  ~ProgressLine();
  void Finish();

 private:
  void Draw(bool final);
  const Progress* p_;
  uint64_t total_docs_, total_bytes_;
  bool enabled_;
  std::atomic<bool> stop_{false};
  std::chrono::steady_clock::time_point start_;
  std::thread thread_;
};

}  // namespace isnad
