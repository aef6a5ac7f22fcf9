// The air readers against hostile or mistaken input: huge fields (quoted
// short in errors), columns named twice, times outside the plausible range,
// and datasets whose dense grid would be far larger than their data.
#include <gtest/gtest.h>

#include <fstream>

#include "ecociv/air/dataset.h"
#include "air_test_util.h"

namespace ecociv::air {
namespace {

constexpr size_t kHuge = 4 << 20;  // a 4 MiB field

// Every error a huge field causes quotes 40 bytes of it and its length.
TEST(AirReaderLimits, HugeFieldsAreQuotedShort) {
  const std::string huge(kHuge, '7');
  const std::string stations =
      WriteTemp("limits_stations.csv", "station,name,city,lon,lat\nA,a,C,120,31\n");
  std::string path = WriteTemp("limits_huge.csv",
                               "station,time,so2,no2,co,o3,pm10,pm25\n"
                               "A,2026-03-01T01:00,5,20,0.5,50,60,x" +
                                   huge +
                                   "\n"
                                   "A,2026-03-01T" +
                                   huge +
                                   ",5,20,0.5,50,60,30\n"
                                   "B" +
                                   huge + ",2026-03-01T03:00,5,20,0.5,50,60,30\n");
  ReadOptions options;
  options.stations_file = stations;
  ReadReport report;
  auto data = ReadAirFiles({path}, options, &report);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ASSERT_EQ(report.row_errors.size(), 3u);
  for (const std::string& error : report.row_errors) {
    EXPECT_LT(error.size(), path.size() + 200) << error.substr(0, 300);
    EXPECT_NE(error.find(" bytes)"), std::string::npos) << error.substr(0, 300);
  }
  EXPECT_NE(report.row_errors[0].find(":2: bad number 'x777"), std::string::npos);
  EXPECT_NE(report.row_errors[1].find(":3: bad time '2026-03-01T777"), std::string::npos);
  EXPECT_NE(report.row_errors[2].find(":4: unknown station 'B777"), std::string::npos);
  // The station list's own errors too.
  auto list = ReadStationList(
      WriteTemp("limits_list.csv", "station,name,city,lon,lat\nA,a,C," + huge + ",31\n"));
  ASSERT_FALSE(list.ok());
  EXPECT_LT(list.status().message().size(), 300u);
  EXPECT_NE(list.status().message().find("bad longitude '777"), std::string::npos);
}

// A column the reader uses, named twice (or under two of its names), is
// refused: which of the two holds the values cannot be told.
TEST(AirReaderLimits, ColumnsNamedTwiceAreRefused) {
  struct Case {
    std::string header, message;
  };
  const Case cases[] = {
      {"station,time,pm25,pm25", "column 'pm25' appears twice in the header (fields 3 and 4)"},
      {"station,time,PM25, pm2.5 ",
       "columns 'pm25' and 'pm2.5' are one column named twice in the header (fields 3 and 4)"},
      {"station,time,time,pm25", "column 'time' appears twice in the header (fields 2 and 3)"},
      {"timepoint,stationcode,so2,no2,so2", "column 'so2' appears twice in the header"},
  };
  for (const Case& c : cases) {
    std::string path = WriteTemp("limits_twice.csv", c.header + "\n");
    ReadReport report;
    auto data = ReadAirFiles({path}, {}, &report);
    ASSERT_FALSE(data.ok()) << c.header;
    EXPECT_EQ(data.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(data.status().message().find(path + ":1: " + c.message), std::string::npos)
        << data.status().message();
  }
  // A column the reader does not use may repeat.
  ReadReport report;
  EXPECT_TRUE(ReadAirFiles({WriteTemp("limits_note.csv",
                                      "station,time,pm25,note,note\nA,2026-03-01T01:00,3,x,y\n")},
                           {}, &report)
                  .ok());
  auto list = ReadStationList(WriteTemp("limits_list2.csv", "station,name,code\nA,a,B\n"));
  ASSERT_FALSE(list.ok());
  EXPECT_NE(list.status().message().find("are one column named twice"), std::string::npos);
}

// Rows outside 2000-01-01 .. the end of tomorrow (Beijing) are rejected with
// file:line; the rows inside are read.
TEST(AirReaderLimits, TimesOutsideThePlausibleRangeAreRejected) {
  std::string path = WriteTemp("limits_range.csv",
                               "station,time,pm25\n"
                               "A,1999-12-31T23:00,1\n"
                               "A,2000-01-01T01:00,2\n"
                               "A,2000-01-01T02:00,3\n"
                               "A,2199-01-01T01:00,4\n"
                               "A,2300-01-01T01:00,5\n");
  ReadReport report;
  auto data = ReadAirFiles({path}, {}, &report);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_EQ(data->hour_count(), 2);
  ASSERT_EQ(report.row_errors.size(), 3u);
  EXPECT_EQ(
      report.row_errors[0].rfind(path + ":2: time 1999-12-31T23:00 outside 2000-01-01T01:00..", 0),
      0u)
      << report.row_errors[0];
  EXPECT_NE(report.row_errors[1].find(":5: time 2199-01-01T01:00 outside"), std::string::npos);
  EXPECT_NE(report.row_errors[2].find(":6: bad time '2300-01-01T01:00': year 2300 outside"),
            std::string::npos);
  // The end of the range is the end of tomorrow.
  HourLabel latest = LatestPlausibleAirHour();
  EXPECT_EQ(HourOfDay(latest), 24);
  ReadOptions options;
  options.latest = LabelAt(DaysFromCivil({2026, 3, 1}), 24);
  std::string future = WriteTemp("limits_future.csv",
                                 "station,time,pm25\nA,2026-03-01T24:00,1\nA,2026-03-02T01:00,2\n");
  ReadReport future_report;
  ASSERT_TRUE(ReadAirFiles({future}, options, &future_report).ok());
  ASSERT_EQ(future_report.row_errors.size(), 1u);
  EXPECT_NE(future_report.row_errors[0].find(":3: time 2026-03-02T01:00 outside"),
            std::string::npos);
}

// One row in 2000 and one in 2026 per station: 41 lines that would need a
// grid of 4.6 million station-hours. Refused before the grid is made, with
// the advice to split the files; a dense file of the same stations is read.
TEST(AirReaderLimits, AGridFarLargerThanItsDataIsRefused) {
  std::string sparse = "station,time,so2,no2,co,o3,pm10,pm25\n";
  std::string dense = sparse;
  for (int s = 0; s < 20; ++s) {
    std::string code = "S" + std::to_string(s);
    sparse += code + ",2000-01-01T01:00,5,20,0.5,50,60,30\n";
    sparse += code + ",2026-01-01T01:00,5,20,0.5,50,60,30\n";
    for (int h = 1; h <= 24; ++h) {
      char time[32];
      std::snprintf(time, sizeof time, "2026-01-01T%02d:00", h);
      dense += code + "," + time + ",5,20,0.5,50,60,30\n";
    }
  }
  ReadReport report;
  auto refused = ReadAirFiles({WriteTemp("limits_sparse.csv", sparse)}, {}, &report);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  const std::string& m = refused.status().message();
  EXPECT_NE(m.find("span 2000-01-01T01:00..2026-01-01T01:00 (227929 hours) for 20 stations"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("split the files by period"), std::string::npos) << m;
  ReadReport dense_report;
  auto read = ReadAirFiles({WriteTemp("limits_dense.csv", dense)}, {}, &dense_report);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->hour_count(), 24);
}

}  // namespace
}  // namespace ecociv::air
