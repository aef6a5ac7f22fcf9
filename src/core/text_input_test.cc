#include "ecociv/core/text_input.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace ecociv {
namespace {

std::vector<std::vector<std::string>> SplitAll(std::string_view text) {
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  std::vector<std::vector<std::string>> out;
  while (reader.NextRecord(&fields)) out.emplace_back(fields.begin(), fields.end());
  EXPECT_TRUE(reader.status().ok()) << reader.status().ToString();
  return out;
}

TEST(CsvReader, QuotesEscapesAndLineEnds) {
  auto rows = SplitAll("a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\n\n2,,\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "x,y", "say \"hi\""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "", ""}));
}

TEST(CsvReader, LineNumbersCountEmbeddedNewlines) {
  CsvReader reader("h\n\"a\nb\"\nlast\n");
  std::vector<std::string_view> f;
  ASSERT_TRUE(reader.NextRecord(&f));
  ASSERT_TRUE(reader.NextRecord(&f));
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(reader.NextRecord(&f));
  EXPECT_EQ(reader.line(), 4);
}

TEST(CsvReader, UnclosedQuoteIsAnError) {
  CsvReader reader("a\n\"open\n");
  std::vector<std::string_view> f;
  EXPECT_TRUE(reader.NextRecord(&f));
  EXPECT_FALSE(reader.NextRecord(&f));
  EXPECT_FALSE(reader.status().ok());
}

TEST(ParseScaledDecimal, ExactDigits) {
  int64_t v = 0;
  bool rounded = false;
  ASSERT_TRUE(ParseScaledDecimal("12.3456", 4, &v));
  EXPECT_EQ(v, 123456);
  ASSERT_TRUE(ParseScaledDecimal("0.35", 1, &v, &rounded));
  EXPECT_EQ(v, 4);  // 0.35 -> 0.4, half-even on the digits, not on a double
  EXPECT_TRUE(rounded);
  ASSERT_TRUE(ParseScaledDecimal("-7", 2, &v));
  EXPECT_EQ(v, -700);
  ASSERT_TRUE(ParseScaledDecimal("1.5e2", 0, &v));
  EXPECT_EQ(v, 150);
  ASSERT_TRUE(ParseScaledDecimal(" 42 ", 0, &v));
  EXPECT_EQ(v, 42);
  EXPECT_FALSE(ParseScaledDecimal("NA", 4, &v));
  EXPECT_FALSE(ParseScaledDecimal("12a", 4, &v));
  EXPECT_FALSE(ParseScaledDecimal("", 4, &v));
  EXPECT_FALSE(ParseScaledDecimal("1e300", 4, &v));
}

TEST(ParseScaledDecimal, BoundedMagnitudeAndExponent) {
  int64_t v = 0;
  // |value| < 10^13 on both paths (plain digits and exponent form).
  ASSERT_TRUE(ParseScaledDecimal("9999999999999.9999", 4, &v));
  EXPECT_EQ(v, 99999999999999999);
  EXPECT_FALSE(ParseScaledDecimal("10000000000000", 0, &v));
  EXPECT_FALSE(ParseScaledDecimal("999999999999999", 4, &v));  // 15 digits: once wrapped
  EXPECT_FALSE(ParseScaledDecimal("-1e13", 0, &v));
  // The scaled value must fit int64_t (10^12 with 9 decimals is 10^21).
  EXPECT_FALSE(ParseScaledDecimal("1000000000000", 9, &v));
  EXPECT_FALSE(ParseScaledDecimal("1e12", 9, &v));
  ASSERT_TRUE(ParseScaledDecimal("9e9", 9, &v));
  EXPECT_EQ(v, 9000000000000000000);
  // A huge exponent is refused, not wrapped or looped over.
  EXPECT_FALSE(ParseScaledDecimal("0e99999999999", 4, &v));
  EXPECT_FALSE(ParseScaledDecimal("1e-2147483649", 4, &v));
  EXPECT_FALSE(ParseScaledDecimal("1e+2147483648", 4, &v));
  ASSERT_TRUE(ParseScaledDecimal("0e400", 4, &v));
  EXPECT_EQ(v, 0);
  ASSERT_TRUE(ParseScaledDecimal("1.25E+1", 1, &v));
  EXPECT_EQ(v, 125);
  ASSERT_TRUE(ParseScaledDecimal("5e-400", 4, &v));
  EXPECT_EQ(v, 0);
  // Decimals outside 0..18 are refused rather than aborting in Pow10.
  EXPECT_FALSE(ParseScaledDecimal("1", -1, &v));
  EXPECT_FALSE(ParseScaledDecimal("1", 19, &v));
}

TEST(ReadTextFile, MissingFileIsNotFound) {
  auto r = ReadTextFile("/nonexistent/file.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST(ReadTextFile, TruncatedXzIsDataLoss) {
  std::string path = testing::TempDir() + "/t.csv";
  { std::ofstream(path) << "a,b\n1,2\n"; }
  ASSERT_EQ(std::system(("xz -kf " + path).c_str()), 0);
  auto whole = ReadTextFile(path + ".xz");
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  EXPECT_EQ(*whole, "a,b\n1,2\n");
  ASSERT_EQ(std::system(("truncate -s -6 " + path + ".xz").c_str()), 0);
  auto cut = ReadTextFile(path + ".xz");
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().code(), StatusCode::kDataLoss);
  ASSERT_EQ(std::system(("gzip -kf " + path).c_str()), 0);
  auto gz = ReadTextFile(path + ".gz");
  ASSERT_TRUE(gz.ok()) << gz.status().ToString();
  EXPECT_EQ(*gz, "a,b\n1,2\n");
}

}  // namespace
}  // namespace ecociv

namespace ecociv {
namespace {

TEST(ParseScaledDecimalRange, RefusesWhatWouldOverflowInsteadOfWrapping) {
  int64_t v = 0;
  EXPECT_FALSE(ParseScaledDecimal("18446744073709.6", 6, &v));  // was stored as 0.048
  EXPECT_FALSE(ParseScaledDecimal("99999999999999", 4, &v));
  EXPECT_FALSE(ParseScaledDecimal("999999999999999", 4, &v));   // was "negative"
  EXPECT_FALSE(ParseScaledDecimal("-999999999999999", 4, &v));
  EXPECT_FALSE(ParseScaledDecimal("10000000000000", 0, &v));    // 10^13: out of range
  EXPECT_TRUE(ParseScaledDecimal("9999999999999", 4, &v));      // the largest accepted
  EXPECT_EQ(v, 99999999999990000);
  EXPECT_TRUE(ParseScaledDecimal("9999999999999.99", 4, &v));
  EXPECT_EQ(v, 99999999999999900);
  EXPECT_FALSE(ParseScaledDecimal("9999999999999.999999", 6, &v));  // does not fit 64 bits
  EXPECT_FALSE(ParseScaledDecimal("1e13", 4, &v));
  EXPECT_FALSE(ParseScaledDecimal("1e99999999999999999999", 4, &v));
  EXPECT_FALSE(ParseScaledDecimal("0e999999999", 4, &v));  // refused at once, no loop
  EXPECT_FALSE(ParseScaledDecimal("12345678901234567890123", 4, &v));
}

TEST(ParseScaledDecimalRange, TinyValuesInScientificNotationRoundToZero) {
  int64_t v = -1;
  bool rounded = false;
  ASSERT_TRUE(ParseScaledDecimal("8.4E-6", 4, &v, &rounded));  // 0.084 units of 10^-4
  EXPECT_EQ(v, 0);
  EXPECT_TRUE(rounded);
  ASSERT_TRUE(ParseScaledDecimal("8.4E-5", 4, &v, &rounded));  // 0.84 → 1
  EXPECT_EQ(v, 1);
  ASSERT_TRUE(ParseScaledDecimal("5E-5", 4, &v));  // 0.5 → 0 (half to even)
  EXPECT_EQ(v, 0);
  ASSERT_TRUE(ParseScaledDecimal("81888.4E-388", 4, &v));
  EXPECT_EQ(v, 0);
}

}  // namespace
}  // namespace ecociv

namespace ecociv {
namespace {

TEST(CsvReaderEscapes, ManyEscapedFieldsInOneRecordStayIntact) {
  // Each "" field is copied into the reader's storage; adding the later ones
  // must not move the earlier ones the returned views point into.
  std::string line;
  for (int i = 0; i < 40; ++i) line += std::string(i ? "," : "") + "\"a\"\"" + std::to_string(i) + "\"";
  line += "\n";
  CsvReader reader(line);
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.NextRecord(&fields));
  ASSERT_EQ(fields.size(), 40u);
  for (int i = 0; i < 40; ++i) EXPECT_EQ(fields[i], "a\"" + std::to_string(i));
}

}  // namespace
}  // namespace ecociv
