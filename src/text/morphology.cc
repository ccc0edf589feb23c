#include "text/morphology.h"

#include <algorithm>
#include <charconv>

#include "util/tsv.h"
#include "util/short_bytes.h"
#include "util/utf8.h"

namespace isnad {

namespace {

bool StartsWith(std::string_view w, std::string_view p) { return bytes::StartsWith(w, p); }
bool EndsWith(std::string_view w, std::string_view p) { return !p.empty() && bytes::EndsWith(w, p); }

void LongestFirst(std::vector<std::string>* v) {
  std::stable_sort(v->begin(), v->end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

// Arabic letters are two bytes with lead byte D8..DB in the normalized view.
bool IsArabicWord(std::string_view w) {
  if (w.size() < 2) return false;
  unsigned char b = static_cast<unsigned char>(w[0]);
  return b >= 0xD8 && b <= 0xDB;
}

size_t Letters(std::string_view s) { return utf8::CountCodePoints(s); }

KeyRef Put(std::string_view key, std::string* arena) {
  KeyRef r{static_cast<uint32_t>(arena->size()), static_cast<uint32_t>(key.size())};
  arena->append(key);
  return r;
}

}  // namespace

Result<Morphology> Morphology::Load(std::string_view clitics_tsv, std::string_view affixes_tsv,
                                    std::string_view function_words_tsv, const Normalizer& normalizer) {
  Morphology m;
  auto frows = ParseTsv("function_words.tsv", function_words_tsv, 1);
  if (!frows.ok()) return frows.status();
  for (const TsvRow& r : frows.value()) {
    std::string w = normalizer.NormalizeString(r.fields[0]);
    if (!w.empty() && w.find(' ') == std::string::npos) m.closed_.insert(std::move(w));
  }
  auto crow = ParseTsv("clitics.tsv", clitics_tsv, 1);
  if (!crow.ok()) return crow.status();
  for (const TsvRow& r : crow.value()) {
    std::string prefix = normalizer.NormalizeString(r.fields[0]);
    std::string restore = r.fields.size() > 1 ? normalizer.NormalizeString(r.fields[1]) : "";
    if (prefix.empty()) return Status::Corruption("clitics.tsv:" + std::to_string(r.line) + ": empty prefix");
    m.proclitics_.emplace_back(std::move(prefix), std::move(restore));
  }
  std::stable_sort(m.proclitics_.begin(), m.proclitics_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  auto rows = ParseTsv("affixes.tsv", affixes_tsv, 2);
  if (!rows.ok()) return rows.status();
  struct Kind {
    std::string_view name;
    std::vector<std::string>* list;
  };
  const Kind kLists[] = {{"noun_pronoun", &m.noun_pronouns_},   {"construct_ending", &m.construct_endings_},
                         {"noun_ending", &m.noun_endings_},     {"verb_object", &m.verb_objects_},
                         {"verb_subject", &m.verb_subjects_},   {"verb_prefix", &m.verb_prefixes_},
                         {"noun_marker", &m.noun_markers_},     {"verb_marker", &m.verb_markers_},
                         {"nisba", &m.nisba_}};
  for (const TsvRow& r : rows.value()) {
    std::string_view kind = r.fields[0];
    auto bad = [&](const std::string& what) { return Status::Corruption("affixes.tsv:" + std::to_string(r.line) + ": " + what); };
    if (kind == "min_stem") {
      int v = 0;
      auto res = std::from_chars(r.fields[1].data(), r.fields[1].data() + r.fields[1].size(), v);
      if (res.ec != std::errc() || v < 1 || v > 6) return bad("min_stem must be 1..6");
      m.min_stem_ = v;
      continue;
    }
    std::string affix = normalizer.NormalizeString(r.fields[1]);
    if (affix.empty()) return bad("empty affix");
    if (kind == "article") {
      m.article_ = affix;
    } else if (kind == "feminine") {
      m.feminine_raw_ = std::string(r.fields[1]);
      m.feminine_view_ = affix;
    } else if (kind == "feminine_t") {
      m.feminine_t_ = affix;
    } else if (kind == "maqsura") {
      m.maqsura_raw_ = std::string(r.fields[1]);
    } else {
      bool known = false;
      for (const Kind& k : kLists) {
        if (kind == k.name) {
          k.list->push_back(affix);
          known = true;
        }
      }
      if (!known) return bad("unknown kind `" + std::string(kind) + "`");
    }
  }
  if (m.article_.empty() || m.feminine_raw_.empty() || m.feminine_t_.empty()) {
    return Status::Corruption("affixes.tsv: needs article, feminine and feminine_t rows");
  }
  for (const Kind& k : kLists) LongestFirst(k.list);
  return m;
}

bool Morphology::StripSuffix(std::string_view word, size_t b, size_t* e, const std::vector<std::string>& affixes) const {
  std::string_view w = word.substr(b, *e - b);
  for (const std::string& s : affixes) {
    if (w.size() > s.size() && EndsWith(w, s) && Letters(w.substr(0, w.size() - s.size())) >= static_cast<size_t>(min_stem_)) {
      *e -= s.size();
      return true;
    }
  }
  return false;
}

Morphology::Keys Morphology::Compute(std::string_view word, size_t b, bool definite, bool feminine) const {
  Keys k;
  const size_t min = static_cast<size_t>(min_stem_);
  if (!definite && StartsWith(word.substr(b), article_) && Letters(word.substr(b + article_.size())) >= min) {
    b += article_.size();
    definite = true;
  }
  k.definite = definite;
  // Noun key.
  size_t e = word.size();
  if (!feminine) {
    bool pronoun = StripSuffix(word, b, &e, noun_pronouns_);
    if (pronoun) StripSuffix(word, b, &e, construct_endings_);
    if (pronoun) k.definite = true;  // a noun with a pronoun is definite (مطالبهم)
    bool ending = StripSuffix(word, b, &e, noun_endings_);
    std::string_view stem = word.substr(b, e - b);
    // A feminine noun shows its ة as ت before a suffix (جثتها، جثتين); a plural in ات does not.
    bool plural = false;
    for (const std::string& m : noun_markers_) plural |= EndsWith(stem, m);
    if ((pronoun || ending) && EndsWith(stem, feminine_t_) && !plural && Letters(stem) >= min) {
      k.noun_f.assign(stem.substr(0, stem.size() - feminine_t_.size()));
      k.noun_f += feminine_view_;
    }
  }
  k.noun = word.substr(b, e - b);
  // Verb keys: words without the article, not feminine nouns.
  if (!definite && !feminine) {
    size_t ve = word.size();
    StripSuffix(word, b, &ve, verb_objects_);
    StripSuffix(word, b, &ve, verb_subjects_);
    k.verb = word.substr(b, ve - b);
    for (const std::string& p : verb_prefixes_) {
      if (k.verb.size() > p.size() && StartsWith(k.verb, p) && Letters(k.verb.substr(p.size())) >= min) {
        k.verb1 = k.verb.substr(p.size());
        break;
      }
    }
  }
  return k;
}

void Morphology::Variants(std::string_view word, bool feminine, std::vector<WordVariant>* out, std::string* arena) const {
  auto add = [&](uint16_t prefix, bool restore, const Keys& k) {
    WordVariant v;
    v.prefix = prefix;
    v.restore_article = restore;
    v.definite = k.definite;
    v.noun = Put(k.noun, arena);
    if (!k.noun_f.empty()) v.noun_f = Put(k.noun_f, arena);
    if (!k.verb.empty()) v.verb = Put(k.verb, arena);
    if (!k.verb1.empty()) v.verb1 = Put(k.verb1, arena);
    out->push_back(v);
  };
  if (word.size() > 0xFFFF || !IsArabicWord(word)) {
    Keys k;
    k.noun = word.substr(0, std::min<size_t>(word.size(), 0xFFFF));
    add(0, false, k);
    return;
  }
  // A closed-class word keeps its written form in every reading (وبين is و + بين).
  bool closed = Closed(word, 0);
  for (const auto& [p, restore] : proclitics_) {
    if (!closed && StartsWith(word, p) && word.size() > p.size()) closed = Closed(word, p.size());
  }
  auto keys = [&](size_t b, bool definite) {
    if (closed) {
      Keys k;
      k.noun = word.substr(b);
      return k;
    }
    return Compute(word, b, definite, feminine);
  };
  add(0, false, keys(0, false));
  for (const auto& [p, restore] : proclitics_) {
    // A proclitic leaves a stem of two letters at least.
    if (StartsWith(word, p) && word.size() > p.size() && Letters(word.substr(p.size())) >= 2) {
      add(static_cast<uint16_t>(p.size()), !restore.empty(), keys(p.size(), !restore.empty()));
    }
  }
}

bool Morphology::IsNisba(std::string_view key) const {
  for (const std::string& n : nisba_) {
    if (key.size() > n.size() && EndsWith(key, n) && Letters(key.substr(0, key.size() - n.size())) >= static_cast<size_t>(min_stem_)) {
      return true;
    }
  }
  return false;
}

bool Morphology::Closed(std::string_view word, size_t b) const {
  if (closed_.empty()) return false;
  std::string_view w = word.substr(b);
  if (closed_.count(w)) return true;
  for (const std::string& p : noun_pronouns_) {
    if (w.size() > p.size() && EndsWith(w, p) && closed_.count(w.substr(0, w.size() - p.size()))) return true;
  }
  return false;
}

EntryKeys Morphology::Entry(std::string_view raw, const Normalizer& normalizer, FamilyPos pos) const {
  EntryKeys out;
  std::string w = normalizer.NormalizeString(raw);
  if (!IsArabicWord(w)) {
    out.noun = w;
    return out;
  }
  const bool feminine = EndsWith(raw, feminine_raw_);
  const bool definite = StartsWith(w, article_);
  Keys k = Compute(w, 0, false, feminine);
  const size_t min = static_cast<size_t>(min_stem_);
  // Its part of speech, from the written form.
  bool noun = true, verb = !definite && !feminine;
  bool marked_noun = false;
  for (const std::string& m : noun_markers_) marked_noun |= EndsWith(w, m);
  if (marked_noun) verb = false;
  // A noun marker (ات) wins over the verb marker it ends with (ت).
  for (const std::string& m : verb_markers_) {
    if (!marked_noun && !feminine && EndsWith(w, m) && Letters(std::string_view(w).substr(0, w.size() - m.size())) >= min) noun = false;
  }
  if (pos == FamilyPos::kVerb && verb) noun = false;
  if (pos == FamilyPos::kIndefinite) {
    verb = false;
    out.indefinite = true;
  }
  if (noun) out.noun = std::string(k.noun);
  if (verb) {
    out.verb = std::string(k.verb);
    out.verb1 = std::string(k.verb1);
  }
  return out;
}

}  // namespace isnad
