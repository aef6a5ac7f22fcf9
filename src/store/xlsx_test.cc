#include "ecociv/store/xlsx.h"

#include <gtest/gtest.h>
#include <zip.h>

#include "ecociv/store/air_store.h"
#include "ecociv/store/import.h"
#include "store_test_util.h"

namespace ecociv::store {
namespace {

using testing_util::OpenOrDie;
using testing_util::ScratchDir;
using testing_util::WriteFile;

// Writes a minimal but genuine .xlsx: workbook, relationships, shared
// strings, styles (0 general, 1 built-in date-time 22, 2 custom date
// "yyyy-mm-dd hh:mm", 3 custom "0.0", 4 "[Red]0.00"), and one part per sheet
// holding the given <sheetData> content.
void WriteWorkbook(const std::string& path,
                   const std::vector<std::pair<std::string, std::string>>& sheets,
                   const std::vector<std::string>& shared) {
  std::vector<std::pair<std::string, std::string>> parts;
  std::string workbook =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>";
  std::string rels =
      "<?xml version=\"1.0\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (size_t i = 0; i < sheets.size(); ++i) {
    std::string n = std::to_string(i + 1);
    workbook +=
        "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels +=
        "<Relationship Id=\"rId" + n + "\" Target=\"worksheets/sheet" + n + ".xml\" Type=\"x\"/>";
    parts.emplace_back("xl/worksheets/sheet" + n + ".xml",
                       "<?xml version=\"1.0\"?><worksheet><sheetData>" + sheets[i].second +
                           "</sheetData></worksheet>");
  }
  parts.emplace_back("xl/workbook.xml", workbook + "</sheets></workbook>");
  parts.emplace_back("xl/_rels/workbook.xml.rels", rels + "</Relationships>");
  std::string sst = "<?xml version=\"1.0\"?><sst>";
  for (const std::string& s : shared) sst += "<si>" + s + "</si>";
  parts.emplace_back("xl/sharedStrings.xml", sst + "</sst>");
  parts.emplace_back("xl/styles.xml",
                     "<?xml version=\"1.0\"?><styleSheet><numFmts>"
                     "<numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd hh:mm\"/>"
                     "<numFmt numFmtId=\"165\" formatCode=\"0.0\"/>"
                     "<numFmt numFmtId=\"166\" formatCode=\"[Red]0.00\"/></numFmts><cellXfs>"
                     "<xf numFmtId=\"0\"/><xf numFmtId=\"22\"/><xf numFmtId=\"164\"/>"
                     "<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/></cellXfs></styleSheet>");
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(zip, nullptr);
  for (const auto& [name, text] : parts) {
    char* copy = static_cast<char*>(malloc(text.size()));
    memcpy(copy, text.data(), text.size());
    zip_source_t* source = zip_source_buffer(zip, copy, text.size(), 1);
    ASSERT_GE(zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0);
  }
  ASSERT_EQ(zip_close(zip), 0);
}

// The Excel serial number of a Beijing hour label.
std::string Serial(const std::string& time) {
  HourLabel label = *ParseHourLabel(time);
  double serial = (label / 24 - DaysFromCivil({1899, 12, 30})) + (label % 24) / 24.0;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10f", serial);
  return buffer;
}

std::string Row(int r, const std::string& cells) {
  return "<row r=\"" + std::to_string(r) + "\">" + cells + "</row>";
}

TEST(Xlsx, ReadsStringsNumbersDatesAndGaps) {
  std::string path = ScratchDir() + "/book.xlsx";
  std::string rows =
      Row(1, "<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>") +
      Row(2,
          "<c r=\"A2\" t=\"inlineStr\"><is><t>内联, \"quoted\"</t></is></c>"
          "<c r=\"C2\" s=\"1\"><v>" +
              Serial("2026-03-01T05:00") +
              "</v></c>"
              "<c r=\"D2\" s=\"2\"><v>" +
              Serial("2026-03-02T00:00") + "</v></c>") +
      Row(4,
          "<c r=\"A4\" s=\"3\"><v>0.60000000000000009</v></c><c r=\"B4\" s=\"4\"><v>35</v></c>"
          "<c r=\"C4\" t=\"b\"><v>1</v></c><c r=\"D4\" t=\"e\"><v>#N/A</v></c>"
          "<c r=\"E4\" t=\"str\"><f>A4*2</f><v>1.2</v></c>");
  WriteWorkbook(path, {{"三月", rows}, {"Empty", ""}},
                {"<t>station</t>", "<r><t>ti</t></r><r><t>me</t></r><rPh><t>ignored</t></rPh>"});
  auto sheets = ReadXlsxAsCsv(path);
  ASSERT_TRUE(sheets.ok()) << sheets.status().ToString();
  ASSERT_EQ(sheets->size(), 2u);
  EXPECT_EQ((*sheets)[0].name, "三月");
  EXPECT_EQ((*sheets)[0].csv,
            "station,time\n"
            "\"内联, \"\"quoted\"\"\",,2026-03-01 05:00,2026-03-02 00:00\n"
            "\n"
            "0.60000000000000009,35,TRUE,#N/A,1.2\n");
  EXPECT_EQ((*sheets)[1].csv, "");
}

TEST(Xlsx, NotAWorkbookIsDataLoss) {
  std::string dir = ScratchDir();
  WriteFile(dir + "/fake.xlsx", "station,time\n");
  auto sheets = ReadXlsxAsCsv(dir + "/fake.xlsx");
  ASSERT_FALSE(sheets.ok());
  EXPECT_EQ(sheets.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(ReadXlsxAsCsv(dir + "/none.xlsx").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(IsXlsxPath("a/B.XLSX"));
  EXPECT_FALSE(IsXlsxPath("a.xls"));
}

std::string AirRow(int r, const std::string& station, const std::string& time, int pm25) {
  auto num = [&](const char* col, int v) {
    return "<c r=\"" + std::string(col) + std::to_string(r) + "\"><v>" + std::to_string(v) +
           "</v></c>";
  };
  return Row(r, "<c r=\"A" + std::to_string(r) + "\" t=\"inlineStr\"><is><t>" + station +
                    "</t></is></c><c r=\"B" + std::to_string(r) + "\" s=\"2\"><v>" + Serial(time) +
                    "</v></c>" + num("C", 5) + num("D", 20) + "<c r=\"E" + std::to_string(r) +
                    "\"><v>0.5</v></c>" + num("F", 40) + num("G", 60) + num("H", pm25));
}

const char kHeader[] =
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
    "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v>"
    "</c><c r=\"F1\" t=\"s\"><v>5</v></c><c r=\"G1\" t=\"s\"><v>6</v></c><c r=\"H1\" t=\"s\">"
    "<v>7</v></c></row>";
const std::vector<std::string> kHeaderStrings = {"<t>station</t>", "<t>time</t>", "<t>so2</t>",
                                                 "<t>no2</t>",     "<t>co</t>",   "<t>o3</t>",
                                                 "<t>pm10</t>",    "<t>pm25</t>"};

TEST(Xlsx, WorkbookWithTwoSheetsIsOneImportEqualToTheCsv) {
  std::string dir = ScratchDir();
  auto db = OpenOrDie(dir + "/db");
  WriteFile(dir + "/s.csv", "station,name,city,lon,lat\nX1,a,c,120,31\n");
  ASSERT_TRUE(ImportStationsFile(db.get(), dir + "/s.csv", ImportOptions()).ok());
  std::string march =
      kHeader + AirRow(2, "X1", "2026-03-01T01:00", 30) + AirRow(3, "X1", "2026-03-01T02:00", 31);
  std::string april = kHeader + AirRow(2, "X1", "2026-04-01T01:00", 40);
  WriteWorkbook(dir + "/air.xlsx", {{"三月", march}, {"四月", april}}, kHeaderStrings);
  auto result = ImportAirFile(db.get(), dir + "/air.xlsx", ImportOptions());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows_inserted, 3);
  EXPECT_EQ(*QueryInt64(db.get(), "SELECT count(*) FROM import_batches WHERE kind = 'air'"), 1);
  AirQuery query;
  query.from = *ParseHourLabel("2026-03-01T02:00");
  query.to = query.from;
  auto dataset = LoadAirDataset(db.get(), query);
  ASSERT_TRUE(dataset.ok());
  EXPECT_EQ(dataset->stations()[0].values[int(air::Pollutant::kPM25)][0], 310000);
  EXPECT_EQ(dataset->stations()[0].values[int(air::Pollutant::kCO)][0], 5000);
  auto again = ImportAirFile(db.get(), dir + "/air.xlsx", ImportOptions());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, ImportOutcome::kUnchanged);
}

TEST(Xlsx, RejectsNameTheSheetAndExcelRow) {
  std::string dir = ScratchDir();
  auto db = OpenOrDie(dir + "/db");
  WriteFile(dir + "/s.csv", "station,name,city,lon,lat\nX1,a,c,120,31\n");
  ASSERT_TRUE(ImportStationsFile(db.get(), dir + "/s.csv", ImportOptions()).ok());
  std::string sheet =
      kHeader + AirRow(2, "X1", "2026-03-01T01:00", 30) + AirRow(7, "Y9", "2026-03-01T02:00", 31);
  WriteWorkbook(dir + "/air.xlsx", {{"Data", sheet}}, kHeaderStrings);
  auto result = ImportAirFile(db.get(), dir + "/air.xlsx", ImportOptions());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->outcome, ImportOutcome::kRejected);
  ASSERT_EQ(result->rejects.size(), 1u);
  EXPECT_EQ(result->rejects[0].substr(0, result->rejects[0].find(" (")),
            dir + "/air.xlsx[Data]:7: unknown station 'Y9'");
}

TEST(Xlsx, StationListFromAWorkbook) {
  std::string dir = ScratchDir();
  auto db = OpenOrDie(dir + "/db");
  std::string rows =
      Row(1,
          "<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" "
          "t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c>") +
      Row(2,
          "<c r=\"A2\" t=\"inlineStr\"><is><t>X1</t></is></c><c r=\"B2\" t=\"inlineStr\"><is>"
          "<t>监测站</t></is></c><c r=\"C2\" t=\"inlineStr\"><is><t>某市</t></is></c>"
          "<c r=\"D2\"><v>120.5</v></c><c r=\"E2\"><v>31.25</v></c>");
  WriteWorkbook(dir + "/s.xlsx", {{"站点", rows}},
                {"<t>station</t>", "<t>name</t>", "<t>city</t>", "<t>lon</t>", "<t>lat</t>"});
  auto result = ImportStationsFile(db.get(), dir + "/s.xlsx", ImportOptions());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows_inserted, 1);
  EXPECT_EQ(testing_util::QueryText(db.get(), "SELECT name || '/' || latitude FROM stations"),
            "监测站/31.25");
}

}  // namespace
}  // namespace ecociv::store

namespace ecociv::store {
namespace {

using testing_util::ScratchDir;

// The message of a refused workbook (empty when it was read).
std::string Refusal(const std::string& sheet_data, const std::vector<std::string>& shared = {"x"},
                    const XlsxLimits& limits = {}) {
  std::string path = ScratchDir() + "/hostile.xlsx";
  WriteWorkbook(path, {{"S", sheet_data}}, shared);
  auto sheets = ReadXlsxAsCsv(path, limits);
  if (sheets.ok()) return "";
  EXPECT_EQ(sheets.status().code(), StatusCode::kDataLoss);
  return sheets.status().message();
}

TEST(XlsxLimits, CellReferencesBeyondTheSheetAreRefused) {
  EXPECT_NE(Refusal(Row(3, "<c r=\"ZZZZZZZZZZ3\"><v>1</v></c>")).find("'ZZZZZZZZZZ3'"),
            std::string::npos);
  EXPECT_NE(Refusal(Row(3, "<c r=\"XFE3\"><v>1</v></c>")).find("XFD1048576"), std::string::npos);
  EXPECT_NE(Refusal(Row(3, "<c r=\"A99999999999999999999\"><v>1</v></c>")), "");
  EXPECT_NE(Refusal(Row(3, "<c r=\"a3\"><v>1</v></c>")), "");
  EXPECT_NE(Refusal(Row(3, "<c r=\"A4\"><v>1</v></c>")), "");  // not a cell of row 3
  EXPECT_EQ(Refusal(Row(3, "<c r=\"XFD3\"><v>1</v></c>")), "");  // the last column is fine
}

TEST(XlsxLimits, RowNumbersBeyondTheSheetAreRefused) {
  EXPECT_NE(Refusal("<row r=\"1048577\"><c><v>1</v></c></row>").find("outside 1 to 1048576"),
            std::string::npos);
  EXPECT_NE(Refusal("<row r=\"99999999999999999999\"/>"), "");
  EXPECT_NE(Refusal("<row r=\"-3\"/>"), "");
  EXPECT_NE(Refusal("<row r=\"x\"/>"), "");
}

TEST(XlsxLimits, AMissingSharedStringIsRefusedNotReadAsEmpty) {
  std::string message = Refusal(Row(1, "<c r=\"B1\" t=\"s\"><v>7</v></c>"), {"a", "b"});
  EXPECT_NE(message.find("cell B1"), std::string::npos) << message;
  EXPECT_NE(message.find("2 shared strings"), std::string::npos) << message;
  EXPECT_NE(Refusal(Row(1, "<c r=\"A1\" t=\"s\"><v>-1</v></c>")), "");
  EXPECT_NE(Refusal(Row(1, "<c r=\"A1\" t=\"s\"><v></v></c>")), "");
}

TEST(XlsxLimits, DateSerialsExcelCannotShowAreRefused) {
  EXPECT_NE(Refusal(Row(1, "<c r=\"A1\" s=\"1\"><v>1e300</v></c>")), "");
  EXPECT_NE(Refusal(Row(1, "<c r=\"A1\" s=\"1\"><v>-2</v></c>")), "");
  EXPECT_NE(Refusal(Row(1, "<c r=\"A1\" s=\"1\"><v>nan</v></c>")), "");
}

TEST(XlsxLimits, ADecompressionBombIsRefusedBeforeItIsExpanded) {
  // 24 MiB of blanks compress about a thousand times.
  std::string message = Refusal(Row(1, "<c><v>1</v></c>") + std::string(size_t{24} << 20, ' '));
  EXPECT_NE(message.find("times"), std::string::npos) << message;
  XlsxLimits small;
  small.max_part_bytes = 1 << 20;
  EXPECT_NE(Refusal(Row(1, "<c><v>1</v></c>") + std::string(2 << 20, ' '), {"x"}, small)
                .find("a part may have"),
            std::string::npos);
}

TEST(XlsxLimits, ASharedStringRepeatedAcrossARowIsBoundedByTheCellBudget) {
  std::string cells;
  for (int c = 0; c < 2000; ++c) cells += "<c t=\"s\"><v>0</v></c>";
  XlsxLimits small;
  small.max_csv_bytes = 1 << 20;
  std::string message = Refusal(Row(1, cells), {"<t>" + std::string(4096, 'a') + "</t>"}, small);
  EXPECT_NE(message.find("of cells"), std::string::npos) << message;
}

TEST(XlsxLimits, DeeplyNestedRunsDoNotExhaustTheStack) {
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "<r>";
  nested += "<t>x</t>";
  for (int i = 0; i < 100000; ++i) nested += "</r>";
  std::string path = ScratchDir() + "/nested.xlsx";
  WriteWorkbook(path, {{"S", Row(1, "<c t=\"s\"><v>0</v></c>")}}, {nested});
  auto sheets = ReadXlsxAsCsv(path);  // read or refused, but no crash
  if (sheets.ok()) {
    EXPECT_EQ((*sheets)[0].csv, "\n");
  }
}

}  // namespace
}  // namespace ecociv::store
