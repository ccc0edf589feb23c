// libFuzzer: the writers (analysis JSON, claim groups CSV, HTML report) on analyses built
// directly from the input, field by field (FuzzedDataProvider): any strings (invalid
// UTF-8, quotes, "</script>", control bytes), any spans, any numbers, and the cross-
// document records (entities, reuse, groups, events, stories) pointing at any document
// and claim. Building the records instead of analysing text keeps a run at thousands of
// inputs a second; fuzz_document covers the analysis itself.
//
// Checked: the string escaper on the raw input writes nlohmann's bytes (dump with
// error_handler_t::replace), and they parse back to the input when it is valid UTF-8,
// else to valid UTF-8; the JSON parses back with every document; every string in it is valid UTF-8
// (the writer replaces bad bytes); the CSV has one row per group plus the header, each
// with the header's field count (RFC 4180 quoting); the HTML report's data block never
// contains "</" (the only way out of a <script> element) and parses as JSON.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <utility>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "link/corpus.h"
#include "link/pipeline.h"
#include "report/html_report.h"
#include "report/json_out.h"
#include "report/json_writer.h"
#include "util/utf8.h"

namespace {

using isnad::ByteSpan;

std::string Str(FuzzedDataProvider& p, size_t max = 24) { return p.ConsumeRandomLengthString(max); }

ByteSpan Span(FuzzedDataProvider& p, size_t limit) {
  uint32_t b = p.ConsumeIntegralInRange<uint32_t>(0, static_cast<uint32_t>(limit));
  uint32_t e = p.ConsumeIntegralInRange<uint32_t>(b, static_cast<uint32_t>(limit));
  return {b, e};
}

isnad::ActorRef Actor(FuzzedDataProvider& p, size_t limit) {
  isnad::ActorRef r;
  r.key = Str(p, 8);
  r.entity = p.ConsumeBool() ? "e" + std::to_string(p.ConsumeIntegralInRange(1, 6)) : "";
  r.text = Str(p);
  r.span = Span(p, limit);
  return r;
}

std::optional<int64_t> Figure(FuzzedDataProvider& p) {
  if (p.ConsumeBool()) return std::nullopt;
  return p.ConsumeIntegral<int64_t>();
}

// Every string of a parsed JSON value is valid UTF-8.
bool AllUtf8(const nlohmann::json& j) {
  if (j.is_string()) return isnad::utf8::FindInvalid(j.get_ref<const std::string&>()) == std::string::npos;
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (isnad::utf8::FindInvalid(it.key()) != std::string::npos || !AllUtf8(it.value())) return false;
    }
  }
  if (j.is_array()) {
    for (const auto& v : j) {
      if (!AllUtf8(v)) return false;
    }
  }
  return true;
}

// RFC 4180 rows: each row's field count, quotes honoured (a quoted field may hold
// commas, CR, LF and doubled quotes). -1 when a quote is left open.
std::vector<int> CsvRowFields(const std::string& csv) {
  std::vector<int> rows;
  int fields = 1;
  bool quoted = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    char c = csv[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < csv.size() && csv[i + 1] == '"') {
          ++i;
        } else {
          quoted = false;
        }
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      ++fields;
    } else if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
      rows.push_back(fields);
      fields = 1;
      ++i;
    }
  }
  if (quoted) rows.push_back(-1);
  return rows;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  {
    const std::string raw(reinterpret_cast<const char*>(data), size);
    std::string escaped;
    isnad::AppendJsonString(raw, &escaped);
    using Ordered = nlohmann::ordered_json;
    if (escaped != Ordered(raw).dump(-1, ' ', false, Ordered::error_handler_t::replace)) std::abort();
    auto back = nlohmann::json::parse(escaped, nullptr, false);
    if (back.is_discarded() || !back.is_string()) std::abort();
    const std::string& s = back.get_ref<const std::string&>();
    const bool valid = isnad::utf8::FindInvalid(raw) == std::string::npos;
    if (valid ? s != raw : isnad::utf8::FindInvalid(s) != std::string::npos) std::abort();
  }
  FuzzedDataProvider p(data, size);
  const size_t n = p.ConsumeIntegralInRange<size_t>(1, 4);
  std::vector<isnad::Document> docs(n);
  std::vector<isnad::DocAnalysis> analyses(n);
  for (size_t i = 0; i < n; ++i) {
    isnad::Document& d = docs[i];
    isnad::DocAnalysis& a = analyses[i];
    d.id = a.id = Str(p, 12);
    d.input = Str(p, 400);
    const size_t limit = d.input.size() + 2;  // spans may run past the text: writers must not trust them
    a.path = Str(p, 12);
    a.title = Str(p, 40);
    if (p.ConsumeBool()) a.title_span = Span(p, limit);
    a.outlet = Str(p, 12);
    a.outlet_from = Str(p, 8);
    a.url = Str(p, 30);
    a.language = Str(p, 3);
    if (p.ConsumeBool()) {
      a.published = isnad::CivilDate::FromSerial(p.ConsumeIntegralInRange<long>(-100000, 100000));
      a.hour = p.ConsumeIntegralInRange(-1, 23);
      a.minute = p.ConsumeIntegralInRange(-1, 59);
    }
    a.published_from = p.PickValueInArray({"jsonl", "html", "manifest", "text", "inferred", ""});
    if (p.ConsumeBool()) a.dateline = isnad::Dateline{Str(p), Str(p), Span(p, limit)};
    a.body = Span(p, limit);
    a.html = p.ConsumeBool();
    a.article_text = Str(p, 60);
    for (int k = p.ConsumeIntegralInRange(0, 3); k > 0; --k) a.boilerplate.push_back({Span(p, limit), Str(p, 10)});
    for (int k = p.ConsumeIntegralInRange(0, 2); k > 0; --k) a.errors.push_back(Str(p, 40));
    for (int k = p.ConsumeIntegralInRange(0, 3); k > 0; --k) {
      isnad::TimeItem t;
      t.expr.value = Str(p, 12);
      t.expr.kind = static_cast<isnad::TimeExpr::Kind>(p.ConsumeIntegralInRange(0, 5));
      t.span = Span(p, limit);
      t.text = Str(p);
      a.times.push_back(std::move(t));
    }
    for (int k = p.ConsumeIntegralInRange(0, 4); k > 0; --k) {
      isnad::QuantityItem q;
      q.q.low = Figure(p);
      q.q.high = Figure(p);
      q.q.qualifier = static_cast<isnad::Qualifier>(p.ConsumeIntegralInRange(0, 8));  // kExact … kAll
      q.q.kind = static_cast<isnad::QuantityKind>(p.ConsumeIntegralInRange(0, 6));  // kCount … kObject
      q.span = Span(p, limit);
      q.text = Str(p);
      q.noun = Str(p, 10);
      a.quantities.push_back(std::move(q));
    }
    if (!a.quantities.empty()) {
      for (int k = p.ConsumeIntegralInRange(0, 4); k > 0; --k) {
        isnad::ClaimOut c;
        c.quantity = p.ConsumeIntegralInRange<size_t>(0, a.quantities.size() - 1);
        c.sentence = Span(p, limit);
        c.category = Str(p, 10);
        c.subject_class = Str(p, 8);
        if (p.ConsumeBool()) c.subject = Actor(p, limit);
        if (p.ConsumeBool()) c.source = Actor(p, limit);
        for (int l = p.ConsumeIntegralInRange(0, 2); l > 0; --l) c.chain.push_back(Actor(p, limit));
        c.event = Str(p, 6);
        c.as_of = Str(p, 10);
        c.background = p.ConsumeBool();
        a.claims.push_back(std::move(c));
      }
    }
    for (int k = p.ConsumeIntegralInRange(0, 2); k > 0; --k) {
      isnad::FramingOut f;
      f.span = Span(p, limit);
      f.text = Str(p);
      f.entity = p.ConsumeBool() ? "e" + std::to_string(p.ConsumeIntegralInRange(1, 6)) : "";
      if (p.ConsumeBool()) f.voice = Actor(p, limit);
      f.kind = Str(p, 10);
      a.framing.push_back(std::move(f));
    }
    a.bytes = d.input.size();
  }
  auto doc = [&] { return p.ConsumeIntegralInRange<size_t>(0, n - 1); };
  // A claim of any document (as the corpus stage refers to them), if the one drawn has claims.
  auto claim = [&]() -> std::optional<std::pair<size_t, size_t>> {
    size_t d = doc();
    if (analyses[d].claims.empty()) return std::nullopt;
    return std::make_pair(d, p.ConsumeIntegralInRange<size_t>(0, analyses[d].claims.size() - 1));
  };
  isnad::CorpusResult corpus;
  for (int k = p.ConsumeIntegralInRange(0, 6); k > 0; --k) {
    isnad::EntityRecord e;
    e.id = "e" + std::to_string(corpus.entities.size() + 1);
    e.type = static_cast<isnad::EntityType>(p.ConsumeIntegralInRange(0, 6));  // kPER … kGROUP
    e.name = Str(p);
    for (int l = p.ConsumeIntegralInRange(0, 2); l > 0; --l) e.aliases.push_back(Str(p));
    for (int l = p.ConsumeIntegralInRange(0, 3); l > 0; --l) {
      size_t d = doc();
      isnad::MentionItem m;  // an entity's mention is one of its document's
      m.key = Str(p, 8);
      m.entity = e.id;
      m.span = Span(p, docs[d].input.size());
      m.text = Str(p);
      analyses[d].mentions.push_back(std::move(m));
      e.mentions.push_back({d, analyses[d].mentions.size() - 1});
    }
    corpus.entities.push_back(std::move(e));
  }
  if (n >= 2) {
    for (int k = p.ConsumeIntegralInRange(0, 2); k > 0; --k) {
      isnad::ReusePassage r;
      r.doc_a = p.ConsumeIntegralInRange<size_t>(0, n - 2);
      r.doc_b = p.ConsumeIntegralInRange<size_t>(r.doc_a + 1, n - 1);
      r.span_a = Span(p, docs[r.doc_a].input.size());
      r.span_b = Span(p, docs[r.doc_b].input.size());
      r.similarity = p.ConsumeProbability<double>();
      r.kind = Str(p, 12);
      corpus.reuse.push_back(std::move(r));
    }
  }
  for (int k = p.ConsumeIntegralInRange(0, 3); k > 0; --k) {
    isnad::StoryRecord s;
    s.id = Str(p, 12);
    for (int l = p.ConsumeIntegralInRange(1, 3); l > 0; --l) s.docs.push_back(doc());
    s.first = p.ConsumeIntegralInRange<int64_t>(-1, int64_t{1} << 31);
    s.last = p.ConsumeIntegralInRange<int64_t>(-1, int64_t{1} << 31);
    s.title_doc = p.ConsumeIntegralInRange<size_t>(0, n);  // may be out of range: the writer checks
    s.outlets.push_back(Str(p, 10));
    s.actors.push_back(Str(p, 6));
    s.places.push_back(Str(p, 6));
    for (int l = p.ConsumeIntegralInRange(0, 2); l > 0; --l) {
      size_t d = doc();
      s.summary.push_back({d, Span(p, docs[d].input.size())});
    }
    for (int l = p.ConsumeIntegralInRange(0, 2); l > 0; --l) {
      if (auto c = claim()) s.background.push_back({c->first, c->second});
    }
    corpus.stories.push_back(std::move(s));
  }
  for (size_t i = 0; i < n; ++i) corpus.story_of.push_back(p.ConsumeIntegralInRange<size_t>(0, corpus.stories.size()));
  for (int k = p.ConsumeIntegralInRange(0, 3); k > 0; --k) {
    isnad::ClaimGroup g;
    g.id = Str(p, 8);
    g.story = Str(p, 8);
    g.category = Str(p, 10);
    g.subject = Str(p, 8);
    g.subject_label = Str(p);
    g.event = Str(p, 6);
    for (int l = p.ConsumeIntegralInRange(0, 3); l > 0; --l) {
      if (auto c = claim()) g.claims.push_back({c->first, c->second});
    }
    g.status = Str(p, 10);
    g.low = Figure(p);
    g.high = Figure(p);
    g.conservative = Figure(p);
    for (int l = p.ConsumeIntegralInRange(0, 2); l > 0; --l) g.sources.push_back(Str(p));
    g.note = Str(p, 40);
    corpus.groups.push_back(std::move(g));
  }
  for (int k = p.ConsumeIntegralInRange(0, 3); k > 0; --k) {
    isnad::TimelineEvent e;
    e.id = Str(p, 8);
    e.story = Str(p, 8);
    e.date = Str(p, 12);
    e.type = Str(p, 10);
    e.summary = Str(p, 60);
    for (int l = p.ConsumeIntegralInRange(0, 2); l > 0; --l) {
      size_t d = doc();
      e.evidence.push_back({d, Span(p, docs[d].input.size())});
    }
    corpus.events.push_back(std::move(e));
  }
  isnad::RunInfo run;
  run.version = "fuzz";
  run.errors.push_back(Str(p, 30));
  run.warnings.push_back(Str(p, 30));
  const bool pretty = p.ConsumeBool();

  std::ostringstream json;
  isnad::WriteAnalysisJson(analyses, corpus, run, json, pretty, /*article_text=*/true);
  auto parsed = nlohmann::json::parse(json.str(), nullptr, false);
  if (parsed.is_discarded() || parsed["documents"].size() != n || parsed["claim_groups"].size() != corpus.groups.size() ||
      !AllUtf8(parsed)) {
    std::abort();
  }
  std::ostringstream csv;
  isnad::WriteGroupsCsv(analyses, corpus, csv);
  std::vector<int> rows = CsvRowFields(csv.str());
  if (rows.size() != corpus.groups.size() + 1) std::abort();
  for (int f : rows) {
    if (f != rows.front()) std::abort();
  }
  std::ostringstream html;
  isnad::WriteHtmlReport(docs, analyses, corpus, html);
  std::string page = html.str();
  const std::string open = "id=\"isnad-data\">";
  size_t b = page.find(open);
  size_t e = page.find("</script>", b);
  if (b == std::string::npos || e == std::string::npos) std::abort();
  std::string block = page.substr(b + open.size(), e - b - open.size());
  if (block.find("</") != std::string::npos) std::abort();
  if (nlohmann::json::parse(block, nullptr, false).is_discarded()) std::abort();
  return 0;
}
