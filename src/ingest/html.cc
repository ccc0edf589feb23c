#include "ingest/html.h"

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <string_view>

namespace isnad {

namespace {

bool IsSkipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NAV:
    case GUMBO_TAG_FORM: case GUMBO_TAG_ASIDE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_BR:
    case GUMBO_TAG_TR: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_FIGURE: case GUMBO_TAG_MAIN: case GUMBO_TAG_TIME:
      return true;
    default:
      return false;
  }
}

struct Extractor {
  Document* doc;
  std::string h1;

  void Newline(uint32_t at) {
    if (doc->text.empty() || doc->text.back() == '\n') return;
    doc->text.push_back('\n');
    doc->text_to_input.push_back(at);
  }

  void Walk(const GumboNode* node) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
      const GumboText& t = node->v.text;
      size_t len = std::strlen(t.text);
      uint32_t start = static_cast<uint32_t>(t.start_pos.offset);
      bool exact = t.original_text.length == len && std::memcmp(t.original_text.data, t.text, len) == 0;
      for (size_t i = 0; i < len; ++i) {
        doc->text.push_back(t.text[i]);
        doc->text_to_input.push_back(exact ? start + static_cast<uint32_t>(i) : start);
      }
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
    const GumboVector* children;
    GumboTag tag = GUMBO_TAG_UNKNOWN;
    uint32_t at = 0;
    if (node->type == GUMBO_NODE_ELEMENT) {
      tag = node->v.element.tag;
      at = static_cast<uint32_t>(node->v.element.start_pos.offset);
      if (tag == GUMBO_TAG_META) Meta(node);
      if (tag == GUMBO_TAG_TIME && doc->published.empty()) {
        if (GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, "datetime")) {
          doc->published = a->value;
          doc->published_from = "html";
        }
      }
      if (tag == GUMBO_TAG_HEAD) {
        children = &node->v.element.children;
        for (unsigned i = 0; i < children->length; ++i) Head(static_cast<const GumboNode*>(children->data[i]));
      }
      if (IsSkipped(tag)) return;
      children = &node->v.element.children;
    } else {
      children = &node->v.document.children;
    }
    bool block = IsBlock(tag);
    if (block) Newline(at);
    size_t before = doc->text.size();
    for (unsigned i = 0; i < children->length; ++i) Walk(static_cast<const GumboNode*>(children->data[i]));
    if (tag == GUMBO_TAG_H1 && h1.empty()) h1 = doc->text.substr(before);
    if (block) Newline(static_cast<uint32_t>(node->v.element.end_pos.offset));
  }

  void Head(const GumboNode* node) {
    if (node->type != GUMBO_NODE_ELEMENT) return;
    if (node->v.element.tag == GUMBO_TAG_META) Meta(node);
    if (node->v.element.tag == GUMBO_TAG_TITLE && doc->title.empty() && node->v.element.children.length > 0) {
      const GumboNode* t = static_cast<const GumboNode*>(node->v.element.children.data[0]);
      if (t->type == GUMBO_NODE_TEXT) title_tag = t->v.text.text;
    }
  }

  void Meta(const GumboNode* node) {
    const GumboVector* attrs = &node->v.element.attributes;
    GumboAttribute* content = gumbo_get_attribute(attrs, "content");
    if (content == nullptr) return;
    std::string key;
    for (const char* name : {"property", "name", "itemprop"}) {
      if (GumboAttribute* a = gumbo_get_attribute(attrs, name)) key = a->value;
    }
    if (key == "og:title" && doc->title.empty()) { doc->title = content->value; doc->title_from = "html"; }
    if (key == "og:site_name" && doc->outlet.empty()) { doc->outlet = content->value; doc->outlet_from = "html"; }
    if ((key == "article:published_time" || key == "datePublished" || key == "pubdate") && doc->published.empty()) {
      doc->published = content->value;
      doc->published_from = "html";
    }
    if (key == "og:url" && doc->url.empty()) doc->url = content->value;
  }

  std::string title_tag;
};

}  // namespace

void ExtractHtml(Document* doc) {
  doc->text.clear();
  doc->text_to_input.clear();
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, doc->input.data(), doc->input.size());
  Extractor ex{doc, {}, {}};
  ex.Walk(out->document);
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  doc->text_to_input.push_back(static_cast<uint32_t>(doc->input.size()));
  auto trim = [](std::string s) {
    size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  if (doc->title.empty()) {
    std::string t = trim(!ex.h1.empty() ? ex.h1 : ex.title_tag);
    if (!t.empty()) {
      doc->title = t;
      doc->title_from = "html";
    }
  }
  // Truncation: an <html> element whose closing tag never came.
  std::string lower(doc->input.size(), '\0');
  std::transform(doc->input.begin(), doc->input.end(), lower.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  if (lower.find("<html") != std::string::npos && lower.find("</html") == std::string::npos) {
    doc->errors.push_back("truncated HTML: <html> is never closed; analysed what was there");
  }
  if (trim(doc->text).empty()) {
    doc->errors.push_back("HTML page has no text to analyse");
    doc->unreadable = true;
  }
}

}  // namespace isnad
