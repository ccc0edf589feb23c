#include "text/tokenizer.h"

#include <algorithm>

#include "util/tsv.h"
#include "util/utf8.h"

namespace isnad {

namespace {

inline bool IsLetterClass(CharClass c) {
  return c == CharClass::kArabicLetter || c == CharClass::kLatinLetter || c == CharClass::kLetter ||
         c == CharClass::kMark;
}

}  // namespace

void Tokenize(const Normalizer& normalizer, TokenizedText* tt) {
  const std::string& s = tt->norm.text;
  std::vector<Token>& out = tt->tokens;
  out.clear();
  // What Annotate computed belongs to the previous tokens.
  tt->lex_mask.clear();
  tt->var_range.clear();
  tt->word_id.clear();
  tt->word_epoch = 0;
  out.reserve(s.size() / 5 + 8);
  size_t i = 0;
  int newlines = 2;  // the text start counts as a paragraph start
  bool space = true;
  auto decode = [&](size_t at, int* len) -> char32_t {
    unsigned char c = static_cast<unsigned char>(s[at]);
    if (c < 0x80) { *len = 1; return c; }
    return utf8::Decode(s, at, len);
  };
  while (i < s.size()) {
    int len;
    char32_t cp = decode(i, &len);
    CharClass cls = normalizer.Classify(cp);
    if (cls == CharClass::kSpace) { space = true; i += len; continue; }
    if (cls == CharClass::kNewline) { space = true; ++newlines; i += len; continue; }
    Token t;
    t.begin = static_cast<uint32_t>(i);
    if (!space) t.flags |= Token::kGlued;
    if (newlines > 0) t.flags |= Token::kLineStart;
    if (newlines > 1) t.flags |= Token::kParagraphStart;
    newlines = 0;
    space = false;
    if (IsLetterClass(cls)) {
      CharClass script = cls == CharClass::kMark ? CharClass::kLetter : cls;
      size_t j = i + len;
      while (j < s.size()) {
        int l2;
        CharClass c2 = normalizer.Classify(decode(j, &l2));
        if (c2 == CharClass::kMark || c2 == script) { j += l2; continue; }
        break;
      }
      t.end = static_cast<uint32_t>(j);
      t.kind = TokenKind::kWord;
      if (script == CharClass::kArabicLetter) t.flags |= Token::kArabic;
      if (script == CharClass::kLatinLetter) t.flags |= Token::kLatin;
      i = j;
    } else if (cls == CharClass::kDigit) {
      size_t j = i + 1;
      while (j < s.size()) {
        char c = s[j];
        if (c >= '0' && c <= '9') { ++j; continue; }
        if ((c == '.' || c == ',') && j + 1 < s.size() && s[j + 1] >= '0' && s[j + 1] <= '9') { j += 2; continue; }
        break;
      }
      t.end = static_cast<uint32_t>(j);
      t.kind = TokenKind::kNumber;
      i = j;
    } else {
      // Punctuation or symbol: a run of the same code point is one token.
      size_t j = i + len;
      auto same = [&](size_t at) {
        for (int k = 0; k < len; ++k) {
          if (s[at + k] != s[i + k]) return false;
        }
        return true;
      };
      while (j + len <= s.size() && same(j)) j += len;
      t.end = static_cast<uint32_t>(j);
      t.kind = TokenKind::kPunct;
      i = j;
    }
    out.push_back(t);
  }
}

Result<Clitics> Clitics::Load(std::string_view tsv, const Normalizer& normalizer) {
  auto rows = ParseTsv("clitics.tsv", tsv, 1);
  if (!rows.ok()) return rows.status();
  Clitics c;
  for (const TsvRow& r : rows.value()) {
    std::string prefix = normalizer.NormalizeString(r.fields[0]);
    std::string restore = r.fields.size() > 1 ? normalizer.NormalizeString(r.fields[1]) : "";
    if (prefix.empty()) return Status::Corruption("clitics.tsv:" + std::to_string(r.line) + ": empty prefix");
    if (c.article_.empty() && !restore.empty()) c.article_ = restore;
    if (prefix.size() < 2) return Status::Corruption("clitics.tsv:" + std::to_string(r.line) + ": a prefix is at least one Arabic letter");
    const uint16_t lead = static_cast<uint16_t>(static_cast<unsigned char>(prefix[0]) << 8 | static_cast<unsigned char>(prefix[1]));
    if (std::find(c.leads_.begin(), c.leads_.end(), lead) == c.leads_.end()) c.leads_.push_back(lead);
    c.prefixes_.emplace_back(std::move(prefix), std::move(restore));
  }
  std::stable_sort(c.prefixes_.begin(), c.prefixes_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return c;
}

}  // namespace isnad
