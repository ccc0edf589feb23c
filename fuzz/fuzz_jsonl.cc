// libFuzzer: the JSONL reader (and, for each parsed line, document preparation
// including HTML extraction).
#include <cstdint>
#include <string>

#include "ingest/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<isnad::Document> docs;
  isnad::ReadOptions opt;
  opt.max_bytes = 1 << 16;
  isnad::ParseJsonl(text, "fuzz.jsonl", opt, &docs);
  return 0;
}
