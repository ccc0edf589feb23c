// A streaming JSON emitter for the analysis writer: values go straight into one
// reusable buffer, which is handed to the ostream in chunks, instead of a tree per
// record. Its bytes are those of nlohmann::json::dump(indent, ' ', false,
// error_handler_t::replace) for the same values (indent 1 when pretty, -1 compact):
//
//   strings: " \ and the control bytes below 0x20 escaped (\b \f \n \r \t, else \u00xx
//            in lowercase hex), DEL and valid UTF-8 copied as they are, and each maximal
//            ill-formed subsequence of the UTF-8 (an invalid byte, or a truncated
//            sequence up to the byte that breaks it) replaced by one U+FFFD;
//   doubles: nlohmann's float layout (fixed point for exponents -4 .. 15 with ".0" on
//            integral values, else d.ddde+XX; null for NaN and infinities) around the
//            shortest round-trip digits (std::to_chars). nlohmann's Grisu2 finds the
//            same digits for every value the writer writes (thousandths: all of
//            -10000 .. 10000 were compared), but for about 0.1% of arbitrary doubles it
//            writes a 17th digit where 16 suffice; both read back as the same double;
//   layout:  pretty puts each member or element on its own line, indented one space
//            per level below the first value written; {} and [] stay on one line.
//            Compact writes no whitespace at all.
//
// The writer's own skeleton (the top-level object, whose layout is not nlohmann's) goes
// through Raw(); every string from a document goes through String().
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace isnad {

// Appends s to *out as a JSON string literal (quotes included), escaped as above.
void AppendJsonString(std::string_view s, std::string* out);

// Appends x as nlohmann dumps a double (see above).
void AppendJsonDouble(double x, std::string* out);

class JsonOut {
 public:
  JsonOut(std::ostream& out, bool pretty);
  JsonOut(const JsonOut&) = delete;
  JsonOut& operator=(const JsonOut&) = delete;

  // Bytes written as they are, outside any value the emitter tracks.
  void Raw(std::string_view s) { buf_.append(s); }

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  // An object member's name; the next call writes its value.
  void Key(std::string_view k);

  void String(std::string_view s);
  void Int(int64_t v);
  void Uint(uint64_t v);
  void Double(double v);
  void Bool(bool v);
  void Null();

  // Shorthands for the writer's nullable fields.
  void StringOrNull(std::string_view s) { s.empty() ? Null() : String(s); }
  void IntOrNull(const std::optional<int64_t>& v) { v ? Int(*v) : Null(); }

  // Hands the buffer to the stream once it holds a chunk's worth (between records).
  void MaybeFlush() {
    if (buf_.size() >= kChunk) Flush();
  }
  // Writes what the buffer holds; call it at the end (the destructor writes nothing).
  void Flush();

 private:
  static constexpr size_t kChunk = 1 << 16;

  void BeforeValue();
  void Open(char c);
  void Close(char c);
  void Newline(size_t depth);

  std::ostream& out_;
  const bool pretty_;
  std::string buf_;
  bool after_key_ = false;  // a Key() was written and awaits its value
  // One byte per open container, innermost last: 1 once it holds a member or element.
  // Its capacity stays, so a record allocates nothing once the first has been written.
  std::string open_;
};

}  // namespace isnad
