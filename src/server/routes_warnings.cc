// Routes of early warning: the warnings and their workflow (acknowledge,
// assign, feedback, close), evaluation of the built-in rule sets and of the
// server's air targets, escalation of overdue warnings, and the webhook
// outbox with its quiet periods.
//
// A unit reporter sees a warning only when it has been assigned to the
// reporter's unit (matched as indicator owners are: UnitOwns); unassigned
// warnings belong to no unit and are seen by none. A reporter's only step is
// feedback on such a warning.
#include <ctime>

#include "ecociv/store/water_store.h"
#include "ecociv/warning/plan_escalation.h"
#include "ecociv/warning/water_warning.h"
#include "ecociv/warning/webhook.h"
#include "ecociv/warning/workflow.h"
#include "json_fields.h"
#include "region_scope.h"
#include "routes.h"

namespace ecociv::server {
namespace {

constexpr size_t kMaxWarningsListed = 2000;

int64_t NowUnix() { return static_cast<int64_t>(std::time(nullptr)); }

Json WarningObject(const warning::Warning& w) { return Json::parse(warning::WarningJson(w)); }

// Whether the caller may see warning `w`: its subject in the caller's region
// (region_scope.h), and for reporters their unit's only.
StatusOr<bool> MaySeeWarning(const Call& c, const warning::Warning& w) {
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (!scope.SeesSubject(w.subject)) return false;
  if (!c.IsReporter()) return true;
  if (w.unit.empty() || c.session->user.unit.empty()) return false;
  ECOCIV_ASSIGN_OR_RETURN(UnitNames unit, NamesOfUnit(c.db, c.session->user.unit));
  return UnitOwns(w.unit, unit);
}

std::string NotYours(int64_t id) {
  return "warning " + std::to_string(id) + " is not assigned to your unit or region";
}

bool MayAct(const Call& c) { return RoleIn(kReviewers, c.role()); }

StatusOr<HttpResponse> Warnings(Call& c) {
  std::string state = c.Query("state");
  if (state.empty()) state = "open";
  if (state != "open" && state != "all") return InvalidArgumentError("state must be open or all");
  ECOCIV_ASSIGN_OR_RETURN(auto all, warning::ListWarnings(c.db, state == "open"));
  Json rows = Json::array();
  for (const auto& w : all) {
    ECOCIV_ASSIGN_OR_RETURN(bool see, MaySeeWarning(c, w));
    if (see) rows.push_back(WarningObject(w));
    if (rows.size() >= kMaxWarningsListed) break;
  }
  // `today` in Beijing, the day the server counts deadlines from (escalation), so the
  // page's countdown agrees with it whatever the browser's clock or zone.
  return JsonResponse({{"state", state},
                       {"warnings", rows},
                       {"may_act", MayAct(c)},
                       {"today", store::BeijingToday()}});
}

StatusOr<HttpResponse> WarningDetail(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, PathId(c.params["id"], "warning"));
  ECOCIV_ASSIGN_OR_RETURN(warning::Warning w, warning::GetWarning(c.db, id));
  ECOCIV_ASSIGN_OR_RETURN(bool see, MaySeeWarning(c, w));
  if (!see) return Denied(NotYours(id));
  ECOCIV_ASSIGN_OR_RETURN(auto events, warning::ListEvents(c.db, id));
  Json ev = Json::array();
  for (const auto& e : events) {
    ev.push_back({{"id", e.id},
                  {"at", e.at},
                  {"who", e.who},
                  {"action", e.action},
                  {"from_state", e.from_state},
                  {"to_state", e.to_state},
                  {"note", e.note},
                  {"log_seq", e.log_seq}});
  }
  Json j = WarningObject(w);
  j["events"] = ev;
  // The overdue measures of the section's plan that escalated this warning.
  Json measures = Json::array();
  if (w.kind.rfind("water", 0) == 0) {
    ECOCIV_ASSIGN_OR_RETURN(auto escalations, warning::MeasureEscalations(c.db, w.subject));
    for (const auto& e : escalations) {
      if (e.warning_id != w.id) continue;
      measures.push_back({{"measure", e.measure_id},
                          {"text", e.text},
                          {"unit", e.unit},
                          {"deadline", e.deadline},
                          {"at", e.at}});
    }
  }
  j["measure_escalations"] = measures;
  // A reporter may answer a warning assigned to its unit (it sees only those).
  j["may_feedback"] = c.IsReporter() && w.state == "assigned";
  return JsonResponse(j);
}

Status Assign(Call& c, int64_t id) {
  warning::Assignment a;
  ECOCIV_ASSIGN_OR_RETURN(a.unit, StringField(c.body, "unit", true, 128));
  ECOCIV_ASSIGN_OR_RETURN(a.person, StringField(c.body, "person", true, 128));
  ECOCIV_ASSIGN_OR_RETURN(a.deadline, StringField(c.body, "deadline", true, 10));
  ECOCIV_ASSIGN_OR_RETURN(a.plan, StringField(c.body, "plan", true, 4000));
  if (a.unit.empty() || a.person.empty() || a.plan.empty()) {
    return InvalidArgumentError("unit, person, deadline and plan are all required");
  }
  auto day = ParseDate(a.deadline);
  if (a.deadline.size() != 10 || !day.ok()) {
    return InvalidArgumentError("deadline must be a date YYYY-MM-DD");
  }
  ECOCIV_RETURN_IF_ERROR(warning::GetWarning(c.db, id).status());
  return warning::Assign(c.db, id, a, c.Actor(a.plan), NowUnix());
}

// "ack", "feedback" or "close", each with its note.
Status NoteStep(Call& c, int64_t id, const std::string& step) {
  const bool feedback = step == "feedback";
  ECOCIV_ASSIGN_OR_RETURN(std::string note,
                          StringField(c.body, feedback ? "feedback" : "note", feedback, 4000));
  if (feedback && note.empty()) return InvalidArgumentError("feedback is required");
  ECOCIV_RETURN_IF_ERROR(warning::GetWarning(c.db, id).status());
  if (step == "ack") return warning::Acknowledge(c.db, id, note, c.Actor(note), NowUnix());
  if (feedback) return warning::GiveFeedback(c.db, id, note, c.Actor(note), NowUnix());
  return warning::Close(c.db, id, note, c.Actor(note), NowUnix());
}

StatusOr<HttpResponse> WarningStep(Call& c, const std::string& step) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, PathId(c.params["id"], "warning"));
  // The route lets reporters in for feedback only; the warning must be
  // assigned to their unit (checked before the body, so an unknown or
  // foreign warning says nothing about the input).
  if (c.IsReporter() && step != "feedback") return Denied("a unit reporter may only give feedback");
  {
    ECOCIV_ASSIGN_OR_RETURN(warning::Warning w, warning::GetWarning(c.db, id));
    ECOCIV_ASSIGN_OR_RETURN(bool see, MaySeeWarning(c, w));
    if (!see) return Denied(NotYours(id));
  }
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  ECOCIV_RETURN_IF_ERROR(step == "assign" ? Assign(c, id) : NoteStep(c, id, step));
  ECOCIV_ASSIGN_OR_RETURN(warning::Warning w, warning::GetWarning(c.db, id));
  return JsonResponse(WarningObject(w));
}

// A finding's figures as JSON (its trigger's codes and arguments among them); null when the
// text is not JSON.
Json FiguresOf(const std::string& text) {
  Json j = Json::parse(text, nullptr, false);
  return j.is_discarded() ? Json(nullptr) : j;
}

// The answer of an evaluation: the counts and the findings.
Json EvaluationJson(const std::string& rule_set, bool is_template, DayNumber as_of,
                    const std::string& month, const warning::RecordReport& report,
                    const std::vector<warning::Finding>& findings) {
  Json found = Json::array();
  for (const warning::Finding& f : findings) {
    found.push_back({{"kind", f.kind},
                     {"subject", f.subject},
                     {"subject_name", f.subject_name},
                     {"level", f.level},
                     {"level_name", f.level_name},
                     {"rank", f.rank},
                     {"trigger", f.trigger},
                     {"trigger_en", f.trigger_en.empty() ? f.trigger : f.trigger_en},
                     {"main_pollutants", f.main_pollutants},
                     {"figures", FiguresOf(f.figures)},
                     {"period", f.period}});
  }
  return {{"rule_set", rule_set},
          {"template", is_template},
          {"as_of", FormatDate(as_of)},
          {"month", month},
          {"counts",
           {{"raised", report.raised},
            {"repeated", report.repeated},
            {"upgraded", report.upgraded},
            {"lifted", report.lifted},
            {"escalated", report.escalated},
            {"measures_escalated", report.measures_escalated},
            {"unchanged", report.unchanged}}},
          {"summary", report.Summary()},
          {"findings", found}};
}

store::Actor EvaluationActor(const Call& c) { return {c.session->user.name, "web evaluate"}; }

// The air targets of the server (`serve --pm25-target …`) for the first city
// as of `as_of`, recorded like `ecociv air targets --record`.
StatusOr<HttpResponse> EvaluateAirTargets(DataService& data, Call& c, DayNumber as_of) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  TargetQuery query;
  query.as_of = FormatDate(as_of);
  ECOCIV_ASSIGN_OR_RETURN(warning::AirTargetReport targets, data.AirTargetReport(*snap, query));
  std::vector<warning::Finding> findings;
  std::vector<warning::Released> released;
  warning::AirFindingsOf(targets, &findings, &released);
  const std::string rule_set = "air-targets-" + std::to_string(targets.year);
  ECOCIV_ASSIGN_OR_RETURN(warning::RecordReport report,
                          warning::RecordEvaluation(c.db, rule_set, findings, released, as_of,
                                                    EvaluationActor(c), NowUnix()));
  return JsonResponse(EvaluationJson(rule_set, false, as_of, "", report, findings));
}

// `ecociv warn evaluate --rules R --as-of D --db` with the web user as the
// actor. Only the built-in rule sets: LoadWarningRules also takes a file path,
// which a web user must not choose.
StatusOr<HttpResponse> EvaluateWarnings(ApiContext& ctx, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string name, StringField(c.body, "rules", true, 40));
  if (name != "yangtze" && name != "local-template" && name != "air-targets") {
    return InvalidArgumentError("rules must be yangtze, local-template or air-targets");
  }
  ECOCIV_ASSIGN_OR_RETURN(DayNumber as_of, DateField(c.body, "as_of"));
  if (name == "air-targets") return EvaluateAirTargets(*ctx.data, c, as_of);
  ECOCIV_ASSIGN_OR_RETURN(warning::WarningRuleSet rule_set, warning::LoadWarningRules(name));
  ECOCIV_ASSIGN_OR_RETURN(water::WaterRules rules,
                          water::WaterRules::Load(ctx.options.standards_dir));
  ECOCIV_ASSIGN_OR_RETURN(water::SampleSet set,
                          store::LoadWaterSamples(c.db, store::WaterQuery{}, rules));
  water::SectionSamples index = water::IndexSamples(set);
  // The built-in periods (config/water-periods.toml) tighten the notice rules while they last.
  ECOCIV_ASSIGN_OR_RETURN(water::WaterPeriods periods, water::LoadWaterPeriods(""));
  warning::WaterEvaluation evaluation =
      warning::EvaluateWaterWarnings(rules, rule_set, set, index, as_of, &periods);
  std::vector<std::string> sections;
  for (const water::Section& s : set.sections) sections.push_back(s.id);
  std::vector<warning::Finding> findings = warning::FindingsOf(evaluation);
  ECOCIV_ASSIGN_OR_RETURN(
      warning::RecordReport report,
      warning::RecordEvaluation(c.db, rule_set.id, findings,
                                warning::ReleasedOf(evaluation, sections), as_of,
                                EvaluationActor(c), NowUnix()));
  return JsonResponse(EvaluationJson(rule_set.id, rule_set.status == "template", as_of,
                                     evaluation.month, report, findings));
}

StatusOr<HttpResponse> EscalateWarnings(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(DayNumber as_of, DateField(c.body, "as_of"));
  ECOCIV_ASSIGN_OR_RETURN(
      warning::EscalationReport n,
      warning::EscalateOverdue(c.db, as_of, store::Actor{c.session->user.name, "web escalate"},
                               NowUnix()));
  return JsonResponse({{"as_of", FormatDate(as_of)},
                       {"escalated", n.escalated},
                       {"measures_escalated", n.measures}});
}

StatusOr<HttpResponse> Outbox(OutboxDelivery& delivery, Call& c) {
  int64_t now = NowUnix();
  ECOCIV_ASSIGN_OR_RETURN(warning::OutboxStatus st, warning::GetOutboxStatus(c.db));
  ECOCIV_ASSIGN_OR_RETURN(auto quiet, warning::ListQuietPeriods(c.db, now));
  Json periods = Json::array();
  bool quiet_now = false;
  for (const auto& q : quiet) {
    bool in_force = q.starts <= now && now < q.ends;
    quiet_now = quiet_now || in_force;
    periods.push_back({{"id", q.id},
                       {"from", warning::FormatUtc(q.starts)},
                       {"to", warning::FormatUtc(q.ends)},
                       {"reason", q.reason},
                       {"in_force", in_force}});
  }
  OutboxDelivery::LastRun last = delivery.last_run();
  return JsonResponse(
      {{"pending", st.pending},
       {"failed", st.failed},
       {"delivered", st.delivered},
       {"last_error", st.last_error},
       {"next_attempt", st.next_attempt_at ? Json(warning::FormatUtc(st.next_attempt_at)) : Json()},
       {"webhook_configured", !delivery.url().empty()},
       {"deliver_every_seconds", delivery.url().empty() ? 0 : delivery.every_seconds()},
       {"last_run", last.at ? Json(warning::FormatUtc(last.at)) : Json()},
       {"last_run_summary", last.summary},
       {"quiet_now", quiet_now},
       {"quiet_periods", periods}});
}

StatusOr<HttpResponse> DeliverOutbox(OutboxDelivery& delivery, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(warning::DeliveryReport r, delivery.DeliverNow(c.db));
  return JsonResponse({{"delivered", r.delivered},
                       {"failed", r.failed},
                       {"not_yet_due", r.pending_later},
                       {"not_tried", r.not_tried},
                       {"quiet", r.quiet},
                       {"last_error", r.last_error},
                       {"summary", r.Summary()}});
}

StatusOr<HttpResponse> AddQuiet(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string from_text, StringField(c.body, "from", true, 32));
  ECOCIV_ASSIGN_OR_RETURN(std::string to_text, StringField(c.body, "to", true, 32));
  ECOCIV_ASSIGN_OR_RETURN(std::string reason, StringField(c.body, "reason", true, 1000));
  auto from = warning::ParseUtc(from_text);
  if (!from.ok()) return InvalidArgumentError("from: " + from.status().message());
  auto to = warning::ParseUtc(to_text);
  if (!to.ok()) return InvalidArgumentError("to: " + to.status().message());
  ECOCIV_RETURN_IF_ERROR(warning::AddQuietPeriod(c.db, *from, *to, reason, c.Actor(reason)));
  return JsonResponse(
      {{"from", warning::FormatUtc(*from)}, {"to", warning::FormatUtc(*to)}, {"reason", reason}},
      201);
}

StatusOr<HttpResponse> EndQuiet(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, PathId(c.params["id"], "quiet period"));
  ECOCIV_RETURN_IF_ERROR(warning::EndQuietPeriod(
      c.db, id, NowUnix(), store::Actor{c.session->user.name, "web: end quiet period"}));
  return JsonResponse({{"id", id}, {"ended", true}});
}

}  // namespace

void RegisterWarningRoutes(RouteRegistry& routes, ApiContext& ctx) {
  routes.Add("GET", "/api/v1/warnings", kAnyone, Warnings);
  routes.Add("POST", "/api/v1/warnings/evaluate", kReviewers,
             [&ctx](Call& c) { return EvaluateWarnings(ctx, c); });
  routes.Add("POST", "/api/v1/warnings/escalate", kReviewers, EscalateWarnings);
  routes.Add("GET", "/api/v1/warnings/outbox", kAdmins,
             [&ctx](Call& c) { return Outbox(ctx.delivery, c); });
  routes.Add("POST", "/api/v1/warnings/outbox/deliver", kAdmins,
             [&ctx](Call& c) { return DeliverOutbox(ctx.delivery, c); });
  routes.Add("POST", "/api/v1/warnings/quiet", kAdmins, AddQuiet);
  routes.Add("POST", "/api/v1/warnings/quiet/{id}/end", kAdmins, EndQuiet);
  routes.Add("GET", "/api/v1/warnings/{id}", kAnyone, WarningDetail);
  for (const char* step : {"ack", "assign", "close"}) {
    routes.Add("POST", std::string("/api/v1/warnings/{id}/") + step, kReviewers,
               [step = std::string(step)](Call& c) { return WarningStep(c, step); });
  }
  // Reporters too, for a warning assigned to their unit (WarningStep).
  routes.Add("POST", "/api/v1/warnings/{id}/feedback", kReviewers | kReporters,
             [](Call& c) { return WarningStep(c, "feedback"); });
}

}  // namespace ecociv::server
