#include "ingest/html_meta.h"

#include <simdjson.h>

#include <cstdio>
#include <vector>

#include "util/civil_date.h"
#include "util/utf8.h"

namespace isnad::html {

namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  return std::string(s.substr(b, e - b));
}

const char* Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a == nullptr ? nullptr : a->value;
}

struct DateToken {
  bool number = false;
  std::string text;  // digits in ASCII, or the lower-cased word
  int value = 0;
  char sep = ' ';    // the separator before it: ' ', '-', '/', '.', ':', ','
};

std::vector<DateToken> DateTokens(std::string_view s) {
  std::vector<DateToken> out;
  char sep = ' ';
  size_t i = 0;
  while (i < s.size() && out.size() < 64) {
    int len;
    char32_t cp = utf8::Decode(s, i, &len);
    int digit = -1;
    if (cp >= '0' && cp <= '9') digit = static_cast<int>(cp - '0');
    else if (cp >= 0x660 && cp <= 0x669) digit = static_cast<int>(cp - 0x660);
    else if (cp >= 0x6F0 && cp <= 0x6F9) digit = static_cast<int>(cp - 0x6F0);
    bool letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
                  (cp >= 0x620 && cp <= 0x64A) || (cp >= 0x671 && cp <= 0x6D3) || cp == 0x64B || cp == 0x64C;
    if (digit >= 0) {
      DateToken t;
      t.number = true;
      t.sep = sep;
      while (i < s.size()) {
        cp = utf8::Decode(s, i, &len);
        int d = cp >= '0' && cp <= '9' ? static_cast<int>(cp - '0')
                : cp >= 0x660 && cp <= 0x669 ? static_cast<int>(cp - 0x660)
                : cp >= 0x6F0 && cp <= 0x6F9 ? static_cast<int>(cp - 0x6F0) : -1;
        if (d < 0) break;
        t.text.push_back(static_cast<char>('0' + d));
        if (t.value < 100000) t.value = t.value * 10 + d;
        i += len;
      }
      out.push_back(std::move(t));
      sep = ' ';
      continue;
    }
    if (letter) {
      DateToken t;
      t.sep = sep;
      size_t from = i;
      while (i < s.size()) {
        cp = utf8::Decode(s, i, &len);
        bool l = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0x620 && cp <= 0x6D3) ||
                 (cp == '.' && i + 1 < s.size() && ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z'));
        if (!l) break;
        i += len;
      }
      t.text = LowerAscii(s.substr(from, i - from));
      out.push_back(std::move(t));
      sep = ' ';
      continue;
    }
    if (cp == '-' || cp == '/' || cp == '.' || cp == ':' || cp == ',' || cp == 0x60C) {
      sep = cp == 0x60C ? ',' : static_cast<char>(cp);
    }
    i += len;
  }
  return out;
}

bool IsOrdinal(const std::string& w) { return w == "st" || w == "nd" || w == "rd" || w == "th"; }

std::string Iso(int y, int m, int d, int hh, int mm) {
  CivilDate c{y, m, d};
  if (y < 1970 || y > 2100 || !c.valid()) return "";
  char buf[32];
  if (hh >= 0) std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", y, m, d, hh, mm);
  else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

void PageMeta::OfferPublished(const std::string& iso, int rank) {
  if (iso.empty() || rank < published_rank) return;
  if (rank == published_rank && !published.empty()) {
    // Same rank: a time of day beats a bare date of the same day.
    if (!(iso.size() > published.size() && iso.compare(0, published.size(), published) == 0)) return;
  }
  published = iso;
  published_rank = rank;
}

std::string PageDate(std::string_view s, const Rules& rules, bool day_first) {
  std::vector<DateToken> t = DateTokens(s);
  int y = 0, m = 0, d = 0;
  size_t date_end = 0;  // token after the date
  auto year_at = [&](size_t k) { return k < t.size() && t[k].number && t[k].text.size() == 4 && t[k].value >= 1970 && t[k].value <= 2100; };
  auto small = [&](size_t k, int max) { return k < t.size() && t[k].number && t[k].text.size() <= 2 && t[k].value >= 1 && t[k].value <= max; };
  // Numeric: Y-M-D, D/M/Y, M/D/Y.
  for (size_t k = 0; k + 2 < t.size() && !y; ++k) {
    char s1 = t[k + 1].sep, s2 = t[k + 2].sep;
    if (s1 != s2 || (s1 != '-' && s1 != '/' && s1 != '.')) continue;
    if (year_at(k) && small(k + 1, 12) && small(k + 2, 31)) {
      y = t[k].value; m = t[k + 1].value; d = t[k + 2].value;
    } else if (small(k, 31) && small(k + 1, 31) && year_at(k + 2)) {
      int a = t[k].value, b = t[k + 1].value;
      bool dm = a > 12 || (b <= 12 && day_first);
      if (b > 12) dm = false;
      if (dm ? b > 12 : a > 12) continue;
      y = t[k + 2].value; d = dm ? a : b; m = dm ? b : a;
    } else {
      continue;
    }
    date_end = k + 3;
  }
  // A month name with a day and a year next to it.
  for (size_t k = 0; k < t.size() && !y; ++k) {
    if (t[k].number) continue;
    std::string name = t[k].text;
    if (!name.empty() && name.back() == '.') name.pop_back();
    size_t after = k + 1;
    int month = 0;
    if (k + 1 < t.size() && !t[k + 1].number) month = rules.Month(name + " " + t[k + 1].text);  // تشرين الثاني
    if (month != 0) ++after;
    else month = rules.Month(name);
    if (month == 0) continue;
    int day = 0;
    size_t year_k = 0;
    if (small(after, 31)) {  // November 20, 2019
      day = t[after].value;
      size_t n = after + 1;
      if (n < t.size() && !t[n].number && IsOrdinal(t[n].text)) ++n;
      if (year_at(n)) year_k = n;
    }
    if (!year_k && k > 0 && small(k - 1, 31) && year_at(after)) {  // 20 November 2019
      day = t[k - 1].value;
      year_k = after;
    }
    if (!year_k && k > 1 && small(k - 2, 31) && !t[k - 1].number && IsOrdinal(t[k - 1].text) && year_at(after)) {
      day = t[k - 2].value;
      year_k = after;
    }
    if (!year_k) continue;
    y = t[year_k].value;
    m = month;
    d = day;
    date_end = std::max(year_k, after) + 1;
  }
  if (!y) return "";
  // A clock after the date: 12:32, 07:47 PM, 12:32 م.
  int hh = -1, mm = -1;
  for (size_t k = date_end; k + 1 < t.size() && k < date_end + 6; ++k) {
    if (!(t[k].number && t[k + 1].number && t[k + 1].sep == ':' && t[k].value <= 23 && t[k + 1].value <= 59 &&
          t[k + 1].text.size() == 2)) {
      continue;
    }
    hh = t[k].value;
    mm = t[k + 1].value;
    size_t w = k + 2;
    if (w < t.size() && t[w].number && t[w].sep == ':') ++w;  // seconds
    if (w < t.size() && !t[w].number) {
      int half = rules.ClockHalf(t[w].text);
      if (half == 0) half = rules.ClockHalf(t[w].text + ".");
      if (half == 1 && hh < 12) hh += 12;
      if (half == -1 && hh == 12) hh = 0;
    }
    break;
  }
  return Iso(y, m, d, hh, mm);
}

void ReadMetaElement(const GumboElement& e, const Rules& rules, PageMeta* meta) {
  switch (e.tag) {
    case GUMBO_TAG_HTML:
      if (const char* lang = Attr(e, "lang"); lang != nullptr && meta->lang.empty()) meta->lang = LowerAscii(Trim(lang));
      return;
    case GUMBO_TAG_LINK: {
      const char* rel = Attr(e, "rel");
      const char* href = Attr(e, "href");
      if (rel != nullptr && href != nullptr && LowerAscii(rel) == "canonical" && meta->canonical.empty()) {
        meta->canonical = Trim(href);
      }
      return;
    }
    case GUMBO_TAG_TIME: {
      const char* dt = Attr(e, "datetime");
      if (dt == nullptr) return;
      std::string iso = PageDate(dt, rules, true);
      // A <time> marked as the publication date beats the first one on the page.
      const char* itemprop = Attr(e, "itemprop");
      bool marked = gumbo_get_attribute(&e.attributes, "pubdate") != nullptr ||
                    (itemprop != nullptr && rules.MetaRole(LowerAscii(itemprop)) == "published");
      if (itemprop != nullptr && rules.MetaRole(LowerAscii(itemprop)) == "modified") return;
      if (marked) meta->OfferPublished(iso, kRankMeta);
      else if (meta->published_rank < kRankTime) meta->OfferPublished(iso, kRankTime);
      return;
    }
    case GUMBO_TAG_META: {
      const char* content = Attr(e, "content");
      if (content == nullptr) return;
      for (const char* key_attr : {"property", "name", "itemprop"}) {
        const char* k = Attr(e, key_attr);
        if (k == nullptr) continue;
        std::string key = LowerAscii(Trim(k));
        std::string value = Trim(content);
        if (value.empty()) continue;
        if (key == "og:title" && meta->og_title.empty()) meta->og_title = value;
        else if (key == "og:site_name" && meta->site_name.empty()) meta->site_name = value;
        else if (key == "og:url" && meta->url.empty()) meta->url = value;
        else if ((key == "author" || key == "article:author") && meta->author.empty()) meta->author = value;
        else if (key == "og:locale" && meta->lang.empty()) meta->lang = LowerAscii(value);
        std::string_view role = rules.MetaRole(key);
        if (role == "published") {
          // A bare "date" meta is weaker than a named publication date.
          meta->OfferPublished(PageDate(value, rules, true), key == "date" ? kRankTime : kRankMeta);
        } else if (role == "modified" && meta->modified.empty()) {
          meta->modified = PageDate(value, rules, true);
        }
      }
      return;
    }
    default:
      return;
  }
}

namespace {

using simdjson::dom::element;

std::string JsonString(element e) {
  std::string_view s;
  if (e.get_string().get(s) == simdjson::SUCCESS) return Trim(s);
  return "";
}

// A name: a string, an object with "name", or the first of an array of those.
std::string JsonName(element e) {
  if (e.is_string()) return JsonString(e);
  simdjson::dom::array arr;
  if (e.get_array().get(arr) == simdjson::SUCCESS) {
    for (element x : arr) {
      std::string n = JsonName(x);
      if (!n.empty()) return n;
    }
    return "";
  }
  element name;
  if (e["name"].get(name) == simdjson::SUCCESS) return JsonString(name);
  return "";
}

bool IsArticle(element obj, const Rules& rules) {
  element type;
  if (obj["@type"].get(type) != simdjson::SUCCESS) return false;
  if (type.is_string()) return rules.IsArticleType(JsonString(type));
  simdjson::dom::array arr;
  if (type.get_array().get(arr) != simdjson::SUCCESS) return false;
  for (element x : arr) {
    if (x.is_string() && rules.IsArticleType(JsonString(x))) return true;
  }
  return false;
}

void WalkJsonLd(element e, const Rules& rules, PageMeta* meta, int depth) {
  if (depth > 6) return;
  simdjson::dom::array arr;
  if (e.get_array().get(arr) == simdjson::SUCCESS) {
    for (element x : arr) WalkJsonLd(x, rules, meta, depth + 1);
    return;
  }
  simdjson::dom::object obj;
  if (e.get_object().get(obj) != simdjson::SUCCESS) return;
  element x;
  if (IsArticle(e, rules)) {
    bool first = !meta->json_ld_article;
    meta->json_ld_article = true;
    if (e["datePublished"].get(x) == simdjson::SUCCESS) {
      meta->OfferPublished(PageDate(JsonString(x), rules, true), kRankJsonLd);
    }
    if (e["dateModified"].get(x) == simdjson::SUCCESS && meta->modified.empty()) {
      meta->modified = PageDate(JsonString(x), rules, true);
    }
    if (first) {
      if (e["headline"].get(x) == simdjson::SUCCESS && meta->headline.empty()) meta->headline = JsonString(x);
      if (e["author"].get(x) == simdjson::SUCCESS && meta->author.empty()) meta->author = JsonName(x);
      if (e["publisher"].get(x) == simdjson::SUCCESS && meta->publisher.empty()) meta->publisher = JsonName(x);
      if (e["url"].get(x) == simdjson::SUCCESS && meta->url.empty()) meta->url = JsonString(x);
      if (e["inLanguage"].get(x) == simdjson::SUCCESS && meta->lang.empty()) meta->lang = LowerAscii(JsonString(x));
    }
    if (e["articleBody"].get(x) == simdjson::SUCCESS) {
      std::string body = JsonString(x);
      if (body.size() > meta->article_body.size()) meta->article_body = std::move(body);
    }
  } else if (e["datePublished"].get(x) == simdjson::SUCCESS && meta->published_rank < kRankMeta) {
    // A WebPage or the like: its date is the page's, weaker than an article's.
    meta->OfferPublished(PageDate(JsonString(x), rules, true), kRankTime);
  }
  for (const char* nested : {"@graph", "mainEntity", "mainEntityOfPage"}) {
    if (e[nested].get(x) == simdjson::SUCCESS && !x.is_string()) WalkJsonLd(x, rules, meta, depth + 1);
  }
}

}  // namespace

bool ReadJsonLd(std::string_view json, const Rules& rules, PageMeta* meta) {
  // Raw control characters inside strings (line breaks in articleBody) are common and
  // make the JSON invalid; read them as spaces.
  simdjson::padded_string padded(json);
  for (size_t i = 0; i < padded.size(); ++i) {
    if (static_cast<unsigned char>(padded.data()[i]) < 0x20) padded.data()[i] = ' ';
  }
  simdjson::dom::parser parser;
  element root;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS) return false;
  WalkJsonLd(root, rules, meta, 0);
  return true;
}

}  // namespace isnad::html
