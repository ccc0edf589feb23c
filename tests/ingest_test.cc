// Ingest: every kind of bad input gets a clear per-document error and the run goes on.
#include <gtest/gtest.h>
#include <zstd.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "ingest/html.h"
#include "ingest/manifest.h"
#include "ingest/reader.h"
#include "test_util.h"

namespace isnad {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("isnad_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& bytes) const {
    fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

const Document* Find(const ReadResult& r, const std::string& id) {
  for (const Document& d : r.docs) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

TEST(ReaderTest, BadFilesGetErrorsAndTheRunGoesOn) {
  TempDir dir;
  dir.Write("good.txt", "عنوان الخبر\n\nقال المرصد إن 5 قتلوا.");
  dir.Write("empty.txt", "");
  dir.Write("blank.txt", " \n\t\n");
  dir.Write("binary.txt", std::string("PK\x03\x04\0\0\x01", 7));
  dir.Write("latin1.txt", "caf\xE9 au lait");
  dir.Write("huge.txt", std::string(2048, 'a'));
  dir.Write("sub/nested.txt", "نص في مجلد فرعي");
  dir.Write("notes.md", "ignored");
  ReadOptions opt;
  opt.max_bytes = 1024;
  ReadResult r;
  ASSERT_TRUE(ReadInputs({dir.str()}, opt, &r).ok());
  EXPECT_EQ(r.docs.size(), 7u);
  EXPECT_TRUE(Find(r, "good")->errors.empty());
  EXPECT_TRUE(Find(r, "nested")->errors.empty());
  EXPECT_EQ(Find(r, "empty")->errors.at(0), "empty document");
  EXPECT_TRUE(Find(r, "blank")->unreadable);
  EXPECT_NE(Find(r, "binary")->errors.at(0).find("binary content (NUL byte at offset 4)"), std::string::npos);
  EXPECT_NE(Find(r, "latin1")->errors.at(0).find("invalid UTF-8 at byte 3"), std::string::npos);
  EXPECT_FALSE(Find(r, "latin1")->unreadable);  // analysed with U+FFFD
  EXPECT_NE(Find(r, "huge")->errors.at(0).find("over the 1.0 KiB limit"), std::string::npos);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("skipped 1 file"), std::string::npos);
}

TEST(ReaderTest, MissingPathIsARunError) {
  ReadResult r;
  Status st = ReadInputs({"/nonexistent/isnad/path"}, ReadOptions(), &r);
  EXPECT_EQ(st.code(), Status::Code::kNotFound);
}

TEST(ReaderTest, JsonlLinesAreDocumentsAndBadLinesAreErrors) {
  std::string jsonl =
      "{\"id\": \"a1\", \"outlet\": \"sabq\", \"published\": \"2015-07-21 02:51:32\", \"title\": \"T\", \"text\": \"نص الخبر\"}\n"
      "{\"id\": \"a2\", \"text\": \"نص\n"  // raw newline inside a string: broken line
      "\n"
      "[1, 2]\n"
      "{\"id\": \"a4\", \"url\": \"http://x\"}\n"
      "{\"id\": 17, \"html\": \"<html><body><p>نص &amp; آخر</p></body></html>\"}\n";
  std::vector<Document> docs;
  ParseJsonl(jsonl, "feed.jsonl", ReadOptions(), &docs);
  ASSERT_EQ(docs.size(), 5u);
  EXPECT_EQ(docs[0].id, "a1");
  EXPECT_EQ(docs[0].outlet, "sabq");
  EXPECT_EQ(docs[0].published_from, "jsonl");
  EXPECT_TRUE(docs[0].errors.empty());
  EXPECT_EQ(docs[1].path, "feed.jsonl:2");
  EXPECT_NE(docs[1].errors.at(0).find("malformed JSONL line"), std::string::npos);
  EXPECT_NE(docs[2].errors.at(0).find("not a JSON object"), std::string::npos);
  EXPECT_EQ(docs[2].path, "feed.jsonl:4");  // the blank line 3 is skipped
  EXPECT_NE(docs[3].errors.at(0).find("no \"text\" or \"html\""), std::string::npos);
  EXPECT_EQ(docs[4].id, "17");
  EXPECT_TRUE(docs[4].html);
  EXPECT_NE(docs[4].text.find("نص & آخر"), std::string::npos);
}

TEST(ReaderTest, ZstdCompressedJsonl) {
  TempDir dir;
  std::string plain = "{\"id\": \"z1\", \"text\": \"خبر مضغوط\"}\n{\"id\": \"z2\", \"text\": \"خبر ثان\"}\n";
  std::string packed(ZSTD_compressBound(plain.size()), '\0');
  packed.resize(ZSTD_compress(packed.data(), packed.size(), plain.data(), plain.size(), 3));
  std::string path = dir.Write("feed.jsonl.zst", packed);
  dir.Write("broken.jsonl.zst", packed.substr(0, packed.size() / 2));
  ReadResult r;
  ASSERT_TRUE(ReadInputs({dir.str()}, ReadOptions(), &r).ok());
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_NE(r.docs[0].errors.at(0).find("zstd"), std::string::npos);  // broken.jsonl.zst sorts first
  EXPECT_EQ(r.docs[1].id, "z1");
  EXPECT_EQ(r.docs[2].input, "خبر ثان");
}

TEST(HtmlTest, ExtractsTextWithOffsetsIntoTheHtml) {
  Document d;
  d.html = true;
  d.input =
      "<html><head><title>Site | خبر</title><meta property=\"og:site_name\" content=\"الشرق\">"
      "<meta property=\"article:published_time\" content=\"2022-01-31T10:00:00Z\"></head>"
      "<body><nav>الرئيسية</nav><h1>عنوان المقال</h1><p>قتل 5 مدنيين.</p><script>var x=1;</script></body></html>";
  ExtractHtml(&d);
  EXPECT_TRUE(d.errors.empty());
  EXPECT_EQ(d.outlet, "الشرق");
  EXPECT_EQ(d.published, "2022-01-31T10:00");  // page dates are read into ISO 8601 to the minute
  EXPECT_EQ(d.title, "عنوان المقال");
  EXPECT_EQ(d.text.find("الرئيسية"), std::string::npos);
  EXPECT_EQ(d.text.find("var x"), std::string::npos);
  size_t at = d.text.find("قتل 5");
  ASSERT_NE(at, std::string::npos);
  ByteSpan in = d.ToInput({static_cast<uint32_t>(at), static_cast<uint32_t>(at + 8)});
  EXPECT_EQ(d.input.substr(in.begin, in.size()), "قتل 5");
}

TEST(HtmlTest, TruncatedPageIsFlaggedButAnalysed) {
  Document d;
  d.html = true;
  d.input = "<html><body><p>نص مبتور";
  ExtractHtml(&d);
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_NE(d.errors[0].find("truncated HTML"), std::string::npos);
  EXPECT_FALSE(d.unreadable);
}

TEST(ManifestTest, TsvAndCsvRowsWithErrors) {
  auto tsv = ParseManifest("m.tsv",
                           "id\toutlet\tpublished\n"
                           "a\tkayhan.ir\t2022-01-28\n"
                           "b\tnas\tyesterday\n"
                           "c\ttoo\tmany\tfields\n"
                           "\tno key\t\n");
  ASSERT_TRUE(tsv.ok());
  ASSERT_EQ(tsv->rows.size(), 2u);
  EXPECT_EQ(tsv->rows[0].outlet, "kayhan.ir");
  EXPECT_TRUE(tsv->rows[1].published.empty());
  ASSERT_EQ(tsv->errors.size(), 3u);
  EXPECT_NE(tsv->errors[0].find("m.tsv:3: published `yesterday`"), std::string::npos);
  EXPECT_NE(tsv->errors[1].find("m.tsv:4: expected 3 fields, found 4"), std::string::npos);
  EXPECT_NE(tsv->errors[2].find("m.tsv:5: no id or path"), std::string::npos);

  auto csv = ParseManifest("m.csv", "path,title,outlet\n\"dir/x.txt\",\"عنوان, مع فاصلة\",\"الأخبار\"\n");
  ASSERT_TRUE(csv.ok());
  ASSERT_EQ(csv->rows.size(), 1u);
  EXPECT_EQ(csv->rows[0].title, "عنوان, مع فاصلة");

  EXPECT_FALSE(ParseManifest("m.tsv", "outlet\ttitle\nx\ty\n").ok());
}

TEST(ManifestTest, AppliesByIdOrPathAndReportsUnknownRows) {
  std::vector<Document> docs(2);
  docs[0].id = "a";
  docs[0].path = "corpus/a.txt";
  docs[1].id = "b";
  docs[1].path = "corpus/b.txt";
  auto m = ParseManifest("m.tsv", "path\toutlet\nb.txt\tناس\nmissing.txt\tx\n");
  ASSERT_TRUE(m.ok());
  std::vector<std::string> errors;
  ApplyManifest(m.value(), &docs, &errors);
  EXPECT_EQ(docs[1].outlet, "ناس");
  EXPECT_EQ(docs[1].outlet_from, "manifest");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("no document with path `missing.txt`"), std::string::npos);
}

TEST(ReaderTest, DuplicateJsonKeysAreReported) {
  std::vector<Document> docs;
  ParseJsonl("{\"id\":\"d\",\"text\":\"قتل 5 أشخاص\",\"text\":\"نص آخر\",\"id\":\"e\"}\n", "f.jsonl", ReadOptions(), &docs);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].id, "d");               // the first value wins, as documented
  EXPECT_EQ(docs[0].input, "قتل 5 أشخاص");
  ASSERT_EQ(docs[0].errors.size(), 2u);
  std::string all = docs[0].errors[0] + docs[0].errors[1];
  EXPECT_NE(all.find("\"id\" more than once"), std::string::npos);
  EXPECT_NE(all.find("\"text\" more than once"), std::string::npos);
}

TEST(ReaderTest, TruncatedZstdKeepsTheLinesThatDecoded) {
  std::string plain;
  for (int i = 0; i < 20000; ++i) plain += "{\"id\":\"z" + std::to_string(i) + "\",\"text\":\"خبر رقم " + std::to_string(i) + "\"}\n";
  std::string packed(ZSTD_compressBound(plain.size()), '\0');
  packed.resize(ZSTD_compress(packed.data(), packed.size(), plain.data(), plain.size(), 1));
  std::vector<Document> docs;
  ParseJsonlZstd(std::string_view(packed).substr(0, packed.size() / 2), "feed.jsonl.zst", ReadOptions(), &docs);
  ASSERT_GT(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "z0");
  for (size_t i = 0; i + 1 < docs.size(); ++i) EXPECT_TRUE(docs[i].errors.empty()) << i << ": " << docs[i].errors.at(0);
  const Document& last = docs.back();
  EXPECT_EQ(last.path, "feed.jsonl.zst");
  ASSERT_EQ(last.errors.size(), 1u);
  EXPECT_NE(last.errors[0].find("truncated"), std::string::npos);
  EXPECT_NE(last.errors[0].find("partial line after them dropped"), std::string::npos);
  EXPECT_NE(last.errors[0].find("the " + std::to_string(docs.size() - 1) + " document(s)"), std::string::npos);
  // Concatenated frames are one stream.
  std::vector<Document> twice;
  ParseJsonlZstd(packed + packed, "twice.jsonl.zst", ReadOptions(), &twice);
  EXPECT_EQ(twice.size(), 40000u);
}

TEST(ReaderTest, CapsEndInClearErrors) {
  std::string plain;
  for (int i = 0; i < 1000; ++i) plain += "{\"text\":\"قتل " + std::to_string(i) + " شخصا\"}\n";
  ReadOptions opt;
  opt.max_input_bytes = 4096;
  std::vector<Document> docs;
  ParseJsonl(plain, "big.jsonl", opt, &docs);
  ASSERT_GT(docs.size(), 10u);
  EXPECT_LT(docs.size(), 200u);
  EXPECT_NE(docs.back().errors.at(0).find("--max-input-bytes"), std::string::npos);
  // A line over the per-document limit is skipped to its end, never held whole.
  opt = ReadOptions();
  opt.max_bytes = 64;
  docs.clear();
  ParseJsonl("{\"text\":\"" + std::string(200000, 'a') + "\"}\n{\"text\":\"قصير\"}\n", "long.jsonl", opt, &docs);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_NE(docs[0].errors.at(0).find("too large"), std::string::npos);
  EXPECT_EQ(docs[1].input, "قصير");
}

TEST(ReaderTest, TheRunCapStopsReadingWithAnError) {
  TempDir dir;
  for (int i = 0; i < 5; ++i) dir.Write("a" + std::to_string(i) + ".txt", "خبر رقم " + std::to_string(i));
  ReadOptions opt;
  opt.max_documents = 3;
  ReadResult r;
  ASSERT_TRUE(ReadInputs({dir.str()}, opt, &r).ok());
  EXPECT_EQ(r.docs.size(), 3u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("2 more input file(s) were not read"), std::string::npos);
  // Exactly at the cap with nothing left: no error.
  opt.max_documents = 5;
  ReadResult all;
  ASSERT_TRUE(ReadInputs({dir.str()}, opt, &all).ok());
  EXPECT_EQ(all.docs.size(), 5u);
  EXPECT_TRUE(all.errors.empty());
}

TEST(ReaderTest, EverySkippedPathIsReportedWithItsReason) {
  TempDir dir;
  dir.Write("good.txt", "قال المرصد إن 5 قتلوا.");
  dir.Write("sub/inner.txt", "نص في مجلد فرعي");
  fs::create_symlink(".", fs::path(dir.str()) / "sub" / "loop");
  fs::create_symlink("nowhere.txt", fs::path(dir.str()) / "dangling.txt");
  fs::create_symlink("sub", fs::path(dir.str()) / "alias");  // the same directory twice
  ASSERT_EQ(::mkfifo((dir.str() + "/pipe.txt").c_str(), 0600), 0);
  ReadResult r;
  ASSERT_TRUE(ReadInputs({dir.str()}, ReadOptions(), &r).ok());
  EXPECT_EQ(r.docs.size(), 2u);  // good, inner (once)
  std::string w;
  for (const std::string& x : r.warnings) w += x + "\n";
  EXPECT_NE(w.find("dangling symlink to nowhere.txt"), std::string::npos) << w;
  EXPECT_NE(w.find("symlink loop"), std::string::npos) << w;
  EXPECT_NE(w.find("pipe.txt: a FIFO, not a file; skipped"), std::string::npos) << w;
}

TEST(ManifestTest, IndexAppliesToDocumentsAsTheyArriveAndCountsTheRest) {
  auto m = ParseManifest("m.tsv", "id\toutlet\na\tالأولى\na\tالثانية\nmissing\tx\n");
  ASSERT_TRUE(m.ok());
  ManifestIndex index(m.value());
  Document a;
  a.id = "a";
  EXPECT_TRUE(index.Apply(&a));
  EXPECT_EQ(a.outlet, "الثانية");  // rows apply in file order: the last one wins
  Document other;
  other.id = "zz";
  EXPECT_FALSE(index.Apply(&other));
  EXPECT_EQ(index.unmatched_count(), 1u);
  ASSERT_EQ(index.Unmatched().size(), 1u);
  EXPECT_NE(index.Unmatched()[0].find("m.tsv:4: no document with id `missing`"), std::string::npos);
}

}  // namespace
}  // namespace isnad
