// Pages that are not UTF-8: windows-1256, ISO-8859-6 and the like, declared in a
// <meta charset> or not declared at all, decoded with ICU's converters (and its charset
// detector when the page does not say) into UTF-8, with for every UTF-8 byte the page
// bytes it came from, so that spans stay in bytes of the page as stored.
//
// A page that is valid UTF-8 is read as UTF-8 whatever it declares: a windows-1256 page
// is never valid UTF-8 (its Arabic letters are bytes 0xC1-0xED followed by more of
// them), while UTF-8 pages that still declare their old charset are common.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace isnad::html {

struct DecodedPage {
  std::string utf8;
  std::vector<uint32_t> start, end;  // per UTF-8 byte: its page bytes [start, end)
  std::string charset;               // the ICU name of what was decoded
  bool detected = false;             // the charset was guessed, not declared
  size_t invalid_at = std::string::npos;  // first byte that is not UTF-8, if any
};

// The charset a page declares in its first 1024 bytes (<meta charset>, or the
// http-equiv content type), lower-cased; "" when it declares none.
std::string DeclaredCharset(std::string_view page);

// Decodes `page` when it is not UTF-8. Returns false (and leaves *out empty) when the
// page is read as UTF-8 as it is; sets *error when it is not UTF-8 and no converter
// could read it.
bool DecodePage(std::string_view page, DecodedPage* out, std::string* error);

}  // namespace isnad::html
