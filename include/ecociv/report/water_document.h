// The surface-water report of a month or a year for the city, from the store
// through the water engine (GB 3838-2002 and the 2011 assessment method,
// water/assessment.h): the share of sections at class III or better and at
// 劣V in official wording, against the same period a year earlier; the shares
// per section level (national, provincial, municipal, town: how the city
// reports its 国考 and 省考 sections) and per river; every section's class,
// target and main pollutants; the standards applied and the data's coverage.
//
// Shares are printed by the profile's water_share decimals, changes in
// percentage points by its change_points decimals and basis (figures.h).
// The year before is compared when it has sections with a class.
//
// Thread safety: the Database must not be used by another thread meanwhile.
#pragma once

#include <string>

#include "ecociv/report/document.h"
#include "ecociv/report/profile.h"
#include "ecociv/store/database.h"

namespace ecociv::report {

struct WaterReportRequest {
  int year = 0;
  int month = 0;              // 1..12 for a monthly report; 0 for the year
  std::string city;           // the name the document gives the city ("" → 全市 / the city)
  std::string standards_dir;  // "" → the built-in standards
  // A region of the store (store/regions.h) other than the root: the
  // document is the region's, of its sections, named by the region (`city`
  // is then not used).
  std::string region = "000000";
};

// NotFound when no section has a class in the period.
StatusOr<Document> WaterReport(store::Database* db, const WaterReportRequest& request,
                               const ReportProfile& profile, const DocumentOptions& options);

}  // namespace ecociv::report
