// libFuzzer: the manifest parser (TSV and CSV with quoting) and its application.
#include <cstdint>
#include <string_view>

#include "ingest/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto m = isnad::ParseManifest("fuzz.tsv", text);
  if (m.ok()) {
    std::vector<isnad::Document> docs(2);
    docs[0].id = "a";
    docs[1].path = "x/b.txt";
    std::vector<std::string> errors;
    isnad::ApplyManifest(m.value(), &docs, &errors);
  }
  return 0;
}
