#include "report/json_writer.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string_view>
#include <tuple>
#include <unordered_map>

namespace isnad {

namespace {

using Json = nlohmann::ordered_json;

Json SpanJson(const ByteSpan& s) { return Json::array({s.begin, s.end}); }

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json DocumentJson(const DocAnalysis& a, bool article_text) {
  Json d;
  d["id"] = a.id;
  d["path"] = a.path;
  d["language"] = OrNull(a.language);
  d["outlet"] = OrNull(a.outlet);
  d["outlet_from"] = OrNull(a.outlet_from);
  d["url"] = OrNull(a.url);
  d["title"] = OrNull(a.title);
  d["title_span"] = a.title_span ? SpanJson(*a.title_span) : Json(nullptr);
  std::string pub = a.PublishedIso();
  d["published"] = OrNull(pub);
  d["published_from"] = OrNull(a.published_from);
  d["published_inferred"] = a.published_from == "inferred";
  if (a.dateline) {
    d["dateline"] = {{"place", a.dateline->place}, {"source", a.dateline->source}, {"span", SpanJson(a.dateline->span)}};
  } else {
    d["dateline"] = nullptr;
  }
  d["body"] = SpanJson(a.body);
  Json bp = Json::array();
  Json bp_kinds = Json::array();
  for (const LabeledSpan& s : a.boilerplate) {
    bp.push_back(SpanJson(s.span));
    bp_kinds.push_back(s.kind);
  }
  d["boilerplate"] = std::move(bp);
  d["boilerplate_kinds"] = std::move(bp_kinds);
  if (article_text) d["article_text"] = a.html ? Json(a.article_text) : Json(nullptr);
  d["errors"] = a.errors;
  d["stats"] = {{"bytes", a.bytes}, {"tokens", a.tokens}, {"sentences", a.sentences}};
  return d;
}

Json TimeJson(const DocAnalysis& a, const TimeItem& t) {
  static const char* kKinds[] = {"date", "month", "year", "weekday", "relative", "ago"};
  Json j;
  j["doc"] = a.id;
  j["span"] = SpanJson(t.span);
  j["text"] = t.text;
  j["value"] = OrNull(t.expr.value);
  j["kind"] = kKinds[static_cast<int>(t.expr.kind)];
  j["anchor"] = t.expr.value.empty() || t.expr.kind == TimeExpr::Kind::kYear ? Json(nullptr) : Json(a.published.ToIso());
  return j;
}

Json QuantityJson(const DocAnalysis& a, const QuantityItem& q) {
  Json j;
  j["doc"] = a.id;
  j["span"] = SpanJson(q.span);
  j["text"] = q.text;
  j["value"] = {{"low", q.q.low ? Json(*q.q.low) : Json(nullptr)},
                {"high", q.q.high ? Json(*q.q.high) : Json(nullptr)},
                {"qualifier", QualifierName(q.q.qualifier)}};
  j["kind"] = QuantityKindName(q.q.kind);
  j["unit"] = OrNull(std::string(q.q.unit));
  j["noun"] = OrNull(q.noun);
  return j;
}

Json ActorJson(const ActorRef& r) {
  return {{"text", r.text}, {"entity", r.entity.empty() ? Json(nullptr) : Json(r.entity)}, {"span", SpanJson(r.span)}};
}

Json ClaimJson(const DocAnalysis& a, const ClaimOut& c, size_t n) {
  const QuantityItem& q = a.quantities[c.quantity];
  Json j;
  j["id"] = a.id + "#c" + std::to_string(n);
  j["kind"] = "quantity";
  j["doc"] = a.id;
  j["span"] = SpanJson(q.span);
  j["text"] = q.text;
  j["sentence"] = SpanJson(c.sentence);
  j["category"] = c.category;
  j["value"] = {{"low", q.q.low ? Json(*q.q.low) : Json(nullptr)},
                {"high", q.q.high ? Json(*q.q.high) : Json(nullptr)},
                {"qualifier", QualifierName(q.q.qualifier)}};
  Json subject = Json::object();
  if (c.subject) subject = ActorJson(*c.subject);
  subject["class"] = c.subject_class.empty() ? Json(nullptr) : Json(c.subject_class);
  j["subject"] = std::move(subject);
  Json chain = Json::array();
  for (const ActorRef& r : c.chain) chain.push_back(r.entity.empty() ? r.text : r.entity);
  Json source;
  if (c.source) {
    source = ActorJson(*c.source);
    source["kind"] = "speaker";
  } else {
    source = {{"text", a.outlet.empty() ? Json(nullptr) : Json(a.outlet)}, {"entity", nullptr}, {"kind", "outlet"}};
  }
  source["chain"] = std::move(chain);
  j["source"] = std::move(source);
  j["as_of"] = !c.as_of.empty() ? Json(c.as_of) : a.published.valid() ? Json(a.published.ToIso()) : Json(nullptr);
  j["event"] = c.event.empty() ? Json(nullptr) : Json(c.event);
  j["background"] = c.background;
  return j;
}

Json FramingJson(const DocAnalysis& a, const FramingOut& f) {
  Json j;
  j["doc"] = a.id;
  j["span"] = SpanJson(f.span);
  j["text"] = f.text;
  j["entity"] = f.entity.empty() ? Json(nullptr) : Json(f.entity);
  j["kind"] = f.kind;
  if (f.voice) {
    Json v = ActorJson(*f.voice);
    v["kind"] = "speaker";
    j["voice"] = std::move(v);
  } else {
    j["voice"] = {{"kind", "outlet"}, {"text", a.outlet.empty() ? Json(nullptr) : Json(a.outlet)}};
  }
  return j;
}

Json EntityJson(const EntityRecord& e, const std::vector<DocAnalysis>& docs) {
  Json j;
  j["id"] = e.id;
  j["type"] = EntityTypeName(e.type);
  j["name"] = e.name;
  j["aliases"] = e.aliases;
  Json mentions = Json::array();
  for (const EntityRecord::Ref& r : e.mentions) {
    mentions.push_back({{"doc", docs[r.doc].id}, {"span", SpanJson(r.span)}, {"text", r.text}});
  }
  j["mentions"] = std::move(mentions);
  return j;
}

// "a" or "b": the side published first, when both times are known and differ.
Json Earlier(const DocAnalysis& a, const DocAnalysis& b) {
  if (!a.published.valid() || !b.published.valid()) return nullptr;
  auto at = [](const DocAnalysis& d) {
    return std::make_tuple(d.published.serial(), d.hour < 0 ? -1 : d.hour, d.hour < 0 ? -1 : d.minute);
  };
  auto ta = at(a), tb = at(b);
  bool timed = a.hour >= 0 && b.hour >= 0;
  if (std::get<0>(ta) != std::get<0>(tb)) return std::get<0>(ta) < std::get<0>(tb) ? "a" : "b";
  if (!timed || ta == tb) return nullptr;
  return ta < tb ? "a" : "b";
}

std::string MinutesIso(int64_t m) {
  if (m < 0) return "";
  return CivilDate::FromSerial(static_cast<long>(m / 1440)).ToIso();
}

Json StoryJson(const StoryRecord& s, const std::vector<DocAnalysis>& docs) {
  Json j;
  j["id"] = s.id;
  j["title"] = OrNull(s.title_doc < docs.size() ? docs[s.title_doc].title : "");
  j["title_doc"] = s.title_doc < docs.size() ? Json(docs[s.title_doc].id) : Json(nullptr);
  j["first"] = OrNull(MinutesIso(s.first));
  j["last"] = OrNull(MinutesIso(s.last));
  Json ids = Json::array();
  for (size_t d : s.docs) ids.push_back(docs[d].id);
  j["docs"] = std::move(ids);
  j["outlets"] = s.outlets;
  j["actors"] = s.actors;
  j["places"] = s.places;
  Json summary = Json::array();
  for (const StoryRecord::Quote& q : s.summary) summary.push_back({{"doc", docs[q.doc].id}, {"span", SpanJson(q.span)}});
  j["summary"] = std::move(summary);
  Json background = Json::array();
  for (const StoryRecord::ClaimAt& c : s.background) background.push_back(docs[c.doc].id + "#c" + std::to_string(c.claim + 1));
  j["background"] = std::move(background);
  return j;
}

}  // namespace

void WriteAnalysisJson(const std::vector<DocAnalysis>& docs, const CorpusResult& corpus, const RunInfo& run,
                       std::ostream& out, bool pretty, bool article_text) {
  const std::vector<EntityRecord>& entities = corpus.entities;
  const int indent = pretty ? 1 : -1;
  const char* nl = pretty ? "\n" : "";
  auto dump = [&](const Json& j) { return j.dump(indent, ' ', false, Json::error_handler_t::replace); };
  Json meta = {{"engine", "isnad"}, {"version", run.version}, {"documents", docs.size()}};
  out << "{" << nl << "\"isnad\": " << dump(meta) << "," << nl;
  out << "\"errors\": " << dump(Json(run.errors)) << "," << nl;
  out << "\"warnings\": " << dump(Json(run.warnings)) << "," << nl;
  auto array = [&](const char* name, auto&& each) {
    out << "\"" << name << "\": [" << nl;
    bool first = true;
    for (const DocAnalysis& a : docs) {
      each(a, [&](const Json& j) {
        if (!first) out << "," << nl;
        first = false;
        out << dump(j);
      });
    }
    out << nl << "]";
  };
  size_t doc_index = 0;
  array("documents", [&](const DocAnalysis& a, auto&& emit) {
    Json d = DocumentJson(a, article_text);
    d["story"] = OrNull(corpus.StoryId(doc_index++));
    emit(d);
  });
  out << "," << nl;
  array("times", [](const DocAnalysis& a, auto&& emit) {
    for (const TimeItem& t : a.times) emit(TimeJson(a, t));
  });
  out << "," << nl;
  array("quantities", [](const DocAnalysis& a, auto&& emit) {
    for (const QuantityItem& q : a.quantities) emit(QuantityJson(a, q));
  });
  out << "," << nl;
  array("claims", [](const DocAnalysis& a, auto&& emit) {
    size_t n = 0;
    for (const ClaimOut& c : a.claims) emit(ClaimJson(a, c, ++n));
  });
  out << "," << nl;
  array("framing", [](const DocAnalysis& a, auto&& emit) {
    for (const FramingOut& f : a.framing) emit(FramingJson(a, f));
  });
  out << "," << nl << "\"reuse\": [" << nl;
  for (size_t i = 0; i < corpus.reuse.size(); ++i) {
    const ReusePassage& r = corpus.reuse[i];
    if (i) out << "," << nl;
    const std::string &sa = corpus.StoryId(r.doc_a), &sb = corpus.StoryId(r.doc_b);
    Json j = {{"a", {{"doc", docs[r.doc_a].id}, {"span", SpanJson(r.span_a)}, {"story", OrNull(sa)}}},
              {"b", {{"doc", docs[r.doc_b].id}, {"span", SpanJson(r.span_b)}, {"story", OrNull(sb)}}},
              {"similarity", std::round(r.similarity * 1000) / 1000},
              {"kind", r.kind},
              {"story", sa == sb ? OrNull(sa) : Json(nullptr)},
              {"earlier", Earlier(docs[r.doc_a], docs[r.doc_b])}};
    out << dump(j);
  }
  out << nl << "]";
  out << "," << nl << "\"claim_groups\": [" << nl;
  for (size_t i = 0; i < corpus.groups.size(); ++i) {
    const ClaimGroup& g = corpus.groups[i];
    if (i) out << "," << nl;
    Json ids = Json::array();
    for (const ClaimRef& r : g.claims) ids.push_back(docs[r.doc].id + "#c" + std::to_string(r.claim + 1));
    Json j = {{"id", g.id},
              {"story", OrNull(g.story)},
              {"category", g.category},
              {"subject", g.subject},
              {"subject_name", g.subject_label},
              {"event", g.event.empty() ? Json(nullptr) : Json(g.event)},
              {"claims", ids},
              {"status", g.status},
              {"range", {{"low", g.low ? Json(*g.low) : Json(nullptr)}, {"high", g.high ? Json(*g.high) : Json(nullptr)}}},
              {"independent_sources", g.sources.size()},
              {"sources", g.sources},
              {"conservative", g.conservative ? Json(*g.conservative) : Json(nullptr)},
              {"note", g.note}};
    out << dump(j);
  }
  out << nl << "]";
  out << "," << nl << "\"events\": [" << nl;
  for (size_t i = 0; i < corpus.events.size(); ++i) {
    const TimelineEvent& e = corpus.events[i];
    if (i) out << "," << nl;
    Json ev = Json::array();
    for (const auto& x : e.evidence) ev.push_back({{"doc", docs[x.doc].id}, {"span", SpanJson(x.span)}});
    out << dump(Json{{"id", e.id}, {"story", OrNull(e.story)}, {"date", e.date}, {"type", e.type}, {"summary", e.summary}, {"evidence", ev}});
  }
  out << nl << "]";
  out << "," << nl << "\"stories\": [" << nl;
  for (size_t i = 0; i < corpus.stories.size(); ++i) {
    if (i) out << "," << nl;
    out << dump(StoryJson(corpus.stories[i], docs));
  }
  out << nl << "]";
  out << "," << nl << "\"entities\": [" << nl;
  for (size_t i = 0; i < entities.size(); ++i) {
    if (i) out << "," << nl;
    out << dump(EntityJson(entities[i], docs));
  }
  out << nl << "]" << nl << "}" << nl;
}

void WriteGroupsCsv(const std::vector<DocAnalysis>& docs, const CorpusResult& corpus, std::ostream& out) {
  // Every text field is quoted (RFC 4180: commas, quotes and line breaks survive), and a
  // field a spreadsheet would read as a formula (= + - @, a tab or CR first) gets a leading
  // apostrophe: labels and notes come from article text, which is untrusted.
  auto field = [](const std::string& v) {
    std::string q = "\"";
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r')) q += '\'';
    for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  auto num = [](const std::optional<int64_t>& v) { return v ? std::to_string(*v) : std::string(); };
  out << "group,story,story_title,category,subject,status,first_report,last_report,conservative,low,high,"
         "independent_sources,sources,claims,note\r\n";
  std::unordered_map<std::string_view, const std::string*> titles;  // story id -> representative headline
  for (const StoryRecord& s : corpus.stories) {
    if (s.title_doc < docs.size()) titles.emplace(s.id, &docs[s.title_doc].title);
  }
  for (const ClaimGroup& g : corpus.groups) {
    auto title = titles.find(g.story);
    std::string first, last, claims, sources;
    for (const ClaimRef& r : g.claims) {
      std::string d = docs[r.doc].published.valid() ? docs[r.doc].published.ToIso() : "";
      if (!d.empty() && (first.empty() || d < first)) first = d;
      if (!d.empty() && d > last) last = d;
      claims += (claims.empty() ? "" : " ") + docs[r.doc].id + "#c" + std::to_string(r.claim + 1);
    }
    for (const std::string& s : g.sources) sources += (sources.empty() ? "" : "; ") + s;
    out << field(g.id) << "," << field(g.story) << "," << field(title == titles.end() ? std::string() : *title->second)
        << "," << field(g.category) << "," << field(g.subject_label) << "," << field(g.status) << "," << first << "," << last
        << "," << num(g.conservative) << "," << num(g.low) << "," << num(g.high) << "," << g.sources.size() << ","
        << field(sources) << "," << field(claims) << "," << field(g.note) << "\r\n";
  }
}

}  // namespace isnad
