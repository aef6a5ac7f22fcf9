// What the ecological-space layers say (docs/space.md):
//  - CompareYears: each red line, control area and protected area of a year
//    against the baseline year (matched by id): area gained and lost (the lost
//    parts as polygons), category, control level and function changed, and the
//    verdict for the three promises (面积不减少、类别不改变、功能不降低) with reasons;
//  - FindIntrusions: construction projects overlapping red lines, control areas
//    or protected areas, each overlap with its area;
//  - GreenCover: forest, grass and green shares of land cover within the boundary.
// Areas are m² on the CGCS2000 ellipsoid (geometry.h).
//
// Thread safety: functions take a Database the caller owns exclusively; the
// results are plain values.
#pragma once
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/space/feature.h"
#include "ecociv/space/space_store.h"
#include "ecociv/space/vocabulary.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::space {

struct Promise {
  bool kept = true;
  std::string reason_zh, reason_en;
};

struct AreaChange {
  Layer layer = Layer::kControlArea;
  std::string id, name;
  bool in_baseline = false, in_year = false;
  double baseline_m2 = 0, year_m2 = 0, lost_m2 = 0, gained_m2 = 0;
  std::string lost_geojson;  // GeoJSON geometry of the lost parts ("" when none)
  std::string category_before, category_after, level_before, level_after;
  std::string function_before, function_after;
  Promise area, category, function;
  bool AllKept() const { return area.kept && category.kept && function.kept; }
};

struct Comparison {
  int year = 0, baseline = 0;
  std::vector<AreaChange> areas;  // layer order, then id
  double baseline_m2 = 0, year_m2 = 0, lost_m2 = 0, gained_m2 = 0;
  int broken = 0;  // areas with at least one promise not kept
};

// Pure: the comparison of two sets of controlled features.
Comparison CompareFeatures(int year, const std::vector<Feature>& now, int baseline,
                           const std::vector<Feature>& before, Layer layer,
                           const Vocabulary& vocabulary);
// Every controlled layer of `year` against `baseline` from the store; an error
// when neither year has any controlled area.
StatusOr<Comparison> CompareYears(store::Database* db, int year, int baseline,
                                  const Vocabulary& vocabulary);

struct Intrusion {
  std::string project_id, project_name;
  Layer area_layer = Layer::kControlArea;
  std::string area_id, area_name, area_level;
  double area_m2 = 0;    // overlap (0 for a point project inside the area)
  bool point = false;    // a point project
  std::string geojson;   // the overlap
  std::string key_unit;  // the responsible unit when the project is a key project ("" if not)
};

// A key project of the indicators' table (ind_projects) of the year. Its site is the
// projects-layer feature whose id is the project's code, in the layer of the year or
// else of the latest earlier year holding it.
struct KeyProject {
  std::string code, name, unit, status;
  int site_year = 0;  // the projects layer's year holding its site (0: no site, not checked)
  size_t intrusions = 0;
};

struct IntrusionReport {
  int year = 0, areas_year = 0;  // the projects' year; the control layers' year used
  size_t projects = 0;
  std::vector<Intrusion> intrusions;
  double total_m2 = 0;
  std::vector<KeyProject> key_projects;  // code order
};

// The years with key projects in the indicators' table (ind_projects), ascending.
StatusOr<std::vector<int>> KeyProjectYears(store::Database* db);

// An overlap of at most `tolerance_m2` (an edge shared up to rounding) is no intrusion.
IntrusionReport IntrusionsOf(int year, const std::vector<Feature>& projects,
                             const std::vector<std::pair<Layer, std::vector<Feature>>>& areas,
                             double tolerance_m2);
// The projects layer of `year` and the key projects of `year` (their sites, KeyProject)
// against the controlled layers of the latest year <= `year`. NotFound when there is
// neither a projects layer nor a key project of the year.
StatusOr<IntrusionReport> FindIntrusions(store::Database* db, int year,
                                         const Vocabulary& vocabulary);

// Raises each intrusion as a warning (kind "space", rule set
// "space-intrusions") through the warning workflow; returns its summary line.
StatusOr<std::string> RaiseIntrusionWarnings(store::Database* db, const IntrusionReport& report,
                                             const store::Actor& actor);

struct CoverClass {
  std::string code, zh, en;
  double m2 = 0;
  double share = 0;  // of the boundary's area, in percent
};

struct CoverReport {
  int year = 0, boundary_year = 0;
  double boundary_m2 = 0, covered_m2 = 0;  // covered: land-cover polygons inside the boundary
  double forest_m2 = 0, grass_m2 = 0, forest_grass_m2 = 0, green_m2 = 0;
  // Percent of the boundary: 森林覆盖率, 草地, 林草覆盖率 (forest or grass), every green class.
  double forest_share = 0, grass_share = 0, forest_grass_share = 0, green_share = 0;
  std::vector<CoverClass> classes;
  // 建成区绿化覆盖率: the green classes within the built-up area of the latest year <=
  // `year` (built_up_year 0: none stored, no urban figure).
  int built_up_year = 0;
  double built_up_m2 = 0, urban_green_m2 = 0, urban_green_share = 0;
  // The imports the figures rest on (land cover, boundary, built-up area), for evidence.
  std::vector<LayerSource> sources;
};

// A cover share as printed and as the indicators take it: percent to 0.01 ("15.08").
std::string ShareText(double percent);
// The figures and the layers they come from, in words (an indicator's inputs):
// "land cover 2025 (FILE, imported AT) within the boundary of 2020 (FILE, imported AT): ...".
std::string CoverEvidence(const CoverReport& r);

StatusOr<CoverReport> CoverOf(int year, const std::vector<Feature>& land_cover,
                              const std::vector<Feature>& boundary, const Vocabulary& vocabulary);
// Land cover of `year` within the boundary of the latest year <= `year`, and within the
// built-up area of the latest year <= `year` when one is stored.
StatusOr<CoverReport> GreenCover(store::Database* db, int year, const Vocabulary& vocabulary);

}  // namespace ecociv::space
