// libFuzzer: HTML extraction on arbitrary bytes. The map from extracted text to page
// bytes must be in range and monotone: text byte i stands for page bytes
// [start[i], end[i]), start <= end <= page size, both never decrease, and a byte either
// shares its predecessor's range (bytes of one character or reference) or starts at or
// after its end. The article text must be the tail of the analysed text. (The analysis
// of HTML documents is fuzzed by fuzz_document.)
#include <cstdint>
#include <cstdlib>
#include <string>

#include "ingest/html.h"
#include "ingest/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  isnad::Document d;
  d.id = "fuzz";
  d.html = true;
  d.input.assign(reinterpret_cast<const char*>(data), size);
  isnad::ExtractHtml(&d);
  const auto& s = d.text_to_input;
  const auto& e = d.text_to_input_end;
  if (s.size() != d.text.size() + 1 || e.size() != s.size()) std::abort();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] > e[i] || e[i] > size) std::abort();
    if (i == 0) continue;
    if (s[i] < s[i - 1] || e[i] < e[i - 1]) std::abort();
    bool same = s[i] == s[i - 1] && e[i] == e[i - 1];
    if (!same && s[i] < e[i - 1]) std::abort();
  }
  if (d.article_text.size() > d.text.size()) std::abort();
  if (d.text.compare(d.text.size() - std::min(d.text.size(), d.article_text.size() + 1), d.article_text.size(),
                     d.article_text) != 0) {
    std::abort();
  }
  return 0;
}
