// The Arabic news page fixtures (tests/fixtures/html, written by make_fixtures.py in the
// shapes of Arabic sites): the article text extracted from each page against the text
// a reader calls the article, by the metric of the article-extraction benchmark
// (../shared/eval/score_extraction.py): multisets of word 4-grams, per-page TP/FP/FN
// normalized, precision and recall averaged over pages, F1 of the averages.
#include <gtest/gtest.h>

#include <unicode/uchar.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "ingest/reader.h"
#include "util/utf8.h"

namespace isnad {
namespace {

// \w+ runs, as Python's re reads them: letters, digits and '_'.
std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < s.size();) {
    int len;
    char32_t cp = utf8::Decode(s, i, &len);
    if (u_isalnum(static_cast<UChar32>(cp)) || cp == '_') {
      cur.append(s.substr(i, len));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
    i += len;
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::map<std::string, int> Shingles(std::string_view s) {
  std::vector<std::string> w = Words(s);
  std::map<std::string, int> out;
  if (w.empty()) return out;
  size_t n = w.size() < 4 ? 1 : w.size() - 3;
  for (size_t i = 0; i < n; ++i) {
    std::string key;
    for (size_t k = i; k < std::min(w.size(), i + 4); ++k) key += w[k] + '\x1f';
    ++out[key];
  }
  return out;
}

struct Counts {
  double tp = 0, fp = 0, fn = 0;
};

Counts Score(std::string_view truth, std::string_view pred) {
  auto t = Shingles(truth), p = Shingles(pred);
  Counts c;
  for (const auto& [k, n] : t) {
    auto it = p.find(k);
    int m = it == p.end() ? 0 : it->second;
    c.tp += std::min(n, m);
    c.fn += std::max(0, n - m);
  }
  for (const auto& [k, m] : p) {
    auto it = t.find(k);
    c.fp += std::max(0, m - (it == t.end() ? 0 : it->second));
  }
  double s = c.tp + c.fp + c.fn;
  if (s > 0) c = {c.tp / s, c.fp / s, c.fn / s};
  return c;
}

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

TEST(HtmlFixtures, ArabicNewsPagesScoreAtLeast095) {
  std::filesystem::path dir = std::filesystem::path(ISNAD_SOURCE_DIR) / "tests/fixtures/html";
  std::vector<std::filesystem::path> pages;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".html") pages.push_back(e.path());
  }
  std::sort(pages.begin(), pages.end());
  ASSERT_GE(pages.size(), 20u);
  double p_sum = 0, r_sum = 0;
  size_t p_n = 0, r_n = 0;
  for (const auto& page : pages) {
    std::filesystem::path expected = page;
    expected.replace_extension(".expected.txt");
    Document d;
    d.id = page.stem().string();
    d.html = true;
    d.input = ReadAll(page);
    PrepareDocument(ReadOptions(), &d);
    EXPECT_TRUE(d.errors.empty()) << d.id << ": " << (d.errors.empty() ? "" : d.errors[0]);
    Counts c = Score(ReadAll(expected), d.article_text);
    double precision = c.fp == 0 && c.fn == 0 ? 1 : c.tp + c.fp == 0 ? 0 : c.tp / (c.tp + c.fp);
    double recall = c.fp == 0 && c.fn == 0 ? 1 : c.tp + c.fn == 0 ? 0 : c.tp / (c.tp + c.fn);
    if (c.tp + c.fp > 0) p_sum += precision, ++p_n;
    if (c.tp + c.fn > 0) r_sum += recall, ++r_n;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    EXPECT_GE(f1, 0.8) << d.id << " P " << precision << " R " << recall << "\n--- extracted:\n" << d.article_text;
  }
  double p = p_n ? p_sum / p_n : 0, r = r_n ? r_sum / r_n : 0;
  double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
  std::printf("fixtures: %zu pages, precision %.3f recall %.3f F1 %.3f\n", pages.size(), p, r, f1);
  EXPECT_GE(f1, 0.95);
}

}  // namespace
}  // namespace isnad
