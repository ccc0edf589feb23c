#include "cli/console.h"

#include <unistd.h>

#include <cstdio>

#include "util/utf8.h"

namespace isnad::cli {

std::string TerminalSafe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto hex = [&](unsigned v, int digits) {
    char buf[16];
    std::snprintf(buf, sizeof buf, digits == 2 ? "\\x%02x" : "\\u%04x", v);
    out += buf;
  };
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '\n') out += "\\n";
      else if (c == '\t') out += "\\t";
      else if (c == '\r') out += "\\r";
      else if (c < 0x20 || c == 0x7F) hex(c, 2);
      else out += static_cast<char>(c);
      ++i;
      continue;
    }
    int len = 1;
    char32_t cp = utf8::Decode(s, i, &len);
    if (cp == utf8::kReplacement && len == 1) {  // not UTF-8
      hex(c, 2);
      ++i;
      continue;
    }
    // C1 controls, and the bidi embeddings/overrides/isolates that can reorder what follows.
    bool hidden = (cp >= 0x80 && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
                  cp == 0x2028 || cp == 0x2029;
    if (hidden) hex(static_cast<unsigned>(cp), 4);
    else out.append(s.substr(i, static_cast<size_t>(len)));
    i += static_cast<size_t>(len);
  }
  return out;
}

namespace {
void Line(std::string_view prefix, std::string_view msg) {
  std::string line = "isnad: ";
  line += prefix;
  line += TerminalSafe(msg);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}
}  // namespace

void Say(std::string_view msg) { Line("", msg); }
void Warn(std::string_view msg) { Line("warning: ", msg); }
void Error(std::string_view msg) { Line("error: ", msg); }

void CappedPrinter::Print(std::string_view prefix, std::string_view line) {
  if (total_++ < limit_) Line(prefix, line);
}

void CappedPrinter::Finish() {
  if (total_ > limit_) {
    Say("... and " + std::to_string(total_ - limit_) + " more " + what_);
  }
}

bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

}  // namespace isnad::cli
