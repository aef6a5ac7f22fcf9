// Output of the air engine: the hourly and daily tables (CSV and JSON rows),
// the latest AQI of a series, and the period assessment (JSON and printable
// text). The command line (`ecociv air ...`) and the web API print exactly
// these, so a result has one shape wherever it is read. Column names and keys
// are a stable contract, documented in docs/formats.md ("Air: outputs").
//
// The JSON shape:
//  - `level` is the AQI level as one object {level 1..6, category_zh,
//    category_en, colour "#00E400"}, or null when the AQI is not published;
//  - pollutant lists (`primary_pollutants`, `exceeding_pollutants`) are display
//    names joined by ';' ("PM10;PM2.5"), as in the CSV;
//  - official figures (concentrations, means, percentiles, ratios, indices,
//    limits) are decimal strings printed exactly by FormatRounded (GB/T 8170),
//    e.g. "28", "74.6"; AQI and IAQI values are integers; null means NA;
//  - for one release the rows also carry the keys older readers used:
//    `category`, `category_en`, `colour` (= level.*, only when the AQI is
//    published), `primary` (the primary pollutants joined by ',') and, in
//    daily rows, `o3_8h` (= o3_8h_max). They are listed in docs/formats.md
//    and go away in the next release.
// The CSV tables are flat: level.level, level.category_zh, level.category_en
// and level.colour are the columns level, category, category_en and colour.
//
// Thread safety: pure functions; a const HourlyCsv may be shared by threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ecociv/air/assessment.h"
#include "ecociv/air/daily.h"
#include "ecociv/air/hourly.h"
#include "ecociv/air/series.h"
#include "ecociv/air/standards.h"

namespace ecociv::air {

// ---- Hourly ----------------------------------------------------------------

// The IAQI columns of the hourly table: the indicators of every AQI edition
// `forced_edition` may pick ("" or "auto": every edition).
IndicatorMask HourlyIaqiColumns(const AirStandards& standards, const std::string& forced_edition);

// True when hour `h` of `s` has a value of any pollutant: the tables have a
// row for those hours only.
bool HourHasData(const HourlySeries& s, int32_t h);

// The hourly CSV table:
// station,time,aqi,level,category,primary_pollutants,<iaqi columns>,
// exceeding_pollutants,category_en,colour,edition
// Hour labels and pollutant lists are formatted once per table, so a row
// costs a few appends (the table of a national monthly release has millions).
class HourlyCsv {
 public:
  // Rows for hours first .. first + hours − 1.
  HourlyCsv(IndicatorMask iaqi_columns, HourLabel first, int32_t hours);
  std::string Header() const;
  void AppendRow(const std::string& station, const HourlyResult& r, std::string* out) const;
  // The same with the station's cell already written as CSV (CsvCell), so a
  // station's many rows escape its code once.
  void AppendRowWithCell(std::string_view station_cell, const HourlyResult& r,
                         std::string* out) const;

 private:
  void AppendRowAfterStation(const HourlyResult& r, std::string* out) const;

  IndicatorMask columns_;
  HourLabel first_;
  std::vector<std::string> labels_;  // per hour
  std::vector<std::string> masks_;   // per IndicatorMask value
};

// Rows are JSON objects printed one member per line, indented by one space
// per level (JsonRows puts them in an array).

// One hourly row: {station, time, aqi, level, primary_pollutants,
// so2, no2, co, o3, pm10, pm25 (the hour's concentrations, published decimals),
// iaqi_* (the columns of `iaqi_columns`), exceeding_pollutants (editions that
// report them), edition} and the keys kept for one release.
std::string HourlyJsonRow(const HourlySeries& s, const HourlyResult& r, IndicatorMask iaqi_columns);

// The latest hour of `results` with a published AQI, as a JSON row: {id,
// name, type "station"|"city", aqi, time, level, primary_pollutants} (and
// `primary` for one release); aqi null and no time when no hour has one.
std::string LatestAqiJson(const HourlySeries& s, const std::vector<HourlyResult>& results);

// ---- Daily -----------------------------------------------------------------

// station,date,so2,no2,co,o3_1h_max,o3_8h_max,pm10,pm25,aqi,level,category,
// primary_pollutants,valid,exceeding_pollutants,edition
std::string DailyCsvHeader();
void AppendDailyCsvRow(const std::string& station, const DailyRecord& d, std::string* out);

// One daily row: {station, date, so2, no2, co, o3_1h_max,
// o3_8h_max, pm10, pm25 (published decimals), aqi, level, primary_pollutants,
// valid, exceeding_pollutants (editions that report them), edition} and the
// keys kept for one release.
std::string DailyJsonRow(const std::string& station, const DailyRecord& d);

// Rows as one JSON array, indented by one space per level.
std::string JsonRows(const std::vector<std::string>& rows);

// ---- Period assessment -----------------------------------------------------

struct AssessedSeries {
  PeriodAssessment assessment;         // with id, name and is_city set
  std::optional<PeriodChange> change;  // vs the same period a year earlier
};

struct AssessmentReport {
  DayNumber from = 0, to = 0;
  std::string standard = "auto";  // "auto" or the forced edition
  int area_class = 2;
  std::vector<AssessedSeries> cities, stations;
};

// {from, to, standard, class, assessment_rules, cities: [A], stations: [A]},
// indented by two spaces; A = {id, name, type, from, to, days_in_period,
// days_valid, good_days, good_day_ratio, heavy_pollution_days, days_by_level
// {"1".."6"}, pollutants {so2|no2|co|o3_8h|pm10|pm25: {unit, valid_days,
// enough_data, mean, percentile_rank, percentile, mean_limit, percentile_limit,
// compliant, exceedance_days}}, composite_index, composite_profile, limits
// {edition, stage, class}, change_vs_year_earlier (when known), notes}.
std::string AssessmentReportJson(const AssessmentReport& report, const AssessmentRules& rules);

// The printable table of one series (`ecociv air assess --format text`).
std::string AssessmentText(const AssessedSeries& series, const AssessmentRules& rules);

}  // namespace ecociv::air
