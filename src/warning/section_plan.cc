// One plan per section in the store (see section_plan.h, docs/water.md).
#include "ecociv/warning/section_plan.h"

#include <algorithm>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/sql.h"
#include "ecociv/warning/plan_escalation.h"

namespace ecociv::warning {
namespace {

using store::Database;
using store::QueryRows;
using store::RunSql;

// Bounds on what a person types into a plan: enough for a paragraph.
constexpr size_t kMaxText = 2000;
constexpr size_t kMaxShort = 200;
constexpr size_t kMaxCauses = 50;

Status CheckText(const std::string& field, const std::string& value, size_t max, bool required) {
  if (required && value.empty()) return InvalidArgumentError(field + " is required");
  if (value.size() > max) {
    return InvalidArgumentError(field + " is longer than " + std::to_string(max) + " bytes");
  }
  return Status::Ok();
}

Status CheckDate(const std::string& field, const std::string& value) {
  auto day = ParseDate(value);
  if (value.size() != 10 || !day.ok()) {
    return InvalidArgumentError(field + " must be a date YYYY-MM-DD: " + QuoteForMessage(value));
  }
  return Status::Ok();
}

bool OneOf(const std::string& value, std::initializer_list<const char*> options) {
  return std::any_of(options.begin(), options.end(),
                     [&](const char* o) { return value == o; });
}

Status Log(Database* db, const store::Actor& actor, const std::string& step,
           const std::string& section, const std::string& detail,
           std::initializer_list<std::string_view> fields) {
  store::Sha256 sha;
  for (std::string_view f : fields) sha.AddField(f);
  store::LogEntry entry;
  entry.who = actor.who;
  entry.why = actor.why;
  entry.action = "water.plan." + step;
  entry.object = "plan:" + section;
  entry.detail = detail;
  entry.payload_sha256 = store::ToHex(sha.Finish());
  return store::AppendLogEntry(db, std::move(entry)).status();
}

std::string Who(const store::Actor& actor) {
  return actor.who.empty() ? store::CurrentUser() : actor.who;
}

// The plan's approval state, or NotFound.
StatusOr<std::string> Approval(Database* db, const std::string& section) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows, QueryRows(db, "SELECT approval FROM section_plans WHERE section = ?", {section}));
  if (rows.empty()) return NotFoundError("section " + QuoteForMessage(section) + " has no plan");
  return rows[0][0];
}

Status Touch(Database* db, const std::string& section, const store::Actor& actor,
             const std::string& approval) {
  return RunSql(db,
                "UPDATE section_plans SET approval = ?, updated_at = ?, updated_by = ? "
                "WHERE section = ?",
                {approval, store::UtcNow(), Who(actor), section});
}

}  // namespace

Status SavePlan(Database* db, const std::string& section, const PlanDraft& d,
                const store::Actor& actor) {
  ECOCIV_RETURN_IF_ERROR(CheckText("title", d.title, kMaxShort, true));
  ECOCIV_RETURN_IF_ERROR(CheckText("effect", d.effect, kMaxText, false));
  if (d.causes.size() > kMaxCauses) return InvalidArgumentError("more than 50 causes");
  for (size_t i = 0; i < d.causes.size(); ++i) {
    const std::string field = "causes[" + std::to_string(i) + "]";
    if (!OneOf(d.causes[i].kind, {"source", "outfall", "other"})) {
      return InvalidArgumentError(field + ".kind must be source, outfall or other: " +
                                  QuoteForMessage(d.causes[i].kind));
    }
    ECOCIV_RETURN_IF_ERROR(CheckText(field + ".text", d.causes[i].text, kMaxText, true));
  }
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(
      auto known, QueryRows(db, "SELECT count(*) FROM sections WHERE code = ?", {section}));
  if (known.empty() || store::IntegerOfText(known[0][0]) == 0) {
    return NotFoundError("no section " + QuoteForMessage(section) + " in the store");
  }
  auto existing = Approval(db, section);
  if (!existing.ok() && existing.status().code() != StatusCode::kNotFound) {
    return existing.status();
  }
  const std::string now = store::UtcNow(), who = Who(actor);
  if (existing.ok()) {
    ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                  "UPDATE section_plans SET title = ?, effect = ?, approval = "
                                  "'draft', updated_at = ?, updated_by = ? WHERE section = ?",
                                  {d.title, d.effect, now, who, section}));
    ECOCIV_RETURN_IF_ERROR(
        RunSql(db, "DELETE FROM section_plan_causes WHERE section = ?", {section}));
  } else {
    ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                  "INSERT INTO section_plans (section, title, effect, approval, "
                                  "updated_at, updated_by) VALUES (?, ?, ?, 'draft', ?, ?)",
                                  {section, d.title, d.effect, now, who}));
  }
  store::Sha256 sha;
  sha.AddField(section);
  sha.AddField(d.title);
  sha.AddField(d.effect);
  for (size_t i = 0; i < d.causes.size(); ++i) {
    ECOCIV_RETURN_IF_ERROR(RunSql(
        db, "INSERT INTO section_plan_causes (section, seq, kind, text) VALUES (?, ?, ?, ?)",
        {section, static_cast<int64_t>(i + 1), d.causes[i].kind, d.causes[i].text}));
    sha.AddField(d.causes[i].kind);
    sha.AddField(d.causes[i].text);
  }
  store::LogEntry entry;
  entry.who = actor.who;
  entry.why = actor.why;
  entry.action = existing.ok() ? "water.plan.edit" : "water.plan.create";
  entry.object = "plan:" + section;
  entry.detail = d.title + "; " + std::to_string(d.causes.size()) + " causes" +
                 (existing.ok() && *existing != "draft" ? "; back to draft from " + *existing : "");
  entry.payload_sha256 = store::ToHex(sha.Finish());
  ECOCIV_RETURN_IF_ERROR(store::AppendLogEntry(db, std::move(entry)).status());
  return tx.Commit();
}

StatusOr<int64_t> AddMeasure(Database* db, const std::string& section, const PlanMeasure& m,
                             const store::Actor& actor) {
  ECOCIV_RETURN_IF_ERROR(CheckText("measure", m.text, kMaxText, true));
  ECOCIV_RETURN_IF_ERROR(CheckText("unit", m.unit, kMaxShort, true));
  ECOCIV_RETURN_IF_ERROR(CheckText("items", m.items, kMaxShort, false));
  ECOCIV_RETURN_IF_ERROR(CheckDate("deadline", m.deadline));
  const std::string state = m.state.empty() ? "planned" : m.state;
  if (!OneOf(state, {"planned", "in_progress", "done"})) {
    return InvalidArgumentError("state must be planned, in_progress or done: " +
                                QuoteForMessage(state));
  }
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(std::string approval, Approval(db, section));
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "INSERT INTO section_plan_measures (section, text, unit, "
                                "deadline, items, state) VALUES (?, ?, ?, ?, ?, ?)",
                                {section, m.text, m.unit, m.deadline, m.items, state}));
  const int64_t id = db->LastInsertId();
  // A new measure changes what was approved: the plan is a draft again.
  ECOCIV_RETURN_IF_ERROR(Touch(db, section, actor, "draft"));
  ECOCIV_RETURN_IF_ERROR(Log(db, actor, "measure", section,
                             "measure " + std::to_string(id) + ": " + m.unit + " by " +
                                 m.deadline + (approval != "draft" ? "; back to draft" : ""),
                             {section, std::to_string(id), m.text, m.unit, m.deadline, m.items,
                              state}));
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return id;
}

Status SetMeasureState(Database* db, const std::string& section, int64_t measure_id,
                       const std::string& state, const store::Actor& actor) {
  if (!OneOf(state, {"planned", "in_progress", "done"})) {
    return InvalidArgumentError("state must be planned, in_progress or done: " +
                                QuoteForMessage(state));
  }
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_RETURN_IF_ERROR(Approval(db, section).status());
  ECOCIV_ASSIGN_OR_RETURN(auto rows,
                          QueryRows(db,
                                    "SELECT state FROM section_plan_measures "
                                    "WHERE section = ? AND id = ?",
                                    {section, measure_id}));
  if (rows.empty()) {
    return NotFoundError("the plan of " + section + " has no measure " +
                         std::to_string(measure_id));
  }
  if (rows[0][0] == state) return tx.Commit();
  ECOCIV_RETURN_IF_ERROR(
      RunSql(db, "UPDATE section_plan_measures SET state = ? WHERE id = ?", {state, measure_id}));
  ECOCIV_RETURN_IF_ERROR(RunSql(
      db, "UPDATE section_plans SET updated_at = ?, updated_by = ? WHERE section = ?",
      {store::UtcNow(), Who(actor), section}));
  ECOCIV_RETURN_IF_ERROR(Log(db, actor, "measure_state", section,
                             "measure " + std::to_string(measure_id) + " " + rows[0][0] + "→" +
                                 state,
                             {section, std::to_string(measure_id), state}));
  return tx.Commit();
}

StatusOr<int64_t> AddProgress(Database* db, const std::string& section, const PlanProgress& p,
                              const store::Actor& actor) {
  ECOCIV_RETURN_IF_ERROR(CheckDate("date", p.date));
  ECOCIV_RETURN_IF_ERROR(CheckText("note", p.note, kMaxText, true));
  ECOCIV_RETURN_IF_ERROR(CheckText("evidence", p.evidence, kMaxText, false));
  ECOCIV_RETURN_IF_ERROR(CheckText("who", p.who, kMaxShort, false));
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_RETURN_IF_ERROR(Approval(db, section).status());
  if (p.measure_id != 0) {
    ECOCIV_ASSIGN_OR_RETURN(auto rows,
                            QueryRows(db,
                                      "SELECT id FROM section_plan_measures "
                                      "WHERE section = ? AND id = ?",
                                      {section, p.measure_id}));
    if (rows.empty()) {
      return NotFoundError("the plan of " + section + " has no measure " +
                           std::to_string(p.measure_id));
    }
  }
  const std::string who = p.who.empty() ? Who(actor) : p.who, now = store::UtcNow();
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "INSERT INTO section_plan_progress (section, measure_id, "
                                "on_date, who, note, evidence, recorded_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                {section, p.measure_id, p.date, who, p.note, p.evidence, now}));
  const int64_t id = db->LastInsertId();
  ECOCIV_RETURN_IF_ERROR(Log(db, actor, "progress", section,
                             "progress " + std::to_string(id) + " of " + p.date + " by " + who,
                             {section, std::to_string(id), std::to_string(p.measure_id), p.date,
                              who, p.note, p.evidence}));
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return id;
}

Status ChangeApproval(Database* db, const std::string& section, const std::string& step,
                      const store::Actor& actor) {
  struct Step {
    const char* name;
    const char* from;
    const char* to;
  };
  static const Step kSteps[] = {{"submit", "draft", "submitted"},
                                {"approve", "submitted", "approved"},
                                {"return", "submitted", "draft"}};
  const Step* s = nullptr;
  for (const Step& k : kSteps)
    if (step == k.name) s = &k;
  if (!s) {
    return InvalidArgumentError("step must be submit, approve or return: " +
                                QuoteForMessage(step));
  }
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(std::string approval, Approval(db, section));
  if (approval != s->from) {
    return FailedPreconditionError("the plan of " + section + " is " + approval + "; " + step +
                                   " needs " + s->from);
  }
  if (step == "submit") {
    ECOCIV_ASSIGN_OR_RETURN(
        auto n,
        QueryRows(db, "SELECT count(*) FROM section_plan_measures WHERE section = ?", {section}));
    if (n.empty() || store::IntegerOfText(n[0][0]) == 0) {
      return FailedPreconditionError("the plan of " + section +
                                     " has no measure; add one before submitting it");
    }
  }
  ECOCIV_RETURN_IF_ERROR(Touch(db, section, actor, s->to));
  ECOCIV_RETURN_IF_ERROR(Log(db, actor, step, section, approval + "→" + s->to,
                             {section, approval, s->to}));
  return tx.Commit();
}

StatusOr<SectionPlan> GetPlan(Database* db, const std::string& section) {
  ECOCIV_ASSIGN_OR_RETURN(auto head, QueryRows(db,
                                               "SELECT title, effect, approval, updated_at, "
                                               "updated_by FROM section_plans WHERE section = ?",
                                               {section}));
  if (head.empty()) return NotFoundError("section " + QuoteForMessage(section) + " has no plan");
  SectionPlan p;
  p.section = section;
  p.title = head[0][0];
  p.effect = head[0][1];
  p.approval = head[0][2];
  p.updated_at = head[0][3];
  p.updated_by = head[0][4];
  ECOCIV_ASSIGN_OR_RETURN(auto causes, QueryRows(db,
                                                 "SELECT kind, text FROM section_plan_causes "
                                                 "WHERE section = ? ORDER BY seq",
                                                 {section}));
  for (auto& c : causes) p.causes.push_back({c[0], c[1]});
  ECOCIV_ASSIGN_OR_RETURN(auto measures,
                          QueryRows(db,
                                    "SELECT id, text, unit, deadline, items, state FROM "
                                    "section_plan_measures WHERE section = ? ORDER BY id",
                                    {section}));
  for (auto& m : measures) {
    ECOCIV_ASSIGN_OR_RETURN(int64_t id,
                            store::StoredInt(m[0], 1, INT64_MAX, "section_plan_measures.id"));
    p.measures.push_back({id, m[1], m[2], m[3], m[4], m[5], {}});
  }
  ECOCIV_ASSIGN_OR_RETURN(std::vector<MeasureEscalation> escalations,
                          MeasureEscalations(db, section));
  for (const MeasureEscalation& e : escalations) {
    for (PlanMeasure& m : p.measures)
      if (m.id == e.measure_id) m.escalations.push_back({e.warning_id, e.at});
  }
  ECOCIV_ASSIGN_OR_RETURN(auto progress,
                          QueryRows(db,
                                    "SELECT id, measure_id, on_date, who, note, evidence, "
                                    "recorded_at FROM section_plan_progress WHERE section = ? "
                                    "ORDER BY on_date, id",
                                    {section}));
  for (auto& r : progress) {
    ECOCIV_ASSIGN_OR_RETURN(int64_t id,
                            store::StoredInt(r[0], 1, INT64_MAX, "section_plan_progress.id"));
    ECOCIV_ASSIGN_OR_RETURN(
        int64_t measure, store::StoredInt(r[1], 0, INT64_MAX, "section_plan_progress.measure_id"));
    p.progress.push_back({id, measure, r[2], r[3], r[4], r[5], r[6]});
  }
  return p;
}

StatusOr<std::vector<SectionPlan>> ListPlans(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto rows,
                          QueryRows(db, "SELECT section FROM section_plans ORDER BY section", {}));
  std::vector<SectionPlan> out;
  for (auto& r : rows) {
    ECOCIV_ASSIGN_OR_RETURN(SectionPlan p, GetPlan(db, r[0]));
    out.push_back(std::move(p));
  }
  return out;
}

StatusOr<bool> HasApprovedPlan(Database* db, const std::string& section) {
  auto approval = Approval(db, section);
  if (!approval.ok()) {
    if (approval.status().code() == StatusCode::kNotFound) return false;
    return approval.status();
  }
  return *approval == "approved";
}

int OverdueMeasures(const SectionPlan& plan, const std::string& today) {
  int n = 0;
  for (const PlanMeasure& m : plan.measures) n += m.state != "done" && m.deadline < today ? 1 : 0;
  return n;
}

}  // namespace ecociv::warning
