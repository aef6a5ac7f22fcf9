// Year against baseline for the controlled areas (see analysis.h): the three
// promises 面积不减少、类别不改变、功能不降低.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "ecociv/space/analysis.h"
#include "ecociv/space/geometry.h"
#include "ecociv/space/space_store.h"

namespace ecociv::space {
namespace {

std::string Num(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string Zh(const std::vector<Term>& terms, const std::string& code) {
  const Term* t = Vocabulary::Find(terms, code);
  return t ? t->zh : code;
}
std::string En(const std::vector<Term>& terms, const std::string& code) {
  const Term* t = Vocabulary::Find(terms, code);
  return t ? t->en : code;
}
int Rank(const std::vector<Term>& terms, const std::string& code) {
  const Term* t = Vocabulary::Find(terms, code);
  return t ? t->rank : 0;
}

// Overlay results come from GEOS's own WKB, so reading them back cannot fail
// short of memory; 0 keeps the comparison going in that case.
double AreaOrZero(const std::string& wkb) {
  auto area = EllipsoidAreaM2(wkb);
  return area.ok() ? *area : 0;
}

void JudgeArea(AreaChange* a, double tolerance) {
  const double net = a->year_m2 - a->baseline_m2;
  if (!a->in_year) {
    a->area = {false,
               "该区域在本年度数据中缺失，面积减少 " + Num(a->baseline_m2 / 1e4, 4) + " 公顷",
               "the area is missing this year: " + Num(a->baseline_m2 / 1e4, 4) + " ha lost"};
  } else if (net < -tolerance) {
    a->area = {false,
               "面积减少 " + Num(-net / 1e4, 4) + " 公顷（减少 " + Num(a->lost_m2 / 1e4, 4) +
                   " 公顷，增加 " + Num(a->gained_m2 / 1e4, 4) + " 公顷）",
               "area reduced by " + Num(-net / 1e4, 4) + " ha (lost " + Num(a->lost_m2 / 1e4, 4) +
                   " ha, gained " + Num(a->gained_m2 / 1e4, 4) + " ha)"};
  } else if (a->lost_m2 > tolerance) {
    a->area = {true,
               "面积未减少：减少 " + Num(a->lost_m2 / 1e4, 4) + " 公顷，已由增加的 " +
                   Num(a->gained_m2 / 1e4, 4) + " 公顷补足",
               "not reduced: " + Num(a->lost_m2 / 1e4, 4) + " ha lost, made up by " +
                   Num(a->gained_m2 / 1e4, 4) + " ha gained"};
  } else {
    a->area = {true, "面积未减少", "area not reduced"};
  }
}

void JudgeCategory(AreaChange* a, const Vocabulary& v) {
  if (!a->in_year) {
    a->category = {false, "该区域在本年度数据中缺失", "the area is missing this year"};
    return;
  }
  std::string zh, en;
  if (a->category_after != a->category_before) {
    zh = "类别由“" + Zh(v.categories, a->category_before) + "”变为“" +
         Zh(v.categories, a->category_after) + "”";
    en = "category changed from " + En(v.categories, a->category_before) + " to " +
         En(v.categories, a->category_after);
  }
  if (Rank(v.control_levels, a->level_after) < Rank(v.control_levels, a->level_before)) {
    if (!zh.empty()) zh += "；", en += "; ";
    zh += "管控级别由“" + Zh(v.control_levels, a->level_before) + "”降为“" +
          Zh(v.control_levels, a->level_after) + "”";
    en += "control level lowered from " + En(v.control_levels, a->level_before) + " to " +
          En(v.control_levels, a->level_after);
  }
  if (zh.empty()) {
    a->category = {true, "类别未改变", "category unchanged"};
  } else {
    a->category = {false, zh, en};
  }
}

void JudgeFunction(AreaChange* a, const Vocabulary& v) {
  if (!a->in_year) {
    a->function = {false, "该区域在本年度数据中缺失", "the area is missing this year"};
    return;
  }
  if (a->function_after == a->function_before) {
    a->function = {true, "主导功能未改变", "dominant function unchanged"};
    return;
  }
  const std::string zh = "主导功能由“" + Zh(v.functions, a->function_before) + "”变为“" +
                         Zh(v.functions, a->function_after) + "”";
  const std::string en = "dominant function changed from " + En(v.functions, a->function_before) +
                         " to " + En(v.functions, a->function_after);
  if (Rank(v.functions, a->function_after) < Rank(v.functions, a->function_before)) {
    a->function = {false, zh + "，功能降低", en + ": lowered"};
  } else {
    a->function = {true, zh + "，未降低", en + ": not lowered"};
  }
}

// An area as one year has it: its name and attributes, on the side of `before`
// (the baseline) or of the year compared.
AreaChange AreaOf(Layer layer, const Feature& f) {
  AreaChange a;
  a.layer = layer;
  a.id = f.id;
  a.name = f.name;
  return a;
}

void TakeBaseline(AreaChange* a, const Feature& b) {
  a->in_baseline = true;
  a->baseline_m2 = b.area_m2;
  a->category_before = b.category;
  a->level_before = b.control_level;
  a->function_before = b.function;
}

void TakeYear(AreaChange* a, const Feature& n) {
  a->in_year = true;
  a->year_m2 = n.area_m2;
  if (!n.name.empty()) a->name = n.name;
  a->category_after = n.category;
  a->level_after = n.control_level;
  a->function_after = n.function;
}

// The parts of `b` not in `n` (lost) and of `n` not in `b` (gained), with the lost
// parts' WKB; identical geometry has neither.
void MeasureChange(AreaChange* a, const Feature& b, const Feature& n, std::string* lost_wkb) {
  if (n.wkb == b.wkb) return;
  auto lost = Difference(b.wkb, n.wkb);
  auto gained = Difference(n.wkb, b.wkb);
  if (lost.ok()) {
    a->lost_m2 = AreaOrZero(*lost);
    *lost_wkb = *lost;
  }
  if (gained.ok()) a->gained_m2 = AreaOrZero(*gained);
}

}  // namespace

Comparison CompareFeatures(int year, const std::vector<Feature>& now, int baseline,
                           const std::vector<Feature>& before, Layer layer,
                           const Vocabulary& vocabulary) {
  Comparison c;
  c.year = year;
  c.baseline = baseline;
  std::map<std::string, const Feature*> current;
  for (const Feature& f : now) current[f.id] = &f;
  std::map<std::string, bool> seen;
  for (const Feature& b : before) {
    AreaChange a = AreaOf(layer, b);
    TakeBaseline(&a, b);
    auto it = current.find(b.id);
    std::string lost_wkb;
    if (it == current.end()) {
      a.lost_m2 = b.area_m2;
      lost_wkb = b.wkb;
    } else {
      seen[b.id] = true;
      TakeYear(&a, *it->second);
      MeasureChange(&a, b, *it->second, &lost_wkb);
    }
    if (a.lost_m2 > vocabulary.area_tolerance_m2 && !lost_wkb.empty()) {
      auto geojson = WkbToGeoJson(lost_wkb);
      if (geojson.ok()) a.lost_geojson = *geojson;
    }
    JudgeArea(&a, vocabulary.area_tolerance_m2);
    JudgeCategory(&a, vocabulary);
    JudgeFunction(&a, vocabulary);
    c.areas.push_back(std::move(a));
  }
  for (const Feature& n : now) {
    if (seen.count(n.id)) continue;
    AreaChange a = AreaOf(layer, n);
    TakeYear(&a, n);
    a.gained_m2 = n.area_m2;
    const Promise designated{true, "新划定区域", "newly designated area"};
    a.area = a.category = a.function = designated;
    c.areas.push_back(std::move(a));
  }
  std::sort(c.areas.begin(), c.areas.end(),
            [](const AreaChange& x, const AreaChange& y) { return x.id < y.id; });
  for (const AreaChange& a : c.areas) {
    c.baseline_m2 += a.baseline_m2;
    c.year_m2 += a.year_m2;
    c.lost_m2 += a.lost_m2;
    c.gained_m2 += a.gained_m2;
    if (!a.AllKept()) ++c.broken;
  }
  return c;
}

StatusOr<Comparison> CompareYears(store::Database* db, int year, int baseline,
                                  const Vocabulary& vocabulary) {
  Comparison all;
  all.year = year;
  all.baseline = baseline;
  bool any = false;
  for (Layer layer : {Layer::kRedLine, Layer::kControlArea, Layer::kProtectedArea}) {
    ECOCIV_ASSIGN_OR_RETURN(std::vector<Feature> now, LoadLayer(db, layer, year));
    ECOCIV_ASSIGN_OR_RETURN(std::vector<Feature> before, LoadLayer(db, layer, baseline));
    if (now.empty() && before.empty()) continue;
    any = true;
    Comparison c = CompareFeatures(year, now, baseline, before, layer, vocabulary);
    for (AreaChange& a : c.areas) all.areas.push_back(std::move(a));
    all.baseline_m2 += c.baseline_m2;
    all.year_m2 += c.year_m2;
    all.lost_m2 += c.lost_m2;
    all.gained_m2 += c.gained_m2;
    all.broken += c.broken;
  }
  if (!any) {
    return NotFoundError("no red line, control area or protected area is stored for " +
                         std::to_string(year) + " or " + std::to_string(baseline) +
                         " (ecociv space import)");
  }
  return all;
}

}  // namespace ecociv::space
