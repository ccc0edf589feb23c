// End to end through the real binary: exit status, JSON on stdout or in a file,
// errors on stderr, and the run going on past bad documents.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

struct CmdResult {
  int status;
  std::string out;
};

CmdResult Exec(const std::string& args) {
  std::string cmd = std::string(ISNAD_BINARY) + " " + args + " 2>/dev/null";
  CmdResult r{0, ""};
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WEXITSTATUS(st);
  return r;
}

TEST(CliTest, AnalyzeExampleCorpusSucceeds) {
  CmdResult r = Exec("analyze --no-progress " + std::string(ISNAD_SOURCE_DIR) + "/examples/hasakah-2022");
  EXPECT_EQ(r.status, 0);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["documents"].size(), 5u);
  EXPECT_GT(j["times"].size(), 15u);
  for (const auto& t : j["times"]) {
    ASSERT_TRUE(t["span"].is_array());
    EXPECT_LT(t["span"][0].get<int>(), t["span"][1].get<int>());
  }
}

TEST(CliTest, BadDocumentsFailTheExitStatusButNotTheRun) {
  fs::path dir = fs::temp_directory_path() / "isnad_cli_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "good.txt") << "عنوان\n\nقال المرصد إن 5 مدنيين قتلوا أمس.";
  std::ofstream(dir / "bad.txt", std::ios::binary) << std::string("\0\1\2", 3);
  std::ofstream(dir / "feed.jsonl") << "{\"id\":\"j1\",\"text\":\"خبر\"}\nnot json\n";
  fs::path out = dir / "out.json";
  CmdResult r = Exec("analyze --no-progress " + dir.string() + "/good.txt " + dir.string() + "/bad.txt " + dir.string() +
               "/feed.jsonl -o " + out.string());
  EXPECT_EQ(r.status, 1);
  std::ifstream in(out);
  auto j = nlohmann::json::parse(in);
  ASSERT_EQ(j["documents"].size(), 4u);
  int with_errors = 0;
  for (const auto& d : j["documents"]) with_errors += !d["errors"].empty();
  EXPECT_EQ(with_errors, 2);
  fs::remove_all(dir);
}

TEST(CliTest, StdinAndUsageErrors) {
  CmdResult r = Exec("analyze --no-progress /no/such/dir");
  EXPECT_EQ(r.status, 2);
  r = Exec("frobnicate");
  EXPECT_NE(r.status, 0);
  std::string cmd = "printf 'عنوان\\n\\nقتل 3 أشخاص اليوم' | " + std::string(ISNAD_BINARY) + " analyze --no-progress -";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  EXPECT_EQ(WEXITSTATUS(pclose(p)), 0);
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["documents"][0]["id"], "stdin");
  EXPECT_EQ(j["quantities"][0]["value"]["low"], 3);
}

}  // namespace
