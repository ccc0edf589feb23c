// libFuzzer: the whole per-document stage (page structure, times, quantities) on
// arbitrary bytes as text, and as HTML when the first byte is odd. Every span written
// must lie inside the input.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "ingest/reader.h"
#include "link/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const isnad::Lexicons& lx = isnad::Lexicons::Default();
  isnad::Document d;
  d.id = "fuzz";
  d.html = size > 0 && (data[0] & 1);
  d.input.assign(reinterpret_cast<const char*>(data), size);
  isnad::PrepareDocument(isnad::ReadOptions(), &d);
  isnad::DocAnalysis a = isnad::AnalyzeDocument(d, lx);
  auto check = [&](isnad::ByteSpan s) {
    if (s.begin > s.end || s.end > size) std::abort();
  };
  check(a.body);
  for (const auto& b : a.boilerplate) check(b.span);
  for (const auto& t : a.times) check(t.span);
  for (const auto& q : a.quantities) check(q.span);
  std::vector<isnad::DocAnalysis> all{a};
  isnad::LinkCorpus(&all, lx);
  return 0;
}
