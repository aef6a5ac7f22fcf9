#include "ecociv/core/text_stream.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>

#include "ecociv/core/text_input.h"

namespace ecociv {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Every block ends outside quotes, the blocks put together are the text, and
// each block's first line is the line its first record is on.
void ExpectBlocksOf(const std::string& path, const std::string& text, size_t block_size) {
  auto stream = TextStream::Open(path);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  CsvBlocks blocks(std::move(*stream), block_size);
  std::string joined;
  std::string_view block;
  int64_t first_line = 0;
  int count = 0;
  while (true) {
    auto more = blocks.Next(&block, &first_line);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    ++count;
    EXPECT_EQ(first_line, 1 + std::count(joined.begin(), joined.end(), '\n'));
    EXPECT_EQ(std::count(joined.begin(), joined.end(), '"') % 2, 0);
    joined += block;
  }
  EXPECT_EQ(joined, text);
  EXPECT_GT(count, 1);
}

std::string QuotedText() {
  std::string text = "a,b,c\n";
  for (int i = 0; i < 200; ++i) {
    text += std::to_string(i) + ",\"x,\ny\"\"\n\",z" + std::to_string(i) + "\n";
    if (i % 7 == 0) text += "plain," + std::to_string(i) + ",line\n";
  }
  return text;
}

TEST(CsvBlocks, NeverCutsInsideQuotesAndCountsLines) {
  std::string text = QuotedText();
  std::string path = WriteTemp("blocks.csv", text);
  for (size_t size : {64, 100, 257, 1000}) ExpectBlocksOf(path, text, size);
}

TEST(CsvBlocks, ARecordLongerThanABlockIsOneBlock) {
  std::string text = "h\n\"" + std::string(1000, 'x') + "\n\"\nend\n";
  ExpectBlocksOf(WriteTemp("long_record.csv", text), text, 64);
}

TEST(CsvBlocks, BomSkippedAndGzipDecompressedAsRead) {
  std::string text = QuotedText();
  std::string path = ::testing::TempDir() + "/blocks.csv.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  gzwrite(gz, ("\xEF\xBB\xBF" + text).data(), unsigned(text.size() + 3));
  gzclose(gz);
  ExpectBlocksOf(path, text, 128);
  auto whole = ReadTextFile(path);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(*whole, text);
}

TEST(TextStream, MissingFileAndCorruptGzip) {
  EXPECT_EQ(TextStream::Open("/nonexistent/x.csv").status().code(), StatusCode::kNotFound);
  std::string path = WriteTemp("corrupt.csv.gz", "\x1f\x8b not really gzip");
  auto stream = TextStream::Open(path);
  ASSERT_TRUE(stream.ok());
  char buf[64];
  EXPECT_FALSE((*stream)->Read(buf, sizeof buf).ok());
}

}  // namespace
}  // namespace ecociv
