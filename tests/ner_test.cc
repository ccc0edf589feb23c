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

using testing::IndexOf;
using testing::Join;
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

// PropagateNames on tags set by hand, so the test does not depend on the model's first pass.
std::vector<uint8_t> Propagated(const TokenizedText& tt, const std::vector<std::pair<size_t, ner::NerType>>& begins,
                                const std::vector<size_t>& insides) {
  std::vector<uint8_t> tags(tt.size(), 0);
  for (auto [i, t] : begins) tags[i] = static_cast<uint8_t>(ner::BeginTag(t));
  for (size_t i : insides) tags[i] = static_cast<uint8_t>(ner::InsideTag(ner::TypeOf(tags[i - 1])));
  ner::PropagateNames(tt, Lx(), &tags);
  return tags;
}

TEST(NerTest, APersonsSurnameAloneLaterInTheTextIsTheSamePerson) {
  TokenizedText tt = Tok("وقال المهندس كريم الحداد إن المياه ستعود غدا. وتابع الحداد أن الفرق تعمل ليلا، "
                         "ونقل مراسلنا تصريحا للحداد قال فيه إن الأعطال كثيرة.");
  const size_t first = IndexOf(tt, "كريم");
  ASSERT_LT(first + 1, tt.size());
  auto tags = Propagated(tt, {{first, ner::NerType::kPER}}, {first + 1});
  const size_t again = IndexOf(tt, "الحداد", first + 2);
  ASSERT_LT(again, tt.size());
  EXPECT_EQ(tags[again], ner::BeginTag(ner::NerType::kPER));
  // Behind a proclitic that stands for the article (للحداد), and nothing else around it.
  const size_t clitic = IndexOf(tt, "للحداد");
  ASSERT_LT(clitic, tt.size());
  EXPECT_EQ(tags[clitic], ner::BeginTag(ner::NerType::kPER));
  EXPECT_EQ(tags[clitic - 1], 0);
  const size_t verb = IndexOf(tt, "وتابع");
  ASSERT_LT(verb, tt.size());
  EXPECT_EQ(tags[verb], 0);
}

TEST(NerTest, ANameAfterAProcliticAndAWholePhraseArePropagated) {
  TokenizedText tt = Tok("وصل وفد من الهلال الأحمر إلى المدينة. والتقى رئيس بلدية المدينة بوفد الهلال الأحمر، "
                         "وأشاد بالجهود التي يبذلها الهلال الأحمر منذ أسبوع في مدينة نابلس. وعاد الوفد إلى لنابلس مساء.");
  const size_t org = IndexOf(tt, "الهلال");
  const size_t city = IndexOf(tt, "نابلس");
  ASSERT_LT(city, tt.size());
  auto tags = Propagated(tt, {{org, ner::NerType::kORG}, {city, ner::NerType::kLOC}}, {org + 1});
  const size_t org2 = IndexOf(tt, "الهلال", org + 2);
  ASSERT_LT(org2 + 1, tt.size());
  EXPECT_EQ(tags[org2], ner::BeginTag(ner::NerType::kORG));
  EXPECT_EQ(tags[org2 + 1], ner::InsideTag(ner::NerType::kORG));
  const size_t org3 = IndexOf(tt, "الهلال", org2 + 2);
  EXPECT_EQ(tags[org3], ner::BeginTag(ner::NerType::kORG));
  const size_t city2 = IndexOf(tt, "لنابلس");
  ASSERT_LT(city2, tt.size());
  EXPECT_EQ(tags[city2], ner::BeginTag(ner::NerType::kLOC));
  // The city of "المدينة" is no name the first pass gave.
  const size_t town = IndexOf(tt, "المدينة");
  ASSERT_LT(town, tt.size());
  EXPECT_EQ(tags[town], 0);
}

TEST(NerTest, PropagationStaysNearItsSightingAndSkipsFunctionWords) {
  std::string text = "قال الطبيب سامر العبد إن الوضع صعب. ";
  for (int k = 0; k < 120; ++k) text += "وتواصلت الأعمال في الموقع اليوم. ";
  text += "وقال العبد إن الذي تحقق كثير، وإن الذي بقي قليل.";
  TokenizedText tt = Tok(text);
  const size_t first = IndexOf(tt, "سامر");
  const size_t far = IndexOf(tt, "العبد", first + 2);
  ASSERT_LT(far, tt.size());
  ASSERT_GT(far - first, ner::kPropagationWindow);
  const size_t there = IndexOf(tt, "الذي");
  // A function word wrongly tagged once is not spread.
  auto tags = Propagated(tt, {{first, ner::NerType::kPER}, {there, ner::NerType::kORG}}, {first + 1});
  EXPECT_EQ(tags[far], 0);
  const size_t there2 = IndexOf(tt, "الذي", there + 1);
  ASSERT_LT(there2, tt.size());
  EXPECT_EQ(tags[there2], 0);
}

TEST(NerTest, AnOrdinalOfAPersonsNameIsNotSpreadAlone) {
  TokenizedText tt = Tok("واستقبل الملك عبد الله الثاني الوفد، ثم عقد الاجتماع الثاني مع الوزراء.");
  const size_t first = IndexOf(tt, "عبد");
  ASSERT_LT(first + 2, tt.size());
  auto tags = Propagated(tt, {{first, ner::NerType::kPER}}, {first + 1, first + 2});
  const size_t again = IndexOf(tt, "الثاني", first + 3);
  ASSERT_LT(again, tt.size());
  EXPECT_EQ(tags[again], 0);
}

TEST(NerTest, OnlyTheSurnameOfAPersonsNameIsSpreadAlone) {
  // باسم is a given name and "in the name of": spread alone, every باسم would be a person.
  TokenizedText tt = Tok("وقال المهندس باسم الحداد إن المشروع اكتمل. وتابع الحداد أن الجسر سمي باسم المدينة.");
  const size_t first = IndexOf(tt, "باسم");
  ASSERT_LT(first + 1, tt.size());
  auto tags = Propagated(tt, {{first, ner::NerType::kPER}}, {first + 1});
  const size_t surname = IndexOf(tt, "الحداد", first + 2);
  const size_t word = IndexOf(tt, "باسم", first + 2);
  ASSERT_LT(surname, tt.size());
  ASSERT_LT(word, tt.size());
  EXPECT_EQ(tags[surname], ner::BeginTag(ner::NerType::kPER));
  EXPECT_EQ(tags[word], 0);
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
