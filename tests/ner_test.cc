// The learned entity tagger (src/ner/) with the committed model, on sentences written for
// these tests (names that are in no table of data/), and the BIO reader of its commands.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "ner/tagger.h"
#include "ner/train.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::Lx;
using testing::Tok;

// The tagged spans of a sentence as "TYPE:text" strings.
std::vector<std::string> Tagged(std::string_view sentence) {
  TokenizedText tt = Tok(sentence);
  std::vector<ner::TaggedSpan> spans;
  ner::TagEntities(tt, Lx(), *Lx().ner_model, &spans);
  std::vector<std::string> out;
  for (const ner::TaggedSpan& s : spans) {
    std::string text;
    for (uint32_t k = s.first; k <= s.last; ++k) {
      if (k > s.first) text += ' ';
      text += tt.text(k);
    }
    const char* type = s.type == ner::NerType::kPER ? "PER" : s.type == ner::NerType::kLOC ? "LOC" : s.type == ner::NerType::kORG ? "ORG" : "MISC";
    out.push_back(std::string(type) + ":" + text);
  }
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += "[" + x + "] ";
  return s;
}

TEST(NerTest, TheCommittedModelIsLoaded) {
  ASSERT_NE(Lx().ner_model, nullptr);
  EXPECT_FALSE(Tagged("وقال الناطق باسم البلدية كريم الحداد إن المياه قطعت عن الحي.").empty());
}

TEST(NerTest, AnUnlistedPersonAfterARoleWithItsWholeName) {
  auto t = Tagged("وقال الناطق باسم البلدية كريم الحداد إن المياه قطعت عن الحي منذ يومين.");
  EXPECT_TRUE(Has(t, "PER:كريم الحداد")) << Join(t);
}

TEST(NerTest, FunctionWordsAreNoName) {
  auto t = Tagged("وأكد البيان أن هناك حاجة إلى حل عادل وشامل للأزمة.");
  for (const std::string& s : t) EXPECT_EQ(s.find("PER:"), std::string::npos) << Join(t);
}

TEST(NerTest, BioReaderTakesATypoTagAsOAndCountsIt) {
  const std::string path = (std::filesystem::temp_directory_path() / "isnad_ner_test.bio").string();
  {
    std::ofstream f(path);
    f << "وقال O\nكريم B-PERS\nالحداد I-PERS\nإن IO\nالمياه O\n. O\n\nفي O\nعمان B-LOC\n";
  }
  ner::BioCorpus c;
  ASSERT_TRUE(ner::ReadBio(path, 1, 0, &c).ok());
  std::remove(path.c_str());
  ASSERT_EQ(c.tokens.size(), 8u);
  EXPECT_EQ(c.unreadable_tags, 1u);
  EXPECT_NE(c.first_unreadable.find(":4: IO"), std::string::npos) << c.first_unreadable;
  EXPECT_EQ(c.tags[3], 0);  // the typo is O
  EXPECT_NE(c.tags[1], 0);
  EXPECT_NE(c.tags[2], 0);
  EXPECT_NE(c.tags[1], c.tags[2]);  // B then I
}

}  // namespace
}  // namespace isnad
