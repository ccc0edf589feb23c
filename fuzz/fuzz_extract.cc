// libFuzzer: number and time parsers (and their resolution against a date derived
// from the input) on arbitrary text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "extract/numbers.h"
#include "extract/times.h"
#include "lexicon/lexicons.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const isnad::Lexicons& lx = isnad::Lexicons::Default();
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  isnad::TokenizedText tt;
  lx.normalizer.Normalize(raw, &tt.norm);
  isnad::Tokenize(lx.normalizer, &tt);
  lx.Annotate(&tt);
  std::vector<uint8_t> taken(tt.size(), 0);
  std::vector<isnad::TimeExpr> times;
  isnad::ExtractTimes(tt, lx, &taken, &times);
  std::vector<isnad::Quantity> qs;
  isnad::ExtractQuantities(tt, lx, &taken, &qs);
  isnad::CivilDate pub{1990 + static_cast<int>(size % 60), 1 + static_cast<int>(size % 12), 1 + static_cast<int>(size % 28)};
  for (isnad::TimeExpr& t : times) {
    if (t.first > t.last || t.last >= tt.size()) std::abort();
    isnad::ResolveTime(pub, &t);
  }
  for (const isnad::Quantity& q : qs) {
    if (q.first > q.last || q.last >= tt.size()) std::abort();
    if (q.low && q.high && q.qualifier != isnad::Qualifier::kVague && *q.low > *q.high &&
        q.qualifier == isnad::Qualifier::kRange) {
      std::abort();
    }
  }
  isnad::ParseDigits(raw.substr(0, 40));
  return 0;
}
