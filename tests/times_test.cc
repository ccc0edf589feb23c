// Time expressions and their resolution against the publication date.
#include <gtest/gtest.h>

#include "extract/times.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::Lx;
using testing::Slice;
using testing::Tok;

struct Found {
  std::string text;
  std::string value;
  TimeExpr expr;
};

std::vector<Found> Times(const std::string& raw, const std::string& pub_iso) {
  TokenizedText tt = Tok(raw);
  std::vector<uint8_t> taken(tt.size(), 0);
  std::vector<TimeExpr> times;
  ExtractTimes(tt, Lx(), &taken, &times);
  CivilDate pub;
  if (auto d = CivilDate::ParseIso(pub_iso)) pub = *d;
  std::vector<Found> out;
  for (TimeExpr& t : times) {
    ResolveTime(pub, &t);
    out.push_back({Slice(raw, tt.RawSpan(t.first, t.last)), t.value, t});
  }
  return out;
}

Found One(const std::string& raw, const std::string& pub = "2022-01-28") {
  auto all = Times(raw, pub);
  EXPECT_EQ(all.size(), 1u) << raw;
  return all.empty() ? Found{} : all[0];
}

TEST(CivilDateTest, Basics) {
  CivilDate d{2022, 1, 28};
  EXPECT_EQ(d.weekday(), 5);  // Friday
  EXPECT_EQ(d.AddDays(4).ToIso(), "2022-02-01");
  EXPECT_EQ(CivilDate::FromSerial(d.serial()), d);
  EXPECT_FALSE((CivilDate{2022, 2, 29}.valid()));
  EXPECT_EQ(CivilDate::ParseIso("2015-07-21 02:51:32")->ToIso(), "2015-07-21");
}

TEST(CivilDateTest, HijriConversionUsesUmmAlQura) {
  auto d = HijriToGregorian(1443, 9, 1);  // 1 Ramadan 1443
  ASSERT_TRUE(d);
  EXPECT_EQ(d->ToIso(), "2022-04-02");
  auto h = GregorianToHijri({2022, 4, 2});
  ASSERT_TRUE(h);
  EXPECT_EQ(h->year, 1443);
  EXPECT_EQ(h->month, 9);
}

TEST(TimesTest, AbsoluteDatesInScrapedFormats) {
  EXPECT_EQ(One("تأريخ النشر : 2022January28 - 19:47").value, "2022-01-28");
  EXPECT_EQ(One("تأريخ النشر : 2022January28 - 19:47").expr.hour, 19);
  EXPECT_EQ(One("2022.01.26 - 19:04").value, "2022-01-26");
  EXPECT_EQ(One("الجمعة، ٢٨ يناير ٢٠٢٢").value, "2022-01-28");
  EXPECT_EQ(One("الجمعة، ٢٨ يناير ٢٠٢٢").text, "الجمعة، ٢٨ يناير ٢٠٢٢");
  EXPECT_EQ(One("نشر في 26/01/2022").value, "2022-01-26");
  EXPECT_EQ(One("Published January 28, 2022").value, "2022-01-28");
  EXPECT_EQ(One("في بيان اطلع عليه (26 كانون الثاني 2022)").value, "2022-01-26");
  EXPECT_EQ(One("في 15 جانفي 2022").value, "2022-01-15");
  EXPECT_EQ(One("يوم 3 شباط 2021").value, "2021-02-03");
  EXPECT_EQ(One("الموافق 1 رمضان 1443 هـ").value, "2022-04-02");
}

TEST(TimesTest, DayMonthWithoutYear) {
  Found f = One("شنوا هجوماً على سجن غويران في 20 كانون الثاني/يناير الجاري");
  EXPECT_EQ(f.text, "20 كانون الثاني/يناير الجاري");
  EXPECT_EQ(f.value, "2022-01-20");
  EXPECT_EQ(One("والهجوم الذي وقع في 20 يناير الماضي", "2022-02-01").value, "2022-01-20");
  EXPECT_EQ(One("ابتداءً من 1 فبراير وحتى إشعار آخر", "2022-01-31").value, "2022-02-01");
  // "الماضي" in January means last year's December.
  EXPECT_EQ(One("في 20 ديسمبر الماضي", "2022-01-05").value, "2021-12-20");
  EXPECT_EQ(One("في يناير الماضي", "2022-02-10").value, "2022-01");
  EXPECT_EQ(One("في يناير الماضي", "2022-01-10").value, "2021-01");
}

TEST(TimesTest, WeekdaysResolveToTheMostRecentOnOrBefore) {
  // Published Wednesday 26 January 2022.
  EXPECT_EQ(One("أكد التحالف الدولي، الأربعاء، أن", "2022-01-26").value, "2022-01-26");
  EXPECT_EQ(One("في وقت سابق الأحد", "2022-01-26").value, "2022-01-23");
  Found f = One("الاشتباكات التي دارت مساء أمس السبت وحدها", "2022-01-26");
  EXPECT_EQ(f.text, "مساء أمس السبت");
  EXPECT_EQ(f.value, "2022-01-22");
  EXPECT_EQ(One("صباح اليوم الأحد", "2022-01-26").value, "2022-01-23");
  EXPECT_EQ(One("الجمعة المقبلة", "2022-01-26").value, "2022-01-28");
  EXPECT_EQ(One("الأربعاء الماضي", "2022-01-26").value, "2022-01-19");
  EXPECT_EQ(One("غدا السبت", "2022-01-26").value, "2022-01-29");
}

TEST(TimesTest, WeekdayRanges) {
  Found f = One("وعاش سكّان المدينة ليلةً (الأربعاء - الخميس) من الرعب");
  EXPECT_EQ(f.text, "ليلةً (الأربعاء - الخميس)");
  EXPECT_EQ(f.value, "2022-01-26/2022-01-27");
  EXPECT_EQ(One("بعد منتصف ليل السبت/الأحد", "2022-01-26").value, "2022-01-22/2022-01-23");
}

TEST(TimesTest, DeicticWords) {
  EXPECT_EQ(One("وأعلن المركز الإعلامي أمس").value, "2022-01-27");
  EXPECT_EQ(One("طلبت موسكو قبل يومين عقد اجتماع").value, "2022-01-26");
  EXPECT_EQ(One("قبل 3 أسابيع").value, "2022-01-07");
  EXPECT_EQ(One("خلال الأسبوع الماضي").value, "2022-01-16/2022-01-22");
  EXPECT_EQ(One("في الشهر الماضي").value, "2021-12");
  Found f = One("طالب مندوب روسيا، اليوم الجمعة، جميع القوات");
  EXPECT_EQ(f.text, "اليوم الجمعة");
  EXPECT_TRUE(f.expr.deictic);
  EXPECT_EQ(f.value, "2022-01-28");
}

TEST(TimesTest, Years) {
  EXPECT_EQ(One("قرار الجمعية العامة رقم 3314 لعام 1974").value, "1974");
  EXPECT_EQ(One("استجاب التحالف لنداء المساعدة في عام 2014").value, "2014");
  EXPECT_EQ(One("عام 1436هـ").value, "2014-10-25/2015-10-13");  // Umm al-Qura, via ICU
}

TEST(TimesTest, DurationsAndNounPhrasesAreNotDates) {
  EXPECT_TRUE(Times("في المواجهة التي استمرت لمدة 10 أيام", "2022-01-28").empty());
  EXPECT_TRUE(Times("في اليوم العالمي للاجئين", "2022-01-28").empty());
  EXPECT_TRUE(Times("قبل أيام قليلة", "2022-01-28").empty());
  EXPECT_TRUE(Times("يعمل عليه منذ نحو سنة", "2022-01-28").empty());
  // "آب" is also "father" once hamza is folded: a month only next to a number.
  EXPECT_TRUE(Times("قال أب لطفلين", "2022-01-28").empty());
  EXPECT_EQ(One("في 4 آب 2020").value, "2020-08-04");
}

TEST(TimesTest, UnresolvableWithoutAnchor) {
  auto all = Times("اليوم الجمعة", "");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].value.empty());
  EXPECT_EQ(Times("2022.01.26", "")[0].value, "2022-01-26");
}

}  // namespace
}  // namespace isnad
