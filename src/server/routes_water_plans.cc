// Routes of the section plans (一断面一方案, warning/section_plan.h): read by
// everyone (a unit reporter: its own unit's sections only), written by the
// owning roles — administrators, analysts and the reporter of the unit the
// section is assigned to — and approved or returned by the reviewers and the
// leadership. Every change is a change-record entry by the web user.
#include <algorithm>

#include "ecociv/core/message_text.h"
#include "ecociv/store/change_log.h"
#include "ecociv/warning/section_plan.h"
#include "json_fields.h"
#include "routes.h"

namespace ecociv::server {
namespace {

using warning::SectionPlan;

// Who writes a plan (a reporter: its unit's sections only) and who decides on it.
constexpr unsigned kPlanEditors = kEntry;
constexpr unsigned kPlanApprovers = kReviewers | RoleBit(Role::kLeader);

StatusOr<bool> OwnsSection(const Call& c, const std::string& section) {
  if (!c.IsReporter()) return true;
  ECOCIV_ASSIGN_OR_RETURN(auto codes, UnitAssets(c.db, c.session->user.unit, "section"));
  return std::find(codes.begin(), codes.end(), section) != codes.end();
}

// The section of the path, checked: a reporter may touch its unit's only.
StatusOr<std::string> SectionOf(const Call& c) {
  const std::string section = c.params.at("section");
  if (!ValidCode(section)) return NotFoundError("no section " + QuoteForMessage(section));
  ECOCIV_ASSIGN_OR_RETURN(bool owns, OwnsSection(c, section));
  if (!owns) return Denied("section " + section + " belongs to another unit");
  return section;
}

Json PlanWithRights(const Call& c, const SectionPlan* plan, const std::string& section) {
  const std::string today = store::BeijingToday();
  return {{"section", section},
          {"today", today},
          {"plan", plan ? Json::parse(warning::PlanJson(*plan, today)) : Json(nullptr)},
          {"may_edit", RoleIn(kPlanEditors, c.role())},
          {"may_approve", RoleIn(kPlanApprovers, c.role())}};
}

StatusOr<HttpResponse> Plan(Call& c, int status = 200) {
  ECOCIV_ASSIGN_OR_RETURN(std::string section, SectionOf(c));
  auto plan = warning::GetPlan(c.db, section);
  if (!plan.ok() && plan.status().code() != StatusCode::kNotFound) return plan.status();
  return JsonResponse(PlanWithRights(c, plan.ok() ? &*plan : nullptr, section), status);
}

StatusOr<HttpResponse> Plans(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto plans, warning::ListPlans(c.db));
  const std::string today = store::BeijingToday();
  Json rows = Json::array();
  for (const SectionPlan& p : plans) {
    ECOCIV_ASSIGN_OR_RETURN(bool owns, OwnsSection(c, p.section));
    if (owns) rows.push_back(Json::parse(warning::PlanJson(p, today)));
  }
  return JsonResponse({{"today", today},
                       {"plans", rows},
                       {"may_edit", RoleIn(kPlanEditors, c.role())},
                       {"may_approve", RoleIn(kPlanApprovers, c.role())}});
}

// {title, effect, causes: [{kind, text}]}
StatusOr<HttpResponse> SavePlan(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string section, SectionOf(c));
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  warning::PlanDraft d;
  ECOCIV_ASSIGN_OR_RETURN(d.title, StringField(c.body, "title", true, 200));
  ECOCIV_ASSIGN_OR_RETURN(d.effect, StringField(c.body, "effect", false));
  if (c.body.contains("causes") && !c.body["causes"].is_null()) {
    if (!c.body["causes"].is_array()) return InvalidArgumentError("causes must be a list");
    for (const Json& cause : c.body["causes"]) {
      if (!cause.is_object()) return InvalidArgumentError("a cause is {kind, text}");
      warning::PlanCause pc;
      ECOCIV_ASSIGN_OR_RETURN(pc.kind, StringField(cause, "kind", true, 20));
      ECOCIV_ASSIGN_OR_RETURN(pc.text, StringField(cause, "text"));
      d.causes.push_back(std::move(pc));
    }
  }
  ECOCIV_RETURN_IF_ERROR(warning::SavePlan(c.db, section, d, c.Actor()));
  return Plan(c);
}

// {text, unit, deadline, items}
StatusOr<HttpResponse> AddMeasure(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string section, SectionOf(c));
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  warning::PlanMeasure m;
  ECOCIV_ASSIGN_OR_RETURN(m.text, StringField(c.body, "text"));
  ECOCIV_ASSIGN_OR_RETURN(m.unit, StringField(c.body, "unit", true, 200));
  ECOCIV_ASSIGN_OR_RETURN(m.deadline, StringField(c.body, "deadline", true, 10));
  ECOCIV_ASSIGN_OR_RETURN(m.items, StringField(c.body, "items", false, 200));
  ECOCIV_RETURN_IF_ERROR(warning::AddMeasure(c.db, section, m, c.Actor()).status());
  return Plan(c, 201);
}

// {state}
StatusOr<HttpResponse> MeasureState(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string section, SectionOf(c));
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, PathId(c.params.at("id"), "measure"));
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  ECOCIV_ASSIGN_OR_RETURN(std::string state, StringField(c.body, "state", true, 20));
  ECOCIV_RETURN_IF_ERROR(warning::SetMeasureState(c.db, section, id, state, c.Actor()));
  return Plan(c);
}

// {date, note, measure_id, evidence}; who is the web user.
StatusOr<HttpResponse> AddProgress(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string section, SectionOf(c));
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  warning::PlanProgress p;
  ECOCIV_ASSIGN_OR_RETURN(p.date, StringField(c.body, "date", true, 10));
  ECOCIV_ASSIGN_OR_RETURN(p.note, StringField(c.body, "note"));
  ECOCIV_ASSIGN_OR_RETURN(p.evidence, StringField(c.body, "evidence", false));
  if (c.body.contains("measure_id") && !c.body["measure_id"].is_null()) {
    if (!c.body["measure_id"].is_number_integer() || c.body["measure_id"].get<int64_t>() < 0) {
      return InvalidArgumentError("measure_id must be a measure's id (0: the plan as a whole)");
    }
    p.measure_id = c.body["measure_id"].get<int64_t>();
  }
  p.who = c.session->user.name;
  ECOCIV_RETURN_IF_ERROR(warning::AddProgress(c.db, section, p, c.Actor()).status());
  return Plan(c, 201);
}

StatusOr<HttpResponse> Approval(Call& c, const std::string& step) {
  ECOCIV_ASSIGN_OR_RETURN(std::string section, SectionOf(c));
  ECOCIV_RETURN_IF_ERROR(warning::ChangeApproval(c.db, section, step, c.Actor()));
  return Plan(c);
}

}  // namespace

void RegisterWaterPlanRoutes(RouteRegistry& routes, ApiContext&) {
  const std::string base = "/api/v1/water/plans/{section}";
  routes.Add("GET", "/api/v1/water/plans", kAnyone, Plans);
  routes.Add("GET", base, kAnyone, [](Call& c) { return Plan(c); });
  routes.Add("PUT", base, kPlanEditors, SavePlan);
  routes.Add("POST", base + "/measures", kPlanEditors, AddMeasure);
  routes.Add("POST", base + "/measures/{id}/state", kPlanEditors, MeasureState);
  routes.Add("POST", base + "/progress", kPlanEditors, AddProgress);
  routes.Add("POST", base + "/submit", kPlanEditors,
             [](Call& c) { return Approval(c, "submit"); });
  routes.Add("POST", base + "/approve", kPlanApprovers,
             [](Call& c) { return Approval(c, "approve"); });
  routes.Add("POST", base + "/return", kPlanApprovers,
             [](Call& c) { return Approval(c, "return"); });
}

}  // namespace ecociv::server
