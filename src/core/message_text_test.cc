#include "ecociv/core/message_text.h"

#include <gtest/gtest.h>

namespace ecociv {
namespace {

TEST(QuoteForMessage, ShortTextIsQuotedWhole) {
  EXPECT_EQ(QuoteForMessage("abc"), "'abc'");
  EXPECT_EQ(QuoteForMessage(""), "''");
  EXPECT_EQ(QuoteForMessage("二氧化硫"), "'二氧化硫'");
  EXPECT_EQ(QuoteForMessage(std::string(kMaxQuotedBytes, 'x')),
            "'" + std::string(kMaxQuotedBytes, 'x') + "'");
}

TEST(QuoteForMessage, LongTextIsCutWithItsLength) {
  std::string huge(1 << 20, 'a');
  EXPECT_EQ(QuoteForMessage(huge), "'" + std::string(kMaxQuotedBytes, 'a') + "…' (1048576 bytes)");
  // Never half a character: 14 three-byte characters are 42 bytes.
  std::string chinese;
  for (int i = 0; i < 14; ++i) chinese += "水";
  std::string quoted = QuoteForMessage(chinese);
  std::string thirteen;
  for (int i = 0; i < 13; ++i) thirteen += "水";
  EXPECT_EQ(quoted, "'" + thirteen + "…' (42 bytes)");
}

TEST(QuoteForMessage, ControlBytesAndBrokenUtf8AreEscaped) {
  EXPECT_EQ(QuoteForMessage(std::string("a\0b", 3)), "'a\\x00b'");
  EXPECT_EQ(QuoteForMessage("line\r\nnext\tx\x7f"), "'line\\x0d\\x0anext\\x09x\\x7f'");
  EXPECT_EQ(QuoteForMessage("\xff\xfe ok \xe6\xb0"), "'\\xff\\xfe ok \\xe6\\xb0'");
  // The message stays one line and NUL-free whatever the input.
  std::string nasty(100000, '\0');
  std::string quoted = QuoteForMessage(nasty);
  EXPECT_EQ(quoted.find('\0'), std::string::npos);
  EXPECT_LT(quoted.size(), 4 * kMaxQuotedBytes + 40);
  EXPECT_NE(quoted.find("(100000 bytes)"), std::string::npos);
}

}  // namespace
}  // namespace ecociv
