// The mentions the engine reports (extract/entities.h: tables, head-noun rules and the
// tagger together), on sentences written for these tests: where a person's name ends,
// and which words may stand alone for a name given earlier.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "extract/entities.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::IndexOf;
using testing::Join;
using testing::Lx;
using testing::Tok;

// The mentions of a text (not anaphors) whose type passes `keep`, as their words in
// normalized form without a leading clitic.
template <typename Keep>
std::vector<std::string> Mentions(std::string_view text, Keep keep) {
  TokenizedText tt = Tok(text);
  EntityFacts facts;
  ExtractMentions(tt, Lx(), &facts);
  std::vector<std::string> out;
  for (const Mention& m : facts.mentions) {
    if (!keep(m.type) || m.anaphor) continue;
    std::string s;
    for (uint32_t k = m.first; k <= m.last; ++k) {
      if (k > m.first) s += ' ';
      std::string_view w = tt.text(k);
      if (k == m.first) w.remove_prefix(std::min<size_t>(m.prefix_bytes, w.size()));
      s += w;
    }
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> People(std::string_view text) {
  return Mentions(text, [](EntityType t) { return t == EntityType::kPER; });
}

std::vector<std::string> Bodies(std::string_view text) {
  return Mentions(text, [](EntityType t) { return t == EntityType::kORG || t == EntityType::kGROUP; });
}

std::string N(std::string_view s) { return Lx().normalizer.NormalizeString(s); }

TEST(MentionsTest, ANameEndsBeforeTheWordsThatGoOnWithTheSentence) {
  // Given name + second name, then a word with the article: the sentence going on (a
  // time word, a verbal noun), not a family name, where the tagger ends the name.
  auto p = People("وقال وزير الثقافة المصري فاروق حسني اليوم الجمعة إن المعرض سيفتتح الشهر المقبل.");
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p[0], N("فاروق حسني")) << Join(p);
  p = People("وجدد رئيس الوزراء التركي رجب طيب أردوغان الدعوة إلى وقف إطلاق النار.");
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p[0], N("رجب طيب أردوغان")) << Join(p);
  // Nor a weekday the tagger took in.
  p = People("وقال المنسق الأعلى خافيير سولانا الخميس إن المحادثات ستستأنف.");
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p[0], N("خافيير سولانا")) << Join(p);
}

TEST(MentionsTest, ANameNeverEndsWithItsParticle) {
  // بن joins the name after it, even علي, which folding reads as the preposition على.
  auto p = People("واستقبل الرئيس التونسي زين العابدين بن علي مساء أمس الوفد الزائر.");
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p[0], N("زين العابدين بن علي")) << Join(p);
  for (const std::string& s : p) EXPECT_NE(s.find(N("استقبل")), 0u) << Join(p);
}

TEST(MentionsTest, AVerbBehindAProcliticIsNoGivenName) {
  // وكان is و + كان, not و + ك + the given name آن (which folds to the function word أن).
  auto p = People("وقال المتحدث إن الاجتماع انتهى. وكان أوجلان قد دعا أنصاره إلى الهدوء. وكان البابا قد زار تركيا.");
  for (const std::string& s : p) EXPECT_NE(s.rfind(N("ان") + " ", 0), 0u) << Join(p);
  // A given name behind و that folding reads as a preposition stays a name when spelled as one.
  p = People("وقال وعلي حسن إن الوضع هادئ في المدينة.");
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p[0], N("علي حسن")) << Join(p);
}

TEST(MentionsTest, ASurnameAloneLaterIsTheSamePersonAndCamerasAreNoRole) {
  auto p = People("وقال رئيس الوزراء البريطاني ديفيد كاميرون إن بلاده ستعمل مع الحلفاء. وأضاف كاميرون أن الحكومة مستعدة.");
  ASSERT_EQ(p.size(), 2u) << Join(p);
  EXPECT_EQ(p[0], N("ديفيد كاميرون"));
  EXPECT_EQ(p[1], N("كاميرون"));
  // The role أمير keeps to its written forms: ك + أمير + a suffix is not a role.
  TokenizedText tt = Tok("وأظهرت كاميرات المراقبة أمير المنطقة والكاميرا معطلة.");
  const size_t cams = IndexOf(tt, "كاميرات"), prince = IndexOf(tt, "أمير");
  ASSERT_LT(cams, tt.size());
  ASSERT_LT(prince, tt.size());
  EXPECT_FALSE(Lx().roles.Longest(tt, cams, &Lx().clitics));
  EXPECT_TRUE(Lx().roles.Longest(tt, prince, &Lx().clitics));
}

TEST(MentionsTest, ARegionThatNamesANewspaperIsTheNewspaperOnlyAfterItsHead) {
  TokenizedText tt = Tok("وقالت صحيفة الشرق الأوسط إن الأزمة في الشرق الأوسط تتفاقم.");
  EntityFacts facts;
  ExtractMentions(tt, Lx(), &facts);
  std::vector<EntityType> types;
  for (const Mention& m : facts.mentions) {
    if (tt.text(m.last) == N("الأوسط")) types.push_back(m.type);
  }
  ASSERT_EQ(types.size(), 2u);
  EXPECT_EQ(types[0], EntityType::kMEDIA);
  EXPECT_NE(types[1], EntityType::kMEDIA);
}

bool Has(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), N(s)) != v.end(); }

TEST(MentionsTest, AnOrganisationsNameTakesItsRelativeAdjectives) {
  auto b = Bodies("وقال رئيس حزب التجمع المصري إن الانتخابات مزورة. ودعت منظمة التحرير الفلسطينية إلى الحوار.");
  EXPECT_TRUE(Has(b, "حزب التجمع المصري")) << Join(b);
  EXPECT_TRUE(Has(b, "منظمة التحرير الفلسطينية")) << Join(b);
  // A time word is no adjective of the name.
  b = Bodies("وأعلنت هيئة الطيران المدني اليوم استئناف الرحلات.");
  EXPECT_TRUE(Has(b, "هيئة الطيران المدني")) << Join(b);
}

TEST(MentionsTest, AHeadBeforeADescriptionIsNoOrganisation) {
  // جامعة سعودية، شركة ناشئة، جماعة مسلحة: a head noun and an indefinite word describe.
  auto b = Bodies("وتعاقدت جامعة سعودية مع شركة ناشئة لتطوير التطبيق، فيما هاجمت جماعة مسلحة القرية.");
  EXPECT_TRUE(b.empty()) << Join(b);
}

TEST(MentionsTest, OnlyNameWordsStandAloneForANameGivenEarlier) {
  TokenizedText tt = Tok("قال كريم الحداد اليوم إن التي تي الثاني وصلت.");
  auto alone = [&](std::string_view w) {
    size_t i = IndexOf(tt, w);
    EXPECT_LT(i, tt.size()) << w;
    return i < tt.size() && Lx().NameWordAlone(tt, i);
  };
  EXPECT_TRUE(alone("الحداد"));
  EXPECT_TRUE(alone("كريم"));     // a given name: a names' table
  EXPECT_FALSE(alone("اليوم"));   // a time word
  EXPECT_FALSE(alone("التي"));    // a function word
  EXPECT_FALSE(alone("تي"));      // two letters
  EXPECT_FALSE(alone("الثاني"));  // an ordinal
  EXPECT_FALSE(alone("قال"));     // a verb of saying
}

}  // namespace
}  // namespace isnad
