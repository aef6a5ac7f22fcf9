// Construction projects over red lines, control areas and protected areas
// (see analysis.h), and their warnings through the warning workflow.
#include <algorithm>
#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

#include "ecociv/core/civil_time.h"
#include "ecociv/space/analysis.h"
#include "ecociv/space/geometry.h"
#include "ecociv/space/space_store.h"
#include "ecociv/store/sql.h"
#include "ecociv/warning/workflow.h"
#include "geos_util.h"

namespace ecociv::space {
namespace {

using internal::Geom;
using internal::GeomDeleter;
using internal::GeosContext;

struct Prepared {
  Layer layer;
  const Feature* feature;
  Geom geom;
  const GEOSPreparedGeometry* prepared = nullptr;
};

}  // namespace

IntrusionReport IntrusionsOf(int year, const std::vector<Feature>& projects,
                             const std::vector<std::pair<Layer, std::vector<Feature>>>& areas,
                             double tolerance_m2) {
  IntrusionReport r;
  r.year = year;
  r.projects = projects.size();
  GeosContext ctx;
  GEOSContextHandle_t h = ctx.handle();
  std::vector<Prepared> zones;
  for (const auto& [layer, features] : areas) {
    for (const Feature& f : features) {
      auto g = internal::ReadWkb(&ctx, f.wkb);
      if (!g.ok()) continue;  // stored geometry was checked on import
      Prepared p{layer, &f, std::move(*g)};
      p.prepared = GEOSPrepare_r(h, p.geom.get());
      zones.push_back(std::move(p));
    }
  }
  for (const Feature& project : projects) {
    auto g = internal::ReadWkb(&ctx, project.wkb);
    if (!g.ok()) continue;
    const bool point = GEOSGeomTypeId_r(h, g->get()) == GEOS_POINT;
    for (const Prepared& z : zones) {
      if (GEOSPreparedIntersects_r(h, z.prepared, g->get()) != 1) continue;
      Intrusion in;
      in.project_id = project.id;
      in.project_name = project.name;
      in.area_layer = z.layer;
      in.area_id = z.feature->id;
      in.area_name = z.feature->name;
      in.area_level = z.feature->control_level;
      in.point = point;
      Geom overlap(GEOSIntersection_r(h, z.geom.get(), g->get()), GeomDeleter{h});
      if (overlap != nullptr) {
        auto area = internal::EllipsoidArea(&ctx, overlap.get());
        in.area_m2 = area.ok() ? *area : 0;
        auto wkb = internal::WriteWkb(&ctx, overlap.get());
        if (wkb.ok()) {
          auto geojson = WkbToGeoJson(*wkb);
          if (geojson.ok()) in.geojson = *geojson;
        }
      }
      // Touching along an edge only is not an intrusion.
      if (!point && in.area_m2 <= tolerance_m2) continue;
      r.total_m2 += in.area_m2;
      r.intrusions.push_back(std::move(in));
    }
  }
  for (Prepared& z : zones) GEOSPreparedGeom_destroy_r(h, z.prepared);
  return r;
}

namespace {

// The key projects of `year`. The table belongs to the indicators' store (migration 3);
// it is read here as SQL, since the indicators link this library for their cover figures.
StatusOr<std::vector<KeyProject>> KeyProjectsOf(store::Database* db, int year) {
  ECOCIV_ASSIGN_OR_RETURN(
      store::TextRows rows,
      store::QueryRows(db,
                       "SELECT code, name, unit, status FROM ind_projects WHERE year = ? "
                       "ORDER BY code",
                       {int64_t{year}}));
  std::vector<KeyProject> out;
  for (auto& row : rows) out.push_back(KeyProject{row[0], row[1], row[2], row[3]});
  return out;
}

}  // namespace

StatusOr<std::vector<int>> KeyProjectYears(store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(
      store::TextRows rows,
      store::QueryRows(db, "SELECT DISTINCT year FROM ind_projects ORDER BY year", {}));
  std::vector<int> out;
  for (const auto& row : rows) out.push_back(static_cast<int>(store::IntegerOfText(row[0])));
  return out;
}

namespace {

// Adds to `projects` the site of every key project not in it, from the latest earlier
// projects layer that holds one, and records each key project's site year.
Status FindSites(store::Database* db, int year, std::vector<KeyProject>* keys,
                 std::vector<Feature>* projects) {
  for (KeyProject& k : *keys) {
    for (const Feature& f : *projects) {
      if (f.id == k.code) k.site_year = year;
    }
  }
  ECOCIV_ASSIGN_OR_RETURN(
      store::TextRows years,
      store::QueryRows(db,
                       "SELECT DISTINCT year FROM space_features WHERE layer = 'projects' AND "
                       "year < ? ORDER BY year DESC",
                       {int64_t{year}}));
  for (const auto& row : years) {
    const int y = static_cast<int>(store::IntegerOfText(row[0]));
    if (std::all_of(keys->begin(), keys->end(), [](const KeyProject& k) { return k.site_year; })) {
      break;
    }
    ECOCIV_ASSIGN_OR_RETURN(std::vector<Feature> earlier, LoadLayer(db, Layer::kProjects, y));
    for (KeyProject& k : *keys) {
      if (k.site_year != 0) continue;
      for (const Feature& f : earlier) {
        if (f.id != k.code) continue;
        k.site_year = y;
        projects->push_back(f);
      }
    }
  }
  return Status::Ok();
}

}  // namespace

StatusOr<IntrusionReport> FindIntrusions(store::Database* db, int year,
                                         const Vocabulary& vocabulary) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Feature> projects, LoadLayer(db, Layer::kProjects, year));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<KeyProject> keys, KeyProjectsOf(db, year));
  if (projects.empty() && keys.empty()) {
    return NotFoundError("no construction projects are stored for " + std::to_string(year) +
                         " (ecociv space import FILE --layer projects --year " +
                         std::to_string(year) + ") and no key project of " + std::to_string(year) +
                         " (ecociv indicators projects import)");
  }
  ECOCIV_RETURN_IF_ERROR(FindSites(db, year, &keys, &projects));
  std::vector<std::pair<Layer, std::vector<Feature>>> areas;
  int areas_year = 0;
  for (Layer layer : {Layer::kRedLine, Layer::kControlArea, Layer::kProtectedArea}) {
    ECOCIV_ASSIGN_OR_RETURN(int y, LatestLayerYear(db, layer, year));
    if (y == 0) continue;
    areas_year = std::max(areas_year, y);
    ECOCIV_ASSIGN_OR_RETURN(std::vector<Feature> features, LoadLayer(db, layer, y));
    areas.emplace_back(layer, std::move(features));
  }
  if (areas.empty()) {
    return NotFoundError("no red line, control area or protected area is stored up to " +
                         std::to_string(year));
  }
  IntrusionReport r = IntrusionsOf(year, projects, areas, vocabulary.area_tolerance_m2);
  r.areas_year = areas_year;
  for (Intrusion& in : r.intrusions) {
    for (KeyProject& k : keys) {
      if (k.code != in.project_id) continue;
      in.key_unit = k.unit;
      ++k.intrusions;
    }
  }
  r.key_projects = std::move(keys);
  return r;
}

StatusOr<std::string> RaiseIntrusionWarnings(store::Database* db, const IntrusionReport& report,
                                             const store::Actor& actor) {
  std::vector<warning::Finding> findings;
  for (const Intrusion& in : report.intrusions) {
    warning::Finding f;
    f.kind = "space";
    f.rule_set = "space-intrusions";
    f.subject = in.project_id + "/" + in.area_id;
    f.subject_name = in.project_name + " / " + in.area_name;
    f.owner = in.key_unit;  // a key project's responsible unit
    f.level = "intrusion";
    f.level_name = "侵占生态空间";
    f.rank = in.area_layer == Layer::kRedLine ? 2 : 1;
    char ha[64];
    std::snprintf(ha, sizeof ha, "%.4f", in.area_m2 / 1e4);
    f.trigger = "建设项目“" + in.project_name + "”" + (in.point ? "位于" : "占用") +
                std::string(LayerNameZh(in.area_layer)) + "“" + in.area_name + "”" +
                (in.point ? "" : " " + std::string(ha) + " 公顷");
    f.trigger_en = "construction project " + in.project_name +
                   (in.point ? " lies in " : " occupies " + std::string(ha) + " ha of ") +
                   LayerName(in.area_layer) + " " + in.area_name;
    f.figures = nlohmann::json{{"area_m2", in.area_m2},
                               {"project", in.project_id},
                               {"area", in.area_id},
                               {"layer", LayerName(in.area_layer)}}
                    .dump();
    f.period = std::to_string(report.year);
    findings.push_back(std::move(f));
  }
  auto today = ParseDate(store::BeijingToday());
  if (!today.ok()) return today.status();
  ECOCIV_ASSIGN_OR_RETURN(
      warning::RecordReport recorded,
      warning::RecordEvaluation(db, "space-intrusions", findings, {}, *today, actor,
                                static_cast<int64_t>(std::time(nullptr))));
  return recorded.Summary();
}

}  // namespace ecociv::space
