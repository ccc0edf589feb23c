#include "ingest/html.h"

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>

#include "ingest/html_article.h"
#include "ingest/html_encoding.h"
#include "ingest/html_meta.h"
#include "ingest/html_text.h"

namespace isnad {

namespace {

using html::kNone;

// gumbo's tree lives in one arena freed at once: no per-node free, no recursive
// gumbo_destroy_output (which a deep tree would overflow the stack with).
class Arena {
 public:
  static void* Allocate(void* self, size_t n) { return static_cast<Arena*>(self)->Get(n); }
  static void Deallocate(void*, void*) {}

 private:
  void* Get(size_t n) {
    n = (n + 15) & ~size_t{15};
    if (n > left_) {
      size_t size = std::max(n, next_);
      next_ = std::min<size_t>(next_ * 2, 16u << 20);
      blocks_.emplace_back(new char[size]);
      cur_ = blocks_.back().get();
      left_ = size;
    }
    void* p = cur_;
    cur_ += n;
    left_ -= n;
    return p;
  }
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;
  size_t left_ = 0, next_ = 256u << 10;
};

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  return std::string(s.substr(b, e - b));
}

// Collapses white space, for comparing a headline with the page's title.
std::string Squeezed(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Writes the analysed text: runs become lines at block boundaries and <br>, white space
// at the ends of lines is left out, and every byte keeps its page range.
class TextWriter {
 public:
  TextWriter(const html::PageModel& m, const html::ParseBuffer& pb, const html::DecodedPage* dec, size_t input_size,
             html::MappedText* out)
      : m_(m), pb_(pb), dec_(dec), input_size_(static_cast<uint32_t>(input_size)), out_(*out) {}

  void Runs(const std::vector<uint32_t>& runs) {
    for (uint32_t r : runs) Add(r);
  }
  void NewLine() {
    while (out_.size() > line_start_ && out_.text.back() == ' ') {
      out_.text.pop_back();
      out_.start.pop_back();
      out_.end.pop_back();
    }
    if (out_.size() == line_start_) return;
    uint32_t at = out_.end.back();
    out_.Push('\n', at, at);
    line_start_ = out_.size();
    block_ = kNone;
  }

 private:
  void Add(uint32_t ri) {
    const html::Run& r = m_.runs[ri];
    // Text the parser moved before its place in the page (foster-parented out of a
    // table) would make the map go backwards: it is left out, so spans stay exact.
    if (r.begin < r.end && PageStart(m_.text.start[r.begin]) < high_) return;
    uint32_t block = m_.elems[r.elem].block;
    if ((block != block_ && block_ != kNone) || (r.flags & html::Run::kBreak)) NewLine();
    block_ = block;
    for (uint32_t i = r.begin; i < r.end; ++i) {
      char c = m_.text.text[i];
      if (c == '\n') {  // inside <pre>
        NewLine();
        block_ = block;
        continue;
      }
      if ((c == ' ' || c == '\t' || c == '\r' || c == '\f') && out_.size() == line_start_) continue;
      uint32_t s = m_.text.start[i], e = m_.text.end[i];
      uint32_t ps = PageStart(s), pe = e > s ? PageEnd(e - 1) : ps;
      out_.Push(c == '\t' || c == '\r' || c == '\f' ? ' ' : c, ps, pe);
      high_ = std::max(high_, pe);
    }
  }

  uint32_t PageStart(uint32_t b) const {
    uint32_t u = pb_.Uncut(b);
    if (dec_ == nullptr) return std::min(u, input_size_);
    return u < dec_->start.size() ? dec_->start[u] : input_size_;
  }
  // The end of the page bytes of buffer byte b.
  uint32_t PageEnd(uint32_t b) const {
    uint32_t u = pb_.Uncut(b);
    if (dec_ == nullptr) return std::min(u + 1, input_size_);
    return u < dec_->end.size() ? dec_->end[u] : input_size_;
  }

  const html::PageModel& m_;
  const html::ParseBuffer& pb_;
  const html::DecodedPage* dec_;
  uint32_t input_size_;
  html::MappedText& out_;
  size_t line_start_ = 0;
  uint32_t block_ = kNone;
  uint32_t high_ = 0;  // end of the page bytes written so far
};

// The <h1> that heads the article: the one that reads like the page's title, else the
// last one before the article's first line.
uint32_t HeadlineElement(const html::PageModel& m, const html::Article& a, const std::string& title) {
  std::string want = Squeezed(title);
  uint32_t first = a.runs.empty() ? kNone : m.runs[a.runs.front()].elem;
  uint32_t before = kNone;
  for (uint32_t h : m.h1) {
    std::string t = Squeezed(html::ElemText(m, h));
    if (t.empty()) continue;
    if (!want.empty() && (t == want || (t.size() >= 12 && want.find(t) != std::string::npos))) return h;
    if (first == kNone || h < first) before = h;
  }
  return before;
}

}  // namespace

void ExtractHtml(Document* doc) { ExtractHtml(doc, html::Rules::Default()); }

void ExtractHtml(Document* doc, const html::Rules& rules) {
  doc->text.clear();
  doc->text_to_input.clear();
  doc->text_to_input_end.clear();
  doc->article_text.clear();
  doc->article_found = doc->title_line = false;

  html::DecodedPage decoded;
  std::string charset_error;
  bool transcoded = html::DecodePage(doc->input, &decoded, &charset_error);
  if (!charset_error.empty()) {
    doc->errors.push_back(charset_error + "; read as UTF-8");
  } else if (!transcoded && decoded.invalid_at != std::string::npos) {
    doc->errors.push_back("invalid UTF-8 at byte " + std::to_string(decoded.invalid_at) +
                          "; analysed with U+FFFD in its place");
  }
  std::string_view utf8 = transcoded ? std::string_view(decoded.utf8) : std::string_view(doc->input);

  thread_local html::ParseBuffer pb;
  html::PrepareParseBuffer(utf8, &pb);
  if (pb.stopped_at != std::string::npos) {
    size_t at = transcoded && pb.stopped_at < decoded.start.size() ? decoded.start[pb.stopped_at] : pb.stopped_at;
    doc->errors.push_back("HTML too deeply nested: " + pb.stop_reason + " at byte " + std::to_string(at) +
                          "; the page was read up to there");
  }

  Arena arena;
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::Allocate;
  options.deallocator = &Arena::Deallocate;
  options.userdata = &arena;
  options.max_errors = 0;
  GumboOutput* out = gumbo_parse_with_options(&options, pb.buf.data(), pb.buf.size());

  thread_local html::PageModel model;
  html::PageMeta meta;
  html::BuildModel(out->root, rules, &model, &meta);
  for (const auto& [b, e] : pb.json_ld) html::ReadJsonLd(utf8.substr(b, e - b), rules, &meta);
  bool day_first = !(meta.lang == "en-us" || meta.lang == "en");
  for (uint32_t e : model.date_elems) {
    if (meta.published_rank >= html::kRankVisible) break;
    std::string text = html::ElemText(model, e);
    if (text.size() > 200) continue;
    meta.OfferPublished(html::PageDate(text, rules, day_first), html::kRankVisible);
  }

  html::Article article = html::FindArticle(model, meta, rules);

  // Metadata fills what the source left empty.
  std::string headline = !meta.headline.empty() ? meta.headline : meta.og_title;
  uint32_t h1 = HeadlineElement(model, article, headline);
  // The headline's line goes first only when it comes before the article on the page.
  bool h1_line = h1 != kNone && (article.runs.empty() || model.elems[h1].run_end <= article.runs.front());
  if (doc->title.empty()) {
    std::string t = Trim(!headline.empty() ? headline : h1 != kNone ? html::ElemText(model, h1) : meta.title_tag);
    if (!t.empty()) {
      doc->title = Squeezed(t);
      doc->title_from = "html";
    }
  }
  std::string outlet = !meta.site_name.empty() ? meta.site_name : meta.publisher;
  if (doc->outlet.empty() && !outlet.empty()) {
    doc->outlet = outlet;
    doc->outlet_from = "html";
  }
  if (doc->url.empty()) doc->url = !meta.canonical.empty() ? meta.canonical : meta.url;
  if (doc->published.empty() && !meta.published.empty()) {
    doc->published = meta.published;
    doc->published_from = "html";
  }
  if (doc->author.empty()) doc->author = meta.author;
  if (doc->modified.empty()) doc->modified = meta.modified;
  if (doc->language.empty() && meta.lang.size() >= 2) {
    std::string primary = meta.lang.substr(0, meta.lang.find_first_of("-_"));
    if (primary.size() == 2 || primary.size() == 3) doc->language = primary;
  }

  // The analysed text: the headline, then the article.
  html::MappedText text;
  TextWriter writer(model, pb, transcoded ? &decoded : nullptr, doc->input.size(), &text);
  if (h1_line) {
    std::vector<uint32_t> runs;
    for (uint32_t r = model.elems[h1].run_begin; r < model.elems[h1].run_end; ++r) runs.push_back(r);
    writer.Runs(runs);
    writer.NewLine();
  }
  size_t article_from = text.size();
  doc->title_line = article_from > 0;
  writer.Runs(article.runs);
  writer.NewLine();
  doc->article_found = article.scored;
  doc->article_text = text.text.substr(article_from);
  while (!doc->article_text.empty() && doc->article_text.back() == '\n') doc->article_text.pop_back();

  doc->text = std::move(text.text);
  doc->text_to_input = std::move(text.start);
  doc->text_to_input_end = std::move(text.end);
  doc->text_to_input.push_back(static_cast<uint32_t>(doc->input.size()));
  doc->text_to_input_end.push_back(static_cast<uint32_t>(doc->input.size()));

  if (pb.html_open && !pb.html_closed && pb.stopped_at == std::string::npos) {
    doc->errors.push_back("truncated HTML: <html> is never closed; analysed what was there");
  }
  if (Trim(doc->text).empty()) {
    doc->errors.push_back("HTML page has no text to analyse");
    doc->unreadable = true;
  }
}

}  // namespace isnad
