// libFuzzer: the streaming zstd JSONL reader on arbitrary bytes (corrupt frames,
// truncated streams, frames that expand far beyond the input), with small caps so that
// every cap is reached: it must never crash, never hold more than the caps allow, and
// report a stream that did not end cleanly as one error document after what decoded.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  isnad::ReadOptions opt;
  opt.max_bytes = 1 << 12;
  opt.max_input_bytes = 1 << 20;
  std::vector<isnad::Document> docs;
  isnad::ParseJsonlZstd(bytes, "fuzz.jsonl.zst", opt, &docs);
  for (const isnad::Document& d : docs) {
    if (d.input.size() > opt.max_bytes) std::abort();
  }
  // Every line is at least one byte of output: more documents than the cap allows
  // bytes means lines were invented.
  if (docs.size() > opt.max_input_bytes + 1) std::abort();
  return 0;
}
