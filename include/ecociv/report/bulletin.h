// The yearly environmental bulletin (环境状况公报) of the city, from the
// store: the air part (the yearly air report's overview, standards, pollutant
// and AQI-level tables and stations, air_document.h), the surface-water part
// (the yearly water report's shares at class III or better per level, per
// category and per river, and every section, water_document.h), the early
// warnings of the year (raised, closed, lifted, still open, per kind), and
// the ecological space when the store holds its layers (the areas of the
// red lines, control areas and protected areas of the latest layer up to the
// year, against the earliest layer as the baseline).
//
// Every figure is the part's own figure (the same rounding and year-on-year
// rule, by the profile), keyed "air.…", "water.…", "warnings.…", "space.…";
// table numbers run through the whole bulletin. A part without data says so;
// NotFound only when the store has neither air nor water data of the year.
//
// A region's bulletin (`region` other than the root, store/regions.h) is of
// its own stations (assessed as one city named by the region), sections and
// warnings (those about its stations, sections, and air cities wholly in it);
// the ecological-space layers are the whole store's, so its bulletin says
// where their areas are published instead of printing them.
//
// Thread safety: the Database must not be used by another thread meanwhile.
#pragma once

#include <string>

#include "ecociv/report/document.h"
#include "ecociv/report/profile.h"
#include "ecociv/store/database.h"

namespace ecociv::report {

struct BulletinRequest {
  int year = 0;
  std::string city;           // "" → the store's only air city
  std::string standards_dir;  // "" → the built-in standards
  std::string region = "000000";
};

StatusOr<Document> Bulletin(store::Database* db, const BulletinRequest& request,
                            const ReportProfile& profile, const DocumentOptions& options);

}  // namespace ecociv::report
