// util/: outputs that are the previous file or a complete new one, span sets, sizes.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/byte_span.h"
#include "util/memory.h"
#include "util/output_file.h"
#include "util/word_memo.h"

namespace isnad {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path Scratch() {
  fs::path p = fs::temp_directory_path() / ("isnad_util_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

size_t Temporaries(const fs::path& dir) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().filename().string().find(".isnad-tmp-") != std::string::npos;
  return n;
}

TEST(OutputFileTest, ReplacesOnlyWhenCommitted) {
  fs::path dir = Scratch(), target = dir / "out.json";
  std::ofstream(target) << "previous";
  {
    auto f = OutputFile::Open(target.string());
    ASSERT_TRUE(f.ok());
    f.value()->stream() << "half of a new file";
    EXPECT_EQ(Temporaries(dir), 1u);
    EXPECT_EQ(ReadAll(target), "previous");  // not committed: dropped with its temporary
  }
  EXPECT_EQ(ReadAll(target), "previous");
  EXPECT_EQ(Temporaries(dir), 0u);
  auto f = OutputFile::Open(target.string());
  ASSERT_TRUE(f.ok());
  f.value()->stream() << "new";
  ASSERT_TRUE(f.value()->Commit().ok());
  EXPECT_EQ(ReadAll(target), "new");
  EXPECT_EQ(Temporaries(dir), 0u);
  fs::remove_all(dir);
}

TEST(OutputFileTest, WriteErrorsAreReportedAndThePreviousFileStays) {
  fs::path dir = Scratch(), target = dir / "out.json";
  std::ofstream(target) << "previous";
  // A file-size limit: writes past it fail with EFBIG (SIGXFSZ ignored, as main() does).
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit saved;
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
  struct rlimit small = saved;
  small.rlim_cur = 4096;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  Status st;
  {
    auto f = OutputFile::Open(target.string());
    ASSERT_TRUE(f.ok());
    f.value()->stream() << std::string(1 << 20, 'x');
    st = f.value()->Commit();
  }
  setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("File too large"), std::string::npos) << st.message();
  EXPECT_EQ(ReadAll(target), "previous");
  EXPECT_EQ(Temporaries(dir), 0u);
  // /dev/full is written in place and its error surfaces.
  auto full = OutputFile::Open("/dev/full");
  ASSERT_TRUE(full.ok());
  EXPECT_FALSE(full.value()->atomic());
  full.value()->stream() << "x";
  EXPECT_NE(full.value()->Commit().message().find("No space left"), std::string::npos);
  // An unwritable target fails at Open, before any work.
  EXPECT_FALSE(OutputFile::Open((dir / "no/such/dir/x.json").string()).ok());
  EXPECT_FALSE(OutputFile::Open(dir.string()).ok());  // a directory
  fs::remove_all(dir);
}

TEST(SpanSetTest, ContainsIsInsideOneMergedRange) {
  SpanSet set(std::vector<ByteSpan>{{50, 60}, {10, 20}, {18, 30}, {40, 40}});
  ASSERT_EQ(set.spans().size(), 2u);  // [10,30) merged, the empty one dropped
  EXPECT_TRUE(set.Contains({12, 29}));
  EXPECT_TRUE(set.Contains({10, 30}));
  EXPECT_FALSE(set.Contains({25, 35}));
  EXPECT_FALSE(set.Contains({0, 5}));
  EXPECT_TRUE(set.Contains({55, 60}));
  EXPECT_FALSE(set.Contains({59, 61}));
  EXPECT_FALSE(SpanSet().Contains({0, 0}));
}

TEST(MemoryTest, ParseSize) {
  EXPECT_EQ(memory::ParseSize("16M"), 16u << 20);
  EXPECT_EQ(memory::ParseSize("2g"), 2ull << 30);
  EXPECT_EQ(memory::ParseSize("1500"), 1500u);
  EXPECT_EQ(memory::ParseSize("0"), 0u);
  EXPECT_FALSE(memory::ParseSize("abc"));
  EXPECT_FALSE(memory::ParseSize("M"));
  EXPECT_FALSE(memory::ParseSize("-5"));
  EXPECT_GT(memory::ResidentBytes(), 0u);
  EXPECT_GT(memory::AvailableBytes(), 0u);
}

TEST(WordSlotsTest, ComputesEachWordOncePerEpoch) {
  WordSlots<int> memo;
  int made = 0;
  auto make = [&] { return ++made; };
  EXPECT_EQ(memo.Get(7, 3, make), 1);
  EXPECT_EQ(memo.Get(7, 3, make), 1);  // remembered
  EXPECT_EQ(memo.Get(7, 100000, make), 2);
  EXPECT_EQ(memo.Get(7, 3, make), 1);  // growing kept the old values
  EXPECT_EQ(made, 2);
  EXPECT_EQ(memo.Get(8, 3, make), 3);  // another id space: computed again
  EXPECT_EQ(memo.Get(8, WordSlots<int>::kMaxIds, make), 4);  // past the cap: every time
  EXPECT_EQ(memo.Get(8, WordSlots<int>::kMaxIds, make), 5);
}

TEST(WordSlotsTest, KeepsTheValuesOfTheWordsACacheKept) {
  WordSlots<int> memo;
  int made = 0;
  auto make = [&] { return 100 + made++; };
  for (uint32_t id = 0; id < 4; ++id) memo.Get(7, id, make);  // ids 0..3 -> 100..103
  WordEpochRemap& remap = WordEpochRemap::ThreadLocal();
  remap.from = 7;
  remap.to = 9;
  remap.old_id = {1, 3};  // the cache kept words 1 and 3, now 0 and 1
  EXPECT_EQ(memo.Get(9, 0, make), 101);
  EXPECT_EQ(memo.Get(9, 1, make), 103);
  EXPECT_EQ(memo.Get(9, 2, make), 104);  // a word the cache had not kept: computed
  EXPECT_EQ(made, 5);
  // A remap from another epoch says nothing about this memo's values.
  remap.from = 8;
  remap.to = 10;
  EXPECT_EQ(memo.Get(10, 0, make), 105);
  remap = WordEpochRemap();
}

}  // namespace
}  // namespace isnad
