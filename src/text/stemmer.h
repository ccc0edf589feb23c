// Snowball stemming (libstemmer) for matching inflected forms: Arabic and English.
// A Stemmer is not thread-safe (libstemmer keeps state per sb_stemmer); use one per
// worker thread, e.g. through ThreadLocalStemmer().
#pragma once

#include <string>
#include <string_view>

struct sb_stemmer;

namespace isnad {

class Stemmer {
 public:
  enum class Language { kArabic, kEnglish };
  explicit Stemmer(Language lang);
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // The stem of one word (UTF-8). Returns the word itself if stemming fails.
  std::string_view Stem(std::string_view word);

 private:
  sb_stemmer* stemmer_;
};

// A per-thread stemmer for the language.
Stemmer& ThreadLocalStemmer(Stemmer::Language lang);

}  // namespace isnad
