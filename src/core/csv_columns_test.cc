#include "ecociv/core/csv_columns.h"

#include <gtest/gtest.h>

namespace ecociv {
namespace {

TEST(CsvColumns, ReadsColumnsByName) {
  auto rows = ReadCsvColumns("b,extra,a\n2,x,1\n", "t.csv", {"a", "b"}, {"c"});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].fields, (std::vector<std::string>{"1", "2", ""}));
  EXPECT_EQ((*rows)[0].line, 2);
}

// A column asked for that the header names twice is refused, whichever of
// the two columns holds the values; a repeated column not asked for is fine.
TEST(CsvColumns, RefusesAColumnNamedTwice) {
  for (const char* csv : {"a,b,a\n1,2,3\n", "a, b ,b\n1,2,3\n", "x,c,c\n1,2,3\n"}) {
    auto rows = ReadCsvColumns(csv, "t.csv", {"a", "b"}, {"c"});
    if (std::string(csv).rfind("x,", 0) == 0) {
      ASSERT_FALSE(rows.ok());  // optional columns too (and a and b are missing anyway)
      continue;
    }
    ASSERT_FALSE(rows.ok()) << csv;
    EXPECT_NE(rows.status().message().find("t.csv:1: column '"), std::string::npos);
    EXPECT_NE(rows.status().message().find("' appears twice in the header"), std::string::npos);
  }
  auto message = ReadCsvColumns("a,b,a\n", "t.csv", {"a", "b"}).status().message();
  EXPECT_EQ(message, "t.csv:1: column 'a' appears twice in the header (fields 1 and 3)");
  auto c_twice = ReadCsvColumns("a,b,c,c\n1,2,3,4\n", "t.csv", {"a", "b"}, {"c"});
  ASSERT_FALSE(c_twice.ok());
  EXPECT_EQ(c_twice.status().message(),
            "t.csv:1: column 'c' appears twice in the header (fields 3 and 4)");
  EXPECT_TRUE(ReadCsvColumns("a,b,note,note\n1,2,x,y\n", "t.csv", {"a", "b"}).ok());
}

}  // namespace
}  // namespace ecociv
