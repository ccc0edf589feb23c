#include "report/json_out.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

namespace isnad {

namespace {

// What a byte starts, for the escaper: 0 a byte copied as is (printable ASCII), 1 a byte
// to escape, 2..8 the lead of a UTF-8 sequence (by the range its second byte must lie
// in: Unicode's table 3-7 of well-formed sequences, which keeps out overlong forms,
// surrogates and code points past U+10FFFF), 9 a byte that cannot start one.
enum : uint8_t { kPlain, kEscape, kLead2, kLead3, kLeadE0, kLeadED, kLead4, kLeadF0, kLeadF4, kBad };

constexpr std::array<uint8_t, 256> MakeClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    uint8_t k = kPlain;
    if (c < 0x20 || c == '"' || c == '\\') k = kEscape;
    else if (c < 0x80) k = kPlain;
    else if (c < 0xC2) k = kBad;
    else if (c < 0xE0) k = kLead2;
    else if (c == 0xE0) k = kLeadE0;
    else if (c == 0xED) k = kLeadED;
    else if (c < 0xF0) k = kLead3;
    else if (c == 0xF0) k = kLeadF0;
    else if (c < 0xF4) k = kLead4;
    else if (c == 0xF4) k = kLeadF4;
    else k = kBad;
    t[c] = k;
  }
  return t;
}

constexpr std::array<uint8_t, 256> kClass = MakeClasses();

constexpr char kHex[] = "0123456789abcdef";
constexpr char kReplacement[] = "\xEF\xBF\xBD";

void AppendEscape(unsigned char c, std::string* out) {
  switch (c) {
    case '\b': out->append("\\b", 2); return;
    case '\t': out->append("\\t", 2); return;
    case '\n': out->append("\\n", 2); return;
    case '\f': out->append("\\f", 2); return;
    case '\r': out->append("\\r", 2); return;
    case '"': out->append("\\\"", 2); return;
    case '\\': out->append("\\\\", 2); return;
    default: {
      const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
      out->append(u, 6);
    }
  }
}

// How many bytes of the sequence led by p[0] (class k) are well formed, up to its full
// length `*len`: a shorter count is the maximal ill-formed subsequence to replace.
size_t MatchSequence(const unsigned char* p, size_t left, uint8_t k, size_t* len) {
  unsigned char lo = 0x80, hi = 0xBF;
  switch (k) {
    case kLead2: *len = 2; break;
    case kLead3: *len = 3; break;
    case kLeadE0: *len = 3; lo = 0xA0; break;
    case kLeadED: *len = 3; hi = 0x9F; break;
    case kLead4: *len = 4; break;
    case kLeadF0: *len = 4; lo = 0x90; break;
    default: *len = 4; hi = 0x8F; break;  // kLeadF4
  }
  if (left < 2 || p[1] < lo || p[1] > hi) return 1;
  size_t m = 2;
  while (m < *len && m < left && p[m] >= 0x80 && p[m] <= 0xBF) ++m;
  return m;
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  out->push_back('"');
  size_t run = 0;  // start of the bytes not yet appended, all to be copied as they are
  size_t i = 0;
  while (i < n) {
    const uint8_t k = kClass[p[i]];
    if (k == kPlain) {
      ++i;
      continue;
    }
    if (k == kEscape) {
      out->append(s.data() + run, i - run);
      AppendEscape(p[i], out);
      run = ++i;
      continue;
    }
    size_t len = 0, m = 1;  // a byte that starts no sequence: m (1) replaced, never copied
    if (k != kBad) m = MatchSequence(p + i, n - i, k, &len);
    if (m == len) {  // a well-formed sequence: part of the run
      i += len;
      continue;
    }
    out->append(s.data() + run, i - run);
    out->append(kReplacement, 3);
    i += m;
    run = i;
  }
  out->append(s.data() + run, n - run);
  out->push_back('"');
}

void AppendJsonDouble(double x, std::string* out) {
  if (!std::isfinite(x)) {
    out->append("null", 4);
    return;
  }
  if (std::signbit(x)) {
    out->push_back('-');
    x = -x;
  }
  if (x == 0) {
    out->append("0.0", 3);
    return;
  }
  // Shortest round-trip digits as d.ddde±X, reformatted the way nlohmann formats its
  // digits: v = digits * 10^(n - k), k digits, decimal point after the n-th.
  char sci[32];
  const auto r = std::to_chars(sci, sci + sizeof sci, x, std::chars_format::scientific);
  const char* e = static_cast<const char*>(std::memchr(sci, 'e', static_cast<size_t>(r.ptr - sci)));
  char digits[24];
  int k = 0;
  for (const char* c = sci; c < e; ++c) {
    if (*c != '.') digits[k++] = *c;
  }
  int exp10 = 0;
  std::from_chars(e + (e[1] == '+' ? 2 : 1), r.ptr, exp10);
  const int n = exp10 + 1;
  constexpr int kMinExp = -4, kMaxExp = 15;  // nlohmann: -4 and digits10
  if (k <= n && n <= kMaxExp) {  // digits[000].0
    out->append(digits, static_cast<size_t>(k));
    out->append(static_cast<size_t>(n - k), '0');
    out->append(".0", 2);
  } else if (0 < n && n <= kMaxExp) {  // dig.its
    out->append(digits, static_cast<size_t>(n));
    out->push_back('.');
    out->append(digits + n, static_cast<size_t>(k - n));
  } else if (kMinExp < n && n <= 0) {  // 0.[000]digits
    out->append("0.", 2);
    out->append(static_cast<size_t>(-n), '0');
    out->append(digits, static_cast<size_t>(k));
  } else {  // d.igitse±XX
    out->push_back(digits[0]);
    if (k > 1) {
      out->push_back('.');
      out->append(digits + 1, static_cast<size_t>(k - 1));
    }
    int x10 = n - 1;
    out->push_back('e');
    out->push_back(x10 < 0 ? '-' : '+');
    if (x10 < 0) x10 = -x10;
    if (x10 < 10) out->push_back('0');
    char buf[8];
    out->append(buf, static_cast<size_t>(std::to_chars(buf, buf + sizeof buf, x10).ptr - buf));
  }
}

JsonOut::JsonOut(std::ostream& out, bool pretty) : out_(out), pretty_(pretty) {
  buf_.reserve(2 * kChunk);
  open_.reserve(16);
}

void JsonOut::Flush() {
  if (buf_.empty()) return;
  out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  buf_.clear();
}

void JsonOut::Newline(size_t depth) {
  buf_.push_back('\n');
  buf_.append(depth, ' ');
}

// Inside an array a value is an element: its separator and line. After a Key() the
// separator is written already; at the top level there is none.
void JsonOut::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;
  if (open_.back()) buf_.push_back(',');
  open_.back() = 1;
  if (pretty_) Newline(open_.size());
}

void JsonOut::Key(std::string_view k) {
  if (open_.back()) buf_.push_back(',');
  open_.back() = 1;
  if (pretty_) Newline(open_.size());
  AppendJsonString(k, &buf_);
  if (pretty_) buf_.append(": ", 2);
  else buf_.push_back(':');
  after_key_ = true;
}

void JsonOut::Open(char c) {
  BeforeValue();
  buf_.push_back(c);
  open_.push_back(0);
}

void JsonOut::Close(char c) {
  const bool members = open_.back();
  open_.pop_back();
  if (members && pretty_) Newline(open_.size());
  buf_.push_back(c);
}

void JsonOut::BeginObject() { Open('{'); }
void JsonOut::EndObject() { Close('}'); }
void JsonOut::BeginArray() { Open('['); }
void JsonOut::EndArray() { Close(']'); }

void JsonOut::String(std::string_view s) {
  BeforeValue();
  AppendJsonString(s, &buf_);
}

void JsonOut::Int(int64_t v) {
  BeforeValue();
  char b[24];
  buf_.append(b, static_cast<size_t>(std::to_chars(b, b + sizeof b, v).ptr - b));
}

void JsonOut::Uint(uint64_t v) {
  BeforeValue();
  char b[24];
  buf_.append(b, static_cast<size_t>(std::to_chars(b, b + sizeof b, v).ptr - b));
}

void JsonOut::Double(double v) {
  BeforeValue();
  AppendJsonDouble(v, &buf_);
}

void JsonOut::Bool(bool v) {
  BeforeValue();
  if (v) buf_.append("true", 4);
  else buf_.append("false", 5);
}

void JsonOut::Null() {
  BeforeValue();
  buf_.append("null", 4);
}

}  // namespace isnad
