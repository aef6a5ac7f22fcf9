// StationRows must give exactly what ReadAirFiles + SeriesOfStation give:
// the same stations, grid, series, row errors and duplicate handling, also
// when its records were written out to the temporary file between blocks.
#include "ecociv/air/station_rows.h"

#include <gtest/gtest.h>

#include <fstream>
#include "air_test_util.h"

namespace ecociv::air {
namespace {

void ExpectSameSeries(const HourlySeries& a, const HourlySeries& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.city, b.city);
  EXPECT_EQ(a.first_label, b.first_label);
  ASSERT_EQ(a.hours, b.hours);
  for (int p = 0; p < kPollutantCount; ++p) {
    EXPECT_TRUE(a.columns[p].num == b.columns[p].num) << a.id << " pollutant " << p;
    EXPECT_EQ(a.columns[p].valid, b.columns[p].valid) << a.id << " pollutant " << p;
    EXPECT_EQ(a.columns[p].not_monitored, b.columns[p].not_monitored) << a.id << " " << p;
    EXPECT_TRUE(a.columns[p].den == b.columns[p].den);
  }
}

void ExpectSameAsDataset(const std::vector<std::string>& paths, const ReadOptions& options,
                         size_t budget, int min_spills) {
  ReadReport expected_report, report;
  auto data = ReadAirFiles(paths, options, &expected_report);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  auto rows = StationRows::Read(paths, options, &report, budget);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_GE((*rows)->spills(), min_spills);
  EXPECT_EQ(report.row_errors, expected_report.row_errors);
  EXPECT_EQ(report.Summary(), expected_report.Summary());
  EXPECT_EQ((*rows)->first_label(), data->first_label());
  EXPECT_EQ((*rows)->hour_count(), data->hour_count());
  ASSERT_EQ((*rows)->stations().size(), data->stations().size());
  for (size_t s = 0; s < data->stations().size(); ++s) {
    HourlySeries series;
    ASSERT_TRUE((*rows)->Series(int(s), &series).ok());
    ExpectSameSeries(series, SeriesOfStation(*data, int(s)));
  }
}

TEST(StationRows, SameAsTheDatasetAcrossFilesSpillsAndDuplicates) {
  // Three files (each its own block, so records are written out after each),
  // rows out of time order, identical and differing duplicates across files,
  // "/" values and a rejected row.
  std::string header = "station,time,so2,no2,co,o3,pm10,pm25\n";
  std::string a = WriteTemp("rows_a.csv", header +
                                              "B,2026-03-01T03:00,5,20,0.5,50,60,NA\n"
                                              "A,2026-03-01T01:00,1,2,0.3,4,5,6\n"
                                              "A,2026-03-01T05:00,1,2,/,4,5,6\n"
                                              "A,bad time,1,2,0.3,4,5,6\n");
  std::string b = WriteTemp("rows_b.csv", header +
                                              "A,2026-03-01T02:00,7,8,0.9,10,11,12\n"
                                              "A,2026-03-01T01:00,1,2,0.3,4,5,6\n"
                                              "B,2026-03-01T03:00,5,21,0.5,50,60,NA\n"
                                              "C,2026-02-28T23:00,3,3,0.3,3,3,3\n");
  std::string c = WriteTemp("rows_c.csv", header +
                                              "C,2026-03-01T06:00,,,,,,\n"
                                              "A,2026-03-01T02:00,7,8,0.9,10,11,12\n"
                                              "B,2026-03-01T04:00,5,20,-1,50,60,70\n");
  ExpectSameAsDataset({a, b, c}, {}, 0, 3);
  ExpectSameAsDataset({a, b, c}, {}, StationRows::kDefaultMemoryBudget, 0);
}

TEST(StationRows, StationListFirstAndUnknownStationsRejected) {
  std::string list = WriteTemp("rows_stations.csv",
                               "station,name,city,lon,lat\n"
                               "Z,Zed,City,1,2\n"
                               "A,Ay,City,1,2\n");
  std::string data = WriteTemp("rows_data.csv",
                               "station,time,so2,no2,co,o3,pm10,pm25\n"
                               "A,2026-03-01T01:00,1,2,0.3,4,5,6\n"
                               "Q,2026-03-01T01:00,1,2,0.3,4,5,6\n");
  ReadOptions options;
  options.stations_file = list;
  ExpectSameAsDataset({data}, options, 0, 1);
}

TEST(StationRows, SparseGridRefusedAsByTheDataset) {
  // Ten stations over 25 years: 2.2 M cells for 20 rows.
  std::string text = "station,time,so2,no2,co,o3,pm10,pm25\n";
  for (int s = 0; s < 10; ++s) {
    text += "S" + std::to_string(s) + ",2001-01-01T01:00,1,2,0.3,4,5,6\n";
    text += "S" + std::to_string(s) + ",2026-03-01T01:00,1,2,0.3,4,5,6\n";
  }
  std::string path = WriteTemp("rows_sparse.csv", text);
  ReadReport r1, r2;
  auto data = ReadAirFiles({path}, {}, &r1);
  auto rows = StationRows::Read({path}, {}, &r2);
  ASSERT_FALSE(data.ok());
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(), data.status().message());
}

TEST(StationRows, CityBuiltStationByStationAsSeriesOfCity) {
  // `air assess` over files builds a city from its stations' series one at a
  // time (CitySeriesBuilder); it must be SeriesOfCity's series, also when the
  // station counts per hour differ (denominator: 10^4 × lcm of the counts)
  // and with the background station left out.
  std::string list = WriteTemp("rows_city_stations.csv",
                               "station,name,city,lon,lat,background\n"
                               "A,Ay,City,1,2,no\n"
                               "B,Bee,City,1,2,no\n"
                               "C,Cee,City,1,2,no\n"
                               "K,Kay,City,1,2,yes\n");
  std::string data = WriteTemp("rows_city.csv",
                               "station,time,so2,no2,co,o3,pm10,pm25\n"
                               "A,2026-03-01T01:00,1,2,0.3,4,5,6\n"
                               "B,2026-03-01T01:00,2,3,0.4,5,6,7\n"
                               "C,2026-03-01T01:00,4,3,0.4,5,6,NA\n"
                               "K,2026-03-01T01:00,90,90,9,90,90,90\n"
                               "A,2026-03-01T02:00,1,2,0.3,4,5,NA\n"
                               "B,2026-03-01T03:00,7,3,0.4,5,6,8\n");
  ReadOptions options;
  options.stations_file = list;
  ReadReport r1, r2;
  auto dataset = ReadAirFiles({data}, options, &r1);
  auto rows = StationRows::Read({data}, options, &r2, 0);
  ASSERT_TRUE(dataset.ok() && rows.ok());
  static const AirStandards standards = *AirStandards::Load();
  const AssessmentRules& rules = standards.assessment();
  CitySeriesBuilder builder("City", (*rows)->first_label(), (*rows)->hour_count());
  for (size_t s = 0; s < (*rows)->stations().size(); ++s) {
    if (rules.city_exclude_background && (*rows)->stations()[s].background) continue;
    HourlySeries series;
    ASSERT_TRUE((*rows)->Series(int(s), &series).ok());
    builder.Add(series);
  }
  auto built = builder.Finish(rules);
  auto expected = SeriesOfCity(*dataset, "City", rules);
  ASSERT_TRUE(built.ok() && expected.ok());
  EXPECT_EQ(built->station_count, 3);
  EXPECT_EQ(built->station_count, expected->station_count);
  EXPECT_TRUE(built->is_city);
  ExpectSameSeries(*built, *expected);
  EXPECT_FALSE(CitySeriesBuilder("None", 0, 1).Finish(rules).ok());
}

}  // namespace
}  // namespace ecociv::air
