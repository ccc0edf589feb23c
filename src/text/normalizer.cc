#include "text/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <charconv>
#include <cstring>
#include <map>

#include "util/tsv.h"
#include "util/utf8.h"

namespace isnad {

namespace {

bool ParseHex(std::string_view s, char32_t* out) {
  unsigned v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v, 16);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v > 0x10FFFF) return false;
  *out = v;
  return true;
}

bool ParseRange(std::string_view s, char32_t* lo, char32_t* hi) {
  size_t dots = s.find("..");
  if (dots == std::string_view::npos) {
    if (!ParseHex(s, lo)) return false;
    *hi = *lo;
    return true;
  }
  return ParseHex(s.substr(0, dots), lo) && ParseHex(s.substr(dots + 2), hi) && *lo <= *hi;
}

CharClass ClassOf(char32_t cp) {
  if (cp == '\n') return CharClass::kNewline;
  if (cp == ' ' || u_isUWhiteSpace(cp)) return CharClass::kSpace;
  if (cp >= '0' && cp <= '9') return CharClass::kDigit;
  int8_t type = u_charType(cp);
  if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK) return CharClass::kMark;
  if (u_isalpha(cp)) {
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(cp, &st);
    if (script == USCRIPT_ARABIC) return CharClass::kArabicLetter;
    if (script == USCRIPT_LATIN) return CharClass::kLatinLetter;
    return CharClass::kLetter;
  }
  if (u_isdigit(cp)) return CharClass::kOther;  // digits of other scripts are not folded
  return CharClass::kOther;
}

}  // namespace

Result<Normalizer> Normalizer::Build(std::string_view rules_tsv) {
  auto rows = ParseTsv("normalize.tsv", rules_tsv, 2);
  if (!rows.ok()) return rows.status();
  // Rule map: code point -> replacement sequence (empty = delete).
  std::map<char32_t, std::u32string> rules;
  for (const TsvRow& row : rows.value()) {
    char32_t lo, hi;
    auto bad = [&](const char* what) {
      return Status::Corruption("normalize.tsv:" + std::to_string(row.line) + ": " + what);
    };
    if (!ParseRange(row.fields[0], &lo, &hi)) return bad("bad source code point or range");
    std::string_view dst = row.fields[1];
    if (dst == "-") {
      for (char32_t c = lo; c <= hi; ++c) rules[c] = U"";
      continue;
    }
    char32_t dlo, dhi;
    if (dst.find("..") != std::string_view::npos) {
      if (!ParseRange(dst, &dlo, &dhi) || dhi - dlo != hi - lo) return bad("target range length differs");
      for (char32_t c = lo; c <= hi; ++c) rules[c] = std::u32string(1, dlo + (c - lo));
      continue;
    }
    std::u32string seq;
    size_t p = 0;
    while (p < dst.size()) {
      size_t sp = dst.find(' ', p);
      if (sp == std::string_view::npos) sp = dst.size();
      char32_t c;
      if (!ParseHex(dst.substr(p, sp - p), &c)) return bad("bad target code point");
      seq.push_back(c);
      p = sp + 1;
    }
    for (char32_t c = lo; c <= hi; ++c) rules[c] = seq;
  }

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return Status::IOError(std::string("ICU NFKC unavailable: ") + u_errorName(status));

  Normalizer n;
  n.entries_.resize(0x10000);
  n.classes_.resize(0x10000);
  std::string out;
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    n.classes_[cp] = ClassOf(cp);
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // surrogates never decode
    // 1. NFKC (only where the code point is not itself a rule source, so rules win).
    std::u32string stage1;
    if (rules.count(cp)) {
      stage1.push_back(cp);
    } else {
      icu::UnicodeString us(static_cast<UChar32>(cp));
      icu::UnicodeString nf = nfkc->normalize(us, status);
      if (U_FAILURE(status)) { status = U_ZERO_ERROR; nf = us; }
      for (int32_t i = 0; i < nf.length();) {
        UChar32 c = nf.char32At(i);
        stage1.push_back(static_cast<char32_t>(c));
        i += U16_LENGTH(c);
      }
    }
    // 2. rules, 3. case folding.
    out.clear();
    for (char32_t c : stage1) {
      auto it = rules.find(c);
      if (it != rules.end()) {
        for (char32_t r : it->second) utf8::Append(static_cast<char32_t>(u_foldCase(r, U_FOLD_CASE_DEFAULT)), &out);
      } else {
        utf8::Append(static_cast<char32_t>(u_foldCase(c, U_FOLD_CASE_DEFAULT)), &out);
      }
    }
    std::string self;
    utf8::Append(cp, &self);
    Entry& e = n.entries_[cp];
    if (out == self) {
      e.flags |= kIdentity;
      e.len = static_cast<uint8_t>(self.size());
      continue;
    }
    if (out.size() > 255) out.resize(255);
    e.offset = static_cast<uint32_t>(n.pool_.size());
    e.len = static_cast<uint8_t>(out.size());
    n.pool_ += out;
    if (out.empty()) {
      int8_t type = u_charType(cp);
      if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK ||
          cp == 0x0640) {
        e.flags |= kDroppedMark;
      }
    }
  }
  return n;
}

void Normalizer::Normalize(std::string_view raw, NormalizedText* out) const {
  out->raw = raw;
  out->normalizer = this;
  std::string& text = out->text;
  std::vector<uint32_t>& map = out->to_raw;
  // Most code points map to as many or fewer bytes; grow on demand for the rest.
  size_t cap = raw.size() + 16;
  text.resize(cap);
  map.resize(cap + 1);
  size_t w = 0;
  const char* src = raw.data();
  size_t i = 0;
  while (i < raw.size()) {
    unsigned char c = static_cast<unsigned char>(src[i]);
    // Fast path: a two-byte code point that maps to itself (most Arabic letters).
    if (c >= 0xC2 && c <= 0xDF && i + 1 < raw.size()) {
      unsigned char c1 = static_cast<unsigned char>(src[i + 1]);
      if ((c1 & 0xC0) == 0x80) {
        const Entry& e = entries_[((c & 0x1F) << 6) | (c1 & 0x3F)];
        if ((e.flags & kIdentity) && w + 2 <= cap) {
          text[w] = static_cast<char>(c);
          text[w + 1] = static_cast<char>(c1);
          map[w] = map[w + 1] = static_cast<uint32_t>(i);
          w += 2;
          i += 2;
          continue;
        }
      }
    }
    const char* bytes;
    size_t n;
    size_t consumed;
    if (c < 0x80) {
      const Entry& e = entries_[c];
      consumed = 1;
      if (e.flags & kIdentity) {
        bytes = src + i;
        n = 1;
      } else {
        bytes = pool_.data() + e.offset;
        n = e.len;
      }
    } else {
      int len;
      char32_t cp = utf8::Decode(raw, i, &len);
      consumed = static_cast<size_t>(len);
      if (cp == utf8::kReplacement && len == 1) {
        bytes = "\xEF\xBF\xBD";
        n = 3;
      } else if (cp >= 0x10000) {
        bytes = src + i;
        n = consumed;
      } else {
        const Entry& e = entries_[cp];
        if (e.flags & kIdentity) {
          bytes = src + i;
          n = consumed;
        } else {
          bytes = pool_.data() + e.offset;
          n = e.len;
        }
      }
    }
    if (w + n > cap) {
      cap = (cap + n) * 2;
      text.resize(cap);
      map.resize(cap + 1);
    }
    std::memcpy(&text[w], bytes, n);
    for (size_t k = 0; k < n; ++k) map[w + k] = static_cast<uint32_t>(i);
    w += n;
    i += consumed;
  }
  text.resize(w);
  map.resize(w + 1);
  map[w] = static_cast<uint32_t>(raw.size());
}

std::string Normalizer::NormalizeString(std::string_view s) const {
  NormalizedText nt;
  Normalize(s, &nt);
  return std::move(nt.text);
}

std::string Normalizer::Decompile() const {
  std::string out = "# source\ttarget\t# glyphs (generated by isnad normalize --decompile)\n";
  char buf[16];
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    const Entry& e = entries_[cp];
    if ((e.flags & kIdentity) || (cp >= 0xD800 && cp <= 0xDFFF)) continue;
    std::snprintf(buf, sizeof buf, "%04X\t", static_cast<unsigned>(cp));
    out += buf;
    std::string_view tgt(pool_.data() + e.offset, e.len);
    if (tgt.empty()) out += "-";
    for (size_t i = 0; i < tgt.size();) {
      int len;
      char32_t c = utf8::Decode(tgt, i, &len);
      std::snprintf(buf, sizeof buf, i ? " %04X" : "%04X", static_cast<unsigned>(c));
      out += buf;
      i += len;
    }
    out += "\t# ";
    if (cp >= 0x20) utf8::Append(cp, &out);
    out += " => ";
    out += tgt;
    out += "\n";
  }
  return out;
}

ByteSpan NormalizedText::ToRaw(size_t b, size_t e) const {
  if (b >= text.size()) return {static_cast<uint32_t>(raw.size()), static_cast<uint32_t>(raw.size())};
  if (e > text.size()) e = text.size();
  uint32_t rb = to_raw[b];
  if (e <= b) return {rb, rb};
  uint32_t last = to_raw[e - 1];
  int len;
  utf8::Decode(raw, last, &len);
  uint32_t re = last + static_cast<uint32_t>(len);
  while (normalizer != nullptr && re < raw.size()) {
    char32_t cp = utf8::Decode(raw, re, &len);
    if (!normalizer->IsDroppedMark(cp)) break;
    re += static_cast<uint32_t>(len);
  }
  return {rb, re};
}

}  // namespace isnad
