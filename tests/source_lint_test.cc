// Words are data: no Arabic letter is written in the code of src/, neither as text nor as
// byte escapes, outside comments (which quote examples freely). A rule that needs a word
// reads it from a table in data/.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

// The code of one line with its // comment removed (a // inside a string literal stays).
// Block comments are rare in this codebase; a line inside one is skipped by the caller.
std::string CodeOf(const std::string& line) {
  bool in_string = false, in_char = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if ((in_string || in_char) && c == '\\') {
      ++i;
      continue;
    }
    if (!in_char && c == '"') in_string = !in_string;
    else if (!in_string && c == '\'') in_char = !in_char;
    else if (!in_string && !in_char && c == '/' && i + 1 < line.size() && line[i + 1] == '/') return line.substr(0, i);
  }
  return line;
}

// An Arabic letter (U+0600..U+06FF: lead bytes D8..DB) as raw bytes or as a \xD8..\xDB escape.
bool HasArabic(const std::string& code) {
  for (size_t i = 0; i < code.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(code[i]);
    if (b >= 0xD8 && b <= 0xDB) return true;
    if (code[i] == '\\' && i + 3 < code.size() && (code[i + 1] == 'x' || code[i + 1] == 'X')) {
      char h = static_cast<char>(std::toupper(static_cast<unsigned char>(code[i + 2])));
      char l = static_cast<char>(std::toupper(static_cast<unsigned char>(code[i + 3])));
      if (h == 'D' && (l == '8' || l == '9' || l == 'A' || l == 'B')) return true;
    }
  }
  return false;
}

TEST(SourceLint, NoArabicWordsInCode) {
  namespace fs = std::filesystem;
  const fs::path src = fs::path(ISNAD_SOURCE_DIR) / "src";
  ASSERT_TRUE(fs::is_directory(src));
  std::vector<std::string> hits;
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".cc" && ext != ".h") continue;
    // The HTML report's interface labels are Arabic text of the page, not lexicon words.
    if (entry.path().filename() == "html_report.cc") continue;
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    bool block = false;
    for (int n = 1; std::getline(in, line); ++n) {
      if (block) {
        if (line.find("*/") != std::string::npos) block = false;
        continue;
      }
      std::string code = CodeOf(line);
      if (size_t b = code.find("/*"); b != std::string::npos) {
        size_t e = code.find("*/", b + 2);
        if (e == std::string::npos) {
          block = true;
          code.resize(b);
        } else {
          code.erase(b, e + 2 - b);
        }
      }
      if (HasArabic(code)) hits.push_back(fs::relative(entry.path(), src).string() + ":" + std::to_string(n) + ": " + line);
    }
  }
  EXPECT_GT(files, 50u);
  for (const std::string& h : hits) ADD_FAILURE() << "Arabic in code (move it to a table in data/): " << h;
}

// The lint itself: it sees a literal and an escape, and lets comments through.
TEST(SourceLint, SeesLiteralsAndEscapesNotComments) {
  EXPECT_TRUE(HasArabic(CodeOf("  if (w == \"\xD9\x81\xD9\x8A\") return;")));
  EXPECT_TRUE(HasArabic(CodeOf("  constexpr auto k = \"\\xD8\\xA7\";")));
  EXPECT_FALSE(HasArabic(CodeOf("  x = 1;  // \"\xD9\x81\xD9\x8A\" is the preposition")));
  EXPECT_FALSE(HasArabic(CodeOf("  url = \"http://example.com\";  // plain")));
  EXPECT_FALSE(HasArabic(CodeOf("  if (cp >= 0xD800) return;")));
}

}  // namespace
