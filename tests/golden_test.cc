// The golden suite: every folder under tests/golden/ is one case — an article and what
// the engine must find in it — checked against the analysis JSON (the contract in
// SPEC.md), so a regression is a new folder, not new C++. tests/golden/README.md gives the
// format. Each case is its own test (GoldenTest.Case/<folder>).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "link/corpus.h"
#include "link/pipeline.h"
#include "report/json_writer.h"
#include "test_util.h"

namespace isnad {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> out;
  size_t b = 0;
  for (;;) {
    size_t e = line.find(sep, b);
    out.push_back(line.substr(b, e == std::string::npos ? std::string::npos : e - b));
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return out;
}

std::vector<std::string> Cases() {
  std::vector<std::string> out;
  fs::path root = fs::path(ISNAD_SOURCE_DIR) / "tests" / "golden";
  if (!fs::exists(root)) return out;
  for (const auto& e : fs::directory_iterator(root)) {
    if (e.is_directory() && fs::exists(e.path() / "input.txt")) out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The analysis JSON of one case's article, with its meta.tsv (published, outlet, title).
Json AnalyzeCase(const fs::path& dir) {
  Document d;
  d.id = "case";
  d.path = (dir / "input.txt").string();
  d.input = ReadFile(dir / "input.txt");
  d.published = "2018-05-15";  // a default anchor; meta.tsv may change or clear it
  d.published_from = "manifest";
  if (fs::exists(dir / "meta.tsv")) {
    std::istringstream meta(ReadFile(dir / "meta.tsv"));
    for (std::string line; std::getline(meta, line);) {
      if (line.empty() || line[0] == '#') continue;
      auto f = Split(line, '\t');
      if (f.size() < 2) continue;
      if (f[0] == "published") d.published = f[1] == "none" ? "" : f[1];
      if (f[0] == "outlet") {
        d.outlet = f[1];
        d.outlet_from = "manifest";
      }
      if (f[0] == "title") {
        d.title = f[1];
        d.title_from = "manifest";
      }
    }
  }
  if (d.published.empty()) d.published_from.clear();
  DocAnalysis a = AnalyzeDocument(d, testing::Lx());
  for (const std::string& e : SpanMismatches(d, a)) ADD_FAILURE() << "span: " << e;
  Corpus corpus(testing::Lx());
  corpus.Add(std::move(a));
  const CorpusResult& result = corpus.Snapshot();
  std::stringstream ss;
  RunInfo run;
  WriteAnalysisJson(corpus.analyses(), result, run, ss, false);
  return Json::parse(ss.str());
}

std::string Str(const Json& j) { return j.is_string() ? j.get<std::string>() : j.is_null() ? "null" : j.dump(); }

// The names an entity id answers to (canonical name and every alias).
std::vector<std::string> NamesOf(const Json& a, const Json& id) {
  std::vector<std::string> out;
  if (!id.is_string()) return out;
  for (const Json& e : a["entities"]) {
    if (e["id"] != id) continue;
    out.push_back(e["name"].get<std::string>());
    for (const Json& x : e["aliases"]) out.push_back(x.get<std::string>());
  }
  return out;
}

// `want` names the actor `ref` (text as written, or any name of its entity).
bool Names(const Json& a, const Json& ref, const std::string& want) {
  if (ref.contains("text") && Str(ref["text"]) == want) return true;
  for (const std::string& n : NamesOf(a, ref.value("entity", Json()))) {
    if (n == want) return true;
  }
  return false;
}

std::string Describe(const Json& c) {
  std::ostringstream o;
  o << "`" << Str(c["text"]) << "` " << Str(c["category"]) << " " << Str(c["value"]["low"]) << "-"
    << Str(c["value"]["high"]) << " " << Str(c["value"]["qualifier"]) << " subject=" << c["subject"].dump()
    << " source=" << Str(c["source"]["text"]) << "(" << Str(c["source"]["kind"]) << ") chain=" << c["source"]["chain"].dump()
    << " as_of=" << Str(c["as_of"]);
  return o.str();
}

// Checks one `claim` row's attributes against a claim; returns the mismatches.
std::vector<std::string> ClaimMismatches(const Json& a, const Json& c, const std::vector<std::string>& attrs) {
  std::vector<std::string> bad;
  for (size_t k = 2; k < attrs.size(); ++k) {
    size_t eq = attrs[k].find('=');
    if (eq == std::string::npos) continue;
    std::string key = attrs[k].substr(0, eq), want = attrs[k].substr(eq + 1);
    bool ok = true;
    if (key == "category") ok = Str(c["category"]) == want;
    else if (key == "low") ok = Str(c["value"]["low"]) == want;
    else if (key == "high") ok = Str(c["value"]["high"]) == want;
    else if (key == "qualifier") ok = Str(c["value"]["qualifier"]) == want;
    else if (key == "as_of") ok = Str(c["as_of"]).rfind(want, 0) == 0;
    else if (key == "subject") {
      const Json& s = c["subject"];
      ok = want.rfind("class:", 0) == 0 ? Str(s.value("class", Json())) == want.substr(6) : Names(a, s, want);
    } else if (key == "source") {
      const Json& s = c["source"];
      ok = want == "outlet" ? Str(s["kind"]) == "outlet" : (Str(s["kind"]) == "speaker" && Names(a, s, want));
    } else if (key == "chain") {
      std::vector<std::string> links = want.empty() ? std::vector<std::string>() : Split(want, '|');
      const Json& chain = c["source"]["chain"];
      ok = chain.size() == links.size();
      for (size_t i = 0; ok && i < links.size(); ++i) {
        const Json& link = chain[i];
        bool named = Str(link) == links[i];
        for (const std::string& n : NamesOf(a, link)) named |= n == links[i];
        ok = named;
      }
    } else {
      bad.push_back("unknown attribute " + key);
      continue;
    }
    if (!ok) bad.push_back(key + "=" + want);
  }
  return bad;
}

// Where TEXT stands in the input: its first occurrence, or its n-th with a "#n" suffix
// ("12#2"). Returns [begin, end) or npos.
std::pair<size_t, size_t> Locate(const std::string& input, const std::string& text) {
  std::string t = text;
  int nth = 1;
  size_t hash = t.rfind('#');
  if (hash != std::string::npos && hash + 1 < t.size() && std::isdigit(static_cast<unsigned char>(t[hash + 1]))) {
    nth = std::stoi(t.substr(hash + 1));
    t = t.substr(0, hash);
  }
  size_t at = std::string::npos, from = 0;
  for (int k = 0; k < nth; ++k) {
    at = input.find(t, from);
    if (at == std::string::npos) return {at, at};
    from = at + 1;
  }
  return {at, at + t.size()};
}

bool Overlaps(const Json& span, size_t b, size_t e) {
  return span.is_array() && span.size() == 2 && span[0].get<size_t>() < e && b < span[1].get<size_t>();
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, Case) {
  fs::path dir = fs::path(ISNAD_SOURCE_DIR) / "tests" / "golden" / GetParam();
  ASSERT_TRUE(fs::exists(dir / "expected.tsv")) << "a case needs expected.tsv";
  Json a = AnalyzeCase(dir);
  const std::string input = ReadFile(dir / "input.txt");
  std::istringstream expected(ReadFile(dir / "expected.tsv"));
  int lineno = 0;
  std::vector<const Json*> listed;  // claims named by a `claim` row
  bool only = false;
  for (std::string line; std::getline(expected, line);) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    auto f = Split(line, '\t');
    const std::string& kind = f[0];
    const std::string text = f.size() > 1 ? f[1] : "";
    SCOPED_TRACE("expected.tsv:" + std::to_string(lineno) + ": " + line);
    if (kind == "claims" && text == "only") {
      only = true;
    } else if (kind == "claim") {
      auto [at, end] = Locate(input, text);
      ASSERT_NE(at, std::string::npos) << "the claim text is not in input.txt";
      std::vector<std::string> best;
      const Json* found = nullptr;
      std::string seen;
      for (const Json& c : a["claims"]) {
        if (!Overlaps(c["span"], at, end)) continue;
        auto bad = ClaimMismatches(a, c, f);
        if (!found || bad.size() < best.size()) {
          found = &c;
          best = bad;
        }
      }
      for (const Json& c : a["claims"]) seen += "\n    " + Describe(c);
      if (!found) {
        ADD_FAILURE() << "no claim `" << text << "`; claims found:" << seen;
        continue;
      }
      listed.push_back(found);
      if (!best.empty()) {
        std::string b;
        for (const std::string& x : best) b += " " + x;
        ADD_FAILURE() << "claim " << Describe(*found) << " does not have:" << b;
      }
    } else if (kind == "no-claim") {
      auto [at, end] = Locate(input, text);
      ASSERT_NE(at, std::string::npos) << "the text is not in input.txt";
      for (const Json& c : a["claims"]) {
        EXPECT_FALSE(Overlaps(c["span"], at, end)) << "not a claim, but reported: " << Describe(c);
      }
    } else if (kind == "time") {
      std::string want = f.size() > 2 && f[2].rfind("value=", 0) == 0 ? f[2].substr(6) : "";
      bool ok = false;
      std::string seen;
      for (const Json& t : a["times"]) {
        seen += " `" + Str(t["text"]) + "`=" + Str(t["value"]);
        ok |= Str(t["text"]) == text && (want.empty() || Str(t["value"]) == want);
      }
      EXPECT_TRUE(ok) << "no time `" << text << "` = " << want << "; times:" << seen;
    } else if (kind == "quantity") {
      // quantity TEXT kind=K low=V: a quantity whose span overlaps TEXT, of kind K (count,
      // money, identifier, object, …) and low value V (each attribute optional).
      std::string want, low;
      for (size_t k = 2; k < f.size(); ++k) {
        if (f[k].rfind("kind=", 0) == 0) want = f[k].substr(5);
        if (f[k].rfind("low=", 0) == 0) low = f[k].substr(4);
      }
      auto [at, end] = Locate(input, text);
      ASSERT_NE(at, std::string::npos) << "the quantity text is not in input.txt";
      bool ok = false;
      std::string seen;
      for (const Json& q : a["quantities"]) {
        seen += " `" + Str(q["text"]) + "`=" + Str(q["kind"]) + ":" + Str(q["value"]["low"]);
        ok |= Overlaps(q["span"], at, end) && (want.empty() || Str(q["kind"]) == want) &&
              (low.empty() || Str(q["value"]["low"]) == low);
      }
      EXPECT_TRUE(ok) << "no quantity `" << text << "` of kind " << want << " low " << low << "; quantities:" << seen;
    } else if (kind == "no-time") {
      for (const Json& t : a["times"]) EXPECT_NE(Str(t["text"]), text) << "not a time";
    } else if (kind == "framing") {
      std::string entity, voice;
      for (size_t k = 2; k < f.size(); ++k) {
        if (f[k].rfind("entity=", 0) == 0) entity = f[k].substr(7);
        if (f[k].rfind("voice=", 0) == 0) voice = f[k].substr(6);
      }
      bool ok = false;
      std::string seen;
      for (const Json& fr : a["framing"]) {
        seen += " `" + Str(fr["text"]) + "`";
        if (Str(fr["text"]) != text) continue;
        bool e_ok = entity.empty();
        for (const std::string& n : NamesOf(a, fr["entity"])) e_ok |= n == entity;
        bool v_ok = voice.empty() || (voice == "outlet" ? Str(fr["voice"]["kind"]) == "outlet" : Names(a, fr["voice"], voice));
        ok |= e_ok && v_ok;
      }
      EXPECT_TRUE(ok) << "no framing `" << text << "` of " << entity << " in the voice of " << voice << "; framing:" << seen;
    } else if (kind == "boilerplate") {
      auto [at, end] = Locate(input, text);
      ASSERT_NE(at, std::string::npos) << "the boilerplate text is not in input.txt";
      bool ok = false;
      for (const Json& s : a["documents"][0]["boilerplate"]) {
        ok |= s[0].get<size_t>() <= at && s[1].get<size_t>() >= end;
      }
      EXPECT_TRUE(ok) << "`" << text << "` is not marked as page chrome";
    } else if (kind == "body") {
      auto [at, end] = Locate(input, text);
      ASSERT_NE(at, std::string::npos) << "the body text is not in input.txt";
      for (const Json& s : a["documents"][0]["boilerplate"]) {
        EXPECT_FALSE(Overlaps(s, at, end)) << "article text `" << text << "` marked as chrome";
      }
    } else if (kind == "title") {
      EXPECT_EQ(Str(a["documents"][0]["title"]), text);
    } else if (kind == "published") {
      EXPECT_EQ(Str(a["documents"][0]["published"]), text);
    } else if (kind == "same" || kind == "apart") {
      ASSERT_GE(f.size(), 3u);
      auto entity_of = [&](const std::string& t) {
        for (const Json& e : a["entities"]) {
          for (const Json& m : e["mentions"]) {
            if (Str(m["text"]) == t) return Str(e["id"]);
          }
        }
        return std::string();
      };
      std::string x = entity_of(f[1]), y = entity_of(f[2]);
      EXPECT_FALSE(x.empty()) << "no mention `" << f[1] << "`";
      EXPECT_FALSE(y.empty()) << "no mention `" << f[2] << "`";
      if (kind == "same") EXPECT_EQ(x, y) << "`" << f[1] << "` and `" << f[2] << "` should be one actor";
      else EXPECT_NE(x, y) << "`" << f[1] << "` and `" << f[2] << "` should be two actors";
    } else {
      ADD_FAILURE() << "unknown row kind `" << kind << "`";
    }
  }
  if (only) {
    for (const Json& c : a["claims"]) {
      bool named = std::find(listed.begin(), listed.end(), &c) != listed.end();
      EXPECT_TRUE(named) << "a claim the case does not list: " << Describe(c);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<std::string>& i) {
                           std::string n;
                           for (char ch : i.param) n += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                           return n;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenTest);

}  // namespace
}  // namespace isnad
