#include "public_indicators.h"

#include "ecociv/indicators/indicator_store.h"
#include "ecociv/indicators/report.h"

namespace ecociv::server {

StatusOr<Json> PublicIndicators(DataService& data, store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(int year, indicators::DefaultValueYear(db));
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(db));
  std::unique_ptr<indicators::EngineFigureSource> engines = data.EngineFigures(snap, db);
  ECOCIV_ASSIGN_OR_RETURN(auto readiness, indicators::ReadinessForYear(db, year, *engines));
  // The table as the indicators page gets it, then only the public fields.
  Json table = Json::parse(indicators::ReadinessJson(readiness));
  Json rows = Json::array();
  for (size_t i = 0; i < readiness.results.size(); ++i) {
    const indicators::IndicatorResult& r = readiness.results[i];
    const Json& x = table["indicators"][i];
    if (r.binding != "binding" && r.binding != "reference") continue;
    if (r.verdict == indicators::Verdict::kNotApplicable) continue;
    Json value = nullptr;
    if (!r.value_source.empty() && !r.value_text.empty()) value = r.value_text;
    rows.push_back({{"domain", x["domain"]},
                    {"name_zh", x["name_zh"]},
                    {"name_en", x["name_en"]},
                    {"unit", x["unit"]},
                    {"binding", r.binding},
                    {"value", value},
                    {"target", x["target"]},
                    {"target_base", x["target_base"]},
                    {"target_rule", x["target_rule"]},
                    {"verdict", x["verdict"]},
                    {"trend", value.is_null() ? Json("") : x["trend"]},
                    {"unverified", x["unverified"]}});
  }
  const Json& s = table["summary"];
  return Json{{"year", year},
              {"catalogue", table["catalogue"]},
              {"summary",
               {{"binding_met", s["binding_met"]},
                {"binding_total", s["binding_total"]},
                {"reference_met", s["reference_met"]},
                {"reference_total", s["reference_total"]}}},
              {"indicators", rows}};
}

}  // namespace ecociv::server
