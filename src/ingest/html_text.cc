#include "ingest/html_text.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "util/utf8.h"

namespace isnad::html {

namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// HTML5 "numeric character reference end state": C1 controls written as numbers are
// read as windows-1252, as browsers always did (&#150; is an en dash). 0 = unchanged.
constexpr char32_t kC1[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                              0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                              0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                              0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

char32_t NumericValue(char32_t v) {
  if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return utf8::kReplacement;
  if (v >= 0x80 && v <= 0x9F && kC1[v - 0x80] != 0) return kC1[v - 0x80];
  return v;
}

}  // namespace

Result<std::shared_ptr<const CharRefs>> CharRefs::Load(const DataSource& source) {
  auto text = source.Read("html_entities.tsv");
  if (!text.ok()) return text.status();
  auto rows = ParseTsv("html_entities.tsv", text.value(), 2);
  if (!rows.ok()) return rows.status();
  std::shared_ptr<CharRefs> refs(new CharRefs());
  for (const TsvRow& r : rows.value()) {
    std::string value;
    std::string_view cps = r.fields[1];
    while (!cps.empty()) {
      size_t sp = cps.find(' ');
      std::string hex(cps.substr(0, sp));
      char* end = nullptr;
      unsigned long cp = std::strtoul(hex.c_str(), &end, 16);
      if (hex.empty() || *end != '\0' || cp > 0x10FFFF) {
        return Status::Corruption("html_entities.tsv:" + std::to_string(r.line) + ": bad code point `" + hex + "`");
      }
      utf8::Append(static_cast<char32_t>(cp), &value);
      cps = sp == std::string_view::npos ? std::string_view() : cps.substr(sp + 1);
    }
    std::string name(r.fields[0]);
    if (name.empty()) continue;
    if (name.back() != ';') refs->max_bare_ = std::max(refs->max_bare_, name.size());
    refs->names_.emplace(std::move(name), std::move(value));
  }
  return std::shared_ptr<const CharRefs>(std::move(refs));
}

const CharRefs& CharRefs::Default() {
  static std::shared_ptr<const CharRefs> instance = [] {
    auto r = Load(DataSource());
    if (!r.ok()) {
      std::fprintf(stderr, "isnad: embedded html_entities.tsv is broken: %s\n", r.status().ToString().c_str());
      std::abort();
    }
    return r.value();
  }();
  return *instance;
}

size_t CharRefs::Decode(std::string_view s, std::string* out) const {
  if (s.size() < 2 || s[0] != '&') return 0;
  if (s[1] == '#') {
    size_t i = 2;
    bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
    if (hex) ++i;
    size_t digits_from = i;
    char32_t v = 0;
    while (i < s.size() && (hex ? IsHex(s[i]) : IsDigit(s[i]))) {
      char c = s[i];
      int d = IsDigit(c) ? c - '0' : Lower(c) - 'a' + 10;
      if (v <= 0x10FFFF) v = v * (hex ? 16 : 10) + d;
      ++i;
    }
    if (i == digits_from) return 0;  // "&#" or "&#x" with no digits is text
    if (i < s.size() && s[i] == ';') ++i;
    utf8::Append(NumericValue(v), out);
    return i;
  }
  if (!IsAlnum(s[1])) return 0;
  // The longest name in the table that the input starts with: the alphanumeric run and
  // its ';', or else a legacy name without ';' that is a prefix of the run.
  size_t run = 1;
  while (run < s.size() && run <= 33 && IsAlnum(s[run])) ++run;
  if (run < s.size() && s[run] == ';') {
    auto it = names_.find(s.substr(1, run));
    if (it != names_.end()) {
      out->append(it->second);
      return run + 1;
    }
  }
  for (size_t len = std::min(run - 1, max_bare_); len >= 2; --len) {
    auto it = names_.find(s.substr(1, len));
    if (it != names_.end()) {
      out->append(it->second);
      return len + 1;
    }
  }
  return 0;
}

size_t AlignText(std::string_view d, std::string_view o, uint32_t base, const CharRefs& refs, MappedText* out) {
  size_t i = 0, j = 0;
  std::string ref;
  while (i < d.size()) {
    if (j >= o.size()) break;
    char c = o[j];
    if (c == '&') {
      ref.clear();
      size_t len = refs.Decode(o.substr(j), &ref);
      if (len > 0 && d.compare(i, ref.size(), ref) == 0) {
        for (char b : ref) out->Push(b, base + static_cast<uint32_t>(j), base + static_cast<uint32_t>(j + len));
        i += ref.size();
        j += len;
        continue;
      }
    }
    if (c == d[i]) {
      // A literal byte: a multi-byte character maps each of its bytes to all of them,
      // so a span can never end inside a character.
      if (static_cast<unsigned char>(c) < 0x80) {
        out->Push(c, base + static_cast<uint32_t>(j), base + static_cast<uint32_t>(j + 1));
        ++i;
        ++j;
        continue;
      }
      int len;
      utf8::Decode(o, j, &len);
      if (d.compare(i, len, o.substr(j, len)) == 0) {
        for (int k = 0; k < len; ++k) {
          out->Push(d[i + k], base + static_cast<uint32_t>(j), base + static_cast<uint32_t>(j + len));
        }
        i += len;
        j += len;
        continue;
      }
    }
    if (c == '\r' && d[i] == '\n') {  // CR LF and lone CR are read as LF
      size_t len = j + 1 < o.size() && o[j + 1] == '\n' ? 2 : 1;
      out->Push('\n', base + static_cast<uint32_t>(j), base + static_cast<uint32_t>(j + len));
      ++i;
      j += len;
      continue;
    }
    unsigned char u = static_cast<unsigned char>(c);
    if (d.compare(i, 3, "\xEF\xBF\xBD") == 0 && (u >= 0x80 || u == 0x7F || (u < 0x20 && !IsSpace(c)))) {
      // U+FFFD for what the parser will not pass on: a NUL, a control character, a
      // non-character, a malformed sequence (the lead byte and its continuations).
      size_t len = 1;
      if (u >= 0x80) {
        int cl;
        utf8::Decode(o, j, &cl);
        len = static_cast<size_t>(cl);
        while (cl == 1 && j + len < o.size() && len < 4 && (static_cast<unsigned char>(o[j + len]) & 0xC0) == 0x80) ++len;
      }
      for (int k = 0; k < 3; ++k) out->Push(d[i + k], base + static_cast<uint32_t>(j), base + static_cast<uint32_t>(j + len));
      i += 3;
      j += len;
      continue;
    }
    // Bytes the parser dropped: a tag it ignored, a NUL, a newline after <pre>.
    if (c == '<') {
      size_t q = j + 1;
      char quote = 0;
      while (q < o.size() && (quote || o[q] != '>')) {
        if (quote && o[q] == quote) quote = 0;
        else if (!quote && (o[q] == '"' || o[q] == '\'') && q > j + 1 && (o[q - 1] == '=' || IsSpace(o[q - 1]))) quote = o[q];
        ++q;
      }
      j = q < o.size() ? q + 1 : j + 1;
    } else {
      ++j;
    }
  }
  size_t lost = d.size() - i;
  if (lost > 0) {  // never seen on real pages: the rest stands at the node's end
    uint32_t at = base + static_cast<uint32_t>(o.size());
    for (; i < d.size(); ++i) out->Push(d[i], at, at);
  }
  return lost;
}

// ---------------------------------------------------------------- the parse buffer

namespace {

bool StartsWithNoCase(std::string_view s, size_t at, std::string_view what) {
  if (at + what.size() > s.size()) return false;
  for (size_t k = 0; k < what.size(); ++k) {
    if (Lower(s[at + k]) != what[k]) return false;
  }
  return true;
}

bool IsTagEnd(std::string_view s, size_t at) { return at >= s.size() || IsSpace(s[at]) || s[at] == '/' || s[at] == '>'; }

// "</name" followed by a delimiter, from `from`; s.size() when there is none.
size_t FindEndTag(std::string_view s, size_t from, std::string_view name) {
  while (true) {
    size_t lt = s.find("</", from);
    if (lt == std::string_view::npos) return s.size();
    if (StartsWithNoCase(s, lt + 2, name) && IsTagEnd(s, lt + 2 + name.size())) return lt;
    from = lt + 2;
  }
}

// End of script data (HTML5 tokenizer: script data, escaped and double-escaped states).
size_t FindScriptEnd(std::string_view s, size_t from) {
  enum { kData, kEscaped, kDouble } state = kData;
  size_t i = from;
  const size_t n = s.size();
  while (i < n) {
    char c = s[i];
    if (c == '<') {
      if (s.compare(i, 4, "<!--") == 0 && state == kData) {
        state = kEscaped;
        i += 2;  // its "--" can close it at once: "<!-->"
        continue;
      }
      if (i + 1 < n && s[i + 1] == '/' && StartsWithNoCase(s, i + 2, "script") && IsTagEnd(s, i + 8)) {
        if (state != kDouble) return i;
        state = kEscaped;
        i += 8;
        continue;
      }
      if (state == kEscaped && StartsWithNoCase(s, i + 1, "script") && IsTagEnd(s, i + 7)) {
        state = kDouble;
        i += 7;
        continue;
      }
    } else if (c == '-' && state != kData && s.compare(i, 3, "-->") == 0) {
      state = kData;
      i += 3;
      continue;
    }
    ++i;
  }
  return n;
}

// Skips a tag's attributes from `i` (just after its name) to the byte after its '>'.
// Returns s.size() when the tag never ends. Collects the `type` attribute's value, and
// where the attribute after the first kMaxAttributes starts (*excess, or npos).
size_t SkipAttributes(std::string_view s, size_t i, std::string* type, size_t* excess = nullptr) {
  const size_t n = s.size();
  size_t count = 0;
  if (excess != nullptr) *excess = std::string_view::npos;
  while (i < n) {
    while (i < n && (IsSpace(s[i]) || s[i] == '/')) ++i;
    if (i >= n) return n;
    if (s[i] == '>') return i + 1;
    size_t name_from = i;
    if (++count > kMaxAttributes && excess != nullptr && *excess == std::string_view::npos) *excess = i;
    ++i;  // the first character of a name may be '='
    while (i < n && !IsSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=') ++i;
    std::string_view name = s.substr(name_from, i - name_from);
    while (i < n && IsSpace(s[i])) ++i;
    if (i >= n || s[i] != '=') continue;
    ++i;
    while (i < n && IsSpace(s[i])) ++i;
    if (i >= n) return n;
    size_t v_from, v_to;
    if (s[i] == '"' || s[i] == '\'') {
      size_t close = s.find(s[i], i + 1);
      if (close == std::string_view::npos) return n;
      v_from = i + 1;
      v_to = close;
      i = close + 1;
    } else {
      v_from = i;
      while (i < n && !IsSpace(s[i]) && s[i] != '>') ++i;
      v_to = i;
    }
    if (type != nullptr && name.size() == 4 && StartsWithNoCase(name, 0, "type")) {
      type->assign(s.substr(v_from, v_to - v_from));
      for (char& ch : *type) ch = Lower(ch);
    }
  }
  return n;
}

// Cutting less than this is not worth a map entry.
constexpr size_t kMinCut = 32;

// Tag classes of the HTML5 tree builder that the depth estimate needs.
bool OneOf(std::string_view name, std::initializer_list<std::string_view> set) {
  for (std::string_view t : set) {
    if (t == name) return true;
  }
  return false;
}
bool IsVoid(std::string_view t) {
  return OneOf(t, {"area", "base", "basefont", "bgsound", "br", "col", "embed", "hr", "img", "image", "input", "keygen",
                   "link", "meta", "param", "source", "track", "wbr", "frame", "menuitem"});
}
// Closed by the next of their kind or their parent's end: never deep.
bool ClosesItself(std::string_view t) {
  return OneOf(t, {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "caption",
                   "colgroup", "rb", "rt", "rp", "rtc", "html", "head", "body", "frameset"});
}
bool IsFormatting(std::string_view t) {
  return OneOf(t, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"});
}
uint64_t NameHash(std::string_view lower) {
  uint64_t h = 1469598103934665603ull;
  for (char c : lower) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

}  // namespace

uint32_t ParseBuffer::Uncut(uint32_t offset) const {
  auto it = std::upper_bound(cuts.begin(), cuts.end(), offset,
                             [](uint32_t o, const std::pair<uint32_t, uint32_t>& c) { return o < c.first; });
  return it == cuts.begin() ? offset : offset + std::prev(it)->second;
}

void PrepareParseBuffer(std::string_view s, ParseBuffer* out) {
  out->buf.clear();
  out->cuts.clear();
  out->json_ld.clear();
  out->html_open = out->html_closed = false;
  out->buf.reserve(s.size() / 2 + 64);
  const size_t n = s.size();
  size_t copied = 0, removed = 0;
  auto cut = [&](size_t from, size_t to) {
    if (to - from < kMinCut) return;
    out->buf.append(s.substr(copied, from - copied));
    removed += to - from;
    out->cuts.emplace_back(static_cast<uint32_t>(out->buf.size()), static_cast<uint32_t>(removed));
    copied = to;
  };
  size_t i = 0;
  std::string type, lower;
  // Open elements as the tree builder will hold them (estimated), for the bounds.
  std::vector<std::pair<uint64_t, bool>> open;  // (name hash, formatting)
  size_t formatting = 0, elements = 0, foreign_base = std::string_view::npos;
  auto stop = [&](size_t at, std::string why) {
    out->stopped_at = at;
    out->stop_reason = std::move(why);
  };
  auto lower_name = [&](std::string_view name) {
    lower.assign(name);
    for (char& ch : lower) ch = Lower(ch);
    return std::string_view(lower);
  };
  out->stopped_at = std::string::npos;
  out->stop_reason.clear();
  out->attributes_cut = 0;
  while (i < n) {
    size_t lt = s.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= n) break;
    i = lt;
    char c = s[i + 1];
    if (c == '!') {
      if (s.compare(i, 4, "<!--") == 0) {
        size_t j = i + 4;
        if (j < n && s[j] == '>') { i = j + 1; continue; }
        if (j + 1 < n && s[j] == '-' && s[j + 1] == '>') { i = j + 2; continue; }
        // The comment ends at "-->" or "--!>", whichever comes first.
        size_t e = j;
        size_t close = 0;
        while ((e = s.find("--", e)) != std::string_view::npos) {
          if (e + 2 < n && s[e + 2] == '>') { close = 3; break; }
          if (e + 3 < n && s[e + 2] == '!' && s[e + 3] == '>') { close = 4; break; }
          ++e;
        }
        if (e == std::string_view::npos) break;
        i = e + close;
        continue;
      }
      size_t gt = s.find('>', i + 2);
      if (gt == std::string_view::npos) break;
      i = gt + 1;
      continue;
    }
    if (c == '?') {
      size_t gt = s.find('>', i + 2);
      if (gt == std::string_view::npos) break;
      i = gt + 1;
      continue;
    }
    if (c == '/') {
      if (i + 2 < n && IsAlpha(s[i + 2])) {
        size_t name_end = i + 2;
        while (name_end < n && !IsTagEnd(s, name_end)) ++name_end;
        std::string_view name = lower_name(s.substr(i + 2, name_end - (i + 2)));
        if (name == "html") out->html_closed = true;
        uint64_t h = NameHash(name);
        for (size_t k = open.size(); k > 0; --k) {
          if (open[k - 1].first != h) continue;
          while (open.size() >= k) {
            formatting -= open.back().second;
            open.pop_back();
          }
          if (open.size() <= foreign_base) foreign_base = std::string_view::npos;
          break;
        }
        i = SkipAttributes(s, name_end, nullptr);
        continue;
      }
      size_t gt = s.find('>', i + 2);
      if (gt == std::string_view::npos) break;
      i = gt + 1;
      continue;
    }
    if (!IsAlpha(c)) {
      ++i;
      continue;
    }
    size_t name_from = i + 1, name_end = name_from;
    while (name_end < n && !IsTagEnd(s, name_end)) ++name_end;
    std::string_view name = lower_name(s.substr(name_from, name_end - name_from));
    auto is = [&](std::string_view tag) { return name == tag; };
    type.clear();
    bool script = is("script");
    size_t excess;
    size_t content = SkipAttributes(s, name_end, script ? &type : nullptr, &excess);
    if (content >= n) break;
    if (excess != std::string_view::npos) {
      ++out->attributes_cut;
      cut(excess, content - 1);
    }
    if (is("html")) out->html_open = true;
    bool raw = script || is("style") || is("xmp") || is("iframe") || is("noembed") || is("noframes") || is("title") ||
               is("textarea") || is("plaintext");
    bool self_closed = content >= 2 && s[content - 2] == '/';
    ++elements;
    if (!raw && !IsVoid(name) && !ClosesItself(name) && !(self_closed && foreign_base != std::string_view::npos)) {
      if ((name == "svg" || name == "math") && foreign_base == std::string_view::npos && !self_closed) {
        foreign_base = open.size();
      }
      bool f = IsFormatting(name);
      open.emplace_back(NameHash(name), f);
      formatting += f;
    } else if (!IsFormatting(name)) {
      elements += formatting;  // a new block re-opens the formatting elements left open
    }
    if (open.size() > kMaxDepth || formatting > kMaxOpenFormatting || elements > kMaxElements) {
      stop(i, open.size() > kMaxDepth ? "elements nest deeper than " + std::to_string(kMaxDepth)
              : formatting > kMaxOpenFormatting
                  ? "more than " + std::to_string(kMaxOpenFormatting) + " formatting elements are left open"
                  : "more than " + std::to_string(kMaxElements) + " elements");
      break;
    }
    if (script) {
      size_t end = FindScriptEnd(s, content);
      if (type.find("ld+json") != std::string::npos) {
        out->json_ld.emplace_back(static_cast<uint32_t>(content), static_cast<uint32_t>(end));
      }
      cut(content, end);
      i = end;
    } else if (is("style")) {
      size_t end = FindEndTag(s, content, "style");
      cut(content, end);
      i = end;
    } else if (is("xmp") || is("iframe") || is("noembed") || is("noframes") || is("title") || is("textarea")) {
      // Raw text and RCDATA: kept, but nothing inside is a tag.
      i = FindEndTag(s, content, std::string(name));
    } else if (is("plaintext")) {
      break;
    } else {
      i = content;
    }
  }
  size_t last = out->stopped_at == std::string::npos ? n : out->stopped_at;
  if (last > copied) out->buf.append(s.substr(copied, last - copied));
}

}  // namespace isnad::html
