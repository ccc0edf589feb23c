// A quantity as the per-document stage reads it (extract/numbers.h): token range, value
// range, qualifier and kind.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/vocab.h"

namespace isnad {

struct Quantity {
  uint32_t first = 0;       // token range [first, last], qualifier and unit included
  uint32_t last = 0;
  uint32_t num_first = 0;   // the number proper
  uint32_t num_last = 0;
  std::optional<int64_t> low;   // nullopt = open
  std::optional<int64_t> high;
  Qualifier qualifier = Qualifier::kExact;
  QuantityKind kind = QuantityKind::kCount;
  std::string_view unit;    // from the units lexicon, empty for counts
  int32_t noun = -1;        // token of the noun right after (what is counted), or -1
  bool from_words = false;  // spelled out in words (ثلاثة) rather than digits
};

}  // namespace isnad
