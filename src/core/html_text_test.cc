#include "ecociv/core/html_text.h"

#include <gtest/gtest.h>

namespace ecociv {
namespace {

TEST(EscapeHtml, MarkupCharactersBecomeReferences) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\">Tom's & co</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;");
}

TEST(EscapeHtml, OtherTextIsKeptByteForByte) {
  EXPECT_EQ(EscapeHtml("张家港 PM2.5 ≤ 35 µg/m³"), "张家港 PM2.5 ≤ 35 µg/m³");
  EXPECT_EQ(EscapeHtml(""), "");
}

}  // namespace
}  // namespace ecociv
