#include "extract/names.h"

namespace isnad::names {

std::string_view StripArticle(std::string_view w, const Lexicons& lx) {
  std::string_view al = lx.article();
  if (!al.empty() && w.size() >= al.size() + 4 && w.substr(0, al.size()) == al) return w.substr(al.size());
  return w;
}

std::vector<std::string> NameParts(const std::vector<std::string_view>& tokens, const Lexicons& lx) {
  std::vector<std::string> parts;
  for (size_t k = 0; k < tokens.size(); ++k) {
    std::string part(tokens[k]);
    if (k + 1 < tokens.size() && lx.name_particles.FindWord(tokens[k])) part += tokens[++k];
    parts.push_back(std::move(part));
  }
  return parts;
}

std::string PersonKey(const std::vector<std::string_view>& tokens, const Lexicons& lx) {
  std::vector<std::string> parts = NameParts(tokens, lx);
  if (parts.empty()) return "p:|";
  if (parts.size() == 1) return "p:|" + std::string(StripArticle(parts[0], lx));
  return "p:" + parts.front() + "|" + std::string(StripArticle(parts.back(), lx));
}

void SplitPersonKey(std::string_view key, std::string_view* given, std::string_view* surname) {
  key.remove_prefix(2);
  size_t bar = key.find('|');
  *given = key.substr(0, bar);
  *surname = bar == std::string_view::npos ? std::string_view() : key.substr(bar + 1);
}

std::string BodyKey(const std::vector<std::string_view>& body, std::string_view country, const Lexicons& lx) {
  std::string key = "q:";
  for (size_t k = 0; k < body.size(); ++k) {
    if (k) key += ' ';
    key += StripArticle(body[k], lx);
  }
  key += '|';
  key += country;
  return key;
}

}  // namespace isnad::names
