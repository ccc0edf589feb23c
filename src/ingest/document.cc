#include "ingest/document.h"

#include <cstdio>

namespace isnad {

std::string DocAnalysis::PublishedIso() const {
  if (!published.valid()) return published.year > 0 ? published.ToIso() : "";
  std::string s = published.ToIso();
  if (hour >= 0 && minute >= 0) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "T%02d:%02d", hour, minute);
    s += buf;
  }
  return s;
}

}  // namespace isnad
