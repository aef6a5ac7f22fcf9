#include <gtest/gtest.h>

#include <fstream>

#include "ecociv/air/dataset.h"
#include "air_test_util.h"

namespace ecociv::air {
namespace {

TEST(ReadAirFiles, WideCsvValuesAndMissingMarkers) {
  std::string path = WriteTemp("wide.csv",
                               "station,time,so2,no2,co,o3,pm10,pm25\n"
                               "A,2026-03-01T01:00,5,20,0.5,50,60,NA\n"
                               "A,2026-03-01T02:00,—,,0.55,-3,/,35.5\n");
  ReadReport report;
  auto data = ReadAirFiles({path}, {}, &report);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ASSERT_EQ(data->stations().size(), 1u);
  EXPECT_EQ(data->hour_count(), 2);
  const auto& v = data->stations()[0].values;
  EXPECT_EQ(v[int(Pollutant::kSO2)][0], 50000);
  EXPECT_EQ(v[int(Pollutant::kCO)][1], 5500);
  EXPECT_EQ(v[int(Pollutant::kPM25)][0], kMissing);
  EXPECT_EQ(v[int(Pollutant::kPM25)][1], 355000);
  EXPECT_EQ(v[int(Pollutant::kSO2)][1], kMissing);
  EXPECT_EQ(v[int(Pollutant::kO3)][1], kMissing);  // negative: screened out, never zero
  EXPECT_EQ(v[int(Pollutant::kPM10)][1], kNotMonitored);
  EXPECT_EQ(report.missing_by_marker["negative"], 1);
  EXPECT_EQ(report.missing_by_marker["NA"], 1);
  EXPECT_TRUE(report.has_problems());  // a negative concentration is a data problem
  EXPECT_NE(report.Summary().find("negative (screened out) 1"), std::string::npos);
}

TEST(ReadAirFiles, MalformedRowsNameFileAndLine) {
  std::string path = WriteTemp("bad.csv",
                               "station,time,so2,no2,co,o3,pm10,pm25\n"
                               "A,2026-03-01T01:00,5,20,0.5,50,60,30\n"
                               "A,2026-03-01T02:00,5,20,abc,50,60,30\n"
                               "A,2026-03-01T25:00,5,20,0.5,50,60,30\n"
                               "A,2026-03-01T04:00,5,20\n"
                               "A,2026-03-01T01:00,6,20,0.5,50,60,30\n"
                               "A,2026-03-01T01:00,5,20,0.5,50,60,30\n");
  ReadReport report;
  auto data = ReadAirFiles({path}, {}, &report);
  ASSERT_TRUE(data.ok());
  ASSERT_EQ(report.row_errors.size(), 4u);
  EXPECT_EQ(report.row_errors[0], path + ":3: bad number 'abc' in field co");
  EXPECT_NE(report.row_errors[1].find(path + ":4: bad time"), std::string::npos);
  EXPECT_EQ(report.row_errors[2], path + ":5: expected 8 fields, found 4");
  EXPECT_NE(report.row_errors[3].find(":6: duplicate station-hour 'A' 2026-03-01T01:00"),
            std::string::npos);
  EXPECT_EQ(report.duplicate_rows_identical, 1);
  // The first value is kept.
  EXPECT_EQ(data->stations()[0].values[int(Pollutant::kSO2)][0], 50000);
}

TEST(ReadAirFiles, UnknownHeaderAndEmptyFileAreErrors) {
  ReadReport report;
  auto bad = ReadAirFiles({WriteTemp("h.csv", "a,b,c\n1,2,3\n")}, {}, &report);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("h.csv:1: unrecognised header"), std::string::npos);
  auto empty = ReadAirFiles({WriteTemp("e.csv", "")}, {}, &report);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("empty file"), std::string::npos);
  auto missing = ReadAirFiles({"/nonexistent.csv"}, {}, &report);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(ReadAirFiles, CnemcReleaseCarriesStationsAndPublishedValues) {
  std::string path = WriteTemp(
      "cnemc.csv",
      "timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,"
      "pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h\n"
      "2026-02-26T2000,1001A,116.3,39.8,北京市,万寿西宫,\"细颗粒物(PM2.5),颗粒物(PM10)\",100,150,"
      "140,75,70,40,40,NA,NA,30,30,3,3,0.4,0.4\n"
      "2026-02-26T2000,1002A,116.2,40.2,北京市,定陵(对照点),,20,20,20,10,10,60,60,NA,NA,5,5,/,/,"
      "0.2,0.2\n");
  ReadReport report;
  auto data = ReadAirFiles({path}, {}, &report);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ASSERT_EQ(data->stations().size(), 2u);
  const StationSeries& s = data->stations()[0];
  EXPECT_EQ(s.info.city, "北京市");
  EXPECT_EQ(s.info.name, "万寿西宫");
  EXPECT_FALSE(s.info.background);
  EXPECT_TRUE(data->stations()[1].info.background);
  EXPECT_EQ(s.published.aqi[0], 100);
  EXPECT_EQ(s.published.primary[0], MaskOf(Indicator::kPM25) | MaskOf(Indicator::kPM10));
  EXPECT_EQ(data->stations()[1].values[int(Pollutant::kSO2)][0], kNotMonitored);
  EXPECT_EQ(data->FindStation("1002A"), 1);
  EXPECT_EQ(data->first_label(), ParseHourLabel("2026-02-26T20:00").value());
}

TEST(ReadAirFiles, StationListGivesCitiesAndRejectsUnknownStations) {
  std::string stations = WriteTemp("stations.csv",
                                   "station,name,city,lon,lat,background\n"
                                   "S1,城北,张家港市,120.5,31.9,0\n"
                                   "S2,对照,张家港市,120.6,31.8,1\n");
  std::string data_path = WriteTemp("w.csv",
                                    "station,time,so2,no2,co,o3,pm10,pm25\n"
                                    "S1,2026-03-01T01:00,5,20,0.5,50,60,30\n"
                                    "S9,2026-03-01T01:00,5,20,0.5,50,60,30\n");
  ReadOptions options;
  options.stations_file = stations;
  ReadReport report;
  auto data = ReadAirFiles({data_path}, options, &report);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->stations()[0].info.city, "张家港市");
  EXPECT_TRUE(data->stations()[1].info.background);
  ASSERT_EQ(report.row_errors.size(), 1u);
  EXPECT_NE(report.row_errors[0].find(":3: unknown station 'S9'"), std::string::npos);
}

TEST(ReadStationList, BadRowsAreErrorsWithLine) {
  auto bad = ReadStationList(WriteTemp("s1.csv", "station,name,city,lon,lat\nS1,a,c,xx,31\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("s1.csv:2: bad longitude 'xx'"), std::string::npos);
  auto dup = ReadStationList(WriteTemp("s2.csv", "station,name\nS1,a\nS1,b\n"));
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("s2.csv:3: station 'S1' listed twice"), std::string::npos);
}

}  // namespace
}  // namespace ecociv::air

namespace ecociv::air {
namespace {

// A file big enough (> 16 MB) to be parsed in two halves on two threads: the
// result must be exactly that of one pass — values, station order, and
// file:line errors in file order with the right line numbers.
TEST(ReadAirFiles, LargeFileParsedInHalvesGivesOnePassResults) {
  const int stations = 80, hours = 6000;
  std::string text = "station,time,so2,no2,co,o3,pm10,pm25\n";
  text.reserve(size_t(stations) * hours * 52);
  int line = 1, bad_early = 0, bad_late = 0;
  HourLabel first = ParseHourLabel("2025-01-01T01:00").value();
  for (int h = 0; h < hours; ++h) {
    std::string time = FormatHourLabel(first + h);
    for (int s = 0; s < stations; ++s) {
      ++line;
      // A station that only appears in the second half.
      std::string code = (s == stations - 1 && h < hours * 3 / 4) ? "" : "S" + std::to_string(s);
      if (code.empty()) {
        code = "S0";  // keeps the row count; S0 is overwritten below by a duplicate check
        text += "S" + std::to_string(s) + "x," + time + ",1,2,0.3,4,5,6\n";
        continue;
      }
      if (h == 3 && s == 7) {
        bad_early = line;
        text += code + "," + time + ",1,2,zz,4,5,6\n";
        continue;
      }
      if (h == hours - 10 && s == 5) {
        bad_late = line;
        text += code + "," + time + ",1,2,0.3,4,5\n";
        continue;
      }
      text += code + "," + time + "," + std::to_string(s % 50) + "," + std::to_string(h % 90) +
              ",0." + std::to_string(h % 10) + ",40,60,\"" + std::to_string(s + h % 7) + "\"\n";
    }
  }
  ASSERT_GT(text.size(), size_t(17) << 20);
  std::string path = WriteTemp("large_split.csv", text);
  ReadReport report;
  auto data = ReadAirFiles({path}, {}, &report);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ASSERT_EQ(report.row_errors.size(), 2u);
  EXPECT_EQ(report.row_errors[0],
            path + ":" + std::to_string(bad_early) + ": bad number 'zz' in field co");
  EXPECT_EQ(report.row_errors[1],
            path + ":" + std::to_string(bad_late) + ": expected 8 fields, found 7");
  EXPECT_EQ(report.rows_read, int64_t(stations) * hours);
  EXPECT_EQ(data->hour_count(), hours);
  // Stations in order of first appearance: S0..S78, then S79x (rows of the
  // first three quarters), then S79.
  ASSERT_EQ(data->stations().size(), size_t(stations + 1));
  EXPECT_EQ(data->stations()[78].info.code, "S78");
  EXPECT_EQ(data->stations()[79].info.code, "S79x");
  EXPECT_EQ(data->stations()[80].info.code, "S79");
  // Every value as written (the quoted PM2.5 field included).
  for (int s : {0, 5, 40, 78}) {
    const auto& v = data->stations()[s].values;
    for (int h : {0, 1, 2499, 2500, 2501, hours - 1}) {
      if (s == 5 && h == hours - 10) continue;
      EXPECT_EQ(v[int(Pollutant::kSO2)][h], (s % 50) * 10000) << s << " " << h;
      EXPECT_EQ(v[int(Pollutant::kNO2)][h], (h % 90) * 10000) << s << " " << h;
      EXPECT_EQ(v[int(Pollutant::kCO)][h], (h % 10) * 1000) << s << " " << h;
      EXPECT_EQ(v[int(Pollutant::kPM25)][h], (s + h % 7) * 10000) << s << " " << h;
    }
  }
  EXPECT_EQ(data->stations()[80].values[int(Pollutant::kPM10)][hours - 1], 600000);
  EXPECT_EQ(data->stations()[80].values[int(Pollutant::kPM10)][0], kMissing);
}

}  // namespace
}  // namespace ecociv::air
