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

TEST(TimesTest, WeekdaysInPlansResolveForward) {
  // Published Tuesday 9 March 2021: a plan looks ahead, narration looks back.
  EXPECT_EQ(One("ومن المقرر أن تنطلق المفاوضات الأحد", "2021-03-09").value, "2021-03-14");
  EXPECT_EQ(One("وستعقد اللجنة اجتماعها الخميس", "2021-03-09").value, "2021-03-11");
  EXPECT_EQ(One("دعت النقابات إلى إضراب عام الأحد", "2021-03-09").value, "2021-03-14");
  EXPECT_EQ(One("سيطرت القوات على المدينة الأحد", "2021-03-09").value, "2021-03-07");
  EXPECT_EQ(One("وتوقف المرور بعد انفجار سيارة الأحد", "2021-03-09").value, "2021-03-07");
  // A plan that was, and a relative clause of its own, look back.
  EXPECT_EQ(One("وكان من المقرر أن تنطلق المفاوضات الأحد", "2021-03-09").value, "2021-03-07");
  EXPECT_EQ(One("وسيواصل المحتجون اعتصامهم الذي بدأ الأحد", "2021-03-09").value, "2021-03-07");
  // A future verb governs its own clause, not the one it opens with "أن"; a plan noun does.
  EXPECT_EQ(One("وقال إن الحكومة ستدرس الأمر، مشيرا إلى أن الهجوم وقع الأحد", "2021-03-09").value, "2021-03-07");
  EXPECT_EQ(One("وقال إنه سيزور باريس الأحد", "2021-03-09").value, "2021-03-14");
  EXPECT_EQ(One("وأعلن أنه لن يحضر القمة الأحد", "2021-03-09").value, "2021-03-14");
  // The day named as "today" or "tomorrow" wins over the plan.
  EXPECT_EQ(One("ومن المقرر أن يصل الوفد غدا (الأربعاء)", "2021-03-09").value, "2021-03-10");
  // A plan for the publication day, in an edition stamped after midnight, is that day.
  EXPECT_EQ(One("ومن المقرر أن تبدأ الجلسة الاثنين", "2021-03-09").value, "2021-03-08");
}

TEST(TimesTest, SeasonsOrdinalDaysAndRelativeMonths) {
  EXPECT_EQ(One("خلال صيف 2014", "2021-03-09").value, "2014");
  EXPECT_EQ(One("خلال صيف 2014", "2021-03-09").text, "صيف 2014");
  EXPECT_EQ(One("في الصيف الماضي", "2021-03-09").value, "2020");
  EXPECT_EQ(One("في الصيف الماضي", "2021-10-09").value, "2021");
  EXPECT_EQ(One("في الشتاء الماضي", "2021-01-20").value, "2020");  // the winter just under way is this one
  Found f = One("منذ الرابع من يونيو لعام 1967", "2021-03-09");
  EXPECT_EQ(f.text, "الرابع من يونيو لعام 1967");
  EXPECT_EQ(f.value, "1967-06-04");
  EXPECT_EQ(One("في الحادي والعشرين من الشهر الجاري", "2021-03-09").value, "2021-03-21");
  EXPECT_EQ(One("في 14 من الشهر الماضي", "2021-01-09").value, "2020-12-14");
  EXPECT_EQ(One("في يونيو من العام الماضي", "2021-03-09").value, "2020-06");
  // An ordinal after a definite noun is its adjective, not a day.
  EXPECT_EQ(One("في الأسبوع الأول من مايو", "2021-03-09").text, "مايو");
}

TEST(TimesTest, DeicticDayBeforeYesterdayAndScrapedStamps) {
  EXPECT_EQ(One("والتقى أمس الأول وفدا", "2021-03-09").value, "2021-03-07");
  Found f = One("7/مارس/2021 - 04:10 م", "");
  EXPECT_EQ(f.text, "7/مارس/2021");
  EXPECT_EQ(f.value, "2021-03-07");
  EXPECT_EQ(f.expr.hour, 16);
  EXPECT_EQ(f.expr.minute, 10);
  EXPECT_EQ(One("في 3 آذار/مارس 2021", "").value, "2021-03-03");
  EXPECT_EQ(One("الاثنين الموافق 4/10/1436هـ", "").value, "2015-07-20");
}

TEST(TimesTest, BareYearsAreTimesButCountsAreNot) {
  EXPECT_EQ(One("وفي 2018 ارتفع العدد").value, "2018");
  EXPECT_EQ(One("تتواصل الحرب منذ 2011").value, "2011");
  EXPECT_EQ(One("حتى نهاية 2017").text, "نهاية 2017");
  EXPECT_EQ(One("خلال الحرب (1980-1988)").value, "1980/1988");
  EXPECT_EQ(One("بين عامي 2012 و2014").value, "2012/2014");
  EXPECT_EQ(One("من 2013 إلى 2017").value, "2013/2017");
  auto list = Times("في أعوام 2015 و2016 و2017", "2022-01-28");
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[2].value, "2017");
  EXPECT_EQ(One("في بداية السنوات 2000").value, "2000/2009");  // a decade
  EXPECT_EQ(Times("في أعوام 2010 و2011", "2022-01-28")[0].value, "2010");  // a list, not a decade
  EXPECT_TRUE(Times("شارك أكثر من 2000 متظاهر", "2022-01-28").empty());
  EXPECT_TRUE(Times("منذ 1400 عام", "2022-01-28").empty());
  EXPECT_TRUE(Times("من 2000 شخص", "2022-01-28").empty());
  EXPECT_TRUE(Times("وصل عددهم إلى 2000", "2022-01-28").empty());
}

TEST(TimesTest, UnresolvableWithoutAnchor) {
  auto all = Times("اليوم الجمعة", "");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].value.empty());
  EXPECT_EQ(Times("2022.01.26", "")[0].value, "2022-01-26");
}

}  // namespace
}  // namespace isnad
