// Normalization, tokenization, sentences and stemming on real news text.
#include <gtest/gtest.h>

#include "test_util.h"
#include "text/sentences.h"
#include "text/stemmer.h"
#include "util/utf8.h"

namespace isnad {
namespace {

using testing::Lx;
using testing::Slice;
using testing::Tok;

std::string Norm(std::string_view s) { return Lx().normalizer.NormalizeString(s); }

TEST(NormalizerTest, FoldsLettersDigitsAndPunctuation) {
  EXPECT_EQ(Norm("أكد مندوب سورية"), "اكد مندوب سوريه");
  EXPECT_EQ(Norm("إلى الأمم المتحدة"), "الي الامم المتحده");
  EXPECT_EQ(Norm("قتيلاً"), "قتيلا");                  // tanween dropped
  EXPECT_EQ(Norm("كـل الأخبار"), "كل الاخبار");        // tatweel dropped
  EXPECT_EQ(Norm("٢٨ يناير ٢٠٢٢"), "28 يناير 2022");    // Arabic-Indic digits
  EXPECT_EQ(Norm("۱۲۳"), "123");                         // Persian digits
  EXPECT_EQ(Norm("٣٬٥٠٠٫٥"), "3,500.5");                 // Arabic separators
  EXPECT_EQ(Norm("«قسد»، “داعش”؟"), "\"قسد\", \"داعش\"?");
  EXPECT_EQ(Norm("گوران ی ک"), "كوران ي ك");            // Persian letters
  EXPECT_EQ(Norm("ﻻ"), "لا");                            // presentation form via NFKC
  EXPECT_EQ(Norm("App Store"), "app store");              // case folding
  EXPECT_EQ(Norm("جنيف – وكالات"), "جنيف - وكالات");     // en dash
}

TEST(NormalizerTest, OffsetsMapBackToOriginalBytes) {
  // Every view byte maps to the original code point it came from, and a span's end
  // extends over the tashkeel that normalization removed.
  const std::string raw = "سقوط 123 قتيلاً، بـ3500 مسلّحٍ";
  TokenizedText tt = Tok(raw);
  ASSERT_EQ(tt.norm.to_raw.size(), tt.norm.text.size() + 1);
  std::vector<std::string> originals;
  for (size_t i = 0; i < tt.size(); ++i) originals.push_back(Slice(raw, tt.RawSpan(i, i)));
  std::vector<std::string> want = {"سقوط", "123", "قتيلاً", "،", "بـ", "3500", "مسلّحٍ"};
  EXPECT_EQ(originals, want);
  // Monotone map.
  for (size_t i = 1; i < tt.norm.to_raw.size(); ++i) EXPECT_LE(tt.norm.to_raw[i - 1], tt.norm.to_raw[i]);
}

TEST(NormalizerTest, InvalidUtf8BecomesReplacementWithExactOffsets) {
  const std::string raw = std::string("ab\xFF") + "ج";
  NormalizedText nt;
  Lx().normalizer.Normalize(raw, &nt);
  EXPECT_EQ(nt.text, "ab\xEF\xBF\xBD" "ج");
  EXPECT_EQ(nt.ToRaw(2, 5).begin, 2u);
  EXPECT_EQ(nt.ToRaw(2, 5).end, 3u);
  EXPECT_EQ(Slice(raw, nt.ToRaw(5, 7)), "ج");
}

TEST(NormalizerTest, DecompiledTableListsTheRules) {
  std::string table = Lx().normalizer.Decompile();
  EXPECT_NE(table.find("0623\t0627"), std::string::npos);  // أ => ا
  EXPECT_NE(table.find("064B\t-"), std::string::npos);     // fathatan deleted
  EXPECT_NE(table.find("0660\t0030"), std::string::npos);  // ٠ => 0
}

TEST(TokenizerTest, SplitsGluedScriptsAndDigits) {
  TokenizedText tt = Tok("2022January28 - 19:47 time reading iconدقائق");
  std::vector<std::string> got;
  for (size_t i = 0; i < tt.size(); ++i) got.emplace_back(tt.text(i));
  std::vector<std::string> want = {"2022", "january", "28", "-", "19", ":", "47", "time", "reading", "icon", "دقايق"};  // ئ folds to ي
  EXPECT_EQ(got, want);
  EXPECT_TRUE(tt.tokens[1].glued());
  EXPECT_TRUE(tt.tokens[2].glued());
  EXPECT_FALSE(tt.tokens[3].glued());
  EXPECT_TRUE(tt.tokens[10].glued());
}

TEST(TokenizerTest, KeepsNumbersWithSeparatorsWhole) {
  TokenizedText tt = Tok("بلغ ٣٬٥٠٠ و1.5 مليون 2022.01.26");
  ASSERT_EQ(tt.size(), 6u);
  EXPECT_EQ(tt.text(1), "3,500");
  EXPECT_EQ(tt.tokens[1].kind, TokenKind::kNumber);
  EXPECT_EQ(tt.text(2), "و");
  EXPECT_EQ(tt.text(3), "1.5");
  EXPECT_EQ(tt.text(5), "2022.01.26");
}

TEST(TokenizerTest, LineAndParagraphFlags) {
  TokenizedText tt = Tok("عنوان\nسطر ثان\n\nفقرة");
  EXPECT_TRUE(tt.tokens[0].flags & Token::kParagraphStart);
  EXPECT_TRUE(tt.tokens[1].line_start());
  EXPECT_FALSE(tt.tokens[1].flags & Token::kParagraphStart);
  EXPECT_FALSE(tt.tokens[2].line_start());
  EXPECT_TRUE(tt.tokens[3].flags & Token::kParagraphStart);
}

TEST(CliticsTest, VariantsStripPrefixesAndRestoreTheArticle) {
  std::vector<std::pair<std::string, size_t>> seen;
  std::string scratch;
  Lx().clitics.ForEachVariant(Norm("وللمرصد"), &scratch, [&](std::string_view stem, size_t prefix) {
    seen.emplace_back(std::string(stem), prefix);
    return false;
  });
  bool restored = false;
  for (auto& [stem, prefix] : seen) restored |= stem == "المرصد" && prefix == Norm("ولل").size();
  EXPECT_TRUE(restored);
  EXPECT_EQ(seen.front().first, "وللمرصد");
}

TEST(SentencesTest, SplitsOnStopsAndLinesButNotInitialsOrDecimals) {
  const std::string raw =
      "وقال أحد أقرباء القيادي \"د. ج\"، إن القيادي تمكن من الفرار. وأضاف أن 1.5 مليون نزحوا!\nسطر جديد";
  TokenizedText tt = Tok(raw);
  std::vector<Sentence> s;
  SplitSentences(tt, &s);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(tt.text(s[0].end_token - 1), ".");
  EXPECT_EQ(tt.text(s[2].first_token), "سطر");
}

TEST(StemmerTest, ArabicAndEnglish) {
  Stemmer ar(Stemmer::Language::kArabic);
  EXPECT_EQ(std::string(ar.Stem("المسلحين")), std::string(ar.Stem("مسلحين")));
  Stemmer en(Stemmer::Language::kEnglish);
  EXPECT_EQ(en.Stem("fighters"), "fighter");
}

TEST(Utf8Test, FindInvalid) {
  EXPECT_EQ(utf8::FindInvalid("سوريا"), std::string_view::npos);
  EXPECT_EQ(utf8::FindInvalid(std::string("ok\xC3(")), 2u);
  EXPECT_EQ(utf8::FindInvalid(std::string("\xED\xA0\x80")), 0u);  // surrogate
}

}  // namespace
}  // namespace isnad
