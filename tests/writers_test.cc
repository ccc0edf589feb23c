// The writers on records whose text fields come from hostile pages: the claim-group CSV
// keeps one row per group whatever the fields hold and never hands a spreadsheet a
// formula; the JSON replaces invalid UTF-8 and parses back.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "report/json_writer.h"

namespace isnad {
namespace {

// Two documents, one claim each, and one group over both claims with `label` and `note`.
struct Fixture {
  std::vector<DocAnalysis> docs{2};
  CorpusResult corpus;

  Fixture(const std::string& label, const std::string& note) {
    for (size_t i = 0; i < docs.size(); ++i) {
      DocAnalysis& a = docs[i];
      a.id = "doc" + std::to_string(i);
      a.published = *CivilDate::ParseIso(i == 0 ? "2018-05-14" : "2018-05-15");
      QuantityItem q;
      q.q.low = q.q.high = 52 + static_cast<int64_t>(i);
      q.text = "52";
      a.quantities.push_back(q);
      ClaimOut c;
      c.category = "killed";
      a.claims.push_back(c);
    }
    ClaimGroup g;
    g.id = "g1";
    g.story = "s-1";
    g.category = "killed";
    g.subject_label = label;
    g.status = "conflict";
    g.claims = {{0, 0}, {1, 0}};
    g.low = 52;
    g.high = 53;
    g.conservative = 52;
    g.sources = {"وزارة الصحة", "مصادر طبية, محلية"};
    g.note = note;
    corpus.groups.push_back(g);
    docs[1].title = "مقتل 52 فلسطينيا في غزة";
    StoryRecord s;
    s.id = "s-1";
    s.docs = {0, 1};
    s.title_doc = 1;
    corpus.stories.push_back(s);
    corpus.story_of = {0, 0};
  }
  std::string Csv() const {
    std::ostringstream out;
    WriteGroupsCsv(docs, corpus, out);
    return out.str();
  }
};

TEST(GroupsCsvTest, TextFieldsAreQuotedSoCommasQuotesAndLineBreaksStayInTheirField) {
  Fixture f("الفلسطينيون، \"المتظاهرون\", في غزة", "رقم أولي\r\nقابل للزيادة");
  std::string csv = f.Csv();
  EXPECT_NE(csv.find("\"الفلسطينيون، \"\"المتظاهرون\"\", في غزة\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"رقم أولي\r\nقابل للزيادة\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"وزارة الصحة; مصادر طبية, محلية\""), std::string::npos) << csv;
  EXPECT_NE(csv.find(",2018-05-14,2018-05-15,52,52,53,2,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"doc0#c1 doc1#c1\""), std::string::npos) << csv;
  EXPECT_EQ(csv.find("group,story,story_title,category,"), 0u) << csv;
  EXPECT_NE(csv.find("\"g1\",\"s-1\",\"مقتل 52 فلسطينيا في غزة\",\"killed\","), std::string::npos) << csv;
}

TEST(GroupsCsvTest, AFieldThatWouldBeAFormulaIsPrefixed) {
  for (const char* label : {"=HYPERLINK(\"http://example.com\",\"x\")", "+1", "-2+3", "@SUM(A1)"}) {
    Fixture f(label, "=cmd|' /C calc'!A0");
    std::string csv = f.Csv();
    std::string quoted = "\"'" + std::string(label).substr(0, 1);
    EXPECT_NE(csv.find(quoted), std::string::npos) << csv;
    EXPECT_NE(csv.find("\"'=cmd|' /C calc'!A0\""), std::string::npos) << csv;
    EXPECT_EQ(csv.find(",=") , std::string::npos) << csv;
  }
  // An ordinary label is left as written.
  EXPECT_NE(Fixture("حركة حماس", "").Csv().find(",\"حركة حماس\","), std::string::npos);
}

TEST(AnalysisJsonTest, InvalidUtf8IsReplacedAndTheDocumentParses) {
  Fixture f("\xD8\xA7\xFF\xFE label", "\xC3");
  f.docs[0].title = "عنوان \xE2\x80 مقطوع";
  std::ostringstream out;
  WriteAnalysisJson(f.docs, f.corpus, RunInfo{"test", {}, {}}, out, /*pretty=*/false);
  auto j = nlohmann::json::parse(out.str(), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["documents"][0]["title"], "عنوان \xEF\xBF\xBD مقطوع");
  EXPECT_EQ(j["claim_groups"][0]["subject_name"], "\xD8\xA7\xEF\xBF\xBD\xEF\xBF\xBD label");
  EXPECT_EQ(j["claim_groups"][0]["claims"], nlohmann::json::array({"doc0#c1", "doc1#c1"}));
}

}  // namespace
}  // namespace isnad
