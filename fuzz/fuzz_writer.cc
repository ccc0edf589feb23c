// libFuzzer: the writers (analysis JSON, claim groups CSV, HTML report) on the analysis
// of arbitrary input split into up to four documents. The JSON must parse back, every
// string in it must be valid UTF-8 (replacement on bad input), and the HTML report's
// data block must never contain "</" (the only way out of a <script> element).
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "ingest/reader.h"
#include "link/pipeline.h"
#include "report/html_report.h"
#include "report/json_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const isnad::Lexicons& lx = isnad::Lexicons::Default();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<isnad::Document> docs;
  for (int k = 0; k < 4 && !in.empty(); ++k) {
    size_t cut = in.find('\f');
    isnad::Document d;
    d.id = std::string("d") + std::to_string(k) + std::string(in.substr(0, std::min<size_t>(3, in.size())));
    d.input = std::string(in.substr(0, cut));
    d.title = d.input.substr(0, 40);
    isnad::PrepareDocument(isnad::ReadOptions(), &d);
    docs.push_back(std::move(d));
    in = cut == std::string_view::npos ? std::string_view() : in.substr(cut + 1);
  }
  std::vector<isnad::DocAnalysis> analyses;
  isnad::AnalyzeAll(docs, lx, 1, &analyses);
  isnad::CorpusResult corpus = isnad::LinkCorpus(&analyses, lx);
  isnad::RunInfo run;
  run.version = "fuzz";
  run.errors.push_back(std::string(reinterpret_cast<const char*>(data), std::min<size_t>(size, 16)));
  std::ostringstream json;
  isnad::WriteAnalysisJson(analyses, corpus, run, json, (size & 1) != 0);
  auto parsed = nlohmann::json::parse(json.str(), nullptr, false);
  if (parsed.is_discarded() || parsed["documents"].size() != docs.size()) std::abort();
  std::ostringstream csv;
  isnad::WriteGroupsCsv(analyses, corpus, csv);
  std::ostringstream html;
  isnad::WriteHtmlReport(docs, analyses, corpus, html);
  std::string page = html.str();
  size_t b = page.find("id=\"isnad-data\">");
  size_t e = page.find("</script>", b);
  if (b == std::string::npos || e == std::string::npos) std::abort();
  if (page.substr(b, e - b).find("</") != std::string::npos) std::abort();
  return 0;
}
