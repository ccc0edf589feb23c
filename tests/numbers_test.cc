// Quantities on real sentences from Arabic news: values, qualifiers, vague amounts,
// ranges, number words, and numbers that count nothing (durations, ids, dates).
#include <gtest/gtest.h>

#include "extract/numbers.h"
#include "extract/times.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::Lx;
using testing::Slice;
using testing::Tok;

struct Found {
  std::string text;
  Quantity q;
};

std::vector<Found> Quantities(const std::string& raw) {
  TokenizedText tt = Tok(raw);
  std::vector<uint8_t> taken(tt.size(), 0);
  std::vector<TimeExpr> times;
  ExtractTimes(tt, Lx(), &taken, &times);
  std::vector<Quantity> qs;
  ExtractQuantities(tt, Lx(), &taken, &qs);
  std::vector<Found> out;
  for (const Quantity& q : qs) out.push_back({Slice(raw, tt.RawSpan(q.first, q.last)), q});
  return out;
}

Found One(const std::string& raw) {
  auto all = Quantities(raw);
  EXPECT_EQ(all.size(), 1u) << raw;
  return all.empty() ? Found{} : all[0];
}

TEST(NumbersTest, ParseDigits) {
  EXPECT_EQ(ParseDigits("3500"), 3500);
  EXPECT_EQ(ParseDigits("3,500"), 3500);
  EXPECT_EQ(ParseDigits("1.5"), 1.5);
  EXPECT_EQ(ParseDigits("1,234,567"), 1234567);
  EXPECT_EQ(ParseDigits("3.500.000"), 3500000);
  EXPECT_FALSE(ParseDigits("2022.01.26"));
}

TEST(NumbersTest, QualifiersBeforeTheNumber) {
  Found f = One("وأعلن المركز الإعلامي أن عدد الذين سلموا أنفسهم بلغ أكثر من 1000 مسلحٍ");
  EXPECT_EQ(f.text, "أكثر من 1000");
  EXPECT_EQ(f.q.qualifier, Qualifier::kMoreThan);
  EXPECT_EQ(f.q.low, 1000);
  EXPECT_FALSE(f.q.high);

  f = One("ويضم ما لا يقل عن 3 آلاف من عناصر التنظيم");
  EXPECT_EQ(f.text, "ما لا يقل عن 3 آلاف");
  EXPECT_EQ(f.q.qualifier, Qualifier::kAtLeast);
  EXPECT_EQ(f.q.low, 3000);

  f = One("وفرض الاستسلام على حوالى 3500 من المرتزقة");
  EXPECT_EQ(f.text, "حوالى 3500");
  EXPECT_EQ(f.q.qualifier, Qualifier::kAbout);
  EXPECT_EQ(f.q.low, 3500);
  EXPECT_EQ(f.q.high, 3500);

  f = One("قتل قرابة خمسين شخصا");
  EXPECT_EQ(f.q.qualifier, Qualifier::kAbout);
  EXPECT_EQ(f.q.low, 50);
}

TEST(NumbersTest, QualifierAfterTheNumber) {
  Found f = One("نزح 200 شخص على الأقل");
  EXPECT_EQ(f.q.qualifier, Qualifier::kAtLeast);
  EXPECT_EQ(f.text, "200 شخص على الأقل");
}

TEST(NumbersTest, Ranges) {
  Found f = One("جيوب إرهابية فيها نحو 60 إلى 90 مرتزقاً");
  EXPECT_EQ(f.text, "نحو 60 إلى 90");
  EXPECT_EQ(f.q.qualifier, Qualifier::kRange);
  EXPECT_EQ(f.q.low, 60);
  EXPECT_EQ(f.q.high, 90);

  f = One("تراوح عدد القتلى بين 40 و45 شخصا");
  EXPECT_EQ(f.q.qualifier, Qualifier::kRange);
  EXPECT_EQ(f.q.low, 40);
  EXPECT_EQ(f.q.high, 45);
}

TEST(NumbersTest, VagueQuantitiesAndAlternatives) {
  Found f = One("مؤكدة أن العشرات، وربّما المئات من عناصر التنظيم تمكّنوا من الفرار");
  EXPECT_EQ(f.text, "العشرات، وربّما المئات");
  EXPECT_EQ(f.q.qualifier, Qualifier::kVague);
  EXPECT_EQ(f.q.low, 20);
  EXPECT_EQ(f.q.high, 999);

  f = One("مسؤولية عشرات الآلاف من مقاتلي داعش");
  EXPECT_EQ(f.text, "عشرات الآلاف");
  EXPECT_EQ(f.q.low, 20000);
  EXPECT_EQ(f.q.high, 99999);

  f = One("وإجبار آلاف العائلات على النزوح");
  EXPECT_EQ(f.q.qualifier, Qualifier::kVague);
  EXPECT_EQ(f.q.low, 2000);
}

TEST(NumbersTest, NumberWordsDualsAndScales) {
  EXPECT_EQ(One("قتل خمسة وعشرون مدنيا").q.low, 25);
  EXPECT_EQ(One("اعتقال ثلاثمائة وخمسين شخصا").q.low, 350);
  EXPECT_EQ(One("نزوح ثلاث مئة عائلة").q.low, 300);
  EXPECT_EQ(One("فرار ألفين من السكان").q.low, 2000);
  EXPECT_EQ(One("كان هناك 8 ملايين من المدنيين").q.low, 8000000);
  EXPECT_EQ(One("نزح 1.5 مليون شخص").q.low, 1500000);
  EXPECT_EQ(One("وصل عددهم إلى ثلاثة آلاف وخمسمئة").q.low, 3500);
}

TEST(NumbersTest, CompoundWordsWithTheConjunctionWrittenApart) {
  Found f = One("قتل ثلاثة و عشرون مدنيا");
  EXPECT_EQ(f.text, "ثلاثة و عشرون");
  EXPECT_EQ(f.q.low, 23);
  EXPECT_EQ(One("اعتقال مئة و خمسة و أربعين شخصا").q.low, 145);
  // Units before tens, the larger part first: "three and four" are two numbers.
  auto all = Quantities("أصيب ثلاثة وأربعة آخرون");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].q.low, 3);
  EXPECT_EQ(all[1].q.low, 4);
}

TEST(NumbersTest, FractionsOfAScale) {
  Found f = One("نزح نصف مليون شخص");
  EXPECT_EQ(f.text, "نصف مليون");
  EXPECT_EQ(f.q.low, 500000);
  EXPECT_EQ(One("فر ربع مليون لاجئ").q.low, 250000);
  EXPECT_EQ(One("يعيش في المخيمات مليون ونصف لاجئ").q.low, 1500000);
  f = One("لجأ نحو مليون ونصف المليون سوري");
  EXPECT_EQ(f.text, "نحو مليون ونصف المليون");
  EXPECT_EQ(f.q.low, 1500000);
  EXPECT_EQ(One("شارك 3 آلاف ونصف متظاهر").q.low, 3500);
  // Without a scale word a fraction counts nothing.
  EXPECT_TRUE(Quantities("نزح نصف السكان").empty());
}

TEST(NumbersTest, SmallerPartAfterAScale) {
  Found f = One("بلغ عدد النازحين 12 ألفا و350 شخصا");
  EXPECT_EQ(f.text, "12 ألفا و350");
  EXPECT_EQ(f.q.low, 12350);
  EXPECT_EQ(One("قتل 3 آلاف و 200 مدني").q.low, 3200);
  EXPECT_EQ(One("نزوح 3 ملايين و400 ألف شخص").q.low, 3400000);
  EXPECT_EQ(One("فرار ألفين و500 شخص").q.low, 2500);
  // An end as large as the scale is the other end of a range, not a part.
  f = One("تراوح عددهم بين 8 آلاف و9 آلاف");
  EXPECT_EQ(f.q.qualifier, Qualifier::kRange);
  EXPECT_EQ(f.q.low, 8000);
  EXPECT_EQ(f.q.high, 9000);
}

TEST(NumbersTest, RangeScaleAfterTheSecondEnd) {
  Found f = One("قدر عددهم بين 8 و9 آلاف شخص");
  EXPECT_EQ(f.text, "بين 8 و9 آلاف");
  EXPECT_EQ(f.q.qualifier, Qualifier::kRange);
  EXPECT_EQ(f.q.low, 8000);
  EXPECT_EQ(f.q.high, 9000);
  f = One("شارك من 20 إلى 30 ألف متظاهر");
  EXPECT_EQ(f.q.low, 20000);
  EXPECT_EQ(f.q.high, 30000);
  f = One("يعيش بين ثمانية وتسعة ملايين نازح");
  EXPECT_EQ(f.q.low, 8000000);
  EXPECT_EQ(f.q.high, 9000000);
  // A first end larger than the second's digits is written in full.
  f = One("أصيب بين 500 و3 آلاف شخص");
  EXPECT_EQ(f.q.low, 500);
  EXPECT_EQ(f.q.high, 3000);
}

TEST(NumbersTest, VerbsOfExceeding) {
  Found f = One("وتجاوز عدد المصابين 200 شخص");
  EXPECT_EQ(f.text, "200");
  EXPECT_EQ(f.q.qualifier, Qualifier::kMoreThan);
  EXPECT_EQ(f.q.low, 200);
  EXPECT_FALSE(f.q.high);
  EXPECT_EQ(One("وفاقت حصيلة القتلى 150 قتيلا").q.qualifier, Qualifier::kMoreThan);
  EXPECT_EQ(One("ويتجاوز عددهم 300 لاجئ").q.qualifier, Qualifier::kMoreThan);
  f = One("وتخطى 40 ألف شخص");
  EXPECT_EQ(f.q.qualifier, Qualifier::kMoreThan);
  EXPECT_EQ(f.q.low, 40000);
  f = One("ولم يتجاوز عدد الجرحى 15 شخصا");
  EXPECT_EQ(f.q.qualifier, Qualifier::kAtMost);
  EXPECT_EQ(f.q.high, 15);
  EXPECT_FALSE(f.q.low);
  // Another verb before the count noun leaves the number exact.
  EXPECT_EQ(One("وبلغ عدد المصابين 200 شخص").q.qualifier, Qualifier::kExact);
}

TEST(NumbersTest, NumberGluedToAClitic) {
  // "بـ3500": the preposition is glued to the digits through a tatweel.
  Found f = One("حدّدت عدد الذين أُلقي القبض عليهم بـ3500، معلنة");
  EXPECT_EQ(f.text, "3500");
  EXPECT_EQ(f.q.low, 3500);
  EXPECT_EQ(f.q.kind, QuantityKind::kCount);
}

TEST(NumbersTest, DurationsAreNotCounts) {
  Found f = One("بعد أقلّ من ستّ ساعات على إعلان قسد");
  EXPECT_EQ(f.q.kind, QuantityKind::kDuration);
  EXPECT_EQ(f.q.unit, "hour");
  EXPECT_EQ(One("في المواجهة التي استمرت لمدة 10 أيام").q.kind, QuantityKind::kDuration);
  auto all = Quantities("سقوط 123 قتيلا خلال أربعة أيام");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].q.kind, QuantityKind::kDuration);
}

TEST(NumbersTest, IdentifiersAreNotCounts) {
  EXPECT_EQ(One("رمز الخبر: 145496").q.kind, QuantityKind::kIdentifier);
  EXPECT_EQ(One("قرار الجمعية العامة للأمم المتحدة رقم 3314").q.kind, QuantityKind::kIdentifier);
  EXPECT_EQ(One("me_ga.php?id=32240").q.kind, QuantityKind::kIdentifier);
  EXPECT_EQ(One("ارتفع بنسبة 15%").q.kind, QuantityKind::kPercent);
  EXPECT_EQ(One("بقيمة 3500 دولار").q.kind, QuantityKind::kMoney);
}

TEST(NumbersTest, YearsAndDatesAreNotQuantities) {
  auto all = Quantities("منذ سقوط التنظيم عام 2019، وفي 20 يناير الماضي قتل 7 مدنيين");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].text, "7");
}

}  // namespace
}  // namespace isnad
