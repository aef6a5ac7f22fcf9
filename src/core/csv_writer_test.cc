#include "ecociv/core/csv_writer.h"

#include <gtest/gtest.h>

namespace ecociv {
namespace {

// OWASP's cases: text a spreadsheet would run as a formula is written as text.
TEST(CsvCell, FormulaTextIsWrittenAsText) {
  EXPECT_EQ(CsvCell("=cmd|' /C calc'!A0"), "\"'=cmd|' /C calc'!A0\"");
  EXPECT_EQ(CsvCell("+1+cmd|x"), "\"'+1+cmd|x\"");
  EXPECT_EQ(CsvCell("-2+3+cmd|x"), "\"'-2+3+cmd|x\"");
  EXPECT_EQ(CsvCell("@SUM(1,2)"), "\"'@SUM(1,2)\"");
  EXPECT_EQ(CsvCell("\t=1"), "\"'\t=1\"");
  EXPECT_EQ(CsvCell("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(CsvCell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvCell("-"), "\"'-\"");
}

// Numbers stay numbers, however they are signed.
TEST(CsvCell, NumbersStayNumbers) {
  for (const char* number : {"-3", "+3", "-0.25", "12", "0.5", ".5", "-1.5e-3", "2E+10", "-7."}) {
    EXPECT_EQ(CsvCell(number), number);
    EXPECT_TRUE(IsCsvNumber(number)) << number;
  }
  for (const char* text : {"-", "+", "-e5", "1e", "--3", "-3 ", "-3,5", "", "1.2.3"}) {
    EXPECT_FALSE(IsCsvNumber(text)) << text;
  }
}

TEST(CsvCell, QuotesWhatRfc4180Needs) {
  EXPECT_EQ(CsvCell("plain 文本"), "plain 文本");
  EXPECT_EQ(CsvCell(""), "");
  EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvCell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvCell("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(CsvCell("a=b"), "a=b");  // only the first character matters
}

TEST(CsvLine, JoinsCells) {
  EXPECT_EQ(CsvLine().Add("S1").Add("-3").Add("=1+1").Add("a,b").Finish(),
            "S1,-3,\"'=1+1\",\"a,b\"\n");
}

}  // namespace
}  // namespace ecociv
