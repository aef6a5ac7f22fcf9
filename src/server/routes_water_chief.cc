// Routes of the river and section chiefs' view and of the water periods:
// GET /water/chief (a chief's sections: this month's class, the year to date
// against the annual target, the allowance, open warnings and notices, plan
// progress, and the list of those at risk), GET /water/periods (flood
// seasons and campaigns, config/water-periods.toml) and GET
// /water/campaigns/{id}/report (the 保Ⅲ消劣 report, water/campaign_report.h,
// as JSON or CSV). Figures come from the DataService's snapshot and its
// cached allowance and classes, so they are the ones the water pages show.
#include <algorithm>
#include <set>

#include "ecociv/core/message_text.h"
#include "ecociv/warning/chief_links.h"
#include "ecociv/warning/section_plan.h"
#include "ecociv/warning/workflow.h"
#include "ecociv/water/campaign_report.h"
#include "ecociv/water/periods.h"
#include "json_fields.h"
#include "routes.h"
#include "snapshot.h"

namespace ecociv::server {
namespace {

// Who may look at another user's chief view (?user=): the operators.
constexpr unsigned kChiefViewers = kReviewers;

DayNumber LastWaterDay(const Snapshot& s) {
  DayNumber last = 0;
  for (const water::Sample& sample : s.water.samples) last = std::max(last, sample.day);
  return last;
}

// The section's figures from the allowance JSON (warning/water_allowance.h).
Json AllowanceOf(const Json& allowance, const std::string& code) {
  for (const Json& s : allowance["sections"])
    if (s["section"] == code) return s;
  return nullptr;
}

StatusOr<HttpResponse> Chief(DataService& data, Call& c) {
  std::string user = c.session->user.name;
  if (!c.Query("user").empty() && c.Query("user") != user) {
    if (!RoleIn(kChiefViewers, c.role())) return Denied("only an operator sees another chief's view");
    user = c.Query("user");
  }
  ECOCIV_ASSIGN_OR_RETURN(auto links, warning::ListChiefLinks(c.db, user));
  ECOCIV_ASSIGN_OR_RETURN(auto codes, warning::ChiefSections(c.db, user));
  Json link_rows = Json::array();
  for (const auto& l : links) link_rows.push_back({{"kind", l.kind}, {"value", l.value}});
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  const DayNumber last = LastWaterDay(*snap);
  Json out = {{"user", user}, {"links", link_rows}, {"sections", Json::array()},
              {"at_risk", Json::array()}, {"today", store::BeijingToday()}};
  if (last == 0 || codes.empty()) {
    out["as_of"] = nullptr;
    return JsonResponse(out);
  }
  ECOCIV_ASSIGN_OR_RETURN(DayNumber as_of, DayParam(c.Query("as_of"), last, "as_of"));
  const CivilDate d = CivilFromDays(as_of);
  const DayNumber month_first = DaysFromCivil({d.year, d.month, 1});
  out["as_of"] = FormatDate(as_of);
  out["year"] = d.year;
  out["month"] = FormatDate(month_first).substr(0, 7);
  ECOCIV_ASSIGN_OR_RETURN(ResultPtr allowance,
                          data.WaterAllowance(*snap, std::to_string(d.year), FormatDate(as_of)));
  ECOCIV_ASSIGN_OR_RETURN(ResultPtr classes, data.WaterClasses(*snap, FormatDate(month_first),
                                                               FormatDate(as_of), "month"));
  ECOCIV_ASSIGN_OR_RETURN(auto open, warning::ListWarnings(c.db, true));
  const std::string today = store::BeijingToday();
  for (const std::string& code : codes) {
    int index = snap->water.FindSection(code);
    if (index < 0) continue;
    const water::Section& s = snap->water.sections[index];
    Json row = {{"section", code},
                {"name", s.name},
                {"river", s.river},
                {"target_class", water::ClassLabel(s.target)},
                {"chief", water::ChiefText(s)},
                {"month_class", nullptr}};
    for (const Json& r : classes->json)
      if (r["section"] == code && r.contains("class")) row["month_class"] = r["class"];
    Json a = AllowanceOf(allowance->json, code);
    bool at_risk = false;
    row["ytd_class"] = nullptr;
    row["meets_target"] = nullptr;
    row["items"] = Json::array();
    if (!a.is_null()) {
      if (!a["months"].empty()) {
        row["ytd_class"] = a["months"].back()["ytd_class"];
        row["meets_target"] = a["months"].back()["meets_target"];
        at_risk |= a["months"].back()["meets_target"] == false;
      }
      for (const Json& item : a["items"]) {
        at_risk |= item["state"] == "at_risk" || item["state"] == "missed";
        row["items"].push_back(item);
      }
    }
    row["months_left"] = allowance->json["months_left"];
    Json warnings = Json::array();
    for (const warning::Warning& w : open) {
      if (w.subject != code || (w.kind != "water" && w.kind != "water-notice")) continue;
      warnings.push_back({{"id", w.id},
                          {"kind", w.kind},
                          {"level_name", w.level_name},
                          {"state", w.state},
                          {"trigger", w.trigger},
                          {"trigger_en", w.trigger_en.empty() ? w.trigger : w.trigger_en},
                          {"last_period", w.last_period}});
      at_risk = true;
    }
    row["warnings"] = warnings;
    auto plan = warning::GetPlan(c.db, code);
    if (!plan.ok() && plan.status().code() != StatusCode::kNotFound) return plan.status();
    if (plan.ok()) {
      int done = 0;
      for (const auto& m : plan->measures) done += m.state == "done" ? 1 : 0;
      row["plan"] = {{"approval", plan->approval},
                     {"title", plan->title},
                     {"measures_total", plan->measures.size()},
                     {"measures_done", done},
                     {"overdue", warning::OverdueMeasures(*plan, today)},
                     {"last_progress", plan->progress.empty() ? Json(nullptr)
                                                              : Json(plan->progress.back().date)}};
    } else {
      row["plan"] = nullptr;
    }
    row["at_risk"] = at_risk;
    if (at_risk) out["at_risk"].push_back(code);
    out["sections"].push_back(std::move(row));
  }
  return JsonResponse(out);
}

StatusOr<HttpResponse> Periods(Call&) {
  ECOCIV_ASSIGN_OR_RETURN(water::WaterPeriods periods, water::LoadWaterPeriods(""));
  return BodyResponse(water::WaterPeriodsJson(periods));
}

StatusOr<HttpResponse> CampaignReport(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(water::WaterPeriods periods, water::LoadWaterPeriods(""));
  ECOCIV_ASSIGN_OR_RETURN(const water::Campaign* campaign,
                          periods.FindCampaign(c.params.at("id")));
  const std::string format = c.Query("format").empty() ? "json" : c.Query("format");
  if (format != "json" && format != "csv") return InvalidArgumentError("format must be json or csv");
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  if (snap->water.samples.empty()) return NotFoundError("no water samples in the store");
  ECOCIV_ASSIGN_OR_RETURN(DayNumber as_of, DayParam(c.Query("as_of"), LastWaterDay(*snap), "as_of"));
  const water::WaterRules& rules = data.water_rules();
  auto text = WithOverflowCheck("campaign report", [&]() -> StatusOr<std::string> {
    ECOCIV_ASSIGN_OR_RETURN(water::CampaignReport report,
                            water::ComputeCampaignReport(rules, snap->water, snap->water_index,
                                                         *campaign, as_of));
    return format == "csv" ? water::CampaignReportCsv(rules, snap->water, report)
                           : water::CampaignReportJson(rules, snap->water, report);
  });
  if (!text.ok()) return text.status();
  if (format == "csv") {
    return Attachment("text/csv; charset=utf-8", "\xEF\xBB\xBF" + *text,
                      "attachment; filename=\"campaign-" + campaign->id + ".csv\"");
  }
  return BodyResponse(*text);
}

}  // namespace

void RegisterWaterChiefRoutes(RouteRegistry& routes, ApiContext& ctx) {
  routes.Add("GET", "/api/v1/water/chief", kAnyone,
             [&ctx](Call& c) { return Chief(*ctx.data, c); });
  routes.Add("GET", "/api/v1/water/periods", kAnyone, Periods);
  routes.Add("GET", "/api/v1/water/campaigns/{id}/report", kReaders,
             [&ctx](Call& c) { return CampaignReport(*ctx.data, c); });
}

}  // namespace ecociv::server
