// The corpus stage as one object (link/corpus.h): documents added in arrival order, linked
// at Snapshot, and more documents added after a Snapshot. The corpus is
// tests/fixtures/corpus-stage.jsonl: two wire copies of one Gaza report, a statement with
// no date of its own, and a later toll that quotes earlier figures. The expected values
// are what LinkCorpus, the function Corpus replaced, gave on it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "ingest/reader.h"
#include "link/corpus.h"
#include "link/pipeline.h"
#include "report/json_writer.h"
#include "test_util.h"

namespace isnad {
namespace {

using Json = nlohmann::json;
using testing::Lx;

std::vector<DocAnalysis> Fixture() {
  ReadResult r;
  EXPECT_TRUE(ReadInputs({std::string(ISNAD_SOURCE_DIR) + "/tests/fixtures/corpus-stage.jsonl"}, ReadOptions(), &r).ok());
  EXPECT_EQ(r.docs.size(), 4u);
  std::vector<DocAnalysis> analyses;
  AnalyzeAll(r.docs, Lx(), 2, &analyses);
  return analyses;
}

// An earlier report from elsewhere, dated four months before the others.
DocAnalysis Earlier() {
  Document d;
  d.id = "earlier";
  d.published = "2018-01-10";
  d.published_from = "manifest";
  d.input = "بيروت - وكالات\n\nقال وزير الخارجية اللبناني جبران باسيل الأربعاء إن 1500 لاجئ سوري عادوا "
            "إلى بلادهم خلال الأسبوع الماضي.";
  return AnalyzeDocument(d, Lx());
}

std::string JsonOf(Corpus& corpus) {
  const CorpusResult& result = corpus.Snapshot();
  std::ostringstream out;
  WriteAnalysisJson(corpus.analyses(), result, RunInfo{"test", {}, {}}, out, /*pretty=*/false);
  return out.str();
}

const Json* Find(const Json& list, const std::string& id) {
  for (const Json& x : list) {
    if (x["id"] == id) return &x;
  }
  ADD_FAILURE() << "no " << id;
  return nullptr;
}

TEST(CorpusTest, OneSnapshotLinksTheCorpus) {
  Corpus corpus(Lx());
  size_t n = 0;
  for (DocAnalysis& a : Fixture()) EXPECT_EQ(corpus.Add(std::move(a)), n++);
  ASSERT_EQ(corpus.size(), 4u);
  const Json j = Json::parse(JsonOf(corpus));

  // The undated statement takes the Wednesday it names, next to its neighbours' dates.
  const Json& undated = j["documents"][2];
  EXPECT_EQ(undated["id"], "undated");
  EXPECT_EQ(undated["published"], "2018-05-16");
  EXPECT_EQ(undated["published_from"], "inferred");

  // The wire copies share their passage.
  ASSERT_EQ(j["reuse"].size(), 1u);
  EXPECT_EQ(j["reuse"][0]["a"]["doc"], "wire-a");
  EXPECT_EQ(j["reuse"][0]["b"]["doc"], "wire-b");
  EXPECT_EQ(j["reuse"][0]["kind"], "near_verbatim");

  // One spokesman across two documents; the undated statement's speaker is his own entity.
  ASSERT_EQ(j["entities"].size(), 8u);
  const Json* spokesman = Find(j["entities"], "e5");
  ASSERT_TRUE(spokesman);
  EXPECT_EQ((*spokesman)["name"], "أشرف القدرة");
  ASSERT_EQ((*spokesman)["mentions"].size(), 2u);
  EXPECT_EQ((*spokesman)["mentions"][0]["doc"], "wire-b");
  EXPECT_EQ((*spokesman)["mentions"][1]["doc"], "later");
  const Json* statement = Find(j["claims"], "undated#c1");
  ASSERT_TRUE(statement);
  EXPECT_EQ((*statement)["source"]["entity"], "e7");
  EXPECT_EQ(Find(j["entities"], "e7")->at("name"), "رامي الحمد الله");
  EXPECT_EQ((*statement)["event"], "v1");

  // Two stories: the Gaza toll over three documents, the strike alone. The toll since 30
  // March and the 2014 war are the story's background.
  ASSERT_EQ(j["stories"].size(), 2u);
  const Json& toll = j["stories"][0];
  EXPECT_EQ(toll["docs"], Json({"wire-a", "wire-b", "later"}));
  EXPECT_EQ(toll["background"], Json({"later#c2", "later#c3"}));
  EXPECT_EQ(Find(j["claims"], "later#c2")->at("background"), true);
  EXPECT_EQ(Find(j["claims"], "later#c1")->at("background"), false);

  // The killed toll of both copies and the later one disagree: one group, in conflict.
  ASSERT_EQ(j["claim_groups"].size(), 5u);
  const Json& killed = j["claim_groups"][0];
  EXPECT_EQ(killed["claims"], Json({"wire-a#c1", "wire-b#c1", "later#c1"}));
  EXPECT_EQ(killed["status"], "conflict");
  ASSERT_EQ(j["events"].size(), 2u);
  EXPECT_EQ(j["events"][0]["date"], "2018-05-16");

  // Nothing added since: the same result, not a second run.
  const CorpusResult* first = &corpus.Snapshot();
  EXPECT_EQ(first, &corpus.Snapshot());
  EXPECT_EQ(Json::parse(JsonOf(corpus)), j);
}

// Adding after a Snapshot and taking another gives what one Snapshot after every Add
// gives. The first Snapshot sees only the earlier report, so it dates the undated
// statement in January; the second must date it again from all its neighbours, and
// resolve its times against the new date, not keep the first answer.
TEST(CorpusTest, AddAfterSnapshotIsAsIfAddedBefore) {
  std::vector<DocAnalysis> fixture = Fixture();
  std::vector<DocAnalysis> order;
  order.push_back(Earlier());
  order.push_back(fixture[2]);  // undated
  order.push_back(fixture[0]);
  order.push_back(fixture[1]);
  order.push_back(fixture[3]);

  Corpus whole(Lx());
  for (const DocAnalysis& a : order) whole.Add(a);
  const std::string want = JsonOf(whole);

  Corpus first_two(Lx());
  first_two.Add(order[0]);
  first_two.Add(order[1]);
  const std::string want_two = JsonOf(first_two);

  Corpus growing(Lx());
  growing.Add(order[0]);
  growing.Add(order[1]);
  EXPECT_EQ(JsonOf(growing), want_two);
  ASSERT_EQ(growing.analyses()[1].id, "undated");
  EXPECT_EQ(growing.analyses()[1].published_from, "inferred");
  EXPECT_EQ(growing.analyses()[1].PublishedIso(), "2018-01-10");
  growing.Add(order[2]);
  growing.Add(order[3]);
  EXPECT_EQ(JsonOf(growing), JsonOf(growing));  // a Snapshot between Adds, then none
  growing.Add(order[4]);
  const std::string got = JsonOf(growing);
  EXPECT_EQ(growing.analyses()[1].PublishedIso(), "2018-05-16");
  EXPECT_EQ(got, want);
  EXPECT_EQ(Json::parse(got)["entities"].size(), Json::parse(want)["entities"].size());
}

}  // namespace
}  // namespace isnad
