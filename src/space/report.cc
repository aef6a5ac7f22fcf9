// Text and JSON of the ecological-space results (see report.h).
#include "ecociv/space/report.h"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "ecociv/space/geometry.h"

namespace ecociv::space {
namespace {

using Json = nlohmann::ordered_json;

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// "12345.67 m² = 1.2346 ha = 0.012346 km²"
std::string Areas(double m2) {
  return Fixed(m2, 2) + " m² = " + Fixed(m2 / 1e4, 4) + " ha = " + Fixed(m2 / 1e6, 6) + " km²";
}

// Figures as rounded numbers in JSON: the same digits as the text.
Json AreaJson(double m2) {
  return Json{{"m2", std::stod(Fixed(m2, 2))},
              {"ha", std::stod(Fixed(m2 / 1e4, 4))},
              {"km2", std::stod(Fixed(m2 / 1e6, 6))}};
}

Json PromiseJson(const Promise& p) {
  return Json{{"kept", p.kept}, {"reason_zh", p.reason_zh}, {"reason_en", p.reason_en}};
}

std::string Mark(const Promise& p) { return p.kept ? "✓" : "✗"; }

Json GeometryOrNull(const std::string& geojson) {
  if (geojson.empty()) return nullptr;
  Json g = Json::parse(geojson, nullptr, false);
  return g.is_discarded() ? Json(nullptr) : g;
}

}  // namespace

std::string ComparisonText(const Comparison& c, const Vocabulary& vocabulary) {
  (void)vocabulary;
  std::string out = "生态空间 " + std::to_string(c.year) + " 年与基准年 " +
                    std::to_string(c.baseline) + " 年对比 / ecological space " +
                    std::to_string(c.year) + " against baseline " + std::to_string(c.baseline) +
                    "\n";
  out += "  基准面积 baseline: " + Areas(c.baseline_m2) + "\n";
  out += "  本年面积 this year: " + Areas(c.year_m2) + "\n";
  out += "  减少 lost: " + Areas(c.lost_m2) + "; 增加 gained: " + Areas(c.gained_m2) + "\n";
  out += "  三个不 (面积不减少、类别不改变、功能不降低): " +
         (c.broken == 0 ? std::string("全部区域守住 / kept for every area")
                        : std::to_string(c.broken) + " 个区域未守住 / " + std::to_string(c.broken) +
                              " areas not kept") +
         "\n\n";
  for (const AreaChange& a : c.areas) {
    out += std::string(a.AllKept() ? "[守住 kept] " : "[未守住 NOT KEPT] ") + a.id + " " + a.name +
           " (" + LayerNameZh(a.layer) + " " + LayerName(a.layer) + ")\n";
    out += "    面积 area: " + Fixed(a.baseline_m2 / 1e4, 4) + " → " + Fixed(a.year_m2 / 1e4, 4) +
           " ha (减少 lost " + Fixed(a.lost_m2 / 1e4, 4) + " ha, 增加 gained " +
           Fixed(a.gained_m2 / 1e4, 4) + " ha)\n";
    out += "    " + Mark(a.area) + " 面积不减少: " + a.area.reason_zh + " / " + a.area.reason_en +
           "\n";
    out += "    " + Mark(a.category) + " 类别不改变: " + a.category.reason_zh + " / " +
           a.category.reason_en + "\n";
    out += "    " + Mark(a.function) + " 功能不降低: " + a.function.reason_zh + " / " +
           a.function.reason_en + "\n";
  }
  return out;
}

std::string ComparisonJson(const Comparison& c, const Vocabulary& vocabulary) {
  (void)vocabulary;
  Json areas = Json::array();
  for (const AreaChange& a : c.areas) {
    areas.push_back(Json{{"layer", LayerName(a.layer)},
                         {"id", a.id},
                         {"name", a.name},
                         {"in_baseline", a.in_baseline},
                         {"in_year", a.in_year},
                         {"baseline_area", AreaJson(a.baseline_m2)},
                         {"year_area", AreaJson(a.year_m2)},
                         {"lost", AreaJson(a.lost_m2)},
                         {"gained", AreaJson(a.gained_m2)},
                         {"lost_geometry", GeometryOrNull(a.lost_geojson)},
                         {"category", {{"before", a.category_before}, {"after", a.category_after}}},
                         {"control_level", {{"before", a.level_before}, {"after", a.level_after}}},
                         {"function", {{"before", a.function_before}, {"after", a.function_after}}},
                         {"promises",
                          {{"area_not_reduced", PromiseJson(a.area)},
                           {"category_unchanged", PromiseJson(a.category)},
                           {"function_not_lowered", PromiseJson(a.function)}}},
                         {"all_kept", a.AllKept()}});
  }
  Json doc{{"year", c.year},
           {"baseline", c.baseline},
           {"baseline_area", AreaJson(c.baseline_m2)},
           {"year_area", AreaJson(c.year_m2)},
           {"lost", AreaJson(c.lost_m2)},
           {"gained", AreaJson(c.gained_m2)},
           {"areas_not_kept", c.broken},
           {"areas", areas}};
  return doc.dump(2) + "\n";
}

std::string IntrusionsText(const IntrusionReport& r) {
  std::string out = std::to_string(r.year) +
                    " 年建设项目占用生态空间 / construction projects in "
                    "ecological space, " +
                    std::to_string(r.year) + " (红线与管控区域 " + std::to_string(r.areas_year) +
                    " 年版 / areas of " + std::to_string(r.areas_year) + ")\n";
  out += "  项目 projects: " + std::to_string(r.projects) +
         "; 占用 intrusions: " + std::to_string(r.intrusions.size()) +
         "; 合计 total: " + Areas(r.total_m2) + "\n";
  for (const Intrusion& in : r.intrusions) {
    out += "  " + in.project_id + " " + in.project_name + " → " + LayerNameZh(in.area_layer) + " " +
           in.area_id + " " + in.area_name + ": " +
           (in.point ? std::string("点状项目位于区内 / point project inside") : Areas(in.area_m2)) +
           (in.key_unit.empty() ? "" : " [重点项目 key project, " + in.key_unit + "]") + "\n";
  }
  if (!r.key_projects.empty()) {
    std::string unsited;
    size_t sited = 0;
    for (const KeyProject& k : r.key_projects) {
      if (k.site_year != 0) {
        ++sited;
      } else {
        unsited += "    " + k.code + " " + k.name + " (" + k.unit + ")\n";
      }
    }
    out += "  重点项目 key projects " + std::to_string(r.year) + ": " +
           std::to_string(r.key_projects.size()) +
           "; 已核对选址 sites checked: " + std::to_string(sited) +
           "; 无选址未核对 no site, not checked: " + std::to_string(r.key_projects.size() - sited) +
           "\n" + unsited;
  }
  return out;
}

std::string IntrusionsJson(const IntrusionReport& r) {
  Json list = Json::array();
  for (const Intrusion& in : r.intrusions) {
    list.push_back(
        Json{{"project", in.project_id},
             {"project_name", in.project_name},
             {"layer", LayerName(in.area_layer)},
             {"area", in.area_id},
             {"area_name", in.area_name},
             {"control_level", in.area_level},
             {"point", in.point},
             {"overlap", AreaJson(in.area_m2)},
             {"key_project_unit", in.key_unit.empty() ? Json(nullptr) : Json(in.key_unit)},
             {"geometry", GeometryOrNull(in.geojson)}});
  }
  Json keys = Json::array();
  for (const KeyProject& k : r.key_projects) {
    keys.push_back(Json{{"code", k.code},
                        {"name", k.name},
                        {"unit", k.unit},
                        {"status", k.status},
                        {"site_year", k.site_year == 0 ? Json(nullptr) : Json(k.site_year)},
                        {"intrusions", k.intrusions}});
  }
  Json doc{{"year", r.year},         {"areas_year", r.areas_year},
           {"projects", r.projects}, {"total", AreaJson(r.total_m2)},
           {"intrusions", list},     {"key_projects", keys}};
  return doc.dump(2) + "\n";
}

std::string CoverText(const CoverReport& r) {
  std::string out = std::to_string(r.year) + " 年绿色覆盖 / green cover " + std::to_string(r.year) +
                    " (行政边界 " + std::to_string(r.boundary_year) + " 年版 / boundary of " +
                    std::to_string(r.boundary_year) + ")\n";
  out += "  边界面积 boundary: " + Areas(r.boundary_m2) + "\n";
  out += "  森林覆盖率 forest cover: " + ShareText(r.forest_share) + "% (" +
         Fixed(r.forest_m2 / 1e4, 4) + " ha)\n";
  out += "  草地覆盖率 grass cover: " + Fixed(r.grass_share, 2) + "% (" +
         Fixed(r.grass_m2 / 1e4, 4) + " ha)\n";
  out += "  林草覆盖率 forest and grass: " + ShareText(r.forest_grass_share) + "%\n";
  out += "  绿色覆盖 green (all green classes): " + Fixed(r.green_share, 2) + "%\n";
  if (r.built_up_year != 0) {
    out += "  建成区绿化覆盖率 urban green cover: " + ShareText(r.urban_green_share) +
           "% (建成区 " + std::to_string(r.built_up_year) + " 年版 / built-up area of " +
           std::to_string(r.built_up_year) + ": " + Areas(r.built_up_m2) + ")\n";
  } else {
    out +=
        "  建成区绿化覆盖率 urban green cover: 未导入建成区 / no built-up area stored "
        "(ecociv space import FILE --layer built-up --year Y)\n";
  }
  for (const CoverClass& c : r.classes) {
    out += "    " + c.zh + " " + c.en + ": " + Fixed(c.m2 / 1e4, 4) + " ha, " + Fixed(c.share, 2) +
           "%\n";
  }
  return out;
}

std::string CoverJson(const CoverReport& r) {
  Json classes = Json::array();
  for (const CoverClass& c : r.classes) {
    classes.push_back(Json{{"code", c.code},
                           {"zh", c.zh},
                           {"en", c.en},
                           {"area", AreaJson(c.m2)},
                           {"share_percent", std::stod(Fixed(c.share, 2))}});
  }
  Json sources = Json::array();
  for (const LayerSource& s : r.sources) {
    sources.push_back(Json{{"layer", LayerName(s.layer)},
                           {"year", s.year},
                           {"source", s.source},
                           {"source_crs", s.source_crs},
                           {"imported_at", s.imported_at},
                           {"sha256", s.content_sha256}});
  }
  Json urban = nullptr;
  if (r.built_up_year != 0) {
    urban = Json{{"built_up_year", r.built_up_year},
                 {"built_up_area", AreaJson(r.built_up_m2)},
                 {"green_area", AreaJson(r.urban_green_m2)},
                 {"green_cover_percent", std::stod(ShareText(r.urban_green_share))}};
  }
  Json doc{{"year", r.year},
           {"boundary_year", r.boundary_year},
           {"boundary_area", AreaJson(r.boundary_m2)},
           {"forest_cover_percent", std::stod(ShareText(r.forest_share))},
           {"grass_cover_percent", std::stod(Fixed(r.grass_share, 2))},
           {"forest_grass_cover_percent", std::stod(ShareText(r.forest_grass_share))},
           {"green_cover_percent", std::stod(Fixed(r.green_share, 2))},
           {"urban", urban},
           {"classes", classes},
           {"sources", sources}};
  return doc.dump(2) + "\n";
}

std::string LayerListText(const std::vector<StoredLayer>& layers) {
  std::string out = "生态空间图层 / ecological-space layers\n";
  if (layers.empty()) out += "  （无 / none: ecociv space import）\n";
  for (const StoredLayer& l : layers) {
    out += "  " + std::string(LayerNameZh(l.layer)) + " " + LayerName(l.layer) + " " +
           std::to_string(l.year) + ": " + std::to_string(l.features) + " 个要素 features, " +
           Fixed(l.area_m2 / 1e4, 4) + " ha (" + l.source + ", " + l.source_crs + ", " +
           l.imported_at + ")\n";
  }
  return out;
}

std::string LayerListJson(const std::vector<StoredLayer>& layers) {
  Json list = Json::array();
  for (const StoredLayer& l : layers) {
    list.push_back(Json{{"layer", LayerName(l.layer)},
                        {"year", l.year},
                        {"features", l.features},
                        {"area", AreaJson(l.area_m2)},
                        {"source", l.source},
                        {"source_crs", l.source_crs},
                        {"imported_at", l.imported_at}});
  }
  return Json{{"layers", list}}.dump(2) + "\n";
}

std::string LayerGeoJson(Layer layer, const std::vector<Feature>& features,
                         const Vocabulary& vocabulary) {
  auto term = [](const std::vector<Term>& terms, const std::string& code) {
    const Term* t = Vocabulary::Find(terms, code);
    return t ? Json{{"code", t->code}, {"zh", t->zh}, {"en", t->en}} : Json(nullptr);
  };
  Json list = Json::array();
  for (const Feature& f : features) {
    auto geometry = WkbToGeoJson(f.wkb);
    Json props{{"id", f.id},
               {"name", f.name},
               {"layer", LayerName(layer)},
               {"area_ha", std::stod(Fixed(f.area_m2 / 1e4, 4))}};
    if (!f.category.empty()) props["category"] = term(vocabulary.categories, f.category);
    if (!f.control_level.empty()) {
      props["control_level"] = term(vocabulary.control_levels, f.control_level);
    }
    if (!f.function.empty()) props["function"] = term(vocabulary.functions, f.function);
    if (!f.cover.empty()) props["cover"] = term(vocabulary.land_cover, f.cover);
    list.push_back(Json{{"type", "Feature"},
                        {"properties", props},
                        {"geometry", geometry.ok() ? GeometryOrNull(*geometry) : Json(nullptr)}});
  }
  return Json{{"type", "FeatureCollection"}, {"features", list}}.dump();
}

}  // namespace ecociv::space
