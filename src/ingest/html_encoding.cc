#include "ingest/html_encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <memory>

#include "util/utf8.h"

namespace isnad::html {

namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool IsUtf8Name(const std::string& n) { return n == "utf-8" || n == "utf8" || n == "unicode-1-1-utf-8"; }

}  // namespace

std::string DeclaredCharset(std::string_view page) {
  std::string head(page.substr(0, 1024));
  for (char& c : head) c = Lower(c);
  size_t at = 0;
  while ((at = head.find("charset", at)) != std::string::npos) {
    size_t i = at + 7;
    at = i;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')) ++i;
    if (i >= head.size() || head[i] != '=') continue;
    ++i;
    while (i < head.size() && (head[i] == ' ' || head[i] == '"' || head[i] == '\'')) ++i;
    size_t from = i;
    while (i < head.size() && head[i] != '"' && head[i] != '\'' && head[i] != ';' && head[i] != '>' && head[i] != ' ' &&
           head[i] != '/' && head[i] != '\n') {
      ++i;
    }
    if (i > from) return head.substr(from, i - from);
  }
  return "";
}

bool DecodePage(std::string_view page, DecodedPage* out, std::string* error) {
  out->utf8.clear();
  out->start.clear();
  out->end.clear();
  out->charset.clear();
  out->detected = false;
  out->invalid_at = utf8::FindInvalid(page);
  if (out->invalid_at == std::string_view::npos) return false;

  std::string charset = DeclaredCharset(page);
  UErrorCode status = U_ZERO_ERROR;
  if (charset.empty() || IsUtf8Name(charset)) {
    // Invalid UTF-8 that says it is UTF-8 (or says nothing): ask the detector, on the
    // non-ASCII-heavy part of the page it sees first.
    UCharsetDetector* det = ucsdet_open(&status);
    if (U_FAILURE(status)) {
      *error = "cannot open ICU's charset detector";
      return false;
    }
    std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(det, ucsdet_close);
    ucsdet_enableInputFilter(det, true);  // skip markup
    size_t sample = std::min<size_t>(page.size(), 1u << 20);
    ucsdet_setText(det, page.data(), static_cast<int32_t>(sample), &status);
    const UCharsetMatch* match = ucsdet_detect(det, &status);
    const char* name = match != nullptr && U_SUCCESS(status) ? ucsdet_getName(match, &status) : nullptr;
    if (name == nullptr || U_FAILURE(status)) {
      *error = "page is not valid UTF-8 and its charset could not be detected";
      return false;
    }
    charset = name;
    for (char& c : charset) c = Lower(c);
    if (IsUtf8Name(charset)) return false;  // mostly UTF-8 with a few bad bytes: read as UTF-8
    out->detected = true;
  }

  status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset.c_str(), &status);
  if (U_FAILURE(status) || conv == nullptr) {
    *error = "page declares charset `" + charset + "`, which ICU cannot read";
    return false;
  }
  std::unique_ptr<UConverter, void (*)(UConverter*)> cguard(conv, ucnv_close);
  out->charset = ucnv_getName(conv, &status);
  status = U_ZERO_ERROR;

  // One UTF-16 unit per input byte at most for the single- and double-byte charsets
  // pages use; the converter reports overflow otherwise and the rest is converted next.
  std::vector<UChar> units(page.size() + 16);
  std::vector<int32_t> offsets(units.size());
  const char* src = page.data();
  const char* src_end = page.data() + page.size();
  UChar* dst = units.data();
  ucnv_toUnicode(conv, &dst, units.data() + units.size(), &src, src_end, offsets.data(), true, &status);
  if (U_FAILURE(status)) {
    *error = "decoding the page as `" + out->charset + "` failed: " + u_errorName(status);
    return false;
  }
  size_t n = static_cast<size_t>(dst - units.data());
  out->utf8.reserve(n * 2);
  out->start.reserve(n * 2);
  out->end.reserve(n * 2);
  for (size_t k = 0; k < n;) {
    char32_t cp = units[k];
    size_t len = 1;
    if (cp >= 0xD800 && cp <= 0xDBFF && k + 1 < n && units[k + 1] >= 0xDC00 && units[k + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (units[k + 1] - 0xDC00);
      len = 2;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = utf8::kReplacement;
    }
    uint32_t s = offsets[k] < 0 ? (out->end.empty() ? 0 : out->end.back()) : static_cast<uint32_t>(offsets[k]);
    uint32_t e = k + len >= n ? static_cast<uint32_t>(page.size())
                 : offsets[k + len] >= 0 ? static_cast<uint32_t>(offsets[k + len]) : s + 1;
    if (e <= s) e = s + 1;
    size_t before = out->utf8.size();
    utf8::Append(cp, &out->utf8);
    for (size_t b = before; b < out->utf8.size(); ++b) {
      out->start.push_back(s);
      out->end.push_back(e);
    }
    k += len;
  }
  return true;
}

}  // namespace isnad::html
