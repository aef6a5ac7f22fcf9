// The warning workflow on the store (see workflow.h, docs/warning.md):
// recording an evaluation, the manual steps, escalation, listing, the check
// against the change record and the JSON of a warning. The row and the
// recording of a step are in workflow_rows.cc; findings in
// workflow_findings.cc.
#include "ecociv/warning/workflow.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "ecociv/warning/messages.h"
#include "ecociv/warning/plan_escalation.h"
#include "ecociv/warning/section_plan.h"
#include "workflow_internal.h"

namespace ecociv::warning {
namespace {

using store::Database;
using Json = nlohmann::ordered_json;
using workflow_internal::EventDigest;
using workflow_internal::InsertWarning;
using workflow_internal::Query;
using workflow_internal::RecordStep;
using workflow_internal::WarningDigest;

// A manual step: checks the state, applies `update`, records, in one transaction.
template <typename Update>
Status ManualStep(Database* db, int64_t id, const std::string& action,
                  std::initializer_list<const char*> allowed, const std::string& to,
                  const std::string& note, const store::Actor& actor, int64_t now_unix,
                  Update update) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(Warning w, GetWarning(db, id));
  bool ok =
      std::any_of(allowed.begin(), allowed.end(), [&](const char* s) { return w.state == s; });
  if (!ok) {
    std::string list;
    for (const char* s : allowed) list += (list.empty() ? "" : " or ") + std::string(s);
    return FailedPreconditionError("warning " + std::to_string(id) + " is " + w.state + "; " +
                                   action + " needs " + list);
  }
  std::string from = w.state;
  w.state = to;
  update(&w);
  ECOCIV_RETURN_IF_ERROR(RecordStep(db, &w, action, from, note, actor, now_unix, true));
  return tx.Commit();
}

StatusOr<int> EscalateInTransaction(Database* db, DayNumber today, const store::Actor& actor,
                                    int64_t now_unix) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Warning> assigned,
                          Query(db, "WHERE state = 'assigned' ORDER BY id", {}));
  int n = 0;
  for (Warning& w : assigned) {
    auto deadline = ParseDate(w.deadline);
    if (!deadline.ok() || *deadline >= today) continue;
    w.state = "escalated";
    std::string note = Render({"escalate_note", {{"deadline", w.deadline}}}, Language::kZh);
    ECOCIV_RETURN_IF_ERROR(RecordStep(db, &w, "escalate", "assigned", note, actor, now_unix, true));
    ++n;
  }
  return n;
}

// The owner of a water warning: the section chief and the units the section
// is assigned to on the platform (`ecociv user assign --section`), so the
// warning names the responsible unit before anyone assigns it.
StatusOr<std::string> OwnerWithUnits(Database* db, const Finding& f) {
  if (f.kind.rfind("water", 0) != 0) return f.owner;
  ECOCIV_ASSIGN_OR_RETURN(auto stmt, db->Prepare("SELECT unit FROM unit_assets WHERE kind = "
                                                 "'section' AND code = ? ORDER BY unit"));
  stmt->BindText(0, f.subject);
  std::string units;
  Status status;
  while (stmt->Step(&status)) units += (units.empty() ? "" : "、") + stmt->ColumnText(0);
  ECOCIV_RETURN_IF_ERROR(status);
  if (units.empty()) return f.owner;
  return f.owner + (f.owner.empty() ? "" : "；") + "责任单位：" + units;
}

}  // namespace

std::string RecordReport::Summary() const {
  return std::to_string(raised) + " raised, " + std::to_string(upgraded) + " upgraded, " +
         std::to_string(repeated) + " repeated, " + std::to_string(unchanged) + " unchanged, " +
         std::to_string(lifted) + " lifted, " + std::to_string(escalated) + " escalated" +
         (measures_escalated ? ", " + std::to_string(measures_escalated) +
                                   " escalated for overdue plan measures"
                             : "");
}

StatusOr<RecordReport> RecordEvaluation(Database* db, const std::string& rule_set,
                                        const std::vector<Finding>& findings,
                                        const std::vector<Released>& released, DayNumber today,
                                        const store::Actor& actor, int64_t now_unix) {
  RecordReport report;
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  const std::string open = "AND state NOT IN ('closed', 'lifted')";
  for (const Finding& f : findings) {
    ECOCIV_ASSIGN_OR_RETURN(std::vector<Warning> existing,
                            Query(db, "WHERE kind = ? AND rule_set = ? AND subject = ? " + open,
                                  {f.kind, f.rule_set, f.subject}));
    if (existing.empty()) {
      Finding owned = f;
      ECOCIV_ASSIGN_OR_RETURN(owned.owner, OwnerWithUnits(db, f));
      ECOCIV_ASSIGN_OR_RETURN(int64_t id, InsertWarning(db, owned, store::UtcNow()));
      ECOCIV_ASSIGN_OR_RETURN(Warning w, GetWarning(db, id));
      ECOCIV_RETURN_IF_ERROR(
          RecordStep(db, &w, "raise", "", f.period + " " + f.level, actor, now_unix, true));
      ++report.raised;
      continue;
    }
    Warning w = existing.front();
    if (w.last_period == f.period && f.rank <= w.rank) {
      ++report.unchanged;
      continue;
    }
    bool upgrade = f.rank > w.rank;
    if (upgrade) {
      w.level = f.level;
      w.level_name = f.level_name;
      w.rank = f.rank;
    }
    w.trigger = f.trigger;
    w.trigger_en = f.trigger_en;
    w.figures = f.figures;
    w.main_pollutants = f.main_pollutants;
    if (f.period > w.last_period) w.last_period = f.period;
    ++w.repeats;
    ECOCIV_RETURN_IF_ERROR(RecordStep(db, &w, upgrade ? "upgrade" : "repeat", w.state,
                                      f.period + " " + f.level + ": " + f.trigger, actor, now_unix,
                                      upgrade));
    ++(upgrade ? report.upgraded : report.repeated);
  }
  for (const Released& r : released) {
    ECOCIV_ASSIGN_OR_RETURN(std::vector<Warning> existing,
                            Query(db, "WHERE kind = ? AND rule_set = ? AND subject = ? " + open,
                                  {r.kind, rule_set, r.subject}));
    for (Warning& w : existing) {
      std::string from = w.state;
      w.state = "lifted";
      ECOCIV_RETURN_IF_ERROR(RecordStep(
          db, &w, "lift", from, Render({"lift_note", {{"date", FormatDate(today)}}}, Language::kZh),
          actor, now_unix, true));
      ++report.lifted;
    }
  }
  ECOCIV_ASSIGN_OR_RETURN(report.escalated, EscalateInTransaction(db, today, actor, now_unix));
  ECOCIV_ASSIGN_OR_RETURN(report.measures_escalated,
                          EscalateOverdueMeasuresInTransaction(db, today, actor, now_unix));
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return report;
}

StatusOr<EscalationReport> EscalateOverdue(Database* db, DayNumber today,
                                           const store::Actor& actor, int64_t now_unix) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  EscalationReport report;
  ECOCIV_ASSIGN_OR_RETURN(report.escalated, EscalateInTransaction(db, today, actor, now_unix));
  ECOCIV_ASSIGN_OR_RETURN(report.measures,
                          EscalateOverdueMeasuresInTransaction(db, today, actor, now_unix));
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return report;
}

Status Acknowledge(Database* db, int64_t id, const std::string& note, const store::Actor& actor,
                   int64_t now_unix) {
  return ManualStep(db, id, "acknowledge", {"raised"}, "acknowledged", note, actor, now_unix,
                    [](Warning*) {});
}

Status Assign(Database* db, int64_t id, const Assignment& a, const store::Actor& actor,
              int64_t now_unix) {
  if (a.unit.empty() || a.person.empty() || a.plan.empty()) {
    return InvalidArgumentError("assign needs a unit, a person and the section plan");
  }
  if (!ParseDate(a.deadline).ok()) {
    return InvalidArgumentError("assign: deadline must be a date YYYY-MM-DD: " + a.deadline);
  }
  std::string note =
      Render({"assign_note",
              {{"unit", a.unit}, {"person", a.person}, {"deadline", a.deadline}, {"plan", a.plan}}},
             Language::kZh);
  return ManualStep(db, id, "assign", {"acknowledged", "escalated"}, "assigned", note, actor,
                    now_unix, [&](Warning* w) {
                      w->unit = a.unit;
                      w->person = a.person;
                      w->deadline = a.deadline;
                      w->plan = a.plan;
                    });
}

Status GiveFeedback(Database* db, int64_t id, const std::string& feedback,
                    const store::Actor& actor, int64_t now_unix) {
  if (feedback.empty()) return InvalidArgumentError("feedback text is empty");
  return ManualStep(db, id, "feedback", {"assigned"}, "feedback", feedback, actor, now_unix,
                    [&](Warning* w) { w->feedback = feedback; });
}

Status Close(Database* db, int64_t id, const std::string& note, const store::Actor& actor,
             int64_t now_unix) {
  // A section at risk is closed against its plan (一断面一方案): without an
  // approved plan there is nothing the closure was judged by.
  ECOCIV_ASSIGN_OR_RETURN(Warning w, GetWarning(db, id));
  if (w.kind == "water" && w.state == "feedback") {
    ECOCIV_ASSIGN_OR_RETURN(bool planned, HasApprovedPlan(db, w.subject));
    if (!planned) {
      return FailedPreconditionError("warning " + std::to_string(id) + ": section " + w.subject +
                                     " has no approved plan; a section at risk is closed only "
                                     "against an approved plan (ecociv water plan)");
    }
  }
  return ManualStep(db, id, "close", {"feedback"}, "closed", note, actor, now_unix,
                    [](Warning*) {});
}

StatusOr<std::vector<Warning>> ListWarnings(Database* db, bool open_only) {
  return Query(
      db, open_only ? "WHERE state NOT IN ('closed', 'lifted') ORDER BY id" : "ORDER BY id", {});
}

StatusOr<Warning> GetWarning(Database* db, int64_t id) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Warning> rows,
                          Query(db, "WHERE id = ?", {std::to_string(id)}));
  if (rows.empty()) return NotFoundError("no warning " + std::to_string(id));
  return rows.front();
}

StatusOr<std::vector<std::string>> VerifyWarnings(Database* db) {
  std::vector<std::string> problems;
  ECOCIV_ASSIGN_OR_RETURN(std::vector<store::LogEntry> log, store::ReadLog(db));
  std::map<int64_t, const store::LogEntry*> by_seq;
  std::set<int64_t> claimed;
  for (const store::LogEntry& entry : log) by_seq[entry.seq] = &entry;
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Warning> warnings, ListWarnings(db, false));
  for (const Warning& w : warnings) {
    const std::string name = "warning " + std::to_string(w.id);
    ECOCIV_ASSIGN_OR_RETURN(std::vector<WarningEvent> events, ListEvents(db, w.id));
    for (const WarningEvent& e : events) {
      auto it = by_seq.find(e.log_seq);
      const std::string what = name + " event " + std::to_string(e.id) + " (" + e.action + ")";
      if (it == by_seq.end()) {
        problems.push_back(what + ": no change-record entry");
        continue;
      }
      claimed.insert(e.log_seq);
      const store::LogEntry& entry = *it->second;
      if (entry.action != "warning." + e.action ||
          entry.object != "warning:" + std::to_string(w.id) ||
          entry.payload_sha256 != EventDigest(e)) {
        problems.push_back(what + ": changed (does not match change-record entry " +
                           std::to_string(entry.seq) + ")");
      }
    }
    if (events.empty()) {
      problems.push_back(name + ": no events (inserted outside the program)");
    } else if (events.back().to_state != w.state) {
      problems.push_back(name + ": state " + w.state + " but the last recorded step ends in " +
                         events.back().to_state);
    } else if (!events.back().warning_sha256.empty() &&
               events.back().warning_sha256 != WarningDigest(w)) {
      problems.push_back(name + ": changed since its last recorded step (event " +
                         std::to_string(events.back().id) + ")");
    }
  }
  for (const store::LogEntry& entry : log) {
    if (entry.object.rfind("warning:", 0) == 0 && !claimed.count(entry.seq)) {
      problems.push_back("change-record entry " + std::to_string(entry.seq) + " (" + entry.action +
                         " " + entry.object + "): its event is missing");
    }
  }
  return problems;
}

StatusOr<std::vector<WarningEvent>> ListEvents(Database* db, int64_t warning_id) {
  ECOCIV_ASSIGN_OR_RETURN(auto stmt,
                          db->Prepare("SELECT id, warning_id, log_seq, at, who, action, "
                                      "from_state, to_state, note, warning_sha256 "
                                      "FROM warning_events WHERE warning_id = ? ORDER BY id"));
  stmt->BindInt64(0, warning_id);
  std::vector<WarningEvent> out;
  Status status;
  while (stmt->Step(&status)) {
    WarningEvent e;
    e.id = stmt->ColumnInt64(0);
    e.warning_id = stmt->ColumnInt64(1);
    e.log_seq = stmt->ColumnInt64(2);
    e.at = stmt->ColumnText(3);
    e.who = stmt->ColumnText(4);
    e.action = stmt->ColumnText(5);
    e.from_state = stmt->ColumnText(6);
    e.to_state = stmt->ColumnText(7);
    e.note = stmt->ColumnText(8);
    e.warning_sha256 = stmt->ColumnText(9);
    out.push_back(std::move(e));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return out;
}

std::string WarningJson(const Warning& w) {
  Json figures = Json::parse(w.figures, nullptr, false);
  if (figures.is_discarded()) figures = w.figures;
  Json j = {{"id", w.id},
            {"kind", w.kind},
            {"rule_set", w.rule_set},
            {"template", w.rule_set.find("template") != std::string::npos},
            {"subject", w.subject},
            {"subject_name", w.subject_name},
            {"level", w.level},
            {"level_name", w.level_name},
            {"rank", w.rank},
            {"trigger", w.trigger},
            {"trigger_en", w.trigger_en.empty() ? w.trigger : w.trigger_en},
            {"figures", figures},
            {"owner", w.owner},
            {"main_pollutants", w.main_pollutants},
            {"state", w.state},
            {"first_period", w.first_period},
            {"last_period", w.last_period},
            {"repeats", w.repeats},
            {"raised_at", w.raised_at},
            {"updated_at", w.updated_at},
            {"unit", w.unit},
            {"person", w.person},
            {"deadline", w.deadline},
            {"plan", w.plan},
            {"feedback", w.feedback}};
  return j.dump();
}

}  // namespace ecociv::warning
