// Indicator figures computed by the engines over the store's current data,
// never stored: an indicator whose catalogue source is `engine:FIGURE` takes
// its value of a year from the engine each time the readiness table is made
// (indicator_store.h, ReadinessForYear), so an import, a review decision or
// an edit changes it at once.
//
// Figures (docs/indicators.md, "Engine figures"):
//   air.good_day_ratio, air.pm25_mean            the air engine's HJ 663
//       assessment of the calendar year for the indicators' city (AirCityFor)
//   water.class_iii_share, water.worse_than_v_share, water.drinking_source_share
//       the water engine's assessment of the calendar year over every section
//   space.forest_cover, space.forest_grass_cover, space.urban_green_cover
//       the land cover of the year within the boundary and the built-up area
//       (space::GreenCover, `ecociv space cover`), percent to 0.01
//   space.red_line, space.natural_space, space.control_area
//       the red lines (with the protected areas: natural_space; the provincial control
//       areas: control_area) of the year against the approved baseline
//       (space::CompareWithBaseline): the state of 面积不减少，性质不改变，功能不降低, the
//       reasons per area as the inputs
// Each value is the engine's own published figure: rounded by GB/T 8170 to
// the decimals the engine's report uses (good-day ratio and shares 1 decimal,
// PM2.5 an integer under HJ 663), the same text `ecociv air assess` and
// `ecociv water assess` print.
//
// A NotFound status from a source means "no data for that year in the store":
// the readiness table then falls back to a reported value of the year, when
// one was entered and accepted. Any other status is an error of the row.
//
// Thread safety: the Compute* functions take a Database the caller owns
// exclusively; the *Of functions are pure; an EngineFigureSource is used by
// one thread at a time unless its implementation says otherwise.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ecociv/air/daily.h"
#include "ecociv/air/standards.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/exact.h"
#include "ecociv/core/status.h"
#include "ecociv/indicators/verdict.h"
#include "ecociv/space/analysis.h"
#include "ecociv/space/promises.h"
#include "ecociv/store/database.h"
#include "ecociv/water/assessment.h"
#include "ecociv/water/rules.h"

namespace ecociv::indicators {

// The air engine's figures of a city for a calendar year.
struct AirFigures {
  std::string city;
  int year = 0;
  DayNumber through = 0;  // the year's last day with a valid daily AQI
  int good_days = 0;
  int valid_days = 0;
  std::optional<Ratio> good_day_ratio;  // percent
  std::optional<Ratio> pm25_mean;       // µg/m³
  // Against the same days of the year before (1 January to `through`), when
  // the data reach back.
  std::optional<Ratio> good_day_ratio_change_points;
  std::optional<Ratio> pm25_change_percent;
  int ratio_decimals = 1;  // the assessment rules' report decimals
  int pm25_decimals = 0;

  std::string GoodDayRatioText() const;  // "74.8", "" when none
  std::string Pm25Text() const;          // "28", "" when none
  std::string Trace() const;             // the figures in words
};

// From the city's daily records (air::DailyOfSeries of its city series, any
// years): the HJ 663 assessment of 1 January..31 December of `year`. NotFound
// when the year has no valid day.
StatusOr<AirFigures> AirFiguresOfDays(const std::vector<air::DailyRecord>& days,
                                      const air::AirStandards& standards, const std::string& city,
                                      int year);
// The same from the store (built-in standards): loads the city's stations for
// `year` and the year before.
StatusOr<AirFigures> ComputeAirFigures(store::Database* db, const std::string& city, int year);

// The water engine's figures for a calendar year over every section.
struct WaterFigures {
  int year = 0;
  int sections = 0;  // sections with a class
  std::array<int, 6> counts{};
  std::optional<Ratio> share_good;          // % I–III
  std::optional<Ratio> share_worse_than_v;  // % 劣V
  int drinking_sources = 0;                 // drinking-water sources with a class
  int drinking_sources_good = 0;
  std::optional<Ratio> drinking_source_share;  // % of them at III or better
  int share_decimals = 1;

  std::string Trace() const;
};

// From a whole-year water assessment (water::Assess over 1 January..31
// December of `year`). NotFound when no section has a class.
StatusOr<WaterFigures> WaterFiguresOf(const water::Assessment& assessment,
                                      const water::WaterRules& rules, int year);
// The same from the store (built-in rules).
StatusOr<WaterFigures> ComputeWaterFigures(store::Database* db, int year);

// The city whose air figures the indicators and the targets take: the
// profile's `city` when set (NotFound naming the cities when the store has no
// station of it), else the store's only city (NotFound when there is none);
// FailedPrecondition naming the cities when there are several and none is set.
StatusOr<std::string> AirCityFor(const std::string& configured,
                                 const std::vector<std::string>& cities);

// Where engine figures come from. NotFound: no data for the year.
class EngineFigureSource {
 public:
  virtual ~EngineFigureSource() = default;
  virtual StatusOr<AirFigures> Air(int year) = 0;
  virtual StatusOr<WaterFigures> Water(int year) = 0;
  // The land cover of the year (space::GreenCover); NotFound without land cover or boundary.
  virtual StatusOr<space::CoverReport> Cover(int year) = 0;
  // The controlled layers of the year against the approved baseline
  // (space::CompareWithBaseline); NotFound without a baseline or layers.
  virtual StatusOr<space::BaselineComparison> Promises(int year) = 0;
};

// space::GreenCover over the store with the built-in vocabulary.
StatusOr<space::CoverReport> ComputeCoverFigures(store::Database* db, int year);
// space::CompareWithBaseline over the store with the built-in vocabulary.
StatusOr<space::BaselineComparison> ComputePromiseFigures(store::Database* db, int year);

// Computes from the store when first asked, once per year (the command line
// and library callers). The city is AirCityFor(the profile's city, the
// store's cities). The Database must outlive the source.
class StoreEngineFigures : public EngineFigureSource {
 public:
  explicit StoreEngineFigures(store::Database* db) : db_(db) {}
  StatusOr<AirFigures> Air(int year) override;
  StatusOr<WaterFigures> Water(int year) override;
  StatusOr<space::CoverReport> Cover(int year) override;
  StatusOr<space::BaselineComparison> Promises(int year) override;

 private:
  store::Database* db_;
  std::map<int, StatusOr<AirFigures>> air_;
  std::map<int, StatusOr<WaterFigures>> water_;
  std::map<int, StatusOr<space::CoverReport>> cover_;
  std::map<int, StatusOr<space::BaselineComparison>> promises_;
};

// The value one figure gives an indicator in `year`: the published text and
// the figures it rests on. InvalidArgument for an unknown figure name;
// NotFound when the engine has no data (or, for drinking-water sources, no
// source section).
struct EngineValue {
  std::string text;
  std::string inputs;
};
StatusOr<EngineValue> EngineValueOf(EngineFigureSource& source, const std::string& figure,
                                    int year);

// Every figure of the engine that computes `figure` ("air.pm25_mean" →
// both air figures), in the order above; empty for an unknown engine.
std::vector<std::string> FiguresOfEngine(const std::string& figure);

// `figures` of `year` as the readiness table lists them (verdict.h): the
// value, or "no_data" / "error" with the reason. All of them when `figures` is
// empty.
std::vector<EngineFigureUse> EngineFiguresOfYear(EngineFigureSource& source, int year,
                                                 std::vector<std::string> figures = {});

}  // namespace ecociv::indicators
