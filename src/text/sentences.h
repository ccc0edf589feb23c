// Sentence splitting over tokens: a sentence ends after . ! ? (and runs of them, the
// Arabic ؟ folded to ?), taking closing quotes and brackets glued to the stop with it,
// and at every line break (scraped articles put one paragraph per line). A period after
// a one-letter word is an initial ("د. ج", "U.S.") and does not end the sentence;
// a period inside a number never does (the tokenizer keeps 1.5 whole).
#pragma once

#include <cstdint>
#include <vector>

#include "text/tokenizer.h"

namespace isnad {

struct Sentence {
  uint32_t first_token = 0;  // [first_token, end_token)
  uint32_t end_token = 0;
};

void SplitSentences(const TokenizedText& tt, std::vector<Sentence>* out);

}  // namespace isnad
