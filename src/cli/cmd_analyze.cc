// `isnad analyze`: inputs → analysis JSON (and optionally the HTML report and the
// claim groups as CSV). Every output target is opened before any work (an unwritable
// path fails at once), written to a temporary file and renamed when complete.
#include <cstdio>
#include <set>

#include <isnad/isnad.h>

#include "cli/console.h"
#include "cli/progress.h"
#include "cli/run_corpus.h"
#include "util/memory.h"
#include "util/output_file.h"

namespace isnad::cli {

std::shared_ptr<const Lexicons> LoadLexicons(const CommonOptions& common) {
  auto lx = Lexicons::Load(DataSource(common.data_dir));
  if (!lx.ok()) {
    Error(lx.status().ToString());
    return nullptr;
  }
  return lx.value();
}

namespace {

// Documents per batch, and bytes of text per batch: a batch is read, then analysed on
// all cores, then only its analyses are kept.
constexpr size_t kBatchDocs = 512;

std::string Human(uint64_t n) {
  char buf[32];
  if (n >= (1ull << 30)) std::snprintf(buf, sizeof buf, "%.1f GiB", n / 1073741824.0);
  else if (n >= (1ull << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", n / 1048576.0);
  else if (n >= 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", n / 1024.0);
  else std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(n));
  return buf;
}

}  // namespace

int AnalyzeInputs(const CommonOptions& common, const AnalyzeOptions& opt, bool keep_documents, AnalyzedCorpus* out) {
  // Memory budget for reading: resident memory may grow to it, virtual memory to 60% of
  // RLIMIT_AS; the rest is headroom for the corpus stage and the writers, whose peak
  // grows with what was read (the reuse index sorts every shingle of the corpus).
  uint64_t budget = 0;
  if (opt.max_memory == "auto") {
    budget = memory::AvailableBytes() / 10 * 6;
  } else if (auto v = memory::ParseSize(opt.max_memory)) {
    budget = *v;
  } else {
    Error("--max-memory wants a size such as 8G, 512M or 0 (no limit), got `" + opt.max_memory + "`");
    return kExitUsage;
  }
  const uint64_t as_limit = memory::AddressSpaceLimit() / 10 * 6;

  out->lexicons = LoadLexicons(common);
  if (!out->lexicons) return kExitUsage;
  const Lexicons& lx = *out->lexicons;
  out->corpus = std::make_unique<Corpus>(lx);
  Corpus& corpus = *out->corpus;
  ReadOptions ro;
  auto max_bytes = memory::ParseSize(opt.max_bytes), max_input = memory::ParseSize(opt.max_input_bytes);
  if (!max_bytes || *max_bytes == 0 || *max_bytes > (1ull << 31)) {
    Error("--max-bytes wants a size from 1 to 2G (e.g. 16M), got `" + opt.max_bytes + "`");
    return kExitUsage;
  }
  if (!max_input || *max_input == 0) {
    Error("--max-input-bytes wants a size such as 8G or 512M, got `" + opt.max_input_bytes + "`");
    return kExitUsage;
  }
  ro.max_bytes = static_cast<size_t>(*max_bytes);
  ro.max_input_bytes = *max_input;
  ro.max_documents = opt.max_docs;
  ro.defer_html = true;  // pages are extracted on every core, a batch at a time
  std::shared_ptr<const html::Rules> html_rules;
  if (!common.data_dir.empty()) {
    auto r = html::Rules::Load(DataSource(common.data_dir));
    if (!r.ok()) {
      Error(r.status().ToString());
      return kExitUsage;
    }
    html_rules = r.value();
  }
  auto opened = DocumentStream::Open(opt.inputs, ro);
  if (!opened.ok()) {
    Error(opened.status().message());
    return kExitUsage;
  }
  DocumentStream& stream = *opened.value();
  std::optional<Manifest> manifest;
  std::unique_ptr<ManifestIndex> index;
  RunInfo& run = out->run;
  run.version = "0.1.0";
  if (!opt.manifest.empty()) {
    auto m = LoadManifest(opt.manifest);
    if (!m.ok()) {
      Error(m.status().message());
      return kExitUsage;
    }
    manifest = std::move(m.value());
    for (const std::string& e : manifest->errors) run.errors.push_back(e);
    index = std::make_unique<ManifestIndex>(*manifest);
  }

  Progress progress;
  {
    ProgressLine line(
        &progress,
        [&stream] {
          uint64_t total = stream.total_bytes();
          return total ? static_cast<double>(stream.bytes_consumed()) / static_cast<double>(total) : -1.0;
        },
        common.progress);
    std::vector<Document> batch;
    std::vector<DocAnalysis> analysed;
    for (;;) {
      batch.clear();
      if (!stream.Next(kBatchDocs, &batch)) break;
      if (index) {
        for (Document& d : batch) index->Apply(&d);
      }
      PrepareHtml(&batch, common.threads, html_rules.get());
      AnalyzeAll(batch, lx, common.threads, &analysed, &progress);
      for (size_t i = 0; i < batch.size(); ++i) {
        if (opt.check_spans) {
          for (std::string& e : SpanMismatches(batch[i], analysed[i])) analysed[i].errors.push_back("internal: span check: " + e);
        }
        corpus.Add(std::move(analysed[i]));
        if (keep_documents) out->docs.push_back(std::move(batch[i]));
      }
      uint64_t rss = memory::ResidentBytes(), vsz = memory::VirtualBytes();
      if ((budget && rss > budget) || (as_limit && vsz > as_limit)) {
        std::string what = "stopped reading after " + std::to_string(corpus.size()) + " documents: the memory in use (" +
                           Human(budget && rss > budget ? rss : vsz) + ") reached the limit of " +
                           Human(budget && rss > budget ? budget : as_limit) +
                           (budget && rss > budget ? " (--max-memory)" : " (ulimit -v)");
        std::vector<Document> rest;
        if (stream.Next(1, &rest)) {
          what += "; the rest of the inputs were not read (split them, or add them to a store in batches)";
          run.errors.push_back(what);
        }
        break;
      }
    }
  }
  for (std::string& w : stream.TakeWarnings()) run.warnings.push_back(std::move(w));
  for (std::string& e : stream.TakeErrors()) run.errors.push_back(std::move(e));
  if (index) {
    for (std::string& e : index->Unmatched()) run.errors.push_back(std::move(e));
  }
  if (corpus.size() == 0) {
    run.errors.push_back("no article in the inputs (files ending .txt, .html, .htm, .jsonl or .jsonl.zst, or JSONL lines)");
  }
  // What the per-document stage freed on its worker threads stays with their malloc arenas
  // unless it is given back: it is most of the gap between the heap and the resident size.
  memory::ReleaseFreeMemory();
  corpus.Finish();  // the shingle hashes go before the rest of the corpus stage and the writers
  for (const std::string& e : corpus.Snapshot().errors) run.errors.push_back(e);
  return kExitOk;
}

int RunAnalyze(const CommonOptions& common, const AnalyzeOptions& opt) {
  // Every target is checked (and its temporary created) before the work starts.
  struct Target {
    const std::string* path;
    const char* what;
    std::unique_ptr<OutputFile> file;
  };
  std::vector<Target> targets;
  targets.push_back({&opt.output, "-o", nullptr});
  if (!opt.html.empty()) targets.push_back({&opt.html, "--html", nullptr});
  if (!opt.groups_csv.empty()) targets.push_back({&opt.groups_csv, "--groups-csv", nullptr});
  std::set<std::string> seen;
  for (Target& t : targets) {
    if (*t.path != "-" && !seen.insert(*t.path).second) {
      Error(std::string(t.what) + " " + *t.path + ": the same file is named for two outputs");
      return kExitUsage;
    }
    auto f = OutputFile::Open(*t.path);
    if (!f.ok()) {
      Error(std::string(t.what) + ": " + f.status().message());
      return kExitUsage;
    }
    t.file = std::move(f.value());
  }

  AnalyzedCorpus ac;
  if (int rc = AnalyzeInputs(common, opt, !opt.html.empty(), &ac); rc != kExitOk) return rc;
  const RunInfo& run = ac.run;

  CappedPrinter warnings(opt.max_errors_shown, "warnings (all are in the JSON's \"warnings\")");
  for (const std::string& w : run.warnings) warnings.Print("warning: ", w);
  warnings.Finish();
  CappedPrinter run_errors(opt.max_errors_shown, "run errors (all are in the JSON's \"errors\")");
  for (const std::string& e : run.errors) run_errors.Print("error: ", e);
  run_errors.Finish();
  // Every document error is in the JSON (documents[].errors); stderr shows the first
  // --max-errors of them and a count, so a corpus with thousands of empty rows stays readable.
  size_t failed = 0;
  CappedPrinter doc_errors(opt.max_errors_shown, "document errors (all are in documents[].errors)");
  for (const DocAnalysis& a : ac.analyses()) {
    if (!a.failed()) continue;
    ++failed;
    for (const std::string& e : a.errors) doc_errors.Print("", a.id + " (" + a.path + "): " + e);
  }
  doc_errors.Finish();

  if (ac.analyses().empty()) return kExitDocErrors;  // nothing to write: previous outputs stay as they were
  int status = failed || !run.errors.empty() ? kExitDocErrors : kExitOk;
  std::string wrote;
  for (Target& t : targets) {
    std::ostream& os = t.file->stream();
    if (t.path == &opt.output) WriteAnalysisJson(ac.analyses(), ac.result(), run, os, opt.pretty, opt.article_text);
    else if (t.path == &opt.html) WriteHtmlReport(ac.docs, ac.analyses(), ac.result(), os);
    else WriteGroupsCsv(ac.analyses(), ac.result(), os);
    Status st = t.file->Commit();
    if (!st.ok()) {
      Error(st.message() + "; " + (t.file->atomic() ? "the previous " + *t.path + " (if any) is unchanged"
                                                     : std::string("what was written is incomplete")));
      status = kExitWriteFailed;
      continue;
    }
    if (*t.path != "-") wrote += (wrote.empty() ? "" : ", ") + *t.path + " (" + Human(t.file->bytes_written()) + ")";
  }
  if (StderrIsTerminal() && common.progress) {
    size_t claims = 0;
    for (const DocAnalysis& a : ac.analyses()) claims += a.claims.size();
    Say(std::to_string(ac.analyses().size()) + " documents (" + std::to_string(failed) + " with errors), " +
        std::to_string(claims) + " claims in " + std::to_string(ac.result().groups.size()) + " groups, " +
        std::to_string(ac.result().entities.size()) + " entities, " + std::to_string(ac.result().reuse.size()) +
        " reuse passages; " + std::to_string(run.errors.size()) + " run errors, " + std::to_string(run.warnings.size()) +
        " warnings" + (wrote.empty() ? "" : "; wrote " + wrote));
  } else if (failed || !run.errors.empty()) {
    Say(std::to_string(failed) + " of " + std::to_string(ac.analyses().size()) + " documents had errors" +
        (run.errors.empty() ? "" : ", and " + std::to_string(run.errors.size()) + " run-level errors"));
  }
  return status;
}

}  // namespace isnad::cli
