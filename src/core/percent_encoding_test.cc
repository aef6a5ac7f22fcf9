#include "ecociv/core/percent_encoding.h"

#include <gtest/gtest.h>

namespace ecociv {
namespace {

TEST(PercentEncode, UnreservedStayOthersEncoded) {
  EXPECT_EQ(PercentEncode("Az09-._~"), "Az09-._~");
  EXPECT_EQ(PercentEncode("a+b/c= d"), "a%2Bb%2Fc%3D%20d");
  EXPECT_EQ(PercentEncode("报告.pdf"), "%E6%8A%A5%E5%91%8A.pdf");
  EXPECT_EQ(PercentEncode(""), "");
}

}  // namespace
}  // namespace ecociv
