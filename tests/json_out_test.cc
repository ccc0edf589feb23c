// The streaming JSON emitter (report/json_out.h) writes the bytes nlohmann's dump wrote
// for the analysis JSON (indent 1 or compact, error_handler_t::replace): strings from
// article text with quotes, backslashes, control bytes and invalid UTF-8, integers at
// the ends of their ranges, the floats the reuse records hold, and the layout of nested
// and empty containers. Then a small analysis through WriteAnalysisJson parses back.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <sstream>
#include <string>

#include "report/json_out.h"
#include "report/json_writer.h"

namespace isnad {
namespace {

using Ordered = nlohmann::ordered_json;

std::string Nlohmann(const Ordered& j, bool pretty) {
  return j.dump(pretty ? 1 : -1, ' ', false, Ordered::error_handler_t::replace);
}

std::string Escaped(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

std::string Float(double x) {
  std::string out;
  AppendJsonDouble(x, &out);
  return out;
}

// Writes j through the emitter, member by member.
void Emit(JsonOut& w, const Ordered& j) {
  if (j.is_object()) {
    w.BeginObject();
    for (auto it = j.begin(); it != j.end(); ++it) {
      w.Key(it.key());
      Emit(w, it.value());
    }
    w.EndObject();
  } else if (j.is_array()) {
    w.BeginArray();
    for (const Ordered& v : j) Emit(w, v);
    w.EndArray();
  } else if (j.is_string()) {
    w.String(j.get_ref<const std::string&>());
  } else if (j.is_number_unsigned()) {
    w.Uint(j.get<uint64_t>());
  } else if (j.is_number_integer()) {
    w.Int(j.get<int64_t>());
  } else if (j.is_number_float()) {
    w.Double(j.get<double>());
  } else if (j.is_boolean()) {
    w.Bool(j.get<bool>());
  } else {
    w.Null();
  }
}

std::string Emitted(const Ordered& j, bool pretty) {
  std::ostringstream out;
  JsonOut w(out, pretty);
  Emit(w, j);
  w.Flush();
  return out.str();
}

TEST(JsonOutTest, ArabicTextWithQuotesBackslashesNewlineAndControlBytes) {
  const std::string s = "قال \"المتحدث\" إن 52\\53 قتلوا\nفي غزة\x01\x1f\t\r\b\f\x7f";
  EXPECT_EQ(Escaped(s), "\"قال \\\"المتحدث\\\" إن 52\\\\53 قتلوا\\nفي غزة\\u0001\\u001f\\t\\r\\b\\f\x7f\"");
  EXPECT_EQ(Escaped(s), Nlohmann(Ordered(s), false));
  EXPECT_EQ(Escaped(""), "\"\"");
  EXPECT_EQ(Escaped(std::string("a\0b", 3)), "\"a\\u0000b\"");
}

TEST(JsonOutTest, InvalidUtf8BecomesOneReplacementPerIllFormedSubsequence) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(Escaped("\xFF"), "\"" + r + "\"");
  EXPECT_EQ(Escaped("غزة \xD8"), "\"غزة " + r + "\"");          // truncated at the end
  EXPECT_EQ(Escaped("\xE2\x82(x"), "\"" + r + "(x\"");           // truncated, then ASCII
  EXPECT_EQ(Escaped("\xC0\xAF"), "\"" + r + r + "\"");            // overlong: two bytes, two
  EXPECT_EQ(Escaped("\xED\xA0\x80"), "\"" + r + r + r + "\"");    // a surrogate
  EXPECT_EQ(Escaped("\xF4\x90\x80\x80"), "\"" + r + r + r + r + "\"");  // past U+10FFFF
  EXPECT_EQ(Escaped("\xF0\x9F\x98"), "\"" + r + "\"");            // a 4-byte sequence cut short
  EXPECT_EQ(Escaped("\xF0\x9F\x98\x80"), "\"\xF0\x9F\x98\x80\"");  // and whole
  EXPECT_EQ(Escaped("\xE2\x82\"\xC3"), "\"" + r + "\\\"" + r + "\"");
}

// Every string of one and two bytes, and every string of up to four bytes over the bytes
// at the edges of the UTF-8 ranges, escapes as nlohmann's replace handler does.
TEST(JsonOutTest, EscapingMatchesNlohmannOnEveryShortString) {
  size_t compared = 0;
  for (int a = 0; a < 256; ++a) {
    std::string s1(1, static_cast<char>(a));
    ASSERT_EQ(Escaped(s1), Nlohmann(Ordered(s1), false)) << a;
    for (int b = 0; b < 256; ++b) {
      std::string s2 = s1 + static_cast<char>(b);
      ASSERT_EQ(Escaped(s2), Nlohmann(Ordered(s2), false)) << a << " " << b;
      ++compared;
    }
  }
  const unsigned char edges[] = {0x00, 0x01, 0x08, 0x1F, 0x20, '"', '\\', 'a', 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  std::string s(4, '\0');
  for (unsigned char a : edges) {
    for (unsigned char b : edges) {
      for (unsigned char c : edges) {
        for (unsigned char d : edges) {
          s[0] = static_cast<char>(a), s[1] = static_cast<char>(b), s[2] = static_cast<char>(c), s[3] = static_cast<char>(d);
          ASSERT_EQ(Escaped(s), Nlohmann(Ordered(s), false)) << std::hex << +a << " " << +b << " " << +c << " " << +d;
          std::string t = s.substr(0, 3);
          ASSERT_EQ(Escaped(t), Nlohmann(Ordered(t), false)) << std::hex << +a << " " << +b << " " << +c;
          ++compared;
        }
      }
    }
  }
  // Random byte strings of any length, mostly Arabic letters and ASCII with bad bytes in between.
  std::mt19937 rng(7);
  for (int k = 0; k < 20000; ++k) {
    std::string r;
    for (int n = static_cast<int>(rng() % 40); n > 0; --n) {
      switch (rng() % 4) {
        case 0: r += "\xD8\xB3"; break;
        case 1: r += static_cast<char>(' ' + rng() % 95); break;
        default: r += static_cast<char>(rng() % 256);
      }
    }
    ASSERT_EQ(Escaped(r), Nlohmann(Ordered(r), false)) << r;
  }
  EXPECT_GT(compared, 900000u);
}

TEST(JsonOutTest, IntegersAtTheEndsOfTheirRanges) {
  std::ostringstream out;
  JsonOut w(out, false);
  w.BeginArray();
  w.Int(std::numeric_limits<int64_t>::min());
  w.Int(std::numeric_limits<int64_t>::max());
  w.Int(0);
  w.Int(-52);
  w.Uint(std::numeric_limits<uint64_t>::max());
  w.Uint(std::numeric_limits<uint32_t>::max());
  w.IntOrNull(std::nullopt);
  w.IntOrNull(int64_t{9007199254740993});
  w.EndArray();
  w.Flush();
  EXPECT_EQ(out.str(),
            "[-9223372036854775808,9223372036854775807,0,-52,18446744073709551615,4294967295,null,9007199254740993]");
  Ordered j = Ordered::array({std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), 0, -52,
                              std::numeric_limits<uint64_t>::max(), std::numeric_limits<uint32_t>::max(), nullptr,
                              int64_t{9007199254740993}});
  EXPECT_EQ(out.str(), Nlohmann(j, false));
}

TEST(JsonOutTest, FloatsAsNlohmannWritesThem) {
  EXPECT_EQ(Float(1.0), "1.0");
  EXPECT_EQ(Float(0.5), "0.5");
  EXPECT_EQ(Float(0.571), "0.571");
  EXPECT_EQ(Float(0.0), "0.0");
  EXPECT_EQ(Float(-0.0), "-0.0");
  EXPECT_EQ(Float(1e14), "100000000000000.0");
  EXPECT_EQ(Float(1e15), "1e+15");  // 16 digits before the point: nlohmann's limit is 15
  EXPECT_EQ(Float(123456789012345.0), "123456789012345.0");
  EXPECT_EQ(Float(0.0001), "0.0001");
  EXPECT_EQ(Float(0.00001), "1e-05");
  EXPECT_EQ(Float(std::nan("")), "null");
  EXPECT_EQ(Float(HUGE_VAL), "null");
  // Every similarity the writer can write (rounded to thousandths, 0..1), and a spread of
  // magnitudes and precisions.
  for (int k = -1000; k <= 1000; ++k) {
    double x = std::round(k / 1000.0 * 1000) / 1000;
    ASSERT_EQ(Float(x), Nlohmann(Ordered(x), false)) << k;
  }
  for (double x : {1.5, -2.25, 123456.789, 1e-4, 1.23e-5, 5e-324, DBL_MIN, DBL_MAX, 1e21, 1.7976931348623157e300,
                   123456789012345.6, 1e14, 1e15, 1e16, 0.1 + 0.2, 1.0 / 3}) {
    EXPECT_EQ(Float(x), Nlohmann(Ordered(x), false)) << x;
  }
  // Where Grisu2 is not shortest (about 0.1% of arbitrary doubles, none the writer
  // writes), the digits differ but read back as the same double.
  const double g = 1234567890123456.7;
  EXPECT_EQ(Float(g), "1.2345678901234568e+15");
  EXPECT_EQ(Nlohmann(Ordered(g), false), "1.2345678901234567e+15");
  EXPECT_EQ(std::stod(Float(g)), std::stod(Nlohmann(Ordered(g), false)));
}

TEST(JsonOutTest, LayoutOfNestedAndEmptyContainersInBothModes) {
  Ordered j = Ordered::parse(R"({"id":"d1","span":[3,9],"empty_object":{},"empty_array":[],"value":null,
    "flags":[true,false],"nested":{"a":[{"b":[[]]},{}],"c":{"d":{"e":"\u0001"}}},"last":""})");
  for (bool pretty : {false, true}) {
    EXPECT_EQ(Emitted(j, pretty), Nlohmann(j, pretty)) << pretty;
  }
  EXPECT_EQ(Emitted(Ordered::object(), true), "{}");
  EXPECT_EQ(Emitted(Ordered::array({Ordered::object(), 1}), true), "[\n {},\n 1\n]");
  EXPECT_EQ(Emitted(Ordered::object({{"k", Ordered::array()}}), false), "{\"k\":[]}");
  EXPECT_EQ(Emitted(Ordered::object({{"k", Ordered::array({1})}}), true), "{\n \"k\": [\n  1\n ]\n}");
}

// Fills a buffer past its chunk size: the stream gets all of it, in order.
TEST(JsonOutTest, LongOutputsReachTheStreamWhole) {
  std::ostringstream out;
  JsonOut w(out, false);
  w.BeginArray();
  std::string expected = "[";
  for (int i = 0; i < 50000; ++i) {
    w.String("نص");
    w.MaybeFlush();
    expected += (i ? ",\"" : "\"") + std::string("نص") + "\"";
  }
  w.EndArray();
  w.Flush();
  EXPECT_EQ(out.str(), expected + "]");
}

// One document with a dateline, boilerplate, a time, a claim and a framing item, and a
// reuse passage, a group, an event, a story and an entity over two documents.
struct SmallAnalysis {
  std::vector<DocAnalysis> docs{2};
  CorpusResult corpus;
  SmallAnalysis() {
    for (size_t i = 0; i < docs.size(); ++i) {
      DocAnalysis& a = docs[i];
      a.id = "doc" + std::to_string(i);
      a.path = "in/" + a.id + ".txt";
      a.language = "ar";
      a.published = *CivilDate::ParseIso("2018-05-14");
      a.published_from = "jsonl";
      a.body = {10, 400};
      a.bytes = 400;
      a.tokens = 70;
      a.sentences = 4;
    }
    DocAnalysis& a = docs[0];
    a.title = "مقتل \"52\" فلسطينيا\\ في غزة\n\x01";
    a.title_span = ByteSpan{0, 9};
    a.outlet = "وفا";
    a.dateline = Dateline{"غزة", "وفا", {10, 20}};
    a.boilerplate.push_back({{380, 400}, "read_also"});
    TimeItem t;
    t.expr.value = "2018-05-14";
    t.expr.kind = TimeExpr::Kind::kDate;
    t.span = {30, 40};
    t.text = "14 مايو";
    a.times.push_back(t);
    QuantityItem q;
    q.q.low = q.q.high = 52;
    q.span = {50, 52};
    q.text = "52";
    q.noun = "فلسطيني";
    a.quantities.push_back(q);
    ClaimOut c;
    c.category = "killed";
    c.subject_class = "civilians";
    c.source = ActorRef{"k", "e1", "وزارة الصحة", {60, 80}};
    c.chain.push_back(ActorRef{"k2", "", "مصادر", {90, 95}});
    a.claims.push_back(c);
    FramingOut f;
    f.span = {100, 110};
    f.text = "شهداء";
    f.kind = "martyr";
    a.framing.push_back(f);
    ReusePassage r;
    r.doc_a = 0;
    r.doc_b = 1;
    r.span_a = {10, 200};
    r.span_b = {10, 190};
    r.similarity = 0.57142857;
    r.kind = "near_verbatim";
    corpus.reuse.push_back(r);
    ClaimGroup g;
    g.id = "g1";
    g.story = "s-1";
    g.category = "killed";
    g.subject = "civilians";
    g.subject_label = "civilians";
    g.claims = {{0, 0}};
    g.status = "single";
    g.low = g.high = g.conservative = 52;
    g.sources = {"وزارة الصحة"};
    corpus.groups.push_back(g);
    EntityRecord e;
    e.id = "e1";
    e.type = EntityType::kORG;
    e.name = "وزارة الصحة";
    MentionItem m;
    m.key = "k";
    m.entity = "e1";
    m.span = {60, 80};
    m.text = "وزارة الصحة";
    a.mentions.push_back(m);
    e.mentions.push_back({0, 0});
    corpus.entities.push_back(e);
    StoryRecord s;
    s.id = "s-1";
    s.docs = {0, 1};
    s.title_doc = 0;
    s.first = docs[0].published.serial() * 1440;
    s.last = -1;
    corpus.stories.push_back(s);
    corpus.story_of = {0, 0};
  }
  std::string Json(bool pretty) const {
    std::ostringstream out;
    WriteAnalysisJson(docs, corpus, RunInfo{"1.2.3", {"manifest row 3: no id"}, {}}, out, pretty);
    return out.str();
  }
};

TEST(AnalysisJsonTest, ASmallAnalysisParsesBackWithItsFields) {
  SmallAnalysis f;
  const std::string compact = f.Json(false), pretty = f.Json(true);
  auto j = nlohmann::json::parse(compact, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << compact;
  EXPECT_EQ(nlohmann::json::parse(pretty, nullptr, false), j);
  EXPECT_EQ(j["isnad"], nlohmann::json::parse(R"({"engine":"isnad","version":"1.2.3","documents":2})"));
  EXPECT_EQ(j["errors"], nlohmann::json::array({"manifest row 3: no id"}));
  EXPECT_EQ(j["warnings"], nlohmann::json::array());
  const auto& d = j["documents"][0];
  EXPECT_EQ(d["title"], f.docs[0].title);
  EXPECT_EQ(d["title_span"], nlohmann::json::array({0, 9}));
  EXPECT_EQ(d["published"], "2018-05-14");
  EXPECT_EQ(d["published_inferred"], false);
  EXPECT_EQ(d["dateline"]["place"], "غزة");
  EXPECT_EQ(d["boilerplate"], nlohmann::json::parse("[[380,400]]"));
  EXPECT_EQ(d["boilerplate_kinds"], nlohmann::json::array({"read_also"}));
  EXPECT_FALSE(d.contains("article_text"));
  EXPECT_EQ(d["stats"]["tokens"], 70);
  EXPECT_EQ(d["story"], "s-1");
  EXPECT_TRUE(j["documents"][1]["title"].is_null());
  EXPECT_TRUE(j["documents"][1]["dateline"].is_null());
  EXPECT_EQ(j["times"][0]["anchor"], "2018-05-14");
  EXPECT_EQ(j["quantities"][0]["value"], nlohmann::json::parse(R"({"low":52,"high":52,"qualifier":"exact"})"));
  EXPECT_TRUE(j["quantities"][0]["unit"].is_null());
  const auto& c = j["claims"][0];
  EXPECT_EQ(c["id"], "doc0#c1");
  EXPECT_EQ(c["subject"], nlohmann::json::parse(R"({"class":"civilians"})"));
  EXPECT_EQ(c["source"]["entity"], "e1");
  EXPECT_EQ(c["source"]["kind"], "speaker");
  EXPECT_EQ(c["source"]["chain"], nlohmann::json::array({"مصادر"}));
  EXPECT_EQ(c["as_of"], "2018-05-14");
  EXPECT_EQ(j["framing"][0]["voice"], nlohmann::json::parse(R"({"kind":"outlet","text":"وفا"})"));
  EXPECT_EQ(j["reuse"][0]["similarity"], 0.571);
  EXPECT_TRUE(j["reuse"][0]["earlier"].is_null());
  EXPECT_EQ(j["reuse"][0]["story"], "s-1");
  EXPECT_EQ(j["claim_groups"][0]["claims"], nlohmann::json::array({"doc0#c1"}));
  EXPECT_EQ(j["claim_groups"][0]["independent_sources"], 1);
  EXPECT_EQ(j["stories"][0]["first"], "2018-05-14");
  EXPECT_TRUE(j["stories"][0]["last"].is_null());
  EXPECT_EQ(j["entities"][0]["mentions"][0]["doc"], "doc0");
  EXPECT_EQ(j["entities"][0]["mentions"][0]["span"][0], 60);  // read from the analysis's mention
  EXPECT_EQ(j["entities"][0]["mentions"][0]["span"][1], 80);
  EXPECT_EQ(j["entities"][0]["mentions"][0]["text"], "وزارة الصحة");
  EXPECT_TRUE(j["events"].empty());
  // The skeleton: one top-level member per line when pretty, records from column 0.
  EXPECT_EQ(pretty.find("{\n\"isnad\": {\n \"engine\": \"isnad\",\n"), 0u) << pretty;
  EXPECT_NE(pretty.find("\n],\n\"events\": [\n\n],\n"), std::string::npos) << pretty;
  EXPECT_EQ(compact.find("{\"isnad\": {\"engine\":\"isnad\","), 0u) << compact;
  EXPECT_EQ(compact.substr(compact.size() - 3), "}]}");  // compact: no newline at all
  EXPECT_EQ(compact.find('\n'), std::string::npos);
  EXPECT_EQ(pretty.substr(pretty.size() - 6), "}\n]\n}\n");
}

}  // namespace
}  // namespace isnad
