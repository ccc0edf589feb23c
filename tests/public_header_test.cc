// The public header alone is enough for a front end: the flow its comment shows, from
// inputs to the analysis JSON, compiles with nothing but <isnad/isnad.h> and links the
// corpus of tests/fixtures/corpus-stage.jsonl.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include <isnad/isnad.h>

namespace {

TEST(PublicHeaderTest, InputsToJsonThroughTheOneHeader) {
  const isnad::Lexicons& lx = isnad::Lexicons::Default();
  auto opened = isnad::DocumentStream::Open({std::string(ISNAD_SOURCE_DIR) + "/tests/fixtures/corpus-stage.jsonl"},
                                            isnad::ReadOptions());
  ASSERT_TRUE(opened.ok());
  isnad::DocumentStream& stream = *opened.value();
  isnad::Corpus corpus(lx);
  std::vector<isnad::Document> batch;
  std::vector<isnad::DocAnalysis> analysed;
  for (;;) {
    batch.clear();
    if (!stream.Next(3, &batch)) break;  // two batches: three documents, then one
    isnad::AnalyzeAll(batch, lx, 0, &analysed);
    for (isnad::DocAnalysis& a : analysed) corpus.Add(std::move(a));
  }
  ASSERT_EQ(corpus.size(), 4u);
  const isnad::CorpusResult& result = corpus.Snapshot();
  std::ostringstream out;
  isnad::WriteAnalysisJson(corpus.analyses(), result, isnad::RunInfo{"test", {}, {}}, out, false);
  const nlohmann::json j = nlohmann::json::parse(out.str());
  ASSERT_EQ(j["documents"].size(), 4u);
  EXPECT_EQ(j["documents"][2]["published"], "2018-05-16");
  EXPECT_EQ(j["reuse"].size(), 1u);
  std::ostringstream csv;
  isnad::WriteGroupsCsv(corpus.analyses(), result, csv);
  EXPECT_NE(csv.str().find("conflict"), std::string::npos);
}

}  // namespace
