// Engine indicators are computed from the store's current data when the
// readiness table is read: imports, review decisions and the profile's city
// change them at once; stored engine copies are ignored; a year without data
// falls back to a reported value.
#include <gtest/gtest.h>

#include <cstdio>

#include "../store/store_test_util.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/indicators/engine_figures.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/indicators/provider.h"
#include "ecociv/store/import.h"
#include "ecociv/store/review.h"
#include "ecociv/store/water_store.h"
#include "ecociv/water/demo_city.h"
#include "indicators_test_util.h"

namespace ecociv::indicators {
namespace {

using testing_util::kActor;

using store::testing_util::OpenOrDie;
using store::testing_util::ScratchDir;
using store::testing_util::WriteFile;


// Hourly rows of `stations` for 1..3 March 2025 (hours 01..24 of each day):
// every figure clean (a good day), PM2.5 `pm25` µg/m³, except `pm25_day2` on
// 2 March when it is not 0.
std::string AirCsv(const std::vector<std::string>& stations, int pm25, int pm25_day2,
                   bool only_day2 = false) {
  std::string csv = "station,time,so2,no2,co,o3,pm10,pm25\n";
  const DayNumber first = DaysFromCivil(CivilDate{2025, 3, 1});
  for (int day = 0; day < 3; ++day) {
    if (only_day2 && day != 1) continue;
    for (int hour = 1; hour <= 24; ++hour) {
      CivilDate c = CivilFromDays(first + day + (hour == 24 ? 1 : 0));
      char time[32];
      std::snprintf(time, sizeof time, "%04d-%02d-%02dT%02d:00", c.year, c.month, c.day, hour % 24);
      int value = day == 1 && pm25_day2 != 0 ? pm25_day2 : pm25;
      for (const std::string& s : stations) {
        csv += s + "," + time + ",8,30,0.6,60,40," + std::to_string(value) + "\n";
      }
    }
  }
  return csv;
}

class EngineValues : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ScratchDir();
    db_ = OpenOrDie(dir_ + "/e.db");
    ASSERT_NE(db_, nullptr);
  }
  void Import(const std::string& name, const std::string& text, bool stations = false) {
    WriteFile(dir_ + "/" + name, text);
    store::ImportOptions options;
    auto r = stations ? store::ImportStationsFile(db_.get(), dir_ + "/" + name, options)
                      : store::ImportAirFile(db_.get(), dir_ + "/" + name, options);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  void ImportOneCity() {
    Import("stations.csv",
           "station,name,city,lon,lat\nT1,One,TestCity,120.5,31.8\n"
           "T2,Two,TestCity,120.6,31.9\n",
           true);
    Import("air.csv", AirCsv({"T1", "T2"}, 20, 0));
  }
  // The readiness row of `id` in `year`, read now.
  IndicatorResult Row(const std::string& id, int year = 2025) {
    return testing_util::ReadinessRow(db_.get(), year, id, &readiness_);
  }
  std::string Figure(const std::string& name) {
    for (const EngineFigureUse& e : readiness_.engine_figures) {
      if (e.figure == name) return e.value.empty() ? e.state : e.value;
    }
    return "absent";
  }
  std::string dir_;
  std::unique_ptr<store::Database> db_;
  Readiness readiness_;
};

TEST_F(EngineValues, ImportsAndReviewDecisionsChangeTheFigureAtOnce) {
  ImportOneCity();
  IndicatorResult row = Row("n2019_07");
  EXPECT_EQ(row.value_text, "100.0");  // three good days of three
  EXPECT_EQ(row.value_source, "engine");
  EXPECT_EQ(Figure("air.pm25_mean"), "20");
  EXPECT_EQ(Figure("air.good_day_ratio"), "100.0");
  auto direct = ComputeAirFigures(db_.get(), "TestCity", 2025);
  ASSERT_TRUE(direct.ok()) << direct.status().ToString();
  EXPECT_EQ(direct->GoodDayRatioText(), "100.0");
  EXPECT_EQ(direct->through, DaysFromCivil(CivilDate{2025, 3, 3}));

  // A correcting file: PM2.5 of 2 March was 200 (IAQI 250, not a good day).
  Import("correction.csv", AirCsv({"T1", "T2"}, 20, 200, /*only_day2=*/true));
  row = Row("n2019_07");
  EXPECT_EQ(row.value_text, "66.7");
  EXPECT_EQ(Figure("air.pm25_mean"), "80");
  EXPECT_EQ(row.inputs.find("good days 2 of 3 valid days") != std::string::npos, true)
      << row.inputs;

  // A reviewer invalidates 2 March at both stations: the day leaves the figures.
  const DayNumber day2 = DaysFromCivil(CivilDate{2025, 3, 2});
  for (const char* station : {"T1", "T2"}) {
    store::DecisionRequest d;
    d.action = "invalidate";
    d.station = station;
    d.pollutant = "all";
    d.from = LabelAt(day2, 1);
    d.to = LabelAt(day2, 24);
    d.reason = "sampler fault (test)";
    ASSERT_TRUE(store::RecordDecision(db_.get(), d, kActor).ok());
  }
  row = Row("n2019_07");
  EXPECT_EQ(row.value_text, "100.0");
  EXPECT_EQ(Figure("air.pm25_mean"), "20");
}

TEST_F(EngineValues, StoredEngineCopiesAreIgnored) {
  ImportOneCity();
  // A copy an earlier program recorded (engine source, accepted), now stale.
  ASSERT_TRUE(db_->Exec("INSERT INTO ind_values (year, indicator, value, note, source, inputs, "
                        "unit, status, reason, entered_by, entered_at) VALUES (2025, 'n2019_07', "
                        "'73.6', '', 'engine', 'old copy', '', 'accepted', '', 'old', '')")
                  .ok());
  IndicatorResult row = Row("n2019_07");
  EXPECT_EQ(row.value_text, "100.0");
  EXPECT_EQ(row.inputs.find("73.6"), std::string::npos);
  // And in a year without data the copy does not come back as a value.
  ASSERT_TRUE(db_->Exec("UPDATE ind_values SET year = 2024").ok());
  row = Row("n2019_07");
  EXPECT_FALSE(row.previous.has_value());
}

TEST_F(EngineValues, AYearWithoutDataFallsBackToTheReportedValue) {
  ImportOneCity();
  testing_util::EnterAccepted(db_.get(), 2024, "n2019_07", "98.5", kActor);
  IndicatorResult last = Row("n2019_07", 2024);
  EXPECT_EQ(last.value_text, "98.5");
  EXPECT_EQ(last.value_source, "reported");
  EXPECT_EQ(last.inputs,
            "no engine figure (no valid air days for TestCity in 2024): reported value");
  IndicatorResult now = Row("n2019_07");
  EXPECT_EQ(now.previous, Ratio::Scaled(985, 1));
  EXPECT_EQ(now.trend, "up");
  // A reported value of a year the store has data for is shown as not used.
  ValueInput in;
  in.year = 2025;
  in.id = "n2019_07";
  in.value = "98.5";
  ASSERT_TRUE(SetValue(db_.get(), in, kActor).ok());
  now = Row("n2019_07");
  EXPECT_EQ(now.value_text, "100.0");
  EXPECT_NE(now.inputs.find("the reported value 98.5 (draft) is not used"), std::string::npos);
}

TEST_F(EngineValues, SeveralCitiesNeedTheProfileCity) {
  ImportOneCity();
  Import("stations2.csv", "station,name,city,lon,lat\nU1,Other,OtherCity,121.0,31.5\n", true);
  Import("air2.csv", AirCsv({"U1"}, 200, 0));
  IndicatorResult row = Row("n2019_07");
  EXPECT_EQ(row.verdict, Verdict::kError);
  EXPECT_EQ(row.reason,
            "n2019_07: air.good_day_ratio: the store holds air data of several cities "
            "(TestCity, OtherCity); choose the indicators' city: ecociv indicators profile "
            "--city NAME");
  CityProfile profile;
  profile.city = "OtherCity";
  ASSERT_TRUE(SaveProfile(db_.get(), profile, kActor).ok());
  row = Row("n2019_07");
  EXPECT_EQ(row.value_text, "0.0");
  EXPECT_EQ(Figure("air.pm25_mean"), "200");
  profile.city = "Nowhere";
  ASSERT_TRUE(SaveProfile(db_.get(), profile, kActor).ok());
  row = Row("n2019_07");
  EXPECT_EQ(row.verdict, Verdict::kNoData);
  EXPECT_EQ(row.reason,
            "no value for 2025 (no air station of the indicators' city Nowhere in the store "
            "(cities: TestCity, OtherCity))");
}

TEST_F(EngineValues, WaterFiguresAndDrinkingSources) {
  auto rules = water::WaterRules::Load("");
  ASSERT_TRUE(rules.ok());
  water::DemoCityFiles city = water::GenerateDemoCity(*rules, 2025, 1);
  WriteFile(dir_ + "/sections.csv", city.sections_csv);
  WriteFile(dir_ + "/samples.csv", city.samples_csv);
  store::ImportOptions options;
  ASSERT_TRUE(store::ImportSectionsFile(db_.get(), dir_ + "/sections.csv", options).ok());
  ASSERT_TRUE(store::ImportWaterFile(db_.get(), dir_ + "/samples.csv", options).ok());
  auto figures = ComputeWaterFigures(db_.get(), 2025);
  ASSERT_TRUE(figures.ok()) << figures.status().ToString();
  EXPECT_EQ(figures->drinking_sources, 2);  // the two demo intakes
  IndicatorResult share = Row("n2019_08");
  EXPECT_EQ(share.value_text, FormatRounded(*figures->share_good, 1));
  EXPECT_EQ(share.value_source, "engine");
  EXPECT_EQ(Row("n2019_27").value_text, "100.0");
  EXPECT_EQ(Figure("water.drinking_source_share"), "100.0");
  // No air data: the air figures say so, the water ones are computed.
  EXPECT_EQ(Figure("air.good_day_ratio"), "no_data");
  auto provider = IndicatorFiguresForYear(db_.get(), 2025);
  ASSERT_TRUE(provider.ok());
  for (const IndicatorFigure& f : *provider) {
    if (f.id == "n2019_27") {
      EXPECT_EQ(f.value_text, "100.0");
    }
  }
}

TEST(AirCityFor, OnlyCityConfiguredOrAnError) {
  EXPECT_EQ(*AirCityFor("", {"A"}), "A");
  EXPECT_EQ(*AirCityFor("B", {"A", "B"}), "B");
  EXPECT_EQ(AirCityFor("", {}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(AirCityFor("", {"A", "B"}).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(AirCityFor("C", {"A", "B"}).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace ecociv::indicators
