#include "report/html_report.h"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <string_view>
#include <unordered_map>

#include "util/utf8.h"

namespace isnad {

namespace {

using Json = nlohmann::ordered_json;

// Byte offsets -> UTF-16 offsets (what JavaScript strings index), per document.
class Utf16Map {
 public:
  explicit Utf16Map(const std::string& text) : at_(text.size() + 1, 0) {
    uint32_t u = 0;
    for (size_t i = 0; i < text.size();) {
      int len;
      char32_t cp = utf8::Decode(text, i, &len);
      for (int k = 0; k < len; ++k) at_[i + k] = u;
      u += cp >= 0x10000 ? 2 : 1;
      i += len;
    }
    at_[text.size()] = u;
  }
  Json Span(ByteSpan s) const {
    auto f = [&](uint32_t b) { return at_[std::min<size_t>(b, at_.size() - 1)]; };
    return Json::array({f(s.begin), f(s.end)});
  }

 private:
  std::vector<uint32_t> at_;
};

// Documents whose text the page embeds at most; beyond, items keep their figures but
// cannot open the article (the JSON output has everything).
constexpr size_t kMaxEmbeddedDocs = 2000;

const char kPage[] = R"HTML(<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>isnad report</title>
<style>
body{font-family:"Noto Naskh Arabic","Noto Sans Arabic","DejaVu Sans",Tahoma,sans-serif;margin:0;background:#f6f5f2;color:#222}
header{background:#24323f;color:#fff;padding:12px 20px}
header h1{margin:0;font-size:22px}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;padding:16px}
section{background:#fff;border-radius:6px;padding:12px 16px;box-shadow:0 1px 2px rgba(0,0,0,.08);margin-bottom:16px}
h2{font-size:18px;margin:4px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;width:100%;font-size:14px}
td,th{border-bottom:1px solid #eee;padding:4px 6px;text-align:right;vertical-align:top}
tr.group td{background:#f0f3f6;font-weight:bold}
tr.status-conflict td{background:#fde2e1}
tr.status-evolving td{background:#fff3d6}
tr.status-agree td{background:#e3f4e5}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;color:#fff}
.b-conflict{background:#c0392b}.b-evolving{background:#d68910}.b-agree{background:#27ae60}.b-single{background:#7f8c8d}
.link{color:#1f5fa8;cursor:pointer;text-decoration:underline}
.chain{color:#555;font-size:13px}
#article{white-space:pre-wrap;line-height:1.9;font-size:15px;max-height:70vh;overflow:auto;border:1px solid #eee;padding:8px}
mark{background:#ffe066;padding:0 1px}
svg text{font-size:11px;font-family:inherit}
.muted{color:#888;font-size:12px}
</style>
</head>
<body>
<header><h1>isnad — من قال ماذا، وعن من، ومتى</h1><div id="summary" class="muted"></div></header>
<main>
<div>
<section><h2>الأرقام والمصادر</h2><table id="claims"><thead><tr><th>الفئة</th><th>من</th><th>الحالة</th><th>المدى</th><th>التقدير المتحفظ</th><th>المصادر المستقلة</th></tr></thead><tbody></tbody></table></section>
<section><h2>الخط الزمني</h2><div id="timeline"></div></section>
<section><h2>تطور الحصيلة حسب المصدر</h2><div id="tallies"></div></section>
<section><h2>التأطير: من يسمي من وكيف</h2><table id="framing"><thead><tr><th>المنفذ</th><th>الجهة</th><th>الوصف</th><th>الصوت</th></tr></thead><tbody></tbody></table></section>
</div>
<div>
<section><h2>القصص</h2><table id="stories"><thead><tr><th>المقال</th><th>المنفذ</th><th>التاريخ</th></tr></thead><tbody></tbody></table></section>
<section><h2>النص</h2><div id="article-head" class="muted">اختر عنصراً لعرض دليله في المقال.</div><div id="article"></div></section>
</div>
</main>
<script type="application/json" id="isnad-data">@DATA@</script>
<script>
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("isnad-data").textContent);
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function docById(id) { for (var i = 0; i < data.docs.length; i++) if (data.docs[i].id === id) return data.docs[i]; return null; }
  function show(docId, span, label) {
    var d = docById(docId), box = document.getElementById("article"), head = document.getElementById("article-head");
    while (box.firstChild) box.removeChild(box.firstChild);
    if (!d || d.text === null) { head.textContent = "النص غير مضمن في التقرير"; return; }
    head.textContent = (d.title || d.id) + " — " + (d.outlet || "") + " " + (d.published || "") + (label ? " — " + label : "");
    var t = d.text, a = span ? span[0] : 0, b = span ? span[1] : 0;
    box.appendChild(document.createTextNode(t.slice(0, a)));
    var m = el("mark", null, t.slice(a, b));
    box.appendChild(m);
    box.appendChild(document.createTextNode(t.slice(b)));
    if (m.scrollIntoView) m.scrollIntoView({block: "center"});
  }
  function link(text, docId, span, label) {
    var s = el("span", {"class": "link"}, text);
    s.addEventListener("click", function () { show(docId, span, label); });
    return s;
  }
  document.getElementById("summary").textContent =
    data.docs.length + " مقالات، " + data.groups.length + " مجموعات أرقام، " + data.events.length + " أحداث، " + data.reuse + " مقاطع منقولة";
  // Stories.
  var sb = document.querySelector("#stories tbody");
  data.docs.forEach(function (d) {
    var tr = el("tr");
    var td = el("td"); td.appendChild(link(d.title || d.id, d.id, null)); tr.appendChild(td);
    tr.appendChild(el("td", null, d.outlet || "—"));
    tr.appendChild(el("td", null, (d.published || "—") + (d.inferred ? " (مستنتج)" : "")));
    sb.appendChild(tr);
  });
  // Claim groups.
  var cb = document.querySelector("#claims tbody");
  data.groups.forEach(function (g) {
    var tr = el("tr", {"class": "group status-" + g.status, "id": "group-" + g.id});
    tr.appendChild(el("td", null, g.category));
    tr.appendChild(el("td", null, g.subject));
    var st = el("td"); st.appendChild(el("span", {"class": "badge b-" + g.status}, g.status)); tr.appendChild(st);
    tr.appendChild(el("td", null, (g.low === null ? "?" : g.low) + " – " + (g.high === null ? "∞" : g.high)));
    tr.appendChild(el("td", null, g.conservative === null ? "—" : g.conservative));
    tr.appendChild(el("td", null, g.sources.length + ": " + g.sources.join("، ")));
    cb.appendChild(tr);
    g.claims.forEach(function (c) {
      var r = el("tr", {"class": "claim"});
      var f = el("td"); f.appendChild(link(c.text, c.doc, c.span, c.category)); r.appendChild(f);
      r.appendChild(el("td", null, c.category));
      var chain = el("td", {"colspan": "4", "class": "chain"});
      var parts = [c.source].concat(c.chain).concat([c.outlet + " (المنفذ)"]);
      chain.appendChild(el("span", null, parts.join(" ← ")));
      r.appendChild(chain);
      cb.appendChild(r);
    });
  });
  var NS = "http://www.w3.org/2000/svg";
  function svg(w, h) { var s = document.createElementNS(NS, "svg"); s.setAttribute("width", w); s.setAttribute("height", h); s.setAttribute("viewBox", "0 0 " + w + " " + h); return s; }
  function node(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function day(s) { var t = Date.parse(String(s).slice(0, 10) + "T00:00:00Z"); return isNaN(t) ? null : t / 86400000; }
  // Timeline: events on a date axis (left to right in time, whatever the page direction).
  (function () {
    var ev = data.events.filter(function (e) { return day(e.date) !== null; });
    var box = document.getElementById("timeline");
    if (!ev.length) { box.appendChild(el("div", {"class": "muted"}, "لا أحداث مؤرخة")); return; }
    var lo = Math.min.apply(null, ev.map(function (e) { return day(e.date); })), hi = Math.max.apply(null, ev.map(function (e) { return day(e.date); }));
    var W = 640, H = 40 + ev.length * 22, x = function (d) { return 30 + (hi === lo ? 0.5 : (d - lo) / (hi - lo)) * (W - 260); };
    var s = svg(W, H); s.setAttribute("direction", "ltr"); s.setAttribute("id", "timeline-chart");
    s.appendChild(node("line", {x1: 40, y1: 20, x2: W - 40, y2: 20, stroke: "#999"}));
    ev.forEach(function (e, i) {
      var cx = x(day(e.date)), cy = 36 + i * 22;
      s.appendChild(node("line", {x1: cx, y1: 20, x2: cx, y2: cy, stroke: "#ccc"}));
      var c = node("circle", {cx: cx, cy: cy, r: 5, fill: "#1f5fa8", "class": "event"});
      c.addEventListener("click", function () { show(e.evidence[0].doc, e.evidence[0].span, e.type + " " + e.date); });
      s.appendChild(c);
      var t = node("text", {x: cx + 8, y: cy + 4}, e.date.slice(5) + " " + e.type + " (" + e.evidence.length + ")");
      t.addEventListener("click", function () { show(e.evidence[0].doc, e.evidence[0].span, e.summary); });
      s.appendChild(t);
    });
    box.appendChild(s);
  })();
  // Tallies over time, one series per source, for groups with several figures.
  (function () {
    var box = document.getElementById("tallies"), colors = ["#c0392b", "#2471a3", "#27ae60", "#8e44ad", "#d68910", "#16a085"];
    data.groups.filter(function (g) { return g.claims.length > 1; }).forEach(function (g) {
      var pts = g.claims.filter(function (c) { return c.low !== null && day(c.date) !== null; });
      if (pts.length < 2) return;
      var ds = pts.map(function (c) { return day(c.date); }), vs = pts.map(function (c) { return c.high !== null ? c.high : c.low; });
      var d0 = Math.min.apply(null, ds), d1 = Math.max.apply(null, ds), v1 = Math.max.apply(null, vs) || 1;
      var W = 320, H = 160, px = function (d) { return 40 + (d1 === d0 ? 0.5 : (d - d0) / (d1 - d0)) * (W - 60); }, py = function (v) { return H - 25 - v / v1 * (H - 45); };
      var s = svg(W, H); s.setAttribute("direction", "ltr"); s.setAttribute("class", "tally");
      s.appendChild(node("text", {x: 10, y: 14}, g.category + " / " + g.subject + " [" + g.status + "]"));
      s.appendChild(node("line", {x1: 35, y1: H - 25, x2: W - 10, y2: H - 25, stroke: "#999"}));
      var sources = [];
      pts.forEach(function (c) { if (sources.indexOf(c.source) < 0) sources.push(c.source); });
      sources.forEach(function (src, k) {
        var mine = pts.filter(function (c) { return c.source === src; }).sort(function (a, b) { return day(a.date) - day(b.date); });
        var path = mine.map(function (c, i) { return (i ? "L" : "M") + px(day(c.date)) + " " + py(c.low); }).join(" ");
        if (mine.length > 1) s.appendChild(node("path", {d: path, stroke: colors[k % colors.length], fill: "none"}));
        mine.forEach(function (c) {
          var dot = node("circle", {cx: px(day(c.date)), cy: py(c.low), r: 4, fill: colors[k % colors.length]});
          dot.addEventListener("click", function () { show(c.doc, c.span, c.text); });
          s.appendChild(dot);
          s.appendChild(node("text", {x: px(day(c.date)) + 5, y: py(c.low) - 4}, c.text));
        });
        s.appendChild(node("text", {x: 40, y: 28 + 12 * k, fill: colors[k % colors.length]}, src));
      });
      box.appendChild(s);
    });
    if (!box.firstChild) box.appendChild(el("div", {"class": "muted"}, "لا مجموعات بأكثر من رقم مؤرخ"));
  })();
  // Framing.
  var fb = document.querySelector("#framing tbody");
  data.framing.forEach(function (f) {
    var tr = el("tr");
    tr.appendChild(el("td", null, f.outlet || f.doc));
    tr.appendChild(el("td", null, f.entity || "—"));
    var t = el("td"); t.appendChild(link(f.text, f.doc, f.span, f.voice)); tr.appendChild(t);
    tr.appendChild(el("td", null, f.voice));
    fb.appendChild(tr);
  });
  document.body.appendChild(el("div", {"id": "report-ready", "hidden": "hidden"}));
})();
</script>
</body>
</html>
)HTML";

// base64 of the SHA-256 of `s`, as a CSP source expression wants it.
std::string Sha256Base64(std::string_view s) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(s.data()), s.size(), digest);
  unsigned char b64[4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1];
  int n = EVP_EncodeBlock(b64, digest, SHA256_DIGEST_LENGTH);
  return std::string(reinterpret_cast<char*>(b64), static_cast<size_t>(n));
}

// The text between the first `open` after `from` and its `close`.
std::string_view Between(std::string_view page, std::string_view open, std::string_view close, size_t from = 0) {
  size_t b = page.find(open, from);
  if (b == std::string_view::npos) return {};
  b += open.size();
  size_t e = page.find(close, b);
  return e == std::string_view::npos ? std::string_view() : page.substr(b, e - b);
}

// A Content-Security-Policy that lets the page run only its own script and style (by
// hash), loads nothing from anywhere, and submits nowhere: even if article text ever
// became markup, no script of its own could run.
const std::string& ContentSecurityPolicy() {
  static const std::string meta = [] {
    std::string_view page(kPage);
    std::string_view style = Between(page, "<style>", "</style>");
    size_t data_block = page.find("id=\"isnad-data\"");
    std::string_view script = Between(page, "<script>", "</script>", data_block);
    return "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-" +
           Sha256Base64(script) + "'; style-src 'sha256-" + Sha256Base64(style) +
           "'; img-src data:; base-uri 'none'; form-action 'none'\">\n";
  }();
  return meta;
}

}  // namespace

void WriteHtmlReport(const std::vector<Document>& docs, const std::vector<DocAnalysis>& analyses,
                     const CorpusResult& corpus, std::ostream& out) {
  std::vector<Utf16Map> maps;
  maps.reserve(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) maps.emplace_back(i < kMaxEmbeddedDocs ? docs[i].input : std::string());
  // Entity names by id, looked up once per item (not a scan of every entity per claim).
  std::unordered_map<std::string_view, const std::string*> names;
  names.reserve(corpus.entities.size());
  for (const EntityRecord& e : corpus.entities) names.emplace(e.id, &e.name);
  auto entity_name = [&](const std::string& id) -> const std::string& {
    auto it = names.find(id);
    return it == names.end() ? id : *it->second;
  };
  Json data;
  data["docs"] = Json::array();
  for (size_t i = 0; i < analyses.size(); ++i) {
    const DocAnalysis& a = analyses[i];
    data["docs"].push_back({{"id", a.id},
                            {"title", a.title},
                            {"outlet", a.outlet},
                            {"published", a.PublishedIso()},
                            {"inferred", a.published_from == "inferred"},
                            {"text", i < kMaxEmbeddedDocs ? Json(docs[i].input) : Json(nullptr)}});
  }
  data["groups"] = Json::array();
  for (const ClaimGroup& g : corpus.groups) {
    Json claims = Json::array();
    for (const ClaimRef& r : g.claims) {
      const DocAnalysis& a = analyses[r.doc];
      const ClaimOut& c = a.claims[r.claim];
      const QuantityItem& q = a.quantities[c.quantity];
      Json chain = Json::array();
      for (const ActorRef& link : c.chain) chain.push_back(link.entity.empty() ? link.text : entity_name(link.entity));
      std::string source = c.source ? (c.source->entity.empty() ? c.source->text : entity_name(c.source->entity))
                                    : (a.outlet.empty() ? a.id : a.outlet);
      claims.push_back({{"doc", a.id},
                        {"span", maps[r.doc].Span(q.span)},
                        {"text", q.text},
                        {"category", c.category},
                        {"low", q.q.low ? Json(*q.q.low) : Json(nullptr)},
                        {"high", q.q.high ? Json(*q.q.high) : Json(nullptr)},
                        {"source", source},
                        {"chain", chain},
                        {"outlet", a.outlet.empty() ? a.id : a.outlet},
                        {"date", a.published.valid() ? a.published.ToIso() : ""}});
    }
    data["groups"].push_back({{"id", g.id},
                              {"category", g.category},
                              {"subject", g.subject_label},
                              {"status", g.status},
                              {"low", g.low ? Json(*g.low) : Json(nullptr)},
                              {"high", g.high ? Json(*g.high) : Json(nullptr)},
                              {"conservative", g.conservative ? Json(*g.conservative) : Json(nullptr)},
                              {"sources", g.sources},
                              {"claims", claims}});
  }
  data["events"] = Json::array();
  for (const TimelineEvent& e : corpus.events) {
    Json ev = Json::array();
    for (const auto& x : e.evidence) ev.push_back({{"doc", analyses[x.doc].id}, {"span", maps[x.doc].Span(x.span)}});
    data["events"].push_back({{"date", e.date}, {"type", e.type}, {"summary", e.summary}, {"evidence", ev}});
  }
  data["framing"] = Json::array();
  for (size_t i = 0; i < analyses.size(); ++i) {
    const DocAnalysis& a = analyses[i];
    for (const FramingOut& f : a.framing) {
      std::string voice = f.voice ? (f.voice->entity.empty() ? f.voice->text : entity_name(f.voice->entity))
                                  : "المنفذ: " + (a.outlet.empty() ? a.id : a.outlet);
      data["framing"].push_back({{"doc", a.id},
                                 {"outlet", a.outlet},
                                 {"entity", f.entity.empty() ? "" : entity_name(f.entity)},
                                 {"text", f.text},
                                 {"span", maps[i].Span(f.span)},
                                 {"voice", voice}});
    }
  }
  data["reuse"] = corpus.reuse.size();
  std::string json = data.dump(-1, ' ', false, Json::error_handler_t::replace);
  // Inside <script>, "</" could close the element: JSON lets us write "<\/" instead.
  std::string safe;
  safe.reserve(json.size());
  for (size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '<' && i + 1 < json.size() && (json[i + 1] == '/' || json[i + 1] == '!')) {
      safe += "\\u003c";
      continue;
    }
    safe += json[i];
  }
  std::string_view page(kPage);
  size_t at = page.find("@DATA@");
  size_t head = page.find("<title>");
  out << page.substr(0, head) << ContentSecurityPolicy() << page.substr(head, at - head) << safe << page.substr(at + 6);
}

}  // namespace isnad
