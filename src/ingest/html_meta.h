// What a page says about itself before its text: JSON-LD (the schema.org article: date
// published and modified, headline, author, publisher, articleBody), Open Graph and
// article <meta> tags, <time datetime>, the canonical URL, <html lang>, and dates as
// pages write them ("November 20, 2019 12:32", "Wed Nov 20 2019 09:28:00 GMT+0000",
// "الأربعاء 20 نوفمبر 2019 - 12:32 م", "٢٠/١١/٢٠١٩"), read into ISO 8601.
// Names and roles are data (data/html_meta.tsv, data/months.tsv).
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>

#include "ingest/html_rules.h"

namespace isnad::html {

struct PageMeta {
  std::string title_tag, og_title, headline;
  std::string site_name, publisher, author;
  std::string url, canonical, lang;
  std::string published, modified;  // ISO 8601 ("2019-11-20T12:32" or "2019-11-20")
  int published_rank = 0;           // how trustworthy `published` is (higher wins)
  std::string article_body;         // JSON-LD articleBody, for the cross-check
  bool json_ld_article = false;     // a JSON-LD object of an article type was read

  // Takes a date from a source of this rank when it beats what is there.
  void OfferPublished(const std::string& iso, int rank);
};

// Ranks of the sources of a publication date.
inline constexpr int kRankVisible = 1;   // text of a date element
inline constexpr int kRankTime = 2;      // <time datetime>
inline constexpr int kRankMeta = 3;      // <meta> article:published_time and the like
inline constexpr int kRankJsonLd = 4;    // JSON-LD datePublished of the article

// A <meta>, <link>, <time> or <html> element's contribution.
void ReadMetaElement(const GumboElement& e, const Rules& rules, PageMeta* meta);

// One JSON-LD script; malformed JSON is skipped (returns false).
bool ReadJsonLd(std::string_view json, const Rules& rules, PageMeta* meta);

// A date as a page writes it, as ISO 8601 ("" when none is found). Numeric dates with
// day and month both <= 12 are read day first when `day_first`.
std::string PageDate(std::string_view s, const Rules& rules, bool day_first);

}  // namespace isnad::html
