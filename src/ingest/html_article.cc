#include "ingest/html_article.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <unicode/uchar.h>
#include <xxhash.h>

#include "util/utf8.h"

namespace isnad::html {

namespace {

// Never text of the article: code, styles, embedded documents, controls.
bool SkippedTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_OPTION: case GUMBO_TAG_DATALIST: case GUMBO_TAG_APPLET:
    case GUMBO_TAG_FRAMESET: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_MAP:
    case GUMBO_TAG_LABEL: case GUMBO_TAG_MENUITEM:
      return true;
    default:
      return false;
  }
}

bool BlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_TR:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_TABLE: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_MAIN: case GUMBO_TAG_ASIDE: case GUMBO_TAG_NAV:
    case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_PRE: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_CAPTION: case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_MENU: case GUMBO_TAG_LISTING:
      return true;
    default:
      return false;
  }
}

bool Heading(GumboTag t) {
  return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 || t == GUMBO_TAG_H5 ||
         t == GUMBO_TAG_H6;
}

std::string Lower(const char* s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool HiddenStyle(const char* style) {
  std::string s;
  for (const char* p = style; *p; ++p) {
    if (!IsSpaceByte(*p)) s.push_back(*p >= 'A' && *p <= 'Z' ? static_cast<char>(*p + 32) : *p);
  }
  return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
}

class ModelBuilder {
 public:
  ModelBuilder(const Rules& rules, PageModel* m, PageMeta* meta) : rules_(rules), m_(*m), meta_(*meta) {}

  void Build(const GumboNode* root) {
    m_.elems.clear();
    m_.runs.clear();
    m_.text.clear();
    m_.h1.clear();
    m_.date_elems.clear();
    m_.unaligned = 0;
    Frame top{nullptr, kNone, 0, 0, false};
    Visit(root, top);
    while (!stack_.empty()) {
      Frame& f = stack_.back();
      const GumboVector& kids = f.node->v.element.children;
      if (f.child >= kids.length) {
        if (f.elem != kNone && !f.head) {
          m_.elems[f.elem].end = static_cast<uint32_t>(m_.elems.size());
          m_.elems[f.elem].run_end = static_cast<uint32_t>(m_.runs.size());
        }
        stack_.pop_back();
        continue;
      }
      const GumboNode* c = static_cast<const GumboNode*>(kids.data[f.child++]);
      Frame parent = f;  // Visit may grow the stack
      switch (c->type) {
        case GUMBO_NODE_TEXT: case GUMBO_NODE_WHITESPACE: case GUMBO_NODE_CDATA:
          if (!parent.head && parent.elem != kNone) AddRun(c, parent);
          break;
        case GUMBO_NODE_ELEMENT: case GUMBO_NODE_TEMPLATE:
          Visit(c, parent);
          break;
        default:
          break;
      }
    }
    Totals();
  }

 private:
  struct Frame {
    const GumboNode* node;
    uint32_t elem;
    unsigned child;
    uint8_t run_flags;
    bool head;
  };

  const Hint& HintOf(const char* value, uint32_t* key) {
    std::string lower = Lower(value);
    auto it = hints_.find(lower);
    if (it == hints_.end()) {
      Hint h = rules_.Match(lower);
      it = hints_.emplace(std::move(lower), std::make_pair(h, static_cast<uint32_t>(hints_.size() + 1))).first;
    }
    if (key != nullptr) *key = it->second.second;
    return it->second.first;
  }

  void Visit(const GumboNode* node, const Frame& pf) {
    const GumboElement& e = node->v.element;
    GumboTag tag = e.tag;
    if (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_META || tag == GUMBO_TAG_LINK || tag == GUMBO_TAG_TIME) {
      ReadMetaElement(e, rules_, &meta_);
    }
    if (tag == GUMBO_TAG_TITLE) {
      if (meta_.title_tag.empty() && e.children.length > 0) {
        const GumboNode* t = static_cast<const GumboNode*>(e.children.data[0]);
        if (t->type == GUMBO_NODE_TEXT) meta_.title_tag = t->v.text.text;
      }
      return;
    }
    if (pf.head || tag == GUMBO_TAG_HEAD) {
      if (!SkippedTag(tag)) stack_.push_back({node, kNone, 0, 0, true});
      return;
    }
    if (pf.elem != kNone) {
      Elem& parent = m_.elems[pf.elem];
      switch (tag) {
        case GUMBO_TAG_BR: case GUMBO_TAG_HR: pending_break_ = true; return;
        case GUMBO_TAG_IMG: ++parent.img; return;
        case GUMBO_TAG_INPUT: ++parent.input; return;
        case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_VIDEO: ++parent.embed; return;
        default: break;
      }
    }
    if (SkippedTag(tag) || e.tag_namespace != GUMBO_NAMESPACE_HTML) return;
    // The attributes read, in one pass (gumbo lower-cases HTML attribute names).
    const char *cls = nullptr, *id = nullptr, *itemprop = nullptr, *itemtype = nullptr, *role = nullptr, *href = nullptr;
    for (unsigned k = 0; k < e.attributes.length; ++k) {
      const GumboAttribute* a = static_cast<const GumboAttribute*>(e.attributes.data[k]);
      const char* n = a->name;
      switch (n[0]) {
        case 'c': if (std::strcmp(n, "class") == 0) cls = a->value; break;
        case 'i':
          if (std::strcmp(n, "id") == 0) id = a->value;
          else if (std::strcmp(n, "itemprop") == 0) itemprop = a->value;
          else if (std::strcmp(n, "itemtype") == 0) itemtype = a->value;
          break;
        case 'r': if (std::strcmp(n, "role") == 0) role = a->value; break;
        case 'h':
          if (std::strcmp(n, "href") == 0) href = a->value;
          else if (std::strcmp(n, "hidden") == 0) return;
          break;
        case 'a': if (std::strcmp(n, "aria-hidden") == 0 && std::strcmp(a->value, "true") == 0) return; break;
        case 's': if (std::strcmp(n, "style") == 0 && HiddenStyle(a->value)) return; break;
        default: break;
      }
    }

    uint32_t idx = static_cast<uint32_t>(m_.elems.size());
    Elem el;
    el.parent = pf.elem;
    el.tag = tag;
    el.run_begin = static_cast<uint32_t>(m_.runs.size());
    bool block = BlockTag(tag) || pf.elem == kNone;
    el.block = block ? idx : m_.elems[pf.elem].block;
    if (block) el.flags |= Elem::kBlock;
    if (pf.elem != kNone && (m_.elems[pf.elem].flags & Elem::kInTable)) el.flags |= Elem::kInTable;
    if (tag == GUMBO_TAG_TABLE) el.flags |= Elem::kInTable;
    if (Heading(tag)) el.flags |= Elem::kHeading;
    if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) el.flags |= Elem::kArticleTag;
    if (tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_ASIDE || tag == GUMBO_TAG_FOOTER) el.flags |= Elem::kChrome;
    uint8_t hint_flags = 0;
    if (cls != nullptr && *cls) {
      const Hint& h = HintOf(cls, &el.class_key);
      el.weight = static_cast<int16_t>(el.weight + 25 * (h.positive - h.negative));
      hint_flags |= h.flags;
    }
    if (id != nullptr && *id) {
      const Hint& h = HintOf(id, nullptr);
      el.weight = static_cast<int16_t>(el.weight + 25 * (h.positive - h.negative));
      hint_flags |= h.flags;
    }
    if (hint_flags & Hint::kHidden) return;
    if (hint_flags & Hint::kBody) el.flags |= Elem::kBody;
    if (hint_flags & Hint::kDate) el.flags |= Elem::kDateClass;
    if ((hint_flags & Hint::kUnlikely) && !(hint_flags & Hint::kMaybe)) el.flags |= Elem::kUnlikely;
    if (hint_flags & Hint::kDrop) el.flags |= Elem::kDrop;
    if (itemprop != nullptr && Lower(itemprop).find("articlebody") != std::string::npos) {
      el.flags |= Elem::kBody;
    }
    if (itemtype != nullptr && rules_.IsArticleType(itemtype)) el.flags |= Elem::kSchemaArticle;
    if (role != nullptr && rules_.IsChromeRole(Lower(role))) {
      el.flags |= Elem::kNegativeRole;
    }
    el.p = tag == GUMBO_TAG_P;
    el.li = tag == GUMBO_TAG_LI;
    uint8_t run_flags = pf.run_flags;
    if (tag == GUMBO_TAG_A) {
      if (href != nullptr) {
        el.flags |= Elem::kLink;
        run_flags |= Run::kLink;
        if (href[0] == '#') run_flags |= Run::kHashLink;
      }
    }
    if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING) run_flags |= Run::kPre;
    if ((el.flags & Elem::kDateClass) && m_.date_elems.size() < 8) m_.date_elems.push_back(idx);
    if (tag == GUMBO_TAG_H1) m_.h1.push_back(idx);
    m_.elems.push_back(el);
    stack_.push_back({node, idx, 0, run_flags, false});
  }

  void AddRun(const GumboNode* node, const Frame& f) {
    const GumboText& t = node->v.text;
    std::string_view decoded(t.text);
    if (decoded.empty()) return;
    std::string_view original(t.original_text.data, t.original_text.data == nullptr ? 0 : t.original_text.length);
    html::Run r;
    r.begin = static_cast<uint32_t>(m_.text.size());
    m_.unaligned += AlignText(decoded, original, static_cast<uint32_t>(t.start_pos.offset), rules_.refs(), &m_.text);
    r.end = static_cast<uint32_t>(m_.text.size());
    r.elem = f.elem;
    r.flags = f.run_flags;
    Elem& el = m_.elems[f.elem];
    Elem& block = m_.elems[el.block];
    std::string& s = m_.text.text;
    uint32_t chars = 0, commas = 0, dots = 0;
    for (uint32_t i = r.begin; i < r.end; ++i) {
      char c = s[i];
      if (IsSpaceByte(c)) {
        if (!(r.flags & Run::kPre)) s[i] = ' ';  // a line break in the source is a space on the page
        continue;
      }
      if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;
      ++chars;
      if (c == ',') ++commas;
      else if (c == '.' && (i + 1 == r.end || IsSpaceByte(s[i + 1]))) ++dots;
      else if (c == '\xD8' && i + 1 < r.end && s[i + 1] == '\x8C') ++commas;  // ، ARABIC COMMA
    }
    r.chars = chars;
    if (chars == 0) {
      r.flags |= Run::kSpace;
    } else if (pending_break_) {
      r.flags |= Run::kBreak;
      pending_break_ = false;
    }
    block.own_chars += chars;
    block.own_commas += commas;
    block.own_dots += dots;
    el.chars += chars;
    el.commas += commas;
    if (r.flags & Run::kLink) el.link_chars += chars * ((r.flags & Run::kHashLink) ? 3 : 10);
    m_.runs.push_back(r);
  }

  // Subtree counts: children come after their parent, so one backward pass adds them up.
  void Totals() {
    for (size_t i = m_.elems.size(); i-- > 1;) {
      Elem& e = m_.elems[i];
      if (e.flags & Elem::kHeading) e.heading_chars = e.chars;
      if (e.parent == kNone) continue;
      Elem& p = m_.elems[e.parent];
      p.chars += e.chars;
      p.link_chars += e.link_chars;
      p.commas += e.commas;
      p.p += e.p;
      p.li += e.li;
      p.heading_chars += e.heading_chars;
    }
  }

  const Rules& rules_;
  PageModel& m_;
  PageMeta& meta_;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, std::pair<Hint, uint32_t>> hints_;
  bool pending_break_ = false;
};

// ---------------------------------------------------------------- the article

struct Stats {
  uint32_t chars = 0, link = 0, commas = 0, own = 0, own_commas = 0, own_dots = 0;
  uint32_t p = 0, li = 0, img = 0, input = 0, embed = 0, heading = 0, children = 0;
  double LinkDensity() const { return chars == 0 ? 0 : link / (10.0 * chars); }
};

class ArticleFinder {
 public:
  ArticleFinder(const PageModel& m, const PageMeta& meta) : m_(m), meta_(meta), n_(m.elems.size()) {}

  Article Find() {
    Article found = Sieve();
    return CrossCheck(std::move(found));
  }

 private:
  // Hashes of the words (letters and digits, ASCII lower-cased) of `s`.
  template <typename F>
  static void ForEachWord(std::string_view s, F&& f) {
    std::string w;
    for (size_t i = 0; i <= s.size();) {
      int len = 1;
      char32_t cp = i < s.size() ? utf8::Decode(s, i, &len) : 0;
      if (i < s.size() && u_isalnum(static_cast<UChar32>(cp))) {
        if (cp < 0x80) w.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
        else w.append(s.substr(i, len));
      } else if (!w.empty()) {
        f(XXH3_64bits(w.data(), w.size()));
        w.clear();
      }
      i += len;
    }
  }

  // JSON-LD articleBody, when the page has one, says what the article is: when the text
  // found covers it poorly and one element covers it much better (F1 of its words
  // against the body's), that element is the article.
  Article CrossCheck(Article found) {
    constexpr size_t kMinBodyWords = 40;
    std::unordered_set<uint64_t> body;
    size_t body_words = 0;
    ForEachWord(meta_.article_body, [&](uint64_t h) {
      body.insert(h);
      ++body_words;
    });
    if (body_words < kMinBodyWords) return found;
    std::vector<uint32_t> words(n_, 0), hits(n_, 0);
    std::vector<uint32_t> run_words(m_.runs.size()), run_hits(m_.runs.size());
    for (size_t r = 0; r < m_.runs.size(); ++r) {
      const Run& run = m_.runs[r];
      ForEachWord(std::string_view(m_.text.text).substr(run.begin, run.end - run.begin), [&](uint64_t h) {
        ++run_words[r];
        run_hits[r] += body.count(h) > 0;
      });
      words[run.elem] += run_words[r];
      hits[run.elem] += run_hits[r];
    }
    for (uint32_t i = n_; i-- > 1;) {
      uint32_t p = m_.elems[i].parent;
      if (p == kNone) continue;
      words[p] += words[i];
      hits[p] += hits[i];
    }
    auto f1 = [&](double h, double w) {
      if (h == 0) return 0.0;
      double precision = h / w, recall = std::min(1.0, h / body_words);
      return 2 * precision * recall / (precision + recall);
    };
    double h = 0, w = 0;
    for (uint32_t r : found.runs) h += run_hits[r], w += run_words[r];
    // Only a text that misses most of the body is questioned (pages often put a teaser
    // or a truncated body there), and only by an element that holds most of it.
    if (std::min(1.0, h / body_words) >= 0.6) return found;
    double have = f1(h, w);
    uint32_t best = kNone;
    double best_f1 = have;
    for (uint32_t i = 0; i < n_; ++i) {
      if (hits[i] < 0.8 * body_words) continue;
      double f = f1(hits[i], words[i]);
      if (f > best_f1) best_f1 = f, best = i;
    }
    if (best == kNone || best_f1 < have + 0.15) return found;
    // The element is taken whatever its class says, and cleaned as usual.
    strip_unlikely_ = false;
    weight_classes_ = clean_conditionally_ = true;
    Prepare();
    Article out;
    out.top = best;
    out.scored = true;
    Clean({best}, best);
    Collect({best}, &out);
    return out;
  }

  Article Sieve() {
    Article best;
    size_t best_chars = 0;
    bool have = false;
    // Readability's sieve: strict first, then without dropping unlikely blocks, without
    // class weights, without conditional cleaning; the longest result if none is long.
    for (int attempt = 0; attempt < 4; ++attempt) {
      strip_unlikely_ = attempt < 1;
      weight_classes_ = attempt < 2;
      clean_conditionally_ = attempt < 3;
      Article a = Attempt();
      size_t chars = 0;
      for (uint32_t r : a.runs) chars += m_.runs[r].chars;
      if (chars >= kCharThreshold) return a;
      // A short article found with every rule on beats a longer text found by giving
      // rules up: what they add is what they exist to keep out (comments, related news).
      if (attempt == 0 && a.scored && chars >= kShortArticle) return a;
      if (!have || chars > best_chars) {
        best = std::move(a);
        best_chars = chars;
        have = true;
      }
    }
    return best;
  }

  static constexpr size_t kCharThreshold = 500;  // Readability's, in characters that are not spaces
  static constexpr size_t kShortArticle = 150;

  bool Inside(uint32_t e, uint32_t anc) const { return e >= anc && e < m_.elems[anc].end; }

  void Prepare() {
    removed_.assign(n_, 0);
    for (uint32_t i = 0; i < n_; ++i) {
      const Elem& e = m_.elems[i];
      bool gone = e.parent != kNone && removed_[e.parent];
      if (!gone && strip_unlikely_ && e.parent != kNone && e.tag != GUMBO_TAG_BODY && e.tag != GUMBO_TAG_A &&
          !(e.flags & Elem::kInTable) && ((e.flags & Elem::kUnlikely) || (e.flags & Elem::kNegativeRole))) {
        gone = true;
      }
      if (!gone && (e.flags & Elem::kChrome)) gone = true;
      removed_[i] = gone;
    }
    st_.assign(n_, Stats());
    for (const Run& r : m_.runs) {
      if (removed_[r.elem]) continue;
      Stats& s = st_[r.elem];
      s.chars += r.chars;
      if (r.flags & Run::kLink) s.link += r.chars * ((r.flags & Run::kHashLink) ? 3 : 10);
      Stats& b = st_[m_.elems[r.elem].block];
      b.own += r.chars;
    }
    for (uint32_t i = 0; i < n_; ++i) {
      const Elem& e = m_.elems[i];
      if (removed_[i]) continue;
      Stats& s = st_[i];
      s.p += e.tag == GUMBO_TAG_P;
      s.li += e.tag == GUMBO_TAG_LI;
      s.img += e.img;  // the element's own images, inputs and embeds
      s.input += e.input;
      s.embed += e.embed;
      s.own_commas = e.own_commas;
      s.own_dots = e.own_dots;
      if (e.parent != kNone) ++st_[e.parent].children;
    }
    for (uint32_t i = n_; i-- > 1;) {
      const Elem& e = m_.elems[i];
      if (removed_[i] || e.parent == kNone) continue;
      Stats& s = st_[i];
      if (e.flags & Elem::kHeading) s.heading = s.chars;
      Stats& p = st_[e.parent];
      p.chars += s.chars;
      p.link += s.link;
      p.p += s.p;
      p.li += s.li;
      p.img += s.img;
      p.input += s.input;
      p.embed += s.embed;
      p.heading += s.heading;
      p.commas += s.commas + s.own_commas;
    }
  }

  bool Scorable(GumboTag t) const {
    switch (t) {
      case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DIV:
      case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_FORM: case GUMBO_TAG_BODY:
      case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_FONT: case GUMBO_TAG_SPAN:
        return true;
      default:
        return false;
    }
  }

  double Initial(uint32_t i) const {
    const Elem& e = m_.elems[i];
    double s = 0;
    switch (e.tag) {
      case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: s = 5; break;
      case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: s = 3; break;
      case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_DD:
      case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: s = -3; break;
      case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
      case GUMBO_TAG_H6: case GUMBO_TAG_TH: s = -5; break;
      default: break;
    }
    if (weight_classes_) {
      s += e.weight;
      if (e.flags & Elem::kBody) s += 40;
      if (e.flags & Elem::kSchemaArticle) s += 10;
    }
    return s;
  }

  Article Attempt() {
    Prepare();
    score_.assign(n_, 0);
    is_candidate_.assign(n_, 0);
    std::vector<uint32_t> candidates;
    for (uint32_t i = 0; i < n_; ++i) {
      const Elem& e = m_.elems[i];
      if (removed_[i] || !(e.flags & Elem::kBlock) || !Scorable(e.tag)) continue;
      uint32_t own = st_[i].own;
      if (own < 25) continue;
      double s = 1 + (e.own_commas + 1) + std::min<uint32_t>(own / 100, 3);
      uint32_t a = e.parent;
      for (int level = 0; level < 5 && a != kNone && a != 0; ++level, a = m_.elems[a].parent) {
        if (!is_candidate_[a]) {
          is_candidate_[a] = 1;
          score_[a] = Initial(a);
          candidates.push_back(a);
        }
        score_[a] += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
      }
    }
    uint32_t body = Body();
    std::array<uint32_t, 5> topc;
    topc.fill(kNone);
    for (uint32_t c : candidates) {
      score_[c] *= 1 - st_[c].LinkDensity();
      for (size_t t = 0; t < topc.size(); ++t) {
        if (topc[t] == kNone || score_[c] > score_[topc[t]]) {
          for (size_t q = topc.size() - 1; q > t; --q) topc[q] = topc[q - 1];
          topc[t] = c;
          break;
        }
      }
    }
    uint32_t top = topc[0];
    Article out;
    if (top == kNone || top == body) {
      out.top = body;
      Clean({body}, body);
      Collect({body}, &out);
      return out;
    }
    out.scored = true;
    // Several near-best candidates under one ancestor: the ancestor is the article.
    std::vector<uint32_t> alt;
    for (size_t t = 1; t < topc.size(); ++t) {
      if (topc[t] != kNone && score_[topc[t]] / score_[top] >= 0.75) alt.push_back(topc[t]);
    }
    if (alt.size() >= 3) {
      for (uint32_t p = m_.elems[top].parent; p != kNone && p != body; p = m_.elems[p].parent) {
        int containing = 0;
        for (uint32_t a : alt) containing += Inside(a, p);
        if (containing >= 3) {
          top = p;
          break;
        }
      }
    }
    EnsureScored(top);
    // A parent scoring higher, while scores stay within a third of the best.
    double last = score_[top], threshold = last / 3;
    for (uint32_t p = m_.elems[top].parent; p != kNone && p != body; p = m_.elems[p].parent) {
      if (!is_candidate_[p]) continue;
      if (score_[p] < threshold) break;
      if (score_[p] > last) {
        top = p;
        break;
      }
      last = score_[p];
    }
    for (uint32_t p = m_.elems[top].parent; p != kNone && p != body && st_[p].children == 1; p = m_.elems[p].parent) {
      top = p;
    }
    EnsureScored(top);
    out.top = top;
    // Siblings that continue the article.
    std::vector<uint32_t> roots;
    uint32_t parent = m_.elems[top].parent;
    double sibling_threshold = std::max(10.0, score_[top] * 0.2);
    for (uint32_t s = parent + 1; s < m_.elems[parent].end; s = m_.elems[s].end) {
      if (removed_[s]) continue;
      bool append = s == top;
      if (!append) {
        double bonus = m_.elems[s].class_key != 0 && m_.elems[s].class_key == m_.elems[top].class_key ? score_[top] * 0.2 : 0;
        if (is_candidate_[s] && score_[s] + bonus >= sibling_threshold) {
          append = true;
        } else if (m_.elems[s].tag == GUMBO_TAG_P) {
          double ld = st_[s].LinkDensity();
          uint32_t len = st_[s].chars;
          if (len > 80 && ld < 0.25) append = true;
          else if (len > 0 && len < 80 && ld == 0 && st_[s].own_dots > 0) append = true;
        }
      }
      if (append) roots.push_back(s);
    }
    Clean(roots, top);
    Collect(roots, &out);
    return out;
  }

  void EnsureScored(uint32_t e) {
    if (is_candidate_[e]) return;
    is_candidate_[e] = 1;
    score_[e] = Initial(e);
  }

  uint32_t Body() const {
    for (uint32_t i = 0; i < n_ && i < 64; ++i) {
      if (m_.elems[i].tag == GUMBO_TAG_BODY) return i;
    }
    return 0;
  }

  // Readability's _cleanConditionally: is this block chrome?
  bool Fishy(uint32_t i) const {
    const Elem& e = m_.elems[i];
    const Stats& s = st_[i];
    int weight = weight_classes_ ? e.weight : 0;
    if (weight < 0) return true;
    if (s.commas + s.own_commas >= 10) return false;
    bool list = e.tag == GUMBO_TAG_UL || e.tag == GUMBO_TAG_OL;
    double ld = s.LinkDensity();
    double heading_density = s.chars == 0 ? 0 : static_cast<double>(s.heading) / s.chars;
    int li = static_cast<int>(s.li) - 100;
    if (s.img > 1 && s.p * 2 < s.img) return true;
    if (!list && li > static_cast<int>(s.p)) return true;
    if (s.input > s.p / 3) return true;
    if (!list && heading_density < 0.9 && s.chars < 25 && (s.img == 0 || s.img > 2) && ld > 0) return true;
    if (!list && weight < 25 && ld > 0.2) return true;
    if (weight >= 25 && ld > 0.5) return true;
    if ((s.embed == 1 && s.chars < 75) || s.embed > 1) return true;
    if (s.img == 0 && s.chars == 0) return true;
    return false;
  }

  void Clean(const std::vector<uint32_t>& roots, uint32_t top) {
    cut_.assign(n_, 0);
    uint32_t total = 0;
    for (uint32_t r : roots) total += st_[r].chars;
    for (uint32_t r : roots) {
      for (uint32_t i = r; i < m_.elems[r].end;) {
        const Elem& e = m_.elems[i];
        if (removed_[i]) {
          i = e.end;
          continue;
        }
        bool holds_top = i <= top && top < e.end;  // the top or one of its ancestors
        bool cut = false;
        if (!holds_top) {
          switch (e.tag) {
            case GUMBO_TAG_H1: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_NAV:
            case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FIELDSET:
              cut = true;
              break;
            case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
              cut = (weight_classes_ && e.weight < 0) || st_[i].LinkDensity() > 0.33;
              break;
            case GUMBO_TAG_FORM: case GUMBO_TAG_TABLE: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DIV:
            case GUMBO_TAG_SECTION: case GUMBO_TAG_HEADER:
              cut = clean_conditionally_ && Fishy(i);
              break;
            default:
              break;
          }
          // Chrome named by its class inside the article: related lists, share bars, comments.
          if (!cut && (e.flags & Elem::kDrop) && (weight_classes_ || strip_unlikely_) && st_[i].chars * 2 < total) cut = true;
        }
        if (cut) {
          cut_[i] = 1;
          i = e.end;
          continue;
        }
        ++i;
      }
    }
  }

  void Collect(const std::vector<uint32_t>& roots, Article* out) {
    gone_.assign(n_, 0);
    for (uint32_t i = 0; i < n_; ++i) {
      uint32_t p = m_.elems[i].parent;
      gone_[i] = removed_[i] || cut_[i] || (p != kNone && gone_[p]);
    }
    for (uint32_t r : roots) {
      for (uint32_t run = m_.elems[r].run_begin; run < m_.elems[r].run_end; ++run) {
        if (!gone_[m_.runs[run].elem]) out->runs.push_back(run);
      }
    }
  }

  const PageModel& m_;
  const PageMeta& meta_;
  const size_t n_;
  bool strip_unlikely_ = true, weight_classes_ = true, clean_conditionally_ = true;
  std::vector<uint8_t> removed_, cut_, gone_, is_candidate_;
  std::vector<Stats> st_;
  std::vector<double> score_;
};

}  // namespace

void BuildModel(const GumboNode* root, const Rules& rules, PageModel* model, PageMeta* meta) {
  ModelBuilder(rules, model, meta).Build(root);
}

Article FindArticle(const PageModel& model, const PageMeta& meta, const Rules& rules) {
  if (model.elems.empty()) return {};
  return ArticleFinder(model, meta).Find();
}

std::string ElemText(const PageModel& model, uint32_t elem) {
  std::string out;
  const Elem& e = model.elems[elem];
  for (uint32_t r = e.run_begin; r < e.run_end; ++r) {
    out.append(model.text.text, model.runs[r].begin, model.runs[r].end - model.runs[r].begin);
  }
  return out;
}

}  // namespace isnad::html
