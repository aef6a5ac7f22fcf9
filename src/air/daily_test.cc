#include "ecociv/air/daily.h"

#include <gtest/gtest.h>

#include "ecociv/air/assessment.h"
#include "ecociv/air/series.h"

namespace ecociv::air {
namespace {

class DailyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = AirStandards::Load();
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    standards_ = std::move(*loaded);
  }
  // One station (or several) over [day, day + days] with every value missing.
  AirDataset Make(const std::string& date, int days, int stations = 1) {
    day_ = ParseDate(date).value();
    std::vector<StationInfo> infos;
    for (int i = 0; i < stations; ++i) {
      StationInfo info;
      info.code = "S" + std::to_string(i + 1);
      info.city = "张家港市";
      infos.push_back(info);
    }
    // From 00:00 of the day before (hour 24 of the previous day) to 00:00 after.
    return AirDataset::Make(LabelAt(day_, 0), LabelAt(day_ + days, 0), infos, false);
  }
  // Sets station s, pollutant p at hour-of-day `hour` (1..24) of day `offset`.
  void Set(AirDataset* d, int s, Pollutant p, int offset, int hour, double value) {
    HourLabel label = LabelAt(day_ + offset, hour);
    d->mutable_stations()[s].values[int(p)][label - d->first_label()] =
        static_cast<int32_t>(value * kConcentrationScale);
  }
  AirStandards standards_;
  DayNumber day_ = 0;
};

TEST_F(DailyTest, DailyMeanNeedsTwentyHoursAndHour24BelongsToTheDay) {
  AirDataset d = Make("2026-04-10", 1);
  for (int hour = 5; hour <= 24; ++hour) Set(&d, 0, Pollutant::kPM25, 0, hour, 40);
  Set(&d, 0, Pollutant::kPM25, 0, 24, 60);  // the 00:00 value of the next day
  auto days = ComputeDaily(SeriesOfStation(d, 0), standards_, "auto");
  ASSERT_TRUE(days.ok());
  const DailyRecord& rec = (*days)[1];  // (*days)[0] is the day before
  EXPECT_EQ(rec.day, day_);
  EXPECT_EQ(rec.count[int(Indicator::kPM25)], 20);
  ASSERT_TRUE(rec.value[int(Indicator::kPM25)]);
  // (19 × 40 + 60) / 20 = 41.
  EXPECT_EQ(*rec.value[int(Indicator::kPM25)], Ratio::Integer(41));
  // 19 hours: invalid.
  d.mutable_stations()[0].values[int(Pollutant::kPM25)][LabelAt(day_, 5) - d.first_label()] =
      kMissing;
  auto fewer = ComputeDaily(SeriesOfStation(d, 0), standards_, "auto");
  EXPECT_FALSE((*fewer)[1].value[int(Indicator::kPM25)]);
}

TEST_F(DailyTest, Mda8UsesWindowsEndingAt08To24) {
  AirDataset d = Make("2026-07-01", 2);
  for (int hour = 1; hour <= 24; ++hour) {
    Set(&d, 0, Pollutant::kO3, 0, hour, 100);
    Set(&d, 0, Pollutant::kO3, 1, hour, 100);
  }
  // A spike in the first hours of day 2: only windows ending 01..07 of day 2
  // hold it entirely... it also enters windows ending 08..12 partly.
  for (int hour = 1; hour <= 4; ++hour) Set(&d, 0, Pollutant::kO3, 1, hour, 180);
  // Day 1's last windows (ending 17..24) see 100 only.
  auto days = ComputeDaily(SeriesOfStation(d, 0), standards_, "auto");
  ASSERT_TRUE(days.ok());
  const DailyRecord& first = (*days)[1];
  const DailyRecord& second = (*days)[2];
  EXPECT_EQ(*first.value[int(Indicator::kO3_8h)], Ratio::Integer(100));
  EXPECT_EQ(first.count[int(Indicator::kO3_8h)], 17);
  // Day 2: the window ending 08 covers hours 01..08: (4 × 180 + 4 × 100) / 8 = 140.
  EXPECT_EQ(*second.value[int(Indicator::kO3_8h)], Ratio::Integer(140));
  // The daily max 1-h value.
  EXPECT_EQ(*second.value[int(Indicator::kO3_1h)], Ratio::Integer(180));
}

TEST_F(DailyTest, Mda8NeedsFourteenWindowsUnlessExceeding) {
  AirDataset d = Make("2026-07-01", 1);
  // Hours 01..18 valid: windows ending 08..20 have ≥ 6 hours: 13 windows.
  for (int hour = 1; hour <= 18; ++hour) Set(&d, 0, Pollutant::kO3, 0, hour, 150);
  auto days = ComputeDaily(SeriesOfStation(d, 0), standards_, "auto");
  EXPECT_EQ((*days)[1].count[int(Indicator::kO3_8h)], 13);
  EXPECT_FALSE((*days)[1].value[int(Indicator::kO3_8h)]);
  // Above the class II MDA8 limit (160): valid with fewer windows.
  for (int hour = 1; hour <= 18; ++hour) Set(&d, 0, Pollutant::kO3, 0, hour, 170);
  auto high = ComputeDaily(SeriesOfStation(d, 0), standards_, "auto");
  ASSERT_TRUE((*high)[1].value[int(Indicator::kO3_8h)]);
  EXPECT_EQ(*(*high)[1].value[int(Indicator::kO3_8h)], Ratio::Integer(170));
}

TEST_F(DailyTest, CityMeanLeavesBackgroundOutAndStaysExact) {
  AirDataset d = Make("2026-04-10", 1, 3);
  d.mutable_stations()[2].info.background = true;
  for (int hour = 1; hour <= 24; ++hour) {
    Set(&d, 0, Pollutant::kPM25, 0, hour, 10);
    Set(&d, 1, Pollutant::kPM25, 0, hour, hour == 1 ? 12 : 11);
    Set(&d, 2, Pollutant::kPM25, 0, hour, 500);  // background: excluded
  }
  auto city = SeriesOfCity(d, "张家港市", standards_.assessment());
  ASSERT_TRUE(city.ok());
  EXPECT_EQ(city->station_count, 2);
  auto days = ComputeDaily(*city, standards_, "auto");
  ASSERT_TRUE(days.ok());
  // Hourly city means 11 (hour 1) and 10.5 (23 hours): daily (11 + 23 × 10.5) / 24 = 10.5208…
  EXPECT_EQ(*(*days)[1].value[int(Indicator::kPM25)], Ratio::Of(2525, 240));
  EXPECT_EQ(FormatRounded(*(*days)[1].value[int(Indicator::kPM25)], 0), "11");
  EXPECT_FALSE(SeriesOfCity(d, "苏州市", standards_.assessment()).ok());
}

TEST_F(DailyTest, EditionFollowsTheDateUnlessForced) {
  AirDataset d = Make("2026-02-28", 2);
  for (int offset = 0; offset < 2; ++offset) {
    for (int hour = 1; hour <= 24; ++hour) {
      for (Pollutant p : kAllPollutants)
        Set(&d, 0, p, offset, hour, p == Pollutant::kCO ? 0.5 : 70);
    }
  }
  auto days = ComputeDaily(SeriesOfStation(d, 0), standards_, "auto");
  ASSERT_TRUE(days.ok());
  EXPECT_EQ((*days)[1].edition->id, "hj633-2012");  // 2026-02-28
  EXPECT_EQ((*days)[2].edition->id, "hj633-2026");  // 2026-03-01
  // PM2.5 70: 2012 → 50 + 35·50/40 = 93.75 → 94; 2026 → 100 + 10·50/55 = 109.1 → 110.
  EXPECT_EQ((*days)[1].aqi.iaqi[int(Indicator::kPM25)], 94);
  EXPECT_EQ((*days)[2].aqi.iaqi[int(Indicator::kPM25)], 110);
  auto forced = ComputeDaily(SeriesOfStation(d, 0), standards_, "hj633-2012");
  EXPECT_EQ((*forced)[2].edition->id, "hj633-2012");
  EXPECT_EQ((*forced)[2].limits->id, "gb3095-2012");
  EXPECT_FALSE(ComputeDaily(SeriesOfStation(d, 0), standards_, "hj633-1999").ok());
}

}  // namespace
}  // namespace ecociv::air
