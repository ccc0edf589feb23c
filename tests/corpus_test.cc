// The corpus stage on the example corpus: text reuse, reconciled claim groups and the
// merged timeline (issue 4).
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "ingest/reader.h"
#include "link/corpus.h"
#include "link/pipeline.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::ExampleDir;
using testing::Lx;

struct Example {
  std::vector<Document> docs;
  std::vector<DocAnalysis> analyses;
  CorpusResult corpus;
  size_t Index(const std::string& prefix) const {
    for (size_t i = 0; i < analyses.size(); ++i) {
      if (analyses[i].id.rfind(prefix, 0) == 0) return i;
    }
    return SIZE_MAX;
  }
  std::string Text(size_t doc, ByteSpan s) const { return docs[doc].input.substr(s.begin, s.size()); }
};

const Example& Get() {
  static Example* e = [] {
    auto* x = new Example;
    ReadResult r;
    EXPECT_TRUE(ReadInputs({ExampleDir()}, ReadOptions(), &r).ok());
    x->docs = std::move(r.docs);
    std::vector<DocAnalysis> analysed;
    AnalyzeAll(x->docs, Lx(), 2, &analysed);
    Corpus corpus(Lx());
    for (DocAnalysis& a : analysed) corpus.Add(std::move(a));
    x->corpus = corpus.Snapshot();
    x->analyses = corpus.analyses();
    return x;
  }();
  return *e;
}

TEST(ReuseTest, SameStatementAcrossSpellingVariants) {
  const Example& e = Get();
  size_t kayhan = e.Index("000"), akhbar = e.Index("002"), nas = e.Index("004");
  bool sabbagh = false, brennan = false;
  for (const ReusePassage& p : e.corpus.reuse) {
    std::string a = e.Text(p.doc_a, p.span_a), b = e.Text(p.doc_b, p.span_b);
    if (p.doc_a == kayhan && p.doc_b == akhbar && a.find("الاحتلال الأمريكي") != std::string::npos &&
        b.find("الاحتلال الأميركي") != std::string::npos) {
      sabbagh = true;  // "سورية"/"سوريا", "الأمريكي"/"الأميركي", quotes and clitics differ
    }
    if (p.doc_a == akhbar && p.doc_b == nas && a.find("مشكلة عالمية") != std::string::npos) brennan = true;
    // A shared title or name is not reuse.
    EXPECT_GT(a.size(), 60u) << a;
  }
  EXPECT_TRUE(sabbagh);
  EXPECT_TRUE(brennan);
}

const ClaimGroup* Group(const Example& e, const std::string& category, const std::string& subject_name) {
  for (const ClaimGroup& g : e.corpus.groups) {
    if (g.category == category && g.subject_label == subject_name) return &g;
  }
  return nullptr;
}

TEST(ReconcileTest, StatusesAnAnalystWouldGive) {
  const Example& e = Get();
  // The observatory's running toll: 123 after four days, then 181.
  const ClaimGroup* dead = Group(e, "killed", "all");
  ASSERT_TRUE(dead);
  EXPECT_EQ(dead->status, "evolving");
  EXPECT_EQ(dead->low, 123);
  EXPECT_EQ(dead->high, 181);
  EXPECT_EQ(dead->sources.size(), 1u);
  // The escapees: 3 and 35 against "dozens, maybe hundreds" from other sources.
  const ClaimGroup* escaped = Group(e, "escaped", "داعش");
  ASSERT_TRUE(escaped);
  EXPECT_EQ(escaped->status, "conflict");
  EXPECT_EQ(escaped->conservative, 3);
  EXPECT_GE(escaped->sources.size(), 3u);
  // …and the SDF's "all recaptured" in the same story.
  bool all_recaptured = false;
  for (const ClaimRef& r : escaped->claims) {
    const ClaimOut& c = e.analyses[r.doc].claims[r.claim];
    all_recaptured |= c.category == "recaptured" && e.analyses[r.doc].quantities[c.quantity].q.qualifier == Qualifier::kAll;
  }
  EXPECT_TRUE(all_recaptured);
  // Surrendered: one source (the SDF), figures compatible.
  const ClaimGroup* surrendered = Group(e, "surrendered", "داعش");
  ASSERT_TRUE(surrendered);
  EXPECT_EQ(surrendered->status, "single");
  // Every claim is in exactly one group, but the story's background: the 8 million
  // civilians of the 2014 coalition statement.
  size_t claims = 0, grouped = 0, background = 0;
  for (const DocAnalysis& a : e.analyses) {
    for (const ClaimOut& c : a.claims) {
      ++claims;
      if (!c.background) continue;
      ++background;
      EXPECT_EQ(c.as_of, "2014");
      EXPECT_EQ(*a.quantities[c.quantity].q.low, 8000000);
    }
  }
  EXPECT_EQ(background, 1u);
  claims -= background;
  for (const ClaimGroup& g : e.corpus.groups) grouped += g.claims.size();
  EXPECT_EQ(claims, grouped);
}

TEST(TimelineTest, OneAttackToldByThreeOutlets) {
  const Example& e = Get();
  const TimelineEvent* attack = nullptr;
  for (const TimelineEvent& v : e.corpus.events) {
    if (v.type == "attack" && v.date == "2022-01-20") attack = &v;
  }
  ASSERT_TRUE(attack);
  std::set<size_t> docs;
  for (const auto& ev : attack->evidence) docs.insert(ev.doc);
  EXPECT_GE(docs.size(), 2u);
  for (size_t i = 1; i < e.corpus.events.size(); ++i) {
    EXPECT_LE(e.corpus.events[i - 1].date.substr(0, 10), e.corpus.events[i].date.substr(0, 10));
  }
}

}  // namespace
}  // namespace isnad

namespace isnad {
namespace {

// The incremental index (documents added one by one, as a service would) finds the
// passages the batch pass finds.
TEST(ReuseTest, IncrementalIndexAgreesWithTheBatchPass) {
  const Example& e = Get();
  ReuseIndex index;
  std::vector<ReusePassage> incremental;
  for (size_t i = 0; i < e.analyses.size(); ++i) index.Add(i, e.analyses[i].shingles, &incremental);
  ASSERT_EQ(incremental.size(), e.corpus.reuse.size());
  auto key = [](const ReusePassage& p) { return std::make_tuple(p.doc_a, p.doc_b, p.span_a.begin, p.span_b.begin); };
  std::set<std::tuple<size_t, size_t, uint32_t, uint32_t>> a, b;
  for (const auto& p : incremental) a.insert(key(p));
  for (const auto& p : e.corpus.reuse) b.insert(key(p));
  EXPECT_EQ(a, b);
}

// Finish finds the reuse and frees the shingle hashes ahead of Snapshot. The documents
// added after it are compared with none, and every Snapshot says so.
TEST(ReuseTest, FinishKeepsThePassagesAndReportsTheDocumentsAddedAfterIt) {
  const Example& e = Get();
  auto keys = [](const std::vector<ReusePassage>& v) {
    std::vector<std::tuple<size_t, size_t, uint32_t, uint32_t, uint32_t, uint32_t>> k;
    for (const auto& p : v) k.emplace_back(p.doc_a, p.doc_b, p.span_a.begin, p.span_a.end, p.span_b.begin, p.span_b.end);
    return k;
  };
  {
    Corpus all(Lx());
    for (const DocAnalysis& a : e.analyses) all.Add(a);
    all.Finish();
    const CorpusResult& r = all.Snapshot();
    EXPECT_EQ(keys(r.reuse), keys(e.corpus.reuse));
    EXPECT_TRUE(r.errors.empty());
    for (const DocAnalysis& a : all.analyses()) EXPECT_TRUE(a.shingles.hashes.empty() && a.shingles.hashes.capacity() == 0);
  }
  // The first documents up to the one that shares a passage with an earlier one, then
  // that one and the rest after Finish.
  const size_t nas = e.Index("004"), n = e.analyses.size();
  ASSERT_LT(nas, n);
  std::vector<ReusePassage> before;
  {
    Corpus prefix(Lx());
    for (size_t i = 0; i < nas; ++i) prefix.Add(e.analyses[i]);
    before = prefix.Snapshot().reuse;
    EXPECT_FALSE(before.empty());  // 000 and 002 share a statement
  }
  Corpus corpus(Lx());
  for (size_t i = 0; i < nas; ++i) corpus.Add(e.analyses[i]);
  corpus.Finish();
  EXPECT_TRUE(corpus.Snapshot().errors.empty());
  EXPECT_EQ(keys(corpus.Snapshot().reuse), keys(before));
  for (size_t i = nas; i < n; ++i) corpus.Add(e.analyses[i]);
  const CorpusResult& r = corpus.Snapshot();
  EXPECT_EQ(keys(r.reuse), keys(before));
  bool later = false;
  for (const ReusePassage& p : e.corpus.reuse) later |= p.doc_b >= nas;
  EXPECT_TRUE(later);  // the whole corpus has passages with the later documents
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("last " + std::to_string(n - nas) + " of " + std::to_string(n) + " documents"), std::string::npos)
      << r.errors[0];
  EXPECT_EQ(corpus.analyses().size(), n);
  EXPECT_FALSE(r.stories.empty());
}

}  // namespace
}  // namespace isnad
