// Page chrome in plain-text articles (ingest/header.cc): which lines are chrome, and of
// which kind. The golden cases (tests/golden/chrome_*) check the same shapes end to end;
// here the kinds are checked too, and the rules are taken one at a time.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "ingest/header.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::Lx;
using testing::Tok;

// Chrome kind per line (normalized text of the line), for a text without times.
std::map<std::string, std::string> ChromeKinds(const std::string& text) {
  TokenizedText tt = Tok(text);
  HeaderInfo h = AnalyzeHeader(tt, {}, Lx());
  std::map<std::string, std::string> out;
  for (const HeaderInfo::Chrome& c : h.chrome) out[std::string(tt.norm.view(c.view.begin, c.view.end))] = c.kind;
  return out;
}

std::string KindOf(const std::string& text, const std::string& line) {
  TokenizedText probe = Tok(line);
  std::string norm(probe.norm.view(probe.tokens.front().begin, probe.tokens.back().end));
  auto kinds = ChromeKinds(text);
  auto it = kinds.find(norm);
  return it == kinds.end() ? "" : it->second;
}

const char kParagraph1[] =
    "وأعلنت السلطات المحلية أن فرق الإنقاذ تواصل البحث عن مفقودين تحت الأنقاض، وسط ظروف جوية صعبة وانقطاع للتيار الكهربائي.\n";
const char kParagraph2[] =
    "وأوضح المتحدث باسم الدفاع المدني أن المستشفيات استقبلت عشرات المصابين، وأن بعضهم في حالة حرجة بحسب الأطباء.\n";

TEST(ChromeTest, ARunOfHeadlinesAfterAFullStoppedParagraphIsRelated) {
  std::string text = std::string("زلزال يضرب المنطقة الساحلية\n\n") + kParagraph1 +
                     "وزير الداخلية يتفقد المناطق المنكوبة في الشمال\n"
                     "منظمات الإغاثة تطلق نداء عاجلا لجمع التبرعات\n" +
                     kParagraph2;
  EXPECT_EQ(KindOf(text, "وزير الداخلية يتفقد المناطق المنكوبة في الشمال"), "related");
  EXPECT_EQ(KindOf(text, "منظمات الإغاثة تطلق نداء عاجلا لجمع التبرعات"), "related");
  EXPECT_EQ(KindOf(text, kParagraph2), "");
}

// A wire story's paragraph is often one short sentence; the block after it is related
// all the same, but not after a short line with no full stop (a subheading).
TEST(ChromeTest, RelatedHeadlinesMayFollowAShortSentence) {
  const std::string head = std::string("زلزال يضرب المنطقة الساحلية\n\n") + kParagraph1;
  const std::string block =
      "وزير الداخلية يتفقد المناطق المنكوبة في الشمال\n"
      "منظمات الإغاثة تطلق نداء عاجلا لجمع التبرعات\n";
  std::string text = head + "وقال شهود إن المياه غمرت الطرق الرئيسية في المدينة.\n" + block + kParagraph2;
  EXPECT_EQ(KindOf(text, "وزير الداخلية يتفقد المناطق المنكوبة في الشمال"), "related");
  EXPECT_EQ(KindOf(text, "منظمات الإغاثة تطلق نداء عاجلا لجمع التبرعات"), "related");
  EXPECT_EQ(KindOf(text, "وقال شهود إن المياه غمرت الطرق الرئيسية في المدينة."), "");

  std::string tiny = head + "وتستمر الأمطار.\n" + block + kParagraph2;
  EXPECT_TRUE(ChromeKinds(tiny).empty());
}

TEST(ChromeTest, OneShortLineBetweenParagraphsIsASubheading) {
  std::string text = std::string("زلزال يضرب المنطقة الساحلية\n\n") + kParagraph1 +
                     "منظمات الإغاثة تطلق نداء عاجلا لجمع التبرعات\n" + kParagraph2;
  EXPECT_TRUE(ChromeKinds(text).empty());
}

TEST(ChromeTest, HeadlinesAfterAColonOrOpeningLikeProseAreText) {
  std::string intro = std::string("زلزال يضرب المنطقة الساحلية\n\n") + kParagraph1 +
                      "وقررت الحكومة اتخاذ عدة إجراءات عاجلة لمساعدة المتضررين من الزلزال في المحافظات الساحلية، وهي:\n" +
                      "صرف تعويضات مالية لأصحاب المنازل المهدمة بالكامل\n"
                      "توفير مساكن مؤقتة للأسر النازحة في المدارس الحكومية\n" +
                      kParagraph2;
  EXPECT_TRUE(ChromeKinds(intro).empty());
  std::string prose = std::string("زلزال يضرب المنطقة الساحلية\n\n") + kParagraph1 +
                      "وقال المحافظ إن عمليات البحث ستستمر طوال الليل\n"
                      "كما طالب السكان بالابتعاد عن المباني المتصدعة\n" +
                      kParagraph2;
  EXPECT_TRUE(ChromeKinds(prose).empty());
}

TEST(ChromeTest, LinkLinesMenusRulesAndCounters) {
  std::string text = std::string("زلزال يضرب المنطقة الساحلية\n\n") + kParagraph1 +
                     "للمزيد: ارتفاع حصيلة ضحايا الزلزال إلى 30 قتيلا\n" + kParagraph2 +
                     "سياسة | اقتصاد | رياضة | ثقافة\n"
                     "----------------\n"
                     "1.250 مشاهدة\n";
  EXPECT_EQ(KindOf(text, "للمزيد: ارتفاع حصيلة ضحايا الزلزال إلى 30 قتيلا"), "read_also");
  EXPECT_EQ(KindOf(text, "سياسة | اقتصاد | رياضة | ثقافة"), "nav");
  EXPECT_EQ(KindOf(text, "----------------"), "rule");
  EXPECT_EQ(KindOf(text, "1.250 مشاهدة"), "counter");
}

TEST(ChromeTest, ARepeatedCaptionIsChromeButARepeatedLeadIsNot) {
  std::string lead = "ضرب زلزال بقوة ست درجات المنطقة الساحلية فجر الأحد، ما أدى إلى انهيار عشرات المباني وفق السلطات المحلية.\n";
  std::string text = std::string("زلزال يضرب المنطقة الساحلية\n\n") + lead + lead +
                     "• رجال إنقاذ يبحثون بين الأنقاض (أ ف ب)\n" + kParagraph1 +
                     "رجال إنقاذ يبحثون بين الأنقاض (أ ف ب)\n" + kParagraph2;
  auto kinds = ChromeKinds(text);
  int lead_copies = 0;
  for (const auto& [line, kind] : kinds) lead_copies += line.find("ضرب زلزال") != std::string::npos;
  EXPECT_EQ(lead_copies, 1);  // the second copy only
  EXPECT_EQ(KindOf(text, "• رجال إنقاذ يبحثون بين الأنقاض (أ ف ب)"), "caption");
  EXPECT_EQ(KindOf(text, "رجال إنقاذ يبحثون بين الأنقاض (أ ف ب)"), "duplicate");
}

TEST(ChromeTest, ACueInsideASentenceIsNotChrome) {
  std::string text = std::string("زلزال يضرب المنطقة الساحلية\n\n") + kParagraph1 +
                     "ونشر ناشطون مقاطع مصورة للدمار على فيسبوك وتويتر خلال الساعات الأولى التي تلت الزلزال.\n" +
                     kParagraph2;
  EXPECT_TRUE(ChromeKinds(text).empty());
}

}  // namespace
}  // namespace isnad
