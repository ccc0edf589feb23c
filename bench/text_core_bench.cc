// Google Benchmark over the text core, stage by stage, on the bundled example
// articles (always there) and, when ISNAD_BENCH_CORPUS names a JSONL[.zst] corpus,
// on its first 2,000 articles. Throughput is reported in bytes of article text/s
// (BM_WriteAnalysisJson: bytes of JSON written/s).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <streambuf>

#include "extract/numbers.h"
#include "extract/times.h"
#include "ingest/reader.h"
#include "lexicon/lexicons.h"
#include "link/corpus.h"
#include "link/entities.h"
#include "link/pipeline.h"
#include "link/stories.h"
#include "report/json_writer.h"
#include "text/sentences.h"

namespace {

const std::vector<std::string>& Texts() {
  static std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    isnad::ReadResult r;
    std::vector<std::string> inputs = {std::string(ISNAD_SOURCE_DIR) + "/examples/hasakah-2022"};
    if (const char* c = std::getenv("ISNAD_BENCH_CORPUS")) inputs = {c};
    if (isnad::ReadInputs(inputs, isnad::ReadOptions(), &r).ok()) {
      for (auto& d : r.docs) {
        if (!d.unreadable) out.push_back(d.analysed());
        if (out.size() >= 2000) break;
      }
    }
    return out;
  }();
  return texts;
}

int64_t TotalBytes() {
  int64_t n = 0;
  for (auto& t : Texts()) n += static_cast<int64_t>(t.size());
  return n;
}

void BM_Normalize(benchmark::State& state) {
  const auto& lx = isnad::Lexicons::Default();
  isnad::NormalizedText nt;
  for (auto _ : state) {
    for (auto& t : Texts()) {
      lx.normalizer.Normalize(t, &nt);
      benchmark::DoNotOptimize(nt.text.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_Normalize);

void BM_NormalizeTokenize(benchmark::State& state) {
  const auto& lx = isnad::Lexicons::Default();
  isnad::TokenizedText tt;
  std::vector<isnad::Sentence> sentences;
  for (auto _ : state) {
    for (auto& t : Texts()) {
      lx.normalizer.Normalize(t, &tt.norm);
      isnad::Tokenize(lx.normalizer, &tt);
      isnad::SplitSentences(tt, &sentences);
      benchmark::DoNotOptimize(sentences.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_NormalizeTokenize);

void BM_TextCoreNumbersTimes(benchmark::State& state) {
  const auto& lx = isnad::Lexicons::Default();
  uint64_t check = 0;
  for (auto _ : state) {
    for (auto& t : Texts()) check += isnad::RunTextCore(t, lx);
  }
  benchmark::DoNotOptimize(check);
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_TextCoreNumbersTimes);

void BM_PerDocumentStage(benchmark::State& state) {
  const auto& lx = isnad::Lexicons::Default();
  std::vector<isnad::Document> docs;
  for (auto& t : Texts()) {
    isnad::Document d;
    d.id = "bench";
    d.input = t;
    docs.push_back(std::move(d));
  }
  for (auto _ : state) {
    for (auto& d : docs) benchmark::DoNotOptimize(isnad::AnalyzeDocument(d, lx).tokens);
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_PerDocumentStage);

// Counts what it is given and keeps none of it: the writer's own cost, without a disk.
class CountingBuf : public std::streambuf {
 public:
  int64_t bytes = 0;

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += n;
    return n;
  }
  int overflow(int c) override {
    ++bytes;
    return c;
  }
};

// The analysis JSON of the texts, analysed and linked once (arg: 1 pretty, 0 compact).
void BM_WriteAnalysisJson(benchmark::State& state) {
  static auto* corpus = [] {
    const auto& lx = isnad::Lexicons::Default();
    auto* out = new isnad::Corpus(lx);
    for (size_t i = 0; i < Texts().size(); ++i) {
      isnad::Document d;
      d.id = "d" + std::to_string(i);
      d.input = Texts()[i];
      out->Add(isnad::AnalyzeDocument(d, lx));
    }
    out->Snapshot();
    return out;
  }();
  const isnad::CorpusResult& linked = corpus->Snapshot();  // taken once above: no work here
  const isnad::RunInfo run{"bench", {}, {}};
  int64_t bytes = 0;
  for (auto _ : state) {
    CountingBuf buf;
    std::ostream os(&buf);
    isnad::WriteAnalysisJson(corpus->analyses(), linked, run, os, state.range(0) != 0);
    bytes += buf.bytes;
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_WriteAnalysisJson)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The story index alone (StoryIndex through ClusterStories, no reuse): the first
// ISNAD_BENCH_STORY_DOCS documents of ISNAD_BENCH_CORPUS (default 2,000; the example
// articles without it), dated as the corpus dates them, analysed and entity-linked once.
// Items are documents: its time per item should not grow with the corpus.
void BM_ClusterStories(benchmark::State& state) {
  static auto* prepared = [] {
    struct Prepared {
      std::vector<isnad::DocAnalysis> docs;
      std::unique_ptr<isnad::EntityLinker> linker;
    };
    const auto& lx = isnad::Lexicons::Default();
    auto* out = new Prepared;
    std::vector<std::string> inputs = {std::string(ISNAD_SOURCE_DIR) + "/examples/hasakah-2022"};
    if (const char* c = std::getenv("ISNAD_BENCH_CORPUS")) inputs = {c};
    size_t limit = 2000;
    if (const char* n = std::getenv("ISNAD_BENCH_STORY_DOCS")) limit = std::strtoul(n, nullptr, 10);
    isnad::ReadResult r;
    if (isnad::ReadInputs(inputs, isnad::ReadOptions(), &r).ok()) {
      std::vector<isnad::Document> docs;
      for (auto& d : r.docs) {
        if (docs.size() >= limit) break;
        if (!d.unreadable) docs.push_back(std::move(d));
      }
      isnad::AnalyzeAll(docs, lx, 0, &out->docs);
    }
    out->linker = std::make_unique<isnad::EntityLinker>(lx);
    for (size_t i = 0; i < out->docs.size(); ++i) out->linker->Add(i, out->docs[i]);
    out->linker->Finish();
    return out;
  }();
  std::vector<size_t> story_of;
  for (auto _ : state) {
    benchmark::DoNotOptimize(isnad::ClusterStories(prepared->docs, {}, *prepared->linker, &story_of).size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(prepared->docs.size()));
}
BENCHMARK(BM_ClusterStories)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
