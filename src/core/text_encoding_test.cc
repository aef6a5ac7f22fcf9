#include "ecociv/core/text_encoding.h"

#include <gtest/gtest.h>

namespace ecociv {
namespace {

TEST(TextEncoding, Utf8StaysAsItIs) {
  bool converted = true;
  auto r = TextAsUtf8("station,name\nA,空气站\n", &converted);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(converted);
  EXPECT_EQ(*r, "station,name\nA,空气站\n");
  EXPECT_TRUE(IsValidUtf8("\xEF\xBB\xBFplain"));  // a BOM is UTF-8 too
}

TEST(TextEncoding, GbkIsConverted) {
  // "station,name\nA,空气站\n" as a Chinese Excel saves it (GBK).
  std::string gbk = "station,name\nA,\xbf\xd5\xc6\xf8\xd5\xbe\n";
  EXPECT_FALSE(IsValidUtf8(gbk));
  bool converted = false;
  auto r = TextAsUtf8(gbk, &converted);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(converted);
  EXPECT_EQ(*r, "station,name\nA,空气站\n");
}

TEST(TextEncoding, NeitherIsRefusedWithTheByte) {
  bool converted = false;
  auto r = TextAsUtf8(std::string("ab\xFF\xFF", 4), &converted);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("neither UTF-8 nor GBK/GB18030 (byte 3)"), std::string::npos)
      << r.status().message();
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong "/"
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // a surrogate
}

}  // namespace
}  // namespace ecociv
