#pragma once

#include <cstdint>
#include <vector>

#include "util/byte_span.h"

namespace isnad {

// The shingles of one document, from the per-document stage.
struct DocShingles {
  std::vector<uint64_t> hashes;   // one per position (k consecutive skeleton words)
  std::vector<ByteSpan> words;    // input span of each word (hashes[i] covers words[i..i+k))
};

}  // namespace isnad
