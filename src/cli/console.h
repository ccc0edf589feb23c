// What the CLI prints on stderr: every message goes through here, so names taken from
// the input (file names, ids, manifest cells) never reach the terminal raw — control
// characters and escape sequences are shown as \n, \t, \x1b — and long lists of errors
// are capped with a count.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace isnad::cli {

// `s` with C0/C1 controls, DEL, invalid UTF-8 and bidirectional overrides escaped.
std::string TerminalSafe(std::string_view s);

// "isnad: <msg>" on stderr, made terminal-safe.
void Say(std::string_view msg);
void Warn(std::string_view msg);   // "isnad: warning: <msg>"
void Error(std::string_view msg);  // "isnad: error: <msg>"

// Prints at most `limit` lines and remembers how many more there were.
class CappedPrinter {
 public:
  CappedPrinter(size_t limit, std::string what) : limit_(limit), what_(std::move(what)) {}
  // Prints "isnad: <prefix><line>" unless the cap is reached.
  void Print(std::string_view prefix, std::string_view line);
  // "isnad: ... and N more <what>" when lines were held back.
  void Finish();
  size_t total() const { return total_; }

 private:
  size_t limit_;
  std::string what_;
  size_t total_ = 0;
};

// Whether stderr is a terminal (progress line, end-of-run summary).
bool StderrIsTerminal();

}  // namespace isnad::cli
