// Growth of every stage with the size of its input, on hostile shapes: one document
// that grows (one long line of claims, one sentence without punctuation, many dated
// lines, many anaphors, many epithets, many chrome lines, many quotations) and a corpus
// that grows (many undated documents, one group of many claims). Each shape runs at
// sizes ×4 apart and Google Benchmark fits the complexity (`_BigO`, `_RMS`): every
// stage must come out O(N) or O(N log N). Run:
//   build/isnad_scaling_bench --benchmark_filter=Doc   # per-document shapes
//   build/isnad_scaling_bench --benchmark_filter=Corpus
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "ingest/reader.h"
#include "lexicon/lexicons.h"
#include "link/corpus.h"
#include "link/pipeline.h"

namespace {

using isnad::Document;
using isnad::Lexicons;

// Repeats `unit` n times (a unit is a few words of general news language).
std::string Repeat(std::string_view unit, int64_t n) {
  std::string s;
  s.reserve(unit.size() * static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) s += unit;
  return s;
}

// The document shapes. Each unit is ~5-10 tokens.
std::string Shape(int shape, int64_t n) {
  switch (shape) {
    case 0:  // one line of claims, no sentence end
      return Repeat("قتل 12 شخصا وأصيب 30 آخرون في الهجوم و", n);
    case 1:  // one sentence without punctuation and no claims
      return Repeat("وأكد المسؤول أن الوضع في المدينة هادئ بعد اجتماع اللجنة ", n);
    case 2:  // many dated lines (a page of date stamps)
      return Repeat("الأحد 14 مارس 2021 - 10:30\n", n);
    case 3:  // many dates on one line
      return Repeat("الأحد 14 مارس 2021 ", n);
    case 4:  // many anaphors with no antecedent among many other mentions
      return Repeat("وقالت رويترز إن التنظيم ", n);
    case 5:  // many lone epithets and no armed group to refer to
      return Repeat("وقالت وكالة رويترز إن الإرهابيين ", n);
    case 6:  // many chrome lines between paragraphs
      return Repeat("اقرأ أيضا: خبر عن الاقتصاد\nوقال المسؤول إن 5 أشخاص قتلوا في الحادث.\n", n);
    case 7:  // many quotations and speakers
      return Repeat("وقال المرصد: \"قتل 7 مدنيين\". ", n);
    default:  // many unbalanced quotation marks and brackets
      return Repeat("« قال ( \" ", n);
  }
}

// Per-shape complexity fits (Google Benchmark fits one curve per family).
#define ISNAD_DOC_SHAPE(name, shape)                                                   \
  void BM_Doc_##name(benchmark::State& state) {                                        \
    const Lexicons& lx = Lexicons::Default();                                          \
    Document d;                                                                        \
    d.id = "bench";                                                                    \
    d.input = Shape(shape, state.range(0));                                            \
    for (auto _ : state) benchmark::DoNotOptimize(isnad::AnalyzeDocument(d, lx).tokens); \
    state.SetComplexityN(state.range(0));                                              \
  }                                                                                    \
  BENCHMARK(BM_Doc_##name)->RangeMultiplier(4)->Range(256, 16384)->Unit(benchmark::kMillisecond)->Complexity();
ISNAD_DOC_SHAPE(claims_line, 0)
ISNAD_DOC_SHAPE(no_punct, 1)
ISNAD_DOC_SHAPE(dated_lines, 2)
ISNAD_DOC_SHAPE(dates_one_line, 3)
ISNAD_DOC_SHAPE(anaphors, 4)
ISNAD_DOC_SHAPE(lone_epithets, 5)
ISNAD_DOC_SHAPE(chrome_lines, 6)
ISNAD_DOC_SHAPE(quotes, 7)
ISNAD_DOC_SHAPE(unbalanced, 8)

// Corpus shapes: `n` small documents analysed once, then the corpus stage timed.
std::vector<isnad::DocAnalysis> Analysed(const std::string& text, int64_t n, bool vary) {
  const Lexicons& lx = Lexicons::Default();
  std::vector<isnad::DocAnalysis> out;
  out.reserve(static_cast<size_t>(n));
  Document d;
  d.input = text;
  isnad::DocAnalysis proto = isnad::AnalyzeDocument(d, lx);
  for (int64_t i = 0; i < n; ++i) {
    isnad::DocAnalysis a = proto;
    a.id = "d" + std::to_string(i);
    if (vary) a.published = isnad::CivilDate::FromSerial(isnad::CivilDate{2022, 1, 1}.serial() + i % 60);
    out.push_back(std::move(a));
  }
  return out;
}

void RunCorpus(benchmark::State& state, const std::string& text, bool dated) {
  const Lexicons& lx = Lexicons::Default();
  std::vector<isnad::DocAnalysis> docs = Analysed(text, state.range(0), dated);
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<isnad::DocAnalysis> copy = docs;
    state.ResumeTiming();
    isnad::Corpus corpus(lx);
    for (isnad::DocAnalysis& a : copy) corpus.Add(std::move(a));
    benchmark::DoNotOptimize(corpus.Snapshot().groups.size());
  }
  state.SetComplexityN(state.range(0));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// Undated documents whose dates are inferred from their neighbours (none dated here).
void BM_Corpus_undated(benchmark::State& state) {
  RunCorpus(state, "وقال المسؤول يوم الأحد إن الوضع هادئ في المدينة.", false);
}
BENCHMARK(BM_Corpus_undated)->RangeMultiplier(4)->Range(1024, 65536)->Unit(benchmark::kMillisecond)->Complexity();

// One claim per document, all in one group (same category and subject).
void BM_Corpus_one_group(benchmark::State& state) {
  RunCorpus(state, "وقال المرصد إن 12 مدنيا قتلوا في القصف.", true);
}
BENCHMARK(BM_Corpus_one_group)->RangeMultiplier(4)->Range(1024, 65536)->Unit(benchmark::kMillisecond)->Complexity();

}  // namespace

BENCHMARK_MAIN();
