// Green cover: land-cover polygons within the administrative boundary (see analysis.h).
#include <cstdio>
#include <map>
#include <utility>

#include "ecociv/space/analysis.h"
#include "ecociv/space/geometry.h"
#include "ecociv/space/space_store.h"
#include "geos_util.h"

namespace ecociv::space {

using internal::Geom;
using internal::GeomDeleter;

StatusOr<CoverReport> CoverOf(int year, const std::vector<Feature>& land_cover,
                              const std::vector<Feature>& boundary, const Vocabulary& vocabulary) {
  CoverReport r;
  r.year = year;
  std::vector<std::string> parts;
  for (const Feature& b : boundary) parts.push_back(b.wkb);
  ECOCIV_ASSIGN_OR_RETURN(std::string outline_wkb, UnionAll(parts));
  internal::GeosContext ctx;
  GEOSContextHandle_t h = ctx.handle();
  ECOCIV_ASSIGN_OR_RETURN(Geom outline, internal::ReadWkb(&ctx, outline_wkb));
  ECOCIV_ASSIGN_OR_RETURN(r.boundary_m2, internal::EllipsoidArea(&ctx, outline.get()));
  if (r.boundary_m2 <= 0) return InvalidArgumentError("the boundary has no area");
  const GEOSPreparedGeometry* prepared = GEOSPrepare_r(h, outline.get());
  std::map<std::string, double> by_class;
  Status failure;
  for (const Feature& f : land_cover) {
    auto g = internal::ReadWkb(&ctx, f.wkb);
    if (!g.ok()) {
      failure = g.status();
      break;
    }
    double inside = 0;
    if (GEOSPreparedContains_r(h, prepared, g->get()) == 1) {
      inside = f.area_m2;
    } else if (GEOSPreparedIntersects_r(h, prepared, g->get()) == 1) {
      Geom part(GEOSIntersection_r(h, outline.get(), g->get()), GeomDeleter{h});
      if (part == nullptr) {
        failure = InternalError("GEOS intersection failed: " + ctx.last_error());
        break;
      }
      auto area = internal::EllipsoidArea(&ctx, part.get());
      if (!area.ok()) {
        failure = area.status();
        break;
      }
      inside = *area;
    }
    by_class[f.cover] += inside;
  }
  GEOSPreparedGeom_destroy_r(h, prepared);
  ECOCIV_RETURN_IF_ERROR(failure);
  for (const Term& t : vocabulary.land_cover) {
    auto it = by_class.find(t.code);
    if (it == by_class.end()) continue;
    CoverClass c{t.code, t.zh, t.en, it->second, 100 * it->second / r.boundary_m2};
    r.covered_m2 += c.m2;
    if (t.forest) r.forest_m2 += c.m2;
    if (t.grass) r.grass_m2 += c.m2;
    if (t.forest || t.grass) r.forest_grass_m2 += c.m2;
    if (t.green) r.green_m2 += c.m2;
    r.classes.push_back(std::move(c));
  }
  r.forest_share = 100 * r.forest_m2 / r.boundary_m2;
  r.grass_share = 100 * r.grass_m2 / r.boundary_m2;
  r.forest_grass_share = 100 * r.forest_grass_m2 / r.boundary_m2;
  r.green_share = 100 * r.green_m2 / r.boundary_m2;
  return r;
}

StatusOr<CoverReport> GreenCover(store::Database* db, int year, const Vocabulary& vocabulary) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Feature> cover, LoadLayer(db, Layer::kLandCover, year));
  if (cover.empty()) {
    return NotFoundError("no land cover is stored for " + std::to_string(year));
  }
  ECOCIV_ASSIGN_OR_RETURN(int boundary_year, LatestLayerYear(db, Layer::kBoundary, year));
  if (boundary_year == 0) {
    return NotFoundError("no boundary is stored up to " + std::to_string(year) +
                         " (ecociv space import FILE --layer boundary --year Y)");
  }
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Feature> boundary,
                          LoadLayer(db, Layer::kBoundary, boundary_year));
  ECOCIV_ASSIGN_OR_RETURN(CoverReport r, CoverOf(year, cover, boundary, vocabulary));
  r.boundary_year = boundary_year;
  ECOCIV_ASSIGN_OR_RETURN(int built_up_year, LatestLayerYear(db, Layer::kBuiltUp, year));
  if (built_up_year != 0) {
    ECOCIV_ASSIGN_OR_RETURN(std::vector<Feature> built_up,
                            LoadLayer(db, Layer::kBuiltUp, built_up_year));
    ECOCIV_ASSIGN_OR_RETURN(CoverReport urban, CoverOf(year, cover, built_up, vocabulary));
    r.built_up_year = built_up_year;
    r.built_up_m2 = urban.boundary_m2;
    r.urban_green_m2 = urban.green_m2;
    r.urban_green_share = urban.green_share;
  }
  for (auto [layer, y] :
       {std::pair{Layer::kLandCover, year}, std::pair{Layer::kBoundary, boundary_year},
        std::pair{Layer::kBuiltUp, built_up_year}}) {
    if (y == 0) continue;
    auto source = SourceOf(db, layer, y);
    if (source.ok()) r.sources.push_back(*source);
  }
  return r;
}

std::string ShareText(double percent) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", percent);
  return buf;
}

std::string CoverEvidence(const CoverReport& r) {
  auto source_of = [&](Layer layer, int year) {
    std::string out = std::string(LayerName(layer)) + " " + std::to_string(year);
    for (const LayerSource& s : r.sources) {
      if (s.layer == layer && s.year == year) {
        out += " (" + s.source + ", imported " + s.imported_at + ")";
      }
    }
    return out;
  };
  auto km2 = [](double m2) { return ShareText(m2 / 1e6); };
  std::string out = "ecociv space cover " + std::to_string(r.year) + ": " +
                    source_of(Layer::kLandCover, r.year) + " within " +
                    source_of(Layer::kBoundary, r.boundary_year) + " (" + km2(r.boundary_m2) +
                    " km²): forest " + km2(r.forest_m2) + " km² = " + ShareText(r.forest_share) +
                    "%, forest and grass " + km2(r.forest_grass_m2) +
                    " km² = " + ShareText(r.forest_grass_share) + "%";
  if (r.built_up_year != 0) {
    out += "; within " + source_of(Layer::kBuiltUp, r.built_up_year) + " (" + km2(r.built_up_m2) +
           " km²): green " + km2(r.urban_green_m2) + " km² = " + ShareText(r.urban_green_share) +
           "%";
  }
  return out;
}

}  // namespace ecociv::space
