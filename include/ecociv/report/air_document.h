// The air-quality report of a month (月报) or a year (年报, the air part of
// the yearly bulletin) for one city, from the store through the air engine
// (HJ 663 period assessment, air/assessment.h): the city's figures in
// official Chinese wording ("2025年，全市PM2.5平均浓度为30.0微克/立方米，
// 同比下降10.7%；空气质量优良天数比例为83.8%……"), or English; the standards
// and editions applied; the data's period and completeness; a pollutant table
// against the same period a year earlier, the days per AQI level, and every
// station.
//
// Figures are printed by the profile (report/profile.h): each rounded once
// from the engine's exact value; changes as report/figures.h computes them.
// A figure of the year before is compared only when both periods meet the
// GB 3095 data-capture rule for it (the engine's enough_data; the good-day
// ratio and the composite index with PM2.5's); otherwise the document says
// there is no comparable figure. A period the data do not reach to its end
// is reported to the last day with a valid daily AQI, and says so.
//
// Thread safety: the Database must not be used by another thread meanwhile.
#pragma once

#include <string>

#include "ecociv/report/document.h"
#include "ecociv/report/profile.h"
#include "ecociv/store/database.h"

namespace ecociv::report {

struct AirReportRequest {
  int year = 0;
  int month = 0;              // 1..12 for a monthly report; 0 for the year
  std::string city;           // "" → the store's only city
  std::string standards_dir;  // "" → the built-in standards
  // A region of the store (store/regions.h) other than the root: the
  // document is the region's, its stations assessed as one city named by
  // the region (`city` is then not used).
  std::string region = "000000";
};

// NotFound when the store has no valid air day of the city in the period.
StatusOr<Document> AirReport(store::Database* db, const AirReportRequest& request,
                             const ReportProfile& profile, const DocumentOptions& options);

}  // namespace ecociv::report
