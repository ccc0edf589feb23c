// A progress line on stderr (articles, articles/s, MB/s, ETA) while long work runs,
// redrawn a few times a second when stderr is a terminal, and silent when it is not
// (piped, CI).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include <isnad/isnad.h>

namespace isnad {

class ProgressLine {
 public:
  // Starts reporting on `p` unless disabled or stderr is no tty. `fraction` returns how
  // much of the input is done (0..1), or a negative value when unknown (then no ETA).
  ProgressLine(const Progress* p, std::function<double()> fraction, bool enabled);
  ~ProgressLine();
  // Stops the line and clears it (the run prints its own summary after).
  void Finish();

 private:
  void Draw();
  const Progress* p_;
  std::function<double()> fraction_;
  bool enabled_;
  std::atomic<bool> stop_{false};
  std::chrono::steady_clock::time_point start_;
  std::thread thread_;
};

}  // namespace isnad
