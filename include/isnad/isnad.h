// The engine's public header: what a front end (the isnad command line, a service, a
// notebook binding) needs to turn articles into the analysis.
//
// The flow, for a corpus read a batch at a time:
//
//   const isnad::Lexicons& lx = isnad::Lexicons::Default();  // or Lexicons::Load(DataSource(dir))
//   auto opened = isnad::DocumentStream::Open(inputs, isnad::ReadOptions());
//   if (!opened.ok()) return ...;                            // a missing input
//   isnad::DocumentStream& stream = *opened.value();
//   isnad::Corpus corpus(lx);
//   std::vector<isnad::Document> batch;
//   std::vector<isnad::DocAnalysis> analysed;
//   for (;;) {
//     batch.clear();
//     if (!stream.Next(512, &batch)) break;
//     isnad::AnalyzeAll(batch, lx, 0, &analysed);             // the per-document stage, all cores
//     for (isnad::DocAnalysis& a : analysed) corpus.Add(std::move(a));
//   }
//   const isnad::CorpusResult& result = corpus.Snapshot();   // the corpus stage
//   isnad::WriteAnalysisJson(corpus.analyses(), result, isnad::RunInfo{"0.1.0", {}, {}}, out, false);
//
// This header is the supported surface. The headers under src/ are the library's own
// and may change shape from one commit to the next; this one only gathers them. Only the
// front end under src/cli/ includes it: no part of the library depends on it
// (scripts/check_layers.sh checks that).
#pragma once

#include "ingest/html_rules.h"     // html::Rules: HTML extraction rules from a data dir
#include "ingest/manifest.h"       // Manifest, ManifestIndex: metadata for documents by path or id
#include "ingest/reader.h"         // DocumentStream, ReadInputs, PrepareHtml
#include "lexicon/lexicons.h"      // Lexicons::Default, Lexicons::Load
#include "link/corpus.h"           // Corpus, CorpusResult: the corpus stage
#include "link/pipeline.h"         // AnalyzeDocument, AnalyzeAll: the per-document stage
#include "model/document.h"        // Document, DocAnalysis
#include "report/html_report.h"    // WriteHtmlReport
#include "report/json_writer.h"    // WriteAnalysisJson, WriteGroupsCsv, RunInfo
#include "util/tsv.h"              // DataSource: a data dir overriding the embedded tables
