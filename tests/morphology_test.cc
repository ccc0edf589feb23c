// Word families: every lexicon entry matches its common inflections (tests/fixtures/
// families.tsv, one row per form), and words that only look like family members do not.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "util/tsv.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::Lx;
using testing::Tok;

std::string ReadFixture() {
  std::ifstream in(std::string(ISNAD_SOURCE_DIR) + "/tests/fixtures/families.tsv", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// What a table gives for the whole of `text` read from its first token: the matched
// value as a string (a trigger's category, a speech role), "" when nothing covers it.
template <typename T, typename Fn>
std::string MatchWhole(const PhraseTable<T>& table, std::string_view text, Fn&& describe) {
  TokenizedText tt = Tok(text);
  auto m = table.Longest(tt, 0, &Lx().clitics);
  if (!m || m.ntokens != tt.size()) return "";
  return describe(*m.value);
}

template <typename T, typename Fn>
std::string EntryValue(const PhraseTable<T>& table, std::string_view entry, Fn&& describe) {
  const T* v = table.FindWord(Lx().normalizer.NormalizeString(entry));
  return v ? describe(*v) : "<no entry " + std::string(entry) + ">";
}

std::string Role(SpeechRole r) { return std::to_string(static_cast<int>(r)); }
std::string Category(const ClaimTrigger& t) { return t.category; }

TEST(MorphologyTest, EntriesMatchTheirInflectionsAndNothingElse) {
  const std::string fixture = ReadFixture();  // the rows are views into it
  auto rows = ParseTsv("families.tsv", fixture, 3);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_GE(rows.value().size(), 30u);
  int checked = 0;
  for (const TsvRow& r : rows.value()) {
    std::string table(r.fields[0]), text(r.fields[1]), entry(r.fields[2]);
    std::string got, want;
    if (table == "speech") {
      got = MatchWhole(Lx().speech, text, Role);
      want = entry == "-" ? "" : EntryValue(Lx().speech, entry, Role);
    } else if (table == "claim_triggers") {
      got = MatchWhole(Lx().claim_triggers, text, Category);
      want = entry == "-" ? "" : EntryValue(Lx().claim_triggers, entry, Category);
    } else {
      ADD_FAILURE() << "line " << r.line << ": unknown table " << table;
      continue;
    }
    EXPECT_EQ(got, want) << "families.tsv:" << r.line << ": " << text << " -> " << entry;
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(rows.value().size()));
}

TEST(MorphologyTest, KeysAreComputedOncePerTokenReading) {
  // والقتلى: the word itself, then after و and after وال (article restored) — three readings.
  TokenizedText tt = Tok("والقتلى");
  ASSERT_TRUE(tt.has_variants());
  ASSERT_EQ(tt.size(), 1u);
  EXPECT_GE(tt.variants_end(0) - tt.variants_begin(0), 2);
  bool definite = false;
  for (const WordVariant* v = tt.variants_begin(0); v != tt.variants_end(0); ++v) {
    definite |= v->definite && tt.key(v->noun) == Lx().normalizer.NormalizeString("قتلى");
  }
  EXPECT_TRUE(definite);
}

TEST(MorphologyTest, ClosedClassWordsKeepTheirWrittenForm) {
  // بين is a preposition, not the verb of بينت; عنهم is عن + هم.
  for (const char* w : {"بين", "وبين", "بينهم", "عنهم"}) {
    TokenizedText tt = Tok(w);
    for (const WordVariant* v = tt.variants_begin(0); v != tt.variants_end(0); ++v) {
      EXPECT_TRUE(v->verb.empty()) << w;
      EXPECT_EQ(tt.key(v->noun), std::string_view(tt.text(0)).substr(v->prefix)) << w;
    }
  }
}


TEST(MorphologyTest, TokensOfOneWordShareAnIdAndOneCopyOfTheirReadings) {
  // "قالت الوزارة إن الوزارة قالت": two words twice, one once; the second الوزارة shares
  // the first one's id and readings.
  TokenizedText tt = Tok("قالت الوزارة إن الوزارة قالت");
  ASSERT_EQ(tt.size(), 5u);
  ASSERT_TRUE(tt.has_word_ids());
  EXPECT_EQ(tt.word_id[1], tt.word_id[3]);
  EXPECT_EQ(tt.word_id[0], tt.word_id[4]);
  EXPECT_NE(tt.word_id[0], tt.word_id[1]);
  EXPECT_NE(tt.word_id[2], tt.word_id[1]);
  EXPECT_EQ(tt.variants_begin(1), tt.variants_begin(3));
  EXPECT_EQ(tt.lex_mask[1], tt.lex_mask[3]);
  // A later text on the same thread and tables: the same word keeps its id.
  TokenizedText again = Tok("الوزارة");
  EXPECT_EQ(again.word_epoch, tt.word_epoch);
  EXPECT_EQ(again.word_id[0], tt.word_id[1]);
  // Tokenizing again forgets the ids: they described the old tokens.
  Tokenize(Lx().normalizer, &again);
  EXPECT_FALSE(again.has_word_ids());
  EXPECT_FALSE(again.has_variants());
}

TEST(MorphologyTest, AWordWrittenWithTaMarbutaIsAnotherWord) {
  // The normalizer folds ة into ه, but the lexicon mask reads the written ة (a feminine
  // noun, not a pronoun suffix): the two spellings get different ids.
  TokenizedText tt = Tok("مدينة مدينه");
  ASSERT_EQ(tt.size(), 2u);
  ASSERT_EQ(tt.text(0), tt.text(1));
  EXPECT_NE(tt.word_id[0], tt.word_id[1]);
}

TEST(MorphologyTest, AFullWordCacheKeepsTheWordsOfSeveralTexts) {
  // الوزارة is in two texts, then a text of more distinct words than the cache holds fills
  // it: the next text finds الوزارة kept (under a new epoch, with a low id), read as before.
  // The cache is the thread's: a new thread starts it empty, whatever the tests before
  // this one read.
  std::thread([] {
    TokenizedText first = Tok("قالت الوزارة");
    TokenizedText second = Tok("الوزارة");
    std::string many;
    for (int k = 0; k < 140000; ++k) {
      char w[5] = {static_cast<char>('a' + k % 26), static_cast<char>('a' + k / 26 % 26),
                   static_cast<char>('a' + k / 676 % 26), static_cast<char>('a' + k / 17576 % 26), ' '};
      many.append(w, 5);
    }
    TokenizedText full = Tok(many);
    TokenizedText after = Tok("الوزارة قالت");
    EXPECT_NE(after.word_epoch, second.word_epoch);
    EXPECT_LT(after.word_id[0], 10u);
    EXPECT_EQ(after.lex_mask[0], second.lex_mask[0]);
    EXPECT_EQ(after.variants_end(0) - after.variants_begin(0), second.variants_end(0) - second.variants_begin(0));
    EXPECT_NE(after.word_id[0], after.word_id[1]);
    // A word of one text only was dropped: it is read again, the same way.
    TokenizedText again = Tok("aaaa");
    EXPECT_EQ(again.lex_mask[0], full.lex_mask[0]);
  }).join();
}

}  // namespace
}  // namespace isnad
