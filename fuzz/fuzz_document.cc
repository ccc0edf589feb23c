// libFuzzer: the whole per-document stage (page structure, times, quantities, actors,
// attribution, claims, framing, shingles) on arbitrary bytes as text, and as HTML when
// the first byte is odd, then the corpus stage on it. Every item's span must hold
// exactly its text (SpanMismatches), every span must lie inside the input.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "ingest/reader.h"
#include "link/corpus.h"
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
  for (const auto& m : a.mentions) check(m.span);
  for (const auto& f : a.framing) check(f.span);
  for (const auto& c : a.claims) {
    check(c.sentence);
    if (c.quantity >= a.quantities.size()) std::abort();
  }
  for (const std::string& e : isnad::SpanMismatches(d, a)) {
    std::fprintf(stderr, "span mismatch: %s\n", e.c_str());
    std::abort();
  }
  isnad::Corpus corpus(lx);
  corpus.Add(std::move(a));
  corpus.Snapshot();
  return 0;
}
