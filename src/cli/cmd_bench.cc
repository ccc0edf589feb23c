// `isnad bench CORPUS`: throughput of each stage over a real JSONL corpus, on one
// thread (per-core figures) and on all threads. Figures are MB of article text per
// second and articles per second; the machine is shared and noisy, so --repeat runs
// each stage several times and keeps the best.
#include <chrono>
#include <cstdio>
#include <thread>

#include "cli/commands.h"
#include "cli/console.h"
#include "cli/run_corpus.h"
#include "link/reuse.h"
#include "ner/tagger.h"

namespace isnad::cli {

namespace {

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void Report(const char* stage, double secs, uint64_t bytes, size_t docs, unsigned threads) {
  double mbs = bytes / secs / 1e6;
  std::printf("%-34s %8.2f s  %8.1f MB/s  %9.0f articles/s  (%u thread%s; %.1f MB/s per core)\n", stage, secs, mbs,
              docs / secs, threads, threads == 1 ? "" : "s", mbs / threads);
}

}  // namespace

int RunBench(const CommonOptions& common, const BenchOptions& opt) {
  auto lx = LoadLexicons(common);
  if (!lx) return 2;
  auto t0 = std::chrono::steady_clock::now();
  // Read only what is measured: a --limit of 1500 reads 1500 articles, not the whole file.
  ReadResult read;
  {
    auto stream = DocumentStream::Open({opt.corpus}, ReadOptions());
    if (!stream.ok()) {
      std::fprintf(stderr, "isnad: %s\n", stream.status().ToString().c_str());
      return 2;
    }
    const size_t want = opt.limit ? opt.limit : SIZE_MAX;
    while (read.docs.size() < want &&
           stream.value()->Next(std::min<size_t>(want - read.docs.size(), 4096), &read.docs)) {
    }
  }
  double ingest = Seconds(t0);
  uint64_t bytes = 0;
  for (const Document& d : read.docs) bytes += d.analysed().size();
  size_t n = read.docs.size();
  std::printf("corpus: %s: %zu articles, %.1f MB of text\n", opt.corpus.c_str(), n, bytes / 1e6);
  Report("ingest (read, decompress, JSONL)", ingest, bytes, n, 1);

  auto best_of = [&](auto&& fn) {
    double best = 1e300;
    for (int r = 0; r < std::max(1, opt.repeat); ++r) {
      auto t = std::chrono::steady_clock::now();
      fn();
      best = std::min(best, Seconds(t));
    }
    return best;
  };
  uint64_t check = 0;
  double core = best_of([&] {
    for (const Document& d : read.docs) check += RunTextCore(d.analysed(), *lx);
  });
  Report("text core + numbers + times", core, bytes, n, 1);
  // The entity tagger alone, over tokens it is given (normalize + tokenize + annotate first).
  {
    TokenizedText tt;
    std::vector<ner::TaggedSpan> spans;
    double prep = best_of([&] {
      for (const Document& d : read.docs) {
        lx->normalizer.Normalize(d.analysed(), &tt.norm);
        Tokenize(lx->normalizer, &tt);
        lx->Annotate(&tt);
        check += tt.size();
      }
    });
    double tagged = best_of([&] {
      for (const Document& d : read.docs) {
        lx->normalizer.Normalize(d.analysed(), &tt.norm);
        Tokenize(lx->normalizer, &tt);
        lx->Annotate(&tt);
        ner::TagEntities(tt, *lx, *lx->ner_model, &spans);
        check += spans.size();
      }
    });
    Report("entity tagger (beyond the tokens)", std::max(tagged - prep, 1e-9), bytes, n, 1);
  }
  double full1 = best_of([&] {
    for (const Document& d : read.docs) check += AnalyzeDocument(d, *lx).tokens;
  });
  Report("per-document stage", full1, bytes, n, 1);
  unsigned threads = common.threads ? common.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<DocAnalysis> out;
  double fullN = best_of([&] { AnalyzeAll(read.docs, *lx, threads, &out); });
  Report("per-document stage", fullN, bytes, n, threads);
  // Reuse detection over the analysed corpus: near-linear if the time per article stays
  // flat as the corpus grows (the index drops shingles too common to mean copying).
  for (size_t n_docs : {std::min<size_t>(10000, out.size()), out.size()}) {
    std::vector<const DocShingles*> docs;
    for (size_t i = 0; i < n_docs; ++i) docs.push_back(&out[i].shingles);
    auto t = std::chrono::steady_clock::now();
    std::vector<ReusePassage> passages = FindReuse(docs);
    double secs = Seconds(t);
    std::printf("reuse (sorted shingles), %6zu articles %8.2f s  %8.1f us/article  (%zu passages)\n", n_docs, secs,
                secs / std::max<size_t>(n_docs, 1) * 1e6, passages.size());
  }
  std::printf("checksum %llu\n", static_cast<unsigned long long>(check));
  return 0;
}

}  // namespace isnad::cli
