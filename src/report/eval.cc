#include "report/eval.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace isnad {

namespace {

using Json = nlohmann::json;

// A member array by reference (an empty one when missing): the scorer keeps pointers
// into the documents, so it must never iterate over copies.
const Json& Arr(const Json& j, const char* key) {
  static const Json kEmpty = Json::array();
  return j.is_object() && j.contains(key) && j[key].is_array() ? j[key] : kEmpty;
}

class Scorer {
 public:
  Scorer(const Json& a, const Json& g, const Lexicons& lx) : a_(a), g_(g), lx_(lx) {
    for (const Json& e : Arr(a_, "entities")) entities_[e.value("id", "")] = &e;
  }

  EvalResult Run() {
    Documents();
    Boilerplate();
    Claims();
    Entities();
    Times();
    Framing();
    return std::move(r_);
  }

 private:
  // Normalized words of a name: folded letters, punctuation as spaces.
  std::vector<std::string> Words(const std::string& s) const {
    std::string n = lx_.normalizer.NormalizeString(s);
    for (char& c : n) {
      if (std::string_view("\"'()[]{}:;,.!?-_/\\").find(c) != std::string_view::npos) c = ' ';
    }
    std::vector<std::string> out;
    std::istringstream in(n);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
  }
  std::string Norm(const std::string& s) const {
    std::string out;
    for (const std::string& w : Words(s)) out += (out.empty() ? "" : " ") + w;
    return out;
  }
  bool TokensIn(const std::string& needle, const std::string& hay) const {
    auto n = Words(needle), h = Words(hay);
    if (n.empty()) return false;
    for (size_t i = 0; i + n.size() <= h.size(); ++i) {
      if (std::equal(n.begin(), n.end(), h.begin() + i)) return true;
    }
    if (n.size() == 1) {
      for (const std::string& t : h) {
        if (t.size() > n[0].size() && t.size() - n[0].size() <= 6 && t.compare(t.size() - n[0].size(), n[0].size(), n[0]) == 0) return true;
      }
    }
    return false;
  }
  bool NameMatch(const std::vector<std::string>& gold, const std::vector<std::string>& cand) const {
    for (const std::string& g : gold) {
      for (const std::string& c : cand) {
        if (Norm(g) == Norm(c) || TokensIn(g, c)) return true;
      }
    }
    return false;
  }
  std::vector<std::string> EntityNames(const std::string& id) const {
    std::vector<std::string> out;
    auto it = entities_.find(id);
    if (it == entities_.end()) return out;
    const Json& e = *it->second;
    out.push_back(e.value("name", ""));
    for (const Json& x : Arr(e, "aliases")) out.push_back(x.get<std::string>());
    for (const Json& m : Arr(e, "mentions")) out.push_back(m.value("text", ""));
    return out;
  }
  static std::string Str(const Json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
  }
  static bool Overlap(const Json& a, const Json& b) {
    return a.is_array() && b.is_array() && a.size() == 2 && b.size() == 2 && a[0].get<long>() < b[1].get<long>() &&
           b[0].get<long>() < a[1].get<long>();
  }
  static double F1(double p, double r) { return p + r == 0 ? 0 : 2 * p * r / (p + r); }
  void Miss(std::string s) { r_.misses.push_back(std::move(s)); }

  const Json* Doc(const std::string& id) const {
    for (const Json& d : Arr(a_, "documents")) {
      if (Str(d, "id") == id) return &d;
    }
    return nullptr;
  }

  void Documents() {
    int title = 0, nt = 0, date = 0, nd = 0, outlet = 0, no = 0;
    for (const Json& gd : g_["documents"]) {
      const Json* d = Doc(Str(gd, "doc"));
      Json empty = Json::object();
      const Json& sd = d ? *d : empty;
      if (!Str(gd, "title").empty()) {
        ++nt;
        if (Norm(Str(gd, "title")) == Norm(Str(sd, "title"))) ++title;
        else Miss("title " + Str(gd, "doc") + ": " + Str(sd, "title"));
      }
      if (!Str(gd, "published").empty()) {
        ++nd;
        std::string want = Str(gd, "published"), got = Str(sd, "published");
        if (got.compare(0, want.size(), want) == 0) ++date;
        else Miss("published " + Str(gd, "doc") + ": want " + want + " got " + got);
      }
      if (!Str(gd, "outlet").empty()) {
        ++no;
        if (NameMatch({Str(gd, "outlet")}, {Str(sd, "outlet")})) ++outlet;
        else Miss("outlet " + Str(gd, "doc") + ": want " + Str(gd, "outlet") + " got " + Str(sd, "outlet"));
      }
    }
    r_.metrics["documents.title_acc"] = nt ? double(title) / nt : 1;
    r_.metrics["documents.date_acc"] = nd ? double(date) / nd : 1;
    r_.metrics["documents.outlet_acc"] = no ? double(outlet) / no : 1;
  }

  void Boilerplate() {
    int ok = 0, n = 0;
    for (const Json& gb : Arr(g_, "boilerplate")) {
      ++n;
      const Json* d = Doc(Str(gb, "doc"));
      long lo = gb["span"][0], hi = gb["span"][1], covered = 0;
      if (d) {
        for (const Json& s : Arr(*d, "boilerplate")) {
          covered += std::max(0L, std::min(s[1].get<long>(), hi) - std::max(s[0].get<long>(), lo));
        }
      }
      if (covered * 2 >= hi - lo) ++ok;
      else Miss("boilerplate not marked " + Str(gb, "doc") + " " + gb["span"].dump());
    }
    r_.metrics["boilerplate.recall"] = n ? double(ok) / n : 1;
  }

  bool ValueOk(const Json& g, const Json& s) const {
    if (!s.is_object()) return false;
    std::string gq = Str(g, "qualifier"), sq = Str(s, "qualifier");
    if (gq == "all") return sq == "all";
    auto num = [](const Json& j, const char* k) { return j.contains(k) && j[k].is_number() ? j[k].get<double>() : -1.0; };
    if (gq == "vague" || sq == "vague") {
      double glo = num(g, "low"), ghi = num(g, "high"), slo = num(s, "low"), shi = num(s, "high");
      if (glo < 0 || ghi < 0 || slo < 0 || shi < 0) return false;
      return slo <= ghi && glo <= shi;
    }
    return num(g, "low") == num(s, "low") && num(g, "high") == num(s, "high") && gq == sq;
  }

  std::vector<std::string> SourceNames(const Json& src) const {
    std::vector<std::string> out;
    if (!Str(src, "text").empty()) out.push_back(Str(src, "text"));
    if (!Str(src, "entity").empty()) {
      auto e = EntityNames(Str(src, "entity"));
      out.insert(out.end(), e.begin(), e.end());
    }
    return out;
  }

  void Claims() {
    std::vector<const Json*> sys;
    for (const Json& c : Arr(a_, "claims")) {
      if (c.value("kind", "quantity") == "quantity") sys.push_back(&c);
    }
    std::set<size_t> used, used_optional;
    int det = 0, cat = 0, val = 0, src = 0, full = 0, subj = 0, chain_ok = 0, chain_n = 0, required = 0;
    for (const Json& g : g_["claims"]) {
      bool optional = g.value("optional", false);
      if (!optional) ++required;
      std::vector<size_t> cands;
      for (size_t i = 0; i < sys.size(); ++i) {
        if (Str(*sys[i], "doc") == Str(g, "doc") && Overlap((*sys[i])["span"], g["span"])) cands.push_back(i);
      }
      if (cands.empty()) {
        if (!optional) Miss("claim missed " + Str(g, "doc") + " '" + Str(g, "text") + "' " + Str(g, "category"));
        continue;
      }
      std::stable_sort(cands.begin(), cands.end(), [&](size_t x, size_t y) {
        return (Str(*sys[x], "category") != Str(g, "category")) < (Str(*sys[y], "category") != Str(g, "category"));
      });
      used.insert(cands.begin(), cands.end());
      if (optional) {
        used_optional.insert(cands.begin(), cands.end());
        continue;
      }
      const Json& c = *sys[cands[0]];
      ++det;
      bool ok_cat = Str(c, "category") == Str(g, "category");
      bool ok_val = ValueOk(g["value"], c.value("value", Json()));
      const Json src_j = c.value("source", Json::object());
      std::vector<std::string> gold_sources;
      bool outlet_ok = false;
      for (const Json& s : g["sources"]) {
        if (s == "@outlet") outlet_ok = true;
        else gold_sources.push_back(s.get<std::string>());
      }
      bool is_outlet = Str(src_j, "kind") == "outlet" || (Str(src_j, "text").empty() && Str(src_j, "entity").empty());
      bool ok_src = is_outlet ? outlet_ok : NameMatch(gold_sources, SourceNames(src_j));
      cat += ok_cat;
      val += ok_val;
      src += ok_src;
      const Json& gs = g["subject"];
      const Json sj = c.value("subject", Json::object());
      if (gs.contains("class")) {
        subj += Str(sj, "class") == gs["class"].get<std::string>();
      } else if (gs.contains("entity")) {
        std::vector<std::string> names;
        if (!Str(sj, "text").empty()) names.push_back(Str(sj, "text"));
        auto e = EntityNames(Str(sj, "entity"));
        names.insert(names.end(), e.begin(), e.end());
        subj += NameMatch(gs["entity"].get<std::vector<std::string>>(), names);
      }
      if (g.contains("chain")) {
        ++chain_n;
        std::vector<std::string> names;
        for (const Json& link : Arr(src_j, "chain")) {
          std::string l = link.get<std::string>();
          auto e = EntityNames(l);
          if (e.empty()) names.push_back(l);
          names.insert(names.end(), e.begin(), e.end());
        }
        bool all = true;
        for (const Json& x : g["chain"]) all &= NameMatch({x.get<std::string>()}, names);
        chain_ok += all;
      }
      if (ok_cat && ok_val && ok_src) {
        ++full;
      } else {
        Miss("claim wrong " + Str(g, "doc") + " '" + Str(g, "text") + "': category " + Str(c, "category") + " (want " +
             Str(g, "category") + "), value " + (ok_val ? "ok" : "wrong") + ", source " +
             (ok_src ? "ok" : Str(src_j, "text")));
      }
    }
    size_t counted = 0;
    for (size_t i = 0; i < sys.size(); ++i) {
      if (used_optional.count(i)) continue;
      if (Str(*sys[i], "category") == "other" && !used.count(i)) continue;
      ++counted;
      if (!used.count(i)) Miss("claim spurious " + Str(*sys[i], "doc") + " '" + Str(*sys[i], "text") + "' " + Str(*sys[i], "category"));
    }
    int bad = 0;
    for (const Json& nc : Arr(g_, "not_claims")) {
      for (const Json* c : sys) {
        if (Str(*c, "doc") == Str(nc, "doc") && Overlap((*c)["span"], nc["span"])) {
          ++bad;
          Miss("non-claim reported " + Str(nc, "doc") + " (" + Str(nc, "why") + ")");
          break;
        }
      }
    }
    double p_det = counted ? double(det) / counted : 0, r_det = required ? double(det) / required : 0;
    double p_full = counted ? double(full) / counted : 0, r_full = required ? double(full) / required : 0;
    r_.metrics["claims.detect_f1"] = F1(p_det, r_det);
    r_.metrics["claims.full_f1"] = F1(p_full, r_full);
    r_.metrics["claims.category_acc"] = det ? double(cat) / det : 0;
    r_.metrics["claims.value_acc"] = det ? double(val) / det : 0;
    r_.metrics["claims.source_acc"] = det ? double(src) / det : 0;
    r_.metrics["claims.subject_acc"] = det ? double(subj) / det : 0;
    r_.metrics["claims.chain_recall"] = chain_n ? double(chain_ok) / chain_n : 1;
    r_.metrics["claims.non_claims_reported"] = bad;
  }

  std::set<std::string> ClustersWith(const std::string& name) const {
    std::set<std::string> out;
    std::string n = Norm(name);
    for (const auto& [id, e] : entities_) {
      for (const std::string& x : EntityNames(id)) {
        if (!x.empty() && Norm(x) == n) {
          out.insert(id);
          break;
        }
      }
    }
    return out;
  }

  void Entities() {
    int ok = 0, n = 0;
    const Json& ge = g_.value("entities", Json::object());
    for (const Json& p : Arr(ge, "same")) {
      ++n;
      auto x = ClustersWith(p[0]), y = ClustersWith(p[1]);
      bool hit = false;
      for (const auto& id : x) hit |= y.count(id) > 0;
      ok += hit;
      if (!hit) Miss("entities not merged: " + p[0].get<std::string>() + " ~ " + p[1].get<std::string>());
    }
    for (const Json& p : Arr(ge, "different")) {
      ++n;
      auto x = ClustersWith(p[0]), y = ClustersWith(p[1]);
      bool shared = false;
      for (const auto& id : x) shared |= y.count(id) > 0;
      bool good = !x.empty() && !y.empty() && !shared;
      ok += good;
      if (!good) Miss("entities wrongly merged or missing: " + p[0].get<std::string>() + " / " + p[1].get<std::string>());
    }
    r_.metrics["entities.pair_acc"] = n ? double(ok) / n : 1;
  }

  void Times() {
    int ok = 0, n = 0;
    for (const Json& gt : Arr(g_, "times")) {
      ++n;
      std::string want = Str(gt, "value");
      bool hit = false;
      for (const Json& t : Arr(a_, "times")) {
        if (Str(t, "doc") != Str(gt, "doc") || !Overlap(t["span"], gt["span"])) continue;
        std::string v = Str(t, "value");
        if (v.empty()) continue;
        if (v == want) hit = true;
        size_t slash = want.find('/');
        if (slash != std::string::npos && (v == want.substr(0, slash) || v == want.substr(slash + 1))) hit = true;
      }
      ok += hit;
      if (!hit) Miss("time " + Str(gt, "doc") + " '" + Str(gt, "text") + "': want " + want);
    }
    r_.metrics["times.acc"] = n ? double(ok) / n : 1;
  }

  void Framing() {
    int ok = 0, n = 0;
    for (const Json& gf : Arr(g_, "framing")) {
      ++n;
      bool good = false;
      for (const Json& f : Arr(a_, "framing")) {
        if (Str(f, "doc") != Str(gf, "doc") || !Overlap(f["span"], gf["span"])) continue;
        const Json v = f.value("voice", Json::object());
        if (Str(gf, "voice") == "outlet") {
          good |= Str(v, "kind") == "outlet";
        } else if (Str(v, "kind") != "outlet") {
          good |= NameMatch({Str(gf, "voice")}, SourceNames(v));
        }
      }
      ok += good;
      if (!good) Miss("epithet " + Str(gf, "doc") + " '" + Str(gf, "text") + "' voice " + Str(gf, "voice"));
    }
    r_.metrics["framing.recall"] = n ? double(ok) / n : 1;
  }

  const Json& a_;
  const Json& g_;
  const Lexicons& lx_;
  std::map<std::string, const Json*> entities_;
  EvalResult r_;
};

}  // namespace

EvalResult Evaluate(const nlohmann::json& analysis, const nlohmann::json& gold, const Lexicons& lx) {
  return Scorer(analysis, gold, lx).Run();
}

}  // namespace isnad
