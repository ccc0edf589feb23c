// Attribution rules on short texts: who speaks each token, relays, credit lines.
#include <gtest/gtest.h>

#include <string>

#include "extract/attribution.h"
#include "extract/entities.h"
#include "test_util.h"
#include "text/sentences.h"

namespace isnad {
namespace {

using testing::Lx;
using testing::Tok;

struct Attributed {
  TokenizedText tt;
  std::vector<Sentence> sentences;
  EntityFacts facts;
  Attribution attr;

  explicit Attributed(const std::string& text) : tt(Tok(text)) {
    SplitSentences(tt, &sentences);
    ExtractMentions(tt, Lx(), &facts);
    Attribute(tt, sentences, facts, Lx(), &attr);
  }
  // The first token whose text is `word` (normalized view).
  size_t At(std::string_view word) const {
    for (size_t i = 0; i < tt.size(); ++i) {
      if (tt.text(i) == word) return i;
    }
    ADD_FAILURE() << "no token " << word;
    return 0;
  }
  // The speaker key of the words at `word`, or "" for the outlet's narration.
  std::string VoiceAt(std::string_view word) const {
    int v = attr.token_voice[At(word)];
    return v < 0 ? "" : attr.speakers[v].key;
  }
  std::string Phrase(int speaker) const {
    const Speaker& s = attr.speakers[speaker];
    std::string out;
    for (size_t k = s.first; k <= s.last; ++k) out += (out.empty() ? "" : " ") + std::string(tt.text(k));
    return out;
  }
};

TEST(AttributionTest, CuesAreData) {
  // The complementizer, the audience preposition and the blockers come from
  // data/attribution_cues.tsv, in their folded forms.
  TokenizedText tt = Tok("أن لم الذي بعدما");
  for (size_t i = 0; i < tt.size(); ++i) EXPECT_TRUE(Lx().attribution_cues.Longest(tt, i)) << tt.text(i);
}

TEST(AttributionTest, RelayNamesTheOfficialAndChainsTheAgency) {
  Attributed a("نقلت وكالة رويترز عن مسؤول أمني قوله إن 7 من عناصر الشرطة قتلوا في الهجوم.");
  std::string voice = a.VoiceAt("7");
  EXPECT_EQ(voice.rfind("generic:", 0), 0u) << voice;
  ASSERT_EQ(a.attr.sentence_according[0].size(), 1u);
  EXPECT_EQ(a.attr.speakers[a.attr.sentence_according[0][0]].key.find("m:"), 0u);
}

TEST(AttributionTest, RelayVerbWithoutSourceIsNotSpeech) {
  Attributed a("وتزامن نقل السفارة إلى القدس مع مقتل 58 فلسطينيا.");
  EXPECT_EQ(a.attr.sentence_speaker[0], -1);
  EXPECT_EQ(a.VoiceAt("58"), "");
}

TEST(AttributionTest, NegatedAndCircumstantialClausesAreNarration) {
  Attributed a("ودعت فرنسا الطرفين إلى ضبط النفس بعدما قتل 16 متظاهرا.");
  EXPECT_NE(a.VoiceAt("ضبط"), "");
  EXPECT_EQ(a.VoiceAt("16"), "");
  Attributed n("وأكد الوزير في بيان \"التزام الحكومة الكامل بالتهدئة ووقف التصعيد\" ولم يشر البيان إلى عشرات القتلى.");
  EXPECT_EQ(n.VoiceAt("عشرات"), "");
  // Reported words after a complementizer are the speaker's to the end.
  Attributed r("وقال الوزير إن الجيش لم يعلن عن 12 قتيلا بعد الهجوم.");
  EXPECT_NE(r.VoiceAt("12"), "");
}

TEST(AttributionTest, OpinionVerbNeedsItsOwnSubject) {
  Attributed a("وقال المرصد إن القصف تواصل.\nويعتبر هذا اليوم الأكثر دموية مع سقوط 40 قتيلا.");
  EXPECT_EQ(a.attr.sentence_speaker[1], -1);
  Attributed b("ويتوقع الجيش الإسرائيلي مشاركة عشرات الآلاف في المظاهرات.");
  EXPECT_GE(b.attr.sentence_speaker[0], 0);
}

TEST(AttributionTest, ClosingMarkWithoutOpeningOneOpensNothing) {
  // The first line lost its opening mark: its closing one must not pair with the next
  // line's opening mark and swallow the next speaker's verb.
  Attributed a("وطالب المتحدث بالحد من استخدام القوة إلا في حالات الخطر\".\nوقال المفوض زيد رعد الحسين إن \"مقتل عشرات الأشخاص يجب أن يتوقف\".");
  int s = a.attr.sentence_speaker[1];
  ASSERT_GE(s, 0);
  EXPECT_EQ(a.attr.speakers[s].key.rfind("p:", 0), 0u) << a.attr.speakers[s].key;
  EXPECT_EQ(a.Phrase(s), "زيد رعد الحسين");
}

TEST(AttributionTest, RolePhraseAndTitleResolution) {
  Attributed a("والتقى الرئيس الفلسطيني محمود عباس وفدا أوروبيا.\nوقال الرئيس الفلسطيني إن 30 شخصا اعتقلوا.");
  int s = a.attr.sentence_speaker[1];
  ASSERT_GE(s, 0);
  EXPECT_EQ(a.attr.speakers[s].key.rfind("p:", 0), 0u) << a.attr.speakers[s].key;
  Attributed b("ومن بين القتلى ثمانية أطفال، وفقا للمبعوث الفلسطيني لدى الأمم المتحدة.");
  ASSERT_EQ(b.attr.sentence_according[0].size(), 1u);
  EXPECT_EQ(b.Phrase(b.attr.sentence_according[0][0]), "للمبعوث الفلسطيني لدي الامم المتحده");
}

TEST(AttributionTest, SpokespersonForIsNotAGivenName) {
  Attributed a("وقال الناطق باسم الحكومة محمد المومني إن مئات الجرحى سقطوا.");
  int s = a.attr.sentence_speaker[0];
  ASSERT_GE(s, 0);
  EXPECT_EQ(a.Phrase(s), "محمد المومني");
}

TEST(AttributionTest, CreditLinesNameTheAgencies) {
  Attributed line("قتل 9 أشخاص في انفجار.\n(رويترز)");
  ASSERT_EQ(line.attr.credits.size(), 1u);
  Attributed end("قتل 9 أشخاص في انفجار وسط المدينة صباح اليوم (أ ف ب).");
  ASSERT_EQ(end.attr.credits.size(), 1u);
  Attributed dateline("بغداد - وكالات: أصيب 14 شخصا في هجوم.");
  EXPECT_EQ(dateline.attr.credits.size(), 1u);
  // An agency named in running text is not a credit.
  Attributed prose("وقالت وكالة رويترز إن 9 أشخاص قتلوا في الانفجار الذي وقع صباح اليوم.");
  EXPECT_TRUE(prose.attr.credits.empty());
}

}  // namespace
}  // namespace isnad
