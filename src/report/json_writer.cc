#include "report/json_writer.h"

#include <cmath>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "report/json_out.h"

namespace isnad {

namespace {

// Each record is written member by member in the order SPEC.md lists (and the earlier
// tree-building writer inserted) them; report/json_out.h keeps the bytes nlohmann's.

void Span(JsonOut& w, const ByteSpan& s) {
  w.BeginArray();
  w.Uint(s.begin);
  w.Uint(s.end);
  w.EndArray();
}

void Strings(JsonOut& w, const std::vector<std::string>& v) {
  w.BeginArray();
  for (const std::string& s : v) w.String(s);
  w.EndArray();
}

// A claim's id: "<doc>#c<n>", n from 1.
void ClaimId(JsonOut& w, std::string* scratch, const std::string& doc, size_t n) {
  scratch->assign(doc);
  scratch->append("#c");
  scratch->append(std::to_string(n));
  w.String(*scratch);
}

void Value(JsonOut& w, const Quantity& q) {
  w.BeginObject();
  w.Key("low");
  w.IntOrNull(q.low);
  w.Key("high");
  w.IntOrNull(q.high);
  w.Key("qualifier");
  w.String(QualifierName(q.qualifier));
  w.EndObject();
}

// An actor's members, the object left open for the caller's.
void ActorMembers(JsonOut& w, const ActorRef& r) {
  w.Key("text");
  w.String(r.text);
  w.Key("entity");
  w.StringOrNull(r.entity);
  w.Key("span");
  Span(w, r.span);
}

void DocumentJson(JsonOut& w, const DocAnalysis& a, bool article_text, const std::string& story) {
  w.BeginObject();
  w.Key("id");
  w.String(a.id);
  w.Key("path");
  w.String(a.path);
  w.Key("language");
  w.StringOrNull(a.language);
  w.Key("outlet");
  w.StringOrNull(a.outlet);
  w.Key("outlet_from");
  w.StringOrNull(a.outlet_from);
  w.Key("url");
  w.StringOrNull(a.url);
  w.Key("title");
  w.StringOrNull(a.title);
  w.Key("title_span");
  if (a.title_span) Span(w, *a.title_span);
  else w.Null();
  w.Key("published");
  w.StringOrNull(a.PublishedIso());
  w.Key("published_from");
  w.StringOrNull(a.published_from);
  w.Key("published_inferred");
  w.Bool(a.published_from == "inferred");
  w.Key("dateline");
  if (a.dateline) {
    w.BeginObject();
    w.Key("place");
    w.String(a.dateline->place);
    w.Key("source");
    w.String(a.dateline->source);
    w.Key("span");
    Span(w, a.dateline->span);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("body");
  Span(w, a.body);
  w.Key("boilerplate");
  w.BeginArray();
  for (const LabeledSpan& s : a.boilerplate) Span(w, s.span);
  w.EndArray();
  w.Key("boilerplate_kinds");
  w.BeginArray();
  for (const LabeledSpan& s : a.boilerplate) w.String(s.kind);
  w.EndArray();
  if (article_text) {
    w.Key("article_text");
    if (a.html) w.String(a.article_text);
    else w.Null();
  }
  w.Key("errors");
  Strings(w, a.errors);
  w.Key("stats");
  w.BeginObject();
  w.Key("bytes");
  w.Uint(a.bytes);
  w.Key("tokens");
  w.Uint(a.tokens);
  w.Key("sentences");
  w.Uint(a.sentences);
  w.EndObject();
  w.Key("story");
  w.StringOrNull(story);
  w.EndObject();
}

void TimeJson(JsonOut& w, const DocAnalysis& a, const TimeItem& t) {
  static const char* kKinds[] = {"date", "month", "year", "weekday", "relative", "ago"};
  w.BeginObject();
  w.Key("doc");
  w.String(a.id);
  w.Key("span");
  Span(w, t.span);
  w.Key("text");
  w.String(t.text);
  w.Key("value");
  w.StringOrNull(t.expr.value);
  w.Key("kind");
  w.String(kKinds[static_cast<int>(t.expr.kind)]);
  w.Key("anchor");
  if (t.expr.value.empty() || t.expr.kind == TimeExpr::Kind::kYear) w.Null();
  else w.String(a.published.ToIso());
  w.EndObject();
}

void QuantityJson(JsonOut& w, const DocAnalysis& a, const QuantityItem& q) {
  w.BeginObject();
  w.Key("doc");
  w.String(a.id);
  w.Key("span");
  Span(w, q.span);
  w.Key("text");
  w.String(q.text);
  w.Key("value");
  Value(w, q.q);
  w.Key("kind");
  w.String(QuantityKindName(q.q.kind));
  w.Key("unit");
  w.StringOrNull(q.q.unit);
  w.Key("noun");
  w.StringOrNull(q.noun);
  w.EndObject();
}

void ClaimJson(JsonOut& w, std::string* scratch, const DocAnalysis& a, const ClaimOut& c, size_t n) {
  const QuantityItem& q = a.quantities[c.quantity];
  w.BeginObject();
  w.Key("id");
  ClaimId(w, scratch, a.id, n);
  w.Key("kind");
  w.String("quantity");
  w.Key("doc");
  w.String(a.id);
  w.Key("span");
  Span(w, q.span);
  w.Key("text");
  w.String(q.text);
  w.Key("sentence");
  Span(w, c.sentence);
  w.Key("category");
  w.String(c.category);
  w.Key("value");
  Value(w, q.q);
  w.Key("subject");
  w.BeginObject();
  if (c.subject) ActorMembers(w, *c.subject);
  w.Key("class");
  w.StringOrNull(c.subject_class);
  w.EndObject();
  w.Key("source");
  w.BeginObject();
  if (c.source) {
    ActorMembers(w, *c.source);
    w.Key("kind");
    w.String("speaker");
  } else {
    w.Key("text");
    w.StringOrNull(a.outlet);
    w.Key("entity");
    w.Null();
    w.Key("kind");
    w.String("outlet");
  }
  w.Key("chain");
  w.BeginArray();
  for (const ActorRef& r : c.chain) w.String(r.entity.empty() ? r.text : r.entity);
  w.EndArray();
  w.EndObject();
  w.Key("as_of");
  if (!c.as_of.empty()) w.String(c.as_of);
  else if (a.published.valid()) w.String(a.published.ToIso());
  else w.Null();
  w.Key("event");
  w.StringOrNull(c.event);
  w.Key("background");
  w.Bool(c.background);
  w.EndObject();
}

void FramingJson(JsonOut& w, const DocAnalysis& a, const FramingOut& f) {
  w.BeginObject();
  w.Key("doc");
  w.String(a.id);
  w.Key("span");
  Span(w, f.span);
  w.Key("text");
  w.String(f.text);
  w.Key("entity");
  w.StringOrNull(f.entity);
  w.Key("kind");
  w.String(f.kind);
  w.Key("voice");
  w.BeginObject();
  if (f.voice) {
    ActorMembers(w, *f.voice);
    w.Key("kind");
    w.String("speaker");
  } else {
    w.Key("kind");
    w.String("outlet");
    w.Key("text");
    w.StringOrNull(a.outlet);
  }
  w.EndObject();
  w.EndObject();
}

void EntityJson(JsonOut& w, const EntityRecord& e, const std::vector<DocAnalysis>& docs) {
  w.BeginObject();
  w.Key("id");
  w.String(e.id);
  w.Key("type");
  w.String(EntityTypeName(e.type));
  w.Key("name");
  w.String(e.name);
  w.Key("aliases");
  Strings(w, e.aliases);
  w.Key("mentions");
  w.BeginArray();
  for (const EntityRecord::Ref& r : e.mentions) {
    const MentionItem& m = docs[r.doc].mentions[r.mention];
    w.BeginObject();
    w.Key("doc");
    w.String(docs[r.doc].id);
    w.Key("span");
    Span(w, m.span);
    w.Key("text");
    w.String(m.text);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// "a" or "b": the side published first, when both times are known and differ; else null.
const char* Earlier(const DocAnalysis& a, const DocAnalysis& b) {
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

void DocSpan(JsonOut& w, const std::vector<DocAnalysis>& docs, size_t doc, const ByteSpan& span) {
  w.BeginObject();
  w.Key("doc");
  w.String(docs[doc].id);
  w.Key("span");
  Span(w, span);
  w.EndObject();
}

void ReuseSide(JsonOut& w, const std::vector<DocAnalysis>& docs, size_t doc, const ByteSpan& span,
               const std::string& story) {
  w.BeginObject();
  w.Key("doc");
  w.String(docs[doc].id);
  w.Key("span");
  Span(w, span);
  w.Key("story");
  w.StringOrNull(story);
  w.EndObject();
}

void ReuseJson(JsonOut& w, const ReusePassage& r, const std::vector<DocAnalysis>& docs, const CorpusResult& corpus) {
  const std::string &sa = corpus.StoryId(r.doc_a), &sb = corpus.StoryId(r.doc_b);
  w.BeginObject();
  w.Key("a");
  ReuseSide(w, docs, r.doc_a, r.span_a, sa);
  w.Key("b");
  ReuseSide(w, docs, r.doc_b, r.span_b, sb);
  w.Key("similarity");
  w.Double(std::round(r.similarity * 1000) / 1000);
  w.Key("kind");
  w.String(r.kind);
  w.Key("story");
  if (sa == sb) w.StringOrNull(sa);
  else w.Null();
  w.Key("earlier");
  if (const char* e = Earlier(docs[r.doc_a], docs[r.doc_b])) w.String(e);
  else w.Null();
  w.EndObject();
}

void GroupJson(JsonOut& w, std::string* scratch, const ClaimGroup& g, const std::vector<DocAnalysis>& docs) {
  w.BeginObject();
  w.Key("id");
  w.String(g.id);
  w.Key("story");
  w.StringOrNull(g.story);
  w.Key("category");
  w.String(g.category);
  w.Key("subject");
  w.String(g.subject);
  w.Key("subject_name");
  w.String(g.subject_label);
  w.Key("event");
  w.StringOrNull(g.event);
  w.Key("claims");
  w.BeginArray();
  for (const ClaimRef& r : g.claims) ClaimId(w, scratch, docs[r.doc].id, r.claim + 1);
  w.EndArray();
  w.Key("status");
  w.String(g.status);
  w.Key("range");
  w.BeginObject();
  w.Key("low");
  w.IntOrNull(g.low);
  w.Key("high");
  w.IntOrNull(g.high);
  w.EndObject();
  w.Key("independent_sources");
  w.Uint(g.sources.size());
  w.Key("sources");
  Strings(w, g.sources);
  w.Key("conservative");
  w.IntOrNull(g.conservative);
  w.Key("note");
  w.String(g.note);
  w.EndObject();
}

void EventJson(JsonOut& w, const TimelineEvent& e, const std::vector<DocAnalysis>& docs) {
  w.BeginObject();
  w.Key("id");
  w.String(e.id);
  w.Key("story");
  w.StringOrNull(e.story);
  w.Key("date");
  w.String(e.date);
  w.Key("type");
  w.String(e.type);
  w.Key("summary");
  w.String(e.summary);
  w.Key("evidence");
  w.BeginArray();
  for (const auto& x : e.evidence) DocSpan(w, docs, x.doc, x.span);
  w.EndArray();
  w.EndObject();
}

void StoryJson(JsonOut& w, std::string* scratch, const StoryRecord& s, const std::vector<DocAnalysis>& docs) {
  const bool titled = s.title_doc < docs.size();
  w.BeginObject();
  w.Key("id");
  w.String(s.id);
  w.Key("title");
  if (titled) w.StringOrNull(docs[s.title_doc].title);
  else w.Null();
  w.Key("title_doc");
  if (titled) w.String(docs[s.title_doc].id);
  else w.Null();
  w.Key("first");
  w.StringOrNull(MinutesIso(s.first));
  w.Key("last");
  w.StringOrNull(MinutesIso(s.last));
  w.Key("docs");
  w.BeginArray();
  for (size_t d : s.docs) w.String(docs[d].id);
  w.EndArray();
  w.Key("outlets");
  Strings(w, s.outlets);
  w.Key("actors");
  Strings(w, s.actors);
  w.Key("places");
  Strings(w, s.places);
  w.Key("summary");
  w.BeginArray();
  for (const StoryRecord::Quote& q : s.summary) DocSpan(w, docs, q.doc, q.span);
  w.EndArray();
  w.Key("background");
  w.BeginArray();
  for (const StoryRecord::ClaimAt& c : s.background) ClaimId(w, scratch, docs[c.doc].id, c.claim + 1);
  w.EndArray();
  w.EndObject();
}

}  // namespace

void WriteAnalysisJson(const std::vector<DocAnalysis>& docs, const CorpusResult& corpus, const RunInfo& run,
                       std::ostream& out, bool pretty, bool article_text) {
  // The skeleton is one member per line when pretty (each record dumped from column
  // 0), with ": " after the top-level names in both modes, as SPEC.md's examples show.
  JsonOut w(out, pretty);
  std::string scratch;  // claim ids
  const std::string_view nl = pretty ? "\n" : "";
  auto next = [&](const char* name) {  // ",\n\"name\": [\n" between the top-level arrays
    w.Raw(",");
    w.Raw(nl);
    w.Raw("\"");
    w.Raw(name);
    w.Raw("\": [");
    w.Raw(nl);
  };
  auto sep = [&](bool& first) {  // between the records of one array
    if (!first) {
      w.Raw(",");
      w.Raw(nl);
    }
    first = false;
  };
  auto close = [&] {
    w.Raw(nl);
    w.Raw("]");
  };
  w.Raw("{");
  w.Raw(nl);
  w.Raw("\"isnad\": ");
  w.BeginObject();
  w.Key("engine");
  w.String("isnad");
  w.Key("version");
  w.String(run.version);
  w.Key("documents");
  w.Uint(docs.size());
  w.EndObject();
  w.Raw(",");
  w.Raw(nl);
  w.Raw("\"errors\": ");
  Strings(w, run.errors);
  w.Raw(",");
  w.Raw(nl);
  w.Raw("\"warnings\": ");
  Strings(w, run.warnings);
  w.Raw(",");
  w.Raw(nl);
  w.Raw("\"documents\": [");
  w.Raw(nl);
  bool first = true;
  for (size_t i = 0; i < docs.size(); ++i) {
    sep(first);
    DocumentJson(w, docs[i], article_text, corpus.StoryId(i));
    w.MaybeFlush();
  }
  close();
  next("times");
  first = true;
  for (const DocAnalysis& a : docs) {
    for (const TimeItem& t : a.times) {
      sep(first);
      TimeJson(w, a, t);
    }
    w.MaybeFlush();
  }
  close();
  next("quantities");
  first = true;
  for (const DocAnalysis& a : docs) {
    for (const QuantityItem& q : a.quantities) {
      sep(first);
      QuantityJson(w, a, q);
    }
    w.MaybeFlush();
  }
  close();
  next("claims");
  first = true;
  for (const DocAnalysis& a : docs) {
    size_t n = 0;
    for (const ClaimOut& c : a.claims) {
      sep(first);
      ClaimJson(w, &scratch, a, c, ++n);
    }
    w.MaybeFlush();
  }
  close();
  next("framing");
  first = true;
  for (const DocAnalysis& a : docs) {
    for (const FramingOut& f : a.framing) {
      sep(first);
      FramingJson(w, a, f);
    }
    w.MaybeFlush();
  }
  close();
  // The corpus-level arrays: one record per item, flushed between records.
  auto records = [&](const char* name, const auto& items, auto&& write) {
    next(name);
    bool first_record = true;
    for (const auto& x : items) {
      sep(first_record);
      write(x);
      w.MaybeFlush();
    }
    close();
  };
  records("reuse", corpus.reuse, [&](const ReusePassage& r) { ReuseJson(w, r, docs, corpus); });
  records("claim_groups", corpus.groups, [&](const ClaimGroup& g) { GroupJson(w, &scratch, g, docs); });
  records("events", corpus.events, [&](const TimelineEvent& e) { EventJson(w, e, docs); });
  records("stories", corpus.stories, [&](const StoryRecord& st) { StoryJson(w, &scratch, st, docs); });
  records("entities", corpus.entities, [&](const EntityRecord& e) { EntityJson(w, e, docs); });
  w.Raw(nl);
  w.Raw("}");
  w.Raw(nl);
  w.Flush();
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
