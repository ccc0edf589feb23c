// HTML ingestion: character references and the byte map, the parse buffer's bounds on
// hostile shapes, charsets, page metadata and dates, and the article found in a page.
#include <gtest/gtest.h>

#include <unicode/ucnv.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/html.h"
#include "ingest/html_meta.h"
#include "ingest/html_rules.h"
#include "ingest/html_text.h"
#include "ingest/reader.h"
#include "link/pipeline.h"
#include "test_util.h"

namespace isnad {
namespace {

using html::CharRefs;
using testing::ExampleDir;
using testing::Lx;

std::string Decode(std::string_view s) {
  std::string out;
  size_t n = CharRefs::Default().Decode(s, &out);
  return std::to_string(n) + ":" + out;
}

TEST(HtmlCharRefs, NamedNumericAndLegacy) {
  EXPECT_EQ(Decode("&amp;x"), "5:&");
  EXPECT_EQ(Decode("&ampx"), "4:&");          // a legacy name needs no ';'
  EXPECT_EQ(Decode("&quot;"), "6:\"");
  EXPECT_EQ(Decode("&#1602;"), "7:\xD9\x82");  // ق
  EXPECT_EQ(Decode("&#x642"), "6:\xD9\x82");
  EXPECT_EQ(Decode("&notin;"), "7:\xE2\x88\x89");
  EXPECT_EQ(Decode("&noti;"), "4:\xC2\xAC");   // "&not" and then "i;"
  EXPECT_EQ(Decode("&#150;"), "6:\xE2\x80\x93");  // C1 as windows-1252: an en dash
  EXPECT_EQ(Decode("&#0;"), "4:\xEF\xBF\xBD");
  EXPECT_EQ(Decode("&#x110000;"), "10:\xEF\xBF\xBD");
  EXPECT_EQ(Decode("&bogus;"), "0:");
  EXPECT_EQ(Decode("&#;"), "0:");
  EXPECT_EQ(Decode("& "), "0:");
}

TEST(HtmlAlign, EveryByteOfAReferenceMapsToTheWholeReference) {
  html::MappedText out;
  // gumbo's text of `a&amp;b &#1602;</x>c` (the ignored end tag is dropped).
  std::string_view original = "a&amp;b &#1602;</x>c";
  size_t lost = html::AlignText("a&b \xD9\x82" "c", original, 100, CharRefs::Default(), &out);
  EXPECT_EQ(lost, 0u);
  ASSERT_EQ(out.text, "a&b \xD9\x82" "c");
  EXPECT_EQ(out.start[1], 101u);
  EXPECT_EQ(out.end[1], 106u);  // "&amp;"
  EXPECT_EQ(out.start[4], 108u);
  EXPECT_EQ(out.end[4], 115u);  // both bytes of ق stand for "&#1602;"
  EXPECT_EQ(out.start[5], 108u);
  EXPECT_EQ(out.end[5], 115u);
  EXPECT_EQ(out.start[6], 119u);  // "c" after the dropped "</x>"
}

// The page bytes of a span, tags removed and references decoded.
std::string PageText(std::string_view page, ByteSpan s) {
  std::string out;
  std::string_view v = page.substr(s.begin, s.size());
  for (size_t i = 0; i < v.size();) {
    if (v[i] == '<') {
      size_t gt = v.find('>', i);
      i = gt == std::string_view::npos ? v.size() : gt + 1;
      continue;
    }
    if (v[i] == '&') {
      size_t n = CharRefs::Default().Decode(v.substr(i), &out);
      if (n > 0) {
        i += n;
        continue;
      }
    }
    out.push_back(v[i++]);
  }
  return out;
}

// White space (a line break between blocks) and quotes (a quoted name's surface form
// leaves them out) do not count.
std::string Bare(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c <= ' ' || c == '"') continue;
    if (s.compare(i, 2, "\xC2\xAB") == 0 || s.compare(i, 2, "\xC2\xBB") == 0 || s.compare(i, 2, "\xC2\xA0") == 0) {
      ++i;
      continue;
    }
    if (s.compare(i, 3, "\xE2\x80\x9C") == 0 || s.compare(i, 3, "\xE2\x80\x9D") == 0) {
      i += 2;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

// The example articles served as HTML, written with character references wherever
// they can be: every span of every item must hold the item's text.
std::string ServeAsHtml(const std::string& text) {
  std::string page = "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"></head><body>\n<div class=\"article-body\">\n";
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view line(text.data() + pos, nl - pos);
    pos = nl + 1;
    page += "<p>";
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (c == '&') page += "&amp;";
      else if (c == '<') page += "&lt;";
      else if (c == '>') page += "&gt";
      else if (c == '"') page += "&quot;";
      else if (line.compare(i, 2, "\xD9\x82") == 0) { page += "&#1602;"; ++i; }    // ق
      else if (line.compare(i, 2, "\xD9\x84") == 0) { page += "&#x644;"; ++i; }    // ل
      else if (line.compare(i, 2, "\xC2\xAB") == 0) { page += "&laquo;"; ++i; }
      else if (line.compare(i, 2, "\xC2\xBB") == 0) { page += "&raquo;"; ++i; }
      else if (c == ' ' && i % 7 == 0) page += "&#32;";
      else page.push_back(c);
    }
    page += "</p>\n";
  }
  return page + "</div></body></html>\n";
}

TEST(HtmlSpans, ExampleArticlesServedWithCharacterReferences) {
  size_t checked = 0, wrong = 0;
  for (const auto& entry : std::filesystem::directory_iterator(ExampleDir())) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream f(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    Document d;
    d.id = entry.path().stem().string();
    d.html = true;
    d.input = ServeAsHtml(ss.str());
    PrepareDocument(ReadOptions(), &d);
    ASSERT_FALSE(d.unreadable) << d.id;
    DocAnalysis a = AnalyzeDocument(d, Lx());
    auto check = [&](ByteSpan s, const std::string& text, const char* what) {
      ++checked;
      if (Bare(PageText(d.input, s)) != Bare(text)) {
        ++wrong;
        ADD_FAILURE() << d.id << " " << what << " [" << s.begin << "," << s.end << ") holds `" << PageText(d.input, s)
                      << "`, text `" << text << "`";
      }
    };
    for (const TimeItem& t : a.times) check(t.span, t.text, "time");
    for (const QuantityItem& q : a.quantities) check(q.span, q.text, "quantity");
    for (const MentionItem& m : a.mentions) check(m.span, m.text, "mention");
    for (const FramingOut& fr : a.framing) check(fr.span, fr.text, "framing");
    for (const ClaimOut& c : a.claims) {
      if (c.subject) check(c.subject->span, c.subject->text, "subject");
      if (c.source) check(c.source->span, c.source->text, "source");
    }
  }
  std::printf("example articles as HTML: %zu item spans checked, %zu wrong\n", checked, wrong);
  EXPECT_GT(checked, 300u);
  EXPECT_EQ(wrong, 0u);
}

TEST(HtmlBounds, DeepNestingIsAnErrorNotACrash) {
  for (const char* tag : {"div", "b", "table", "font"}) {
    Document d;
    d.html = true;
    d.input = "<html><body><p>أول الخبر</p>";
    for (int i = 0; i < 100000; ++i) d.input += std::string("<") + tag + ">x";
    auto t0 = std::chrono::steady_clock::now();
    ExtractHtml(&d);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(seconds, 5.0) << tag;
    ASSERT_FALSE(d.errors.empty()) << tag;
    EXPECT_NE(d.errors[0].find("too deeply nested"), std::string::npos) << d.errors[0];
    EXPECT_NE(d.text.find("أول الخبر"), std::string::npos) << tag;
  }
}

TEST(HtmlBounds, ManyAttributesAndDistinctFormattingElements) {
  Document d;
  d.html = true;
  d.input = "<html><body><div";
  for (int i = 0; i < 50000; ++i) d.input += " a" + std::to_string(i) + "=1";
  d.input += "><p>نص المقال بعد وسم طويل</p></div>";
  for (int i = 0; i < 20000; ++i) d.input += "<p><b class=c" + std::to_string(i) + ">x</p>";
  d.input += "</body></html>";
  auto t0 = std::chrono::steady_clock::now();
  ExtractHtml(&d);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 5.0);
  EXPECT_NE(d.text.find("نص المقال بعد وسم طويل"), std::string::npos);
}

TEST(HtmlParseBuffer, ScriptAndStyleContentIsCutWithOffsetsKept) {
  html::ParseBuffer pb;
  std::string page =
      "<html><head><style>body { color: red; margin: 0 auto; padding: 10px 20px; }</style>"
      "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"x\"}</script></head>"
      "<body><!-- <script> in a comment --><script>if (a < b && c) { document.write('</div>'); }</script>"
      "<textarea><script>not a script</script></textarea><p>النص</p></body></html>";
  html::PrepareParseBuffer(page, &pb);
  EXPECT_EQ(pb.buf.find("color: red"), std::string::npos);
  EXPECT_EQ(pb.buf.find("document.write"), std::string::npos);
  EXPECT_NE(pb.buf.find("not a script"), std::string::npos);
  ASSERT_EQ(pb.json_ld.size(), 1u);
  EXPECT_EQ(page.substr(pb.json_ld[0].first, 1), "{");
  size_t at = pb.buf.find("النص");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(page.substr(pb.Uncut(static_cast<uint32_t>(at)), 8), "النص");
  EXPECT_TRUE(pb.html_open && pb.html_closed);
}

// The page in a legacy charset, as ICU writes it.
std::string Encode(const std::string& utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status));
  out.resize(n);
  return out;
}

TEST(HtmlCharset, Windows1256AndIso88596KeepSpansInPageBytes) {
  std::string utf8 =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"></head><body>"
      "<div class=\"news-details\"><p>قالت وزارة الصحة إن 12 شخصا قتلوا في القصف.</p></div></body></html>";
  for (const char* cs : {"windows-1256", "ISO-8859-6"}) {
    std::string page = Encode(utf8, cs);
    if (std::string(cs) == "ISO-8859-6") {
      size_t at = page.find("windows-1256");
      page.replace(at, 12, "iso-8859-6");
    }
    Document d;
    d.html = true;
    d.input = page;
    PrepareDocument(ReadOptions(), &d);
    EXPECT_TRUE(d.errors.empty()) << cs << ": " << (d.errors.empty() ? "" : d.errors[0]);
    size_t at = d.text.find("وزارة الصحة");
    ASSERT_NE(at, std::string::npos) << cs;
    ByteSpan in = d.ToInput({static_cast<uint32_t>(at), static_cast<uint32_t>(at + std::string("وزارة الصحة").size())});
    EXPECT_EQ(in.size(), 11u) << cs;  // one byte a letter
    EXPECT_EQ(d.input.substr(in.begin, in.size()), Encode("وزارة الصحة", cs)) << cs;
  }
}

TEST(HtmlCharset, UndeclaredIsDetectedAndWrongDeclarationIsIgnored) {
  std::string body = "<html><body><p>أعلنت السلطات المحلية في المدينة عن إغلاق الطرق الرئيسية بعد الاشتباكات العنيفة "
                     "التي اندلعت مساء أمس بين القوات الحكومية والمسلحين في الأحياء الشرقية.</p></body></html>";
  Document undeclared;
  undeclared.html = true;
  undeclared.input = Encode(body, "windows-1256");
  PrepareDocument(ReadOptions(), &undeclared);
  EXPECT_NE(undeclared.text.find("السلطات المحلية"), std::string::npos);

  Document wrong;  // UTF-8 bytes that claim to be windows-1256
  wrong.html = true;
  wrong.input = "<html><head><meta charset=\"windows-1256\"></head>" + body.substr(6);
  PrepareDocument(ReadOptions(), &wrong);
  EXPECT_TRUE(wrong.errors.empty());
  EXPECT_NE(wrong.text.find("السلطات المحلية"), std::string::npos);
}

TEST(HtmlDates, FormatsPagesUse) {
  const html::Rules& r = html::Rules::Default();
  EXPECT_EQ(html::PageDate("November 20, 2019 12:32", r, false), "2019-11-20T12:32");
  EXPECT_EQ(html::PageDate("Wed Nov 20 2019 09:28:00 GMT+0000 (UTC)", r, false), "2019-11-20T09:28");
  EXPECT_EQ(html::PageDate("November 19, 2019, 07:47 PM EST", r, false), "2019-11-19T19:47");
  EXPECT_EQ(html::PageDate("2019-11-20T12:32:00+03:00", r, true), "2019-11-20T12:32");
  EXPECT_EQ(html::PageDate("20th November 2019", r, true), "2019-11-20");
  EXPECT_EQ(html::PageDate("الأربعاء 20 نوفمبر 2019 - 12:32 م", r, true), "2019-11-20T12:32");
  EXPECT_EQ(html::PageDate("٢٠ تشرين الثاني ٢٠١٩ ٠٩:١٥ ص", r, true), "2019-11-20T09:15");
  EXPECT_EQ(html::PageDate("20/11/2019", r, true), "2019-11-20");
  EXPECT_EQ(html::PageDate("11/20/2019", r, true), "2019-11-20");  // only month-first fits
  EXPECT_EQ(html::PageDate("05/11/2019", r, false), "2019-05-11");
  EXPECT_EQ(html::PageDate("no date here 12:32", r, true), "");
  EXPECT_EQ(html::PageDate("31 February 2019", r, true), "");
}

TEST(HtmlMeta, JsonLdBeatsMetaTagsAndFillsTheDocument) {
  Document d;
  d.html = true;
  d.input =
      "<html lang=\"ar\"><head><title>عنوان | الموقع</title>"
      "<meta property=\"article:published_time\" content=\"2022-01-30\">"
      "<link rel=\"canonical\" href=\"https://example.com/news/1\">"
      "<script type=\"application/ld+json\">[{\"@type\": \"WebSite\", \"name\": \"x\"}, {\"@graph\": [{\"@type\": "
      "[\"NewsArticle\"], \"headline\": \"مقتل 5 مدنيين في قصف\", \"datePublished\": \"2022-01-31T10:15:00+02:00\", "
      "\"author\": [{\"@type\": \"Person\", \"name\": \"سارة أحمد\"}], \"publisher\": {\"name\": \"وكالة الأنباء\"}, "
      "\"articleBody\": \"قتل 5 مدنيين\nفي القصف\"}]}]</script></head>"
      "<body><h1>مقتل 5 مدنيين في قصف</h1><time datetime=\"2022-01-29\">29 يناير</time><p>قتل 5 مدنيين.</p></body></html>";
  PrepareDocument(ReadOptions(), &d);
  EXPECT_EQ(d.published, "2022-01-31T10:15");
  EXPECT_EQ(d.published_from, "html");
  EXPECT_EQ(d.title, "مقتل 5 مدنيين في قصف");
  EXPECT_EQ(d.outlet, "وكالة الأنباء");
  EXPECT_EQ(d.author, "سارة أحمد");
  EXPECT_EQ(d.url, "https://example.com/news/1");
  EXPECT_EQ(d.language, "ar");
  EXPECT_TRUE(d.title_line);
  EXPECT_EQ(d.text.substr(0, d.text.find('\n')), "مقتل 5 مدنيين في قصف");
}

TEST(HtmlArticle, CommentsRelatedAndShareLeftOutFormKept) {
  std::string para = "<p>قال مسؤول في الدفاع المدني، في تصريح للصحفيين، إن فرق الإنقاذ انتشلت جثث عشرة أشخاص من تحت "
                     "الأنقاض، وإن البحث ما زال جاريا عن مفقودين آخرين في الحي.</p>";
  std::string page = "<html><body><form id=\"aspnetForm\" action=\"news.aspx\"><div class=\"menu\"><a href=\"/\">الرئيسية</a>"
                     "<a href=\"/a\">أخبار</a></div><div id=\"ctl00_content\"><h1>انتشال جثث عشرة أشخاص</h1>"
                     "<div class=\"share-bar\"><a href=\"#\">فيسبوك</a><a href=\"#\">تويتر</a></div>";
  for (int i = 0; i < 5; ++i) page += para;
  page += "<div class=\"related-news\"><h3>أخبار ذات صلة</h3><ul><li><a href=\"/1\">عنوان خبر آخر عن القصف في المدينة"
          "</a></li><li><a href=\"/2\">عنوان خبر ثالث عن الاشتباكات</a></li></ul></div>"
          "<div id=\"comments\"><div class=\"comment\"><p>تعليق طويل من قارئ يقول فيه رأيه، وهو رأي لا علاقة له بالخبر، "
          "ويكتب فيه كثيرا، كما يفعل القراء عادة في التعليقات.</p></div></div></div>"
          "<div class=\"footer\">جميع الحقوق محفوظة</div></form></body></html>";
  Document d;
  d.html = true;
  d.input = page;
  PrepareDocument(ReadOptions(), &d);
  EXPECT_TRUE(d.article_found);
  EXPECT_NE(d.article_text.find("انتشلت جثث عشرة أشخاص"), std::string::npos);
  for (const char* chrome : {"الرئيسية", "فيسبوك", "عنوان خبر آخر", "تعليق طويل", "جميع الحقوق", "انتشال جثث"}) {
    EXPECT_EQ(d.article_text.find(chrome), std::string::npos) << chrome;
  }
}

TEST(HtmlArticle, JsonLdArticleBodyOverrulesTheScores) {
  // The article sits in a block whose class reads like chrome; a long "about us" text
  // with many commas wins the scores. The JSON-LD articleBody says which is the article.
  std::vector<std::string> article = {
      "أعلنت السلطات المحلية في المحافظة إغلاق المدارس لمدة ثلاثة أيام بسبب العاصفة الرملية التي تضرب المنطقة منذ الأمس",
      "وقال المحافظ في بيان إن الرؤية انخفضت إلى أقل من مئة متر على الطرق الرئيسية وإن فرق الطوارئ في حالة تأهب",
      "ودعت مديرية الصحة المصابين بأمراض الجهاز التنفسي إلى البقاء في منازلهم وتجنب الخروج إلا عند الضرورة القصوى"};
  std::string body_json, body_html;
  for (const std::string& p : article) {
    body_json += p + " ";
    body_html += "<p>" + p + "</p>";
  }
  std::string about = "<div class=\"about-site\"><p>";
  for (int i = 0; i < 12; ++i) about += "موقعنا، الذي تأسس منذ سنوات، يقدم الأخبار، والتحليلات، والتقارير، والصور، ";
  about += "</p><p>";
  for (int i = 0; i < 12; ++i) about += "ويعمل فيه، بإخلاص، فريق من المحررين، والمراسلين، والمصورين، ";
  about += "</p></div>";
  Document d;
  d.html = true;
  d.input = "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"articleBody\": \"" +
            body_json + "\"}</script></head><body>" + about + "<div class=\"related-box\">" + body_html +
            "</div></body></html>";
  PrepareDocument(ReadOptions(), &d);
  EXPECT_NE(d.article_text.find("إغلاق المدارس لمدة ثلاثة أيام"), std::string::npos) << d.article_text;
  EXPECT_EQ(d.article_text.find("موقعنا"), std::string::npos) << d.article_text;
}

}  // namespace
}  // namespace isnad
