// The xlsx writer, read back with the store's reader (store/xlsx.h).
#include "ecociv/core/xlsx_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "ecociv/store/xlsx.h"

namespace ecociv::xlsx {
namespace {

std::string TempPath(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) /
          (std::to_string(getpid()) + "-" + name))
      .string();
}

TEST(XlsxWriter, WritesSheetsCellsAndStylesThatReadBack) {
  Workbook book;
  StyleId bold = book.AddStyle(Style{.bold = true, .thin_border = true, .fill = 0xDDDDDD});
  StyleId number = book.AddStyle(Style{.number_format = "0.00"});
  StyleId title = book.AddStyle(Style{.center = true, .font_name = "黑体", .font_size = 16});
  Sheet& first = book.AddSheet("排名 Ranking");
  first.Merge(0, 0, 0, 2, "标题 Title", title);
  first.Text(1, 0, "name", bold);
  first.Text(1, 1, "value", bold);
  first.Text(1, 2, "ok", bold);
  first.Text(2, 0, "甲, \"A\"");
  first.Number(2, 1, 35);
  first.Boolean(2, 2, true);
  first.Text(3, 0, "乙");
  first.Number(3, 1, 0.6, number);  // C4 stays empty (the reader drops trailing empties)
  first.ColumnWidth(0, 0, 20);
  first.ColumnWidth(1, 2, 11);
  first.page().landscape = true;
  first.page().a4 = true;
  first.page().fit_to_width = true;
  first.page().repeat_first_row = 1;
  first.page().repeat_last_row = 1;
  first.page().freeze_rows = 2;
  book.AddSheet("Second").Text(0, 1, "B1");
  const std::string path = TempPath("writer.xlsx");
  ASSERT_TRUE(book.WriteFile(path).ok());
  auto sheets = store::ReadXlsxAsCsv(path);
  ASSERT_TRUE(sheets.ok()) << sheets.status().ToString();
  ASSERT_EQ(sheets->size(), 2u);
  EXPECT_EQ((*sheets)[0].name, "排名 Ranking");
  EXPECT_EQ((*sheets)[0].csv,
            "标题 Title\nname,value,ok\n\"甲, \"\"A\"\"\",35,TRUE\n乙,0.6\n");
  EXPECT_EQ((*sheets)[1].name, "Second");
  EXPECT_EQ((*sheets)[1].csv, ",B1\n");
  std::filesystem::remove(path);
}

TEST(XlsxWriter, BytesAreAWorkbookAndDefaultSheetNamesAreExcels) {
  Workbook book;
  book.AddSheet().Text(0, 0, "x");
  auto bytes = book.Bytes();
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  const std::string path = TempPath("bytes.xlsx");
  std::ofstream(path, std::ios::binary) << *bytes;
  auto sheets = store::ReadXlsxAsCsv(path);
  ASSERT_TRUE(sheets.ok()) << sheets.status().ToString();
  EXPECT_EQ((*sheets)[0].name, "Sheet1");
  EXPECT_EQ((*sheets)[0].csv, "x\n");
  std::filesystem::remove(path);
}

TEST(XlsxWriter, BadInputIsAnErrorNotACrash) {
  const std::string path = TempPath("bad.xlsx");
  auto error_of = [&](auto build) {
    Workbook book;
    build(book);
    Status s = book.WriteFile(path);
    EXPECT_FALSE(std::filesystem::exists(path)) << "nothing is written on an error";
    return s;
  };
  Status bad_name = error_of([](Workbook& b) { b.AddSheet("a/b"); });
  EXPECT_EQ(bad_name.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad_name.message().find("a/b"), std::string::npos) << bad_name.message();
  EXPECT_FALSE(error_of([](Workbook& b) { b.AddSheet(std::string(32, 'x')); }).ok());
  EXPECT_FALSE(error_of([](Workbook& b) {
                 b.AddSheet("same");
                 b.AddSheet("Same");
               }).ok());
  Status outside = error_of([](Workbook& b) { b.AddSheet("s").Number(1048576, 0, 1); });
  EXPECT_NE(outside.message().find("sheet 's' row 1048576 column 0"), std::string::npos)
      << outside.message();
  EXPECT_FALSE(error_of([](Workbook& b) { b.AddSheet("s").Text(0, -1, "x"); }).ok());
  EXPECT_FALSE(error_of([](Workbook& b) { b.AddSheet("s").Text(0, 0, "x", 7); }).ok());
  EXPECT_FALSE(error_of([](Workbook& b) { b.AddSheet("s").Text(0, 0, std::string(40000, 'x')); })
                   .ok());
  EXPECT_FALSE(error_of([](Workbook& b) { b.AddSheet("s").Merge(0, 0, 0, 20000, "x"); }).ok());
  Workbook fine;
  fine.AddSheet("s").Text(0, 0, "x");
  Status unwritable = fine.WriteFile("/nonexistent-dir/r.xlsx");
  EXPECT_EQ(unwritable.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unwritable.message().find("/nonexistent-dir/r.xlsx"), std::string::npos);
}

}  // namespace
}  // namespace ecociv::xlsx
