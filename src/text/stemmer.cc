#include "text/stemmer.h"

#include <libstemmer.h>

namespace isnad {

Stemmer::Stemmer(Language lang)
    : stemmer_(sb_stemmer_new(lang == Language::kArabic ? "arabic" : "english", "UTF_8")) {}

Stemmer::~Stemmer() {
  if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
}

std::string_view Stemmer::Stem(std::string_view word) {
  if (stemmer_ == nullptr) return word;
  const sb_symbol* s =
      sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (s == nullptr) return word;
  return {reinterpret_cast<const char*>(s), static_cast<size_t>(sb_stemmer_length(stemmer_))};
}

Stemmer& ThreadLocalStemmer(Stemmer::Language lang) {
  thread_local Stemmer arabic(Stemmer::Language::kArabic);
  thread_local Stemmer english(Stemmer::Language::kEnglish);
  return lang == Stemmer::Language::kArabic ? arabic : english;
}

}  // namespace isnad
