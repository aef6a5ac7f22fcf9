#include "ecociv/core/parse_number.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace ecociv {
namespace {

TEST(ParseInteger, AcceptsWholeNumbersInRange) {
  EXPECT_EQ(*ParseInteger("8080", 1, 65535, "port"), 8080);
  EXPECT_EQ(*ParseInteger("-5", -10, 10, "x"), -5);
  EXPECT_EQ(*ParseInteger("007", 0, 10, "x"), 7);
  EXPECT_EQ(*ParseInteger("9223372036854775807", 0, std::numeric_limits<int64_t>::max(), "x"),
            std::numeric_limits<int64_t>::max());
}

TEST(ParseInteger, RefusesWhatStoiWouldAccept) {
  for (const char* bad : {"8080x", " 12", "12 ", "+3", "1e3", "", "-", "0x10", "1.0", "１２"}) {
    auto v = ParseInteger(bad, -100000, 100000, "--port");
    EXPECT_FALSE(v.ok()) << bad;
    EXPECT_EQ(v.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(ParseInteger, RefusesOutOfRangeAndOverflowWithoutThrowing) {
  EXPECT_FALSE(ParseInteger("65536", 1, 65535, "port").ok());
  EXPECT_FALSE(ParseInteger("0", 1, 65535, "port").ok());
  EXPECT_FALSE(ParseInteger("99999999999999999999999", 0, 10, "x").ok());
  auto v = ParseInteger("70000", 1, 65535, "--listen port");
  EXPECT_EQ(v.status().message(),
            "--listen port: expected a whole number from 1 to 65535, got '70000'");
}

TEST(ParseInteger, CapsTheEchoedTextAndHidesControlBytes) {
  std::string huge(100000, '9');
  auto v = ParseInteger(huge, 0, 10, "x");
  ASSERT_FALSE(v.ok());
  EXPECT_LT(v.status().message().size(), 200u);
  EXPECT_NE(v.status().message().find("100000 bytes"), std::string::npos);
  auto nul = ParseInteger(std::string_view("1\0002", 3), 0, 10, "x");
  ASSERT_FALSE(nul.ok());
  EXPECT_NE(nul.status().message().find("1\\x002"), std::string::npos);
}

}  // namespace
}  // namespace ecociv
