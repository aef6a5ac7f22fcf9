// Overdue plan measures escalated through the warning workflow (see
// plan_escalation.h, docs/water.md "Overdue measures escalate").
#include "ecociv/warning/plan_escalation.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "ecociv/store/digest.h"
#include "ecociv/store/sql.h"
#include "ecociv/warning/messages.h"
#include "workflow_internal.h"

namespace ecociv::warning {
namespace {

using store::Database;
using store::QueryRows;

struct Measure {
  int64_t id = 0;
  std::string section, text, unit, deadline;
};

// The payloads of the section's "water.plan.escalate" entries, with their time.
StatusOr<std::map<std::string, std::string>> EscalationEntries(Database* db,
                                                               const std::string& section) {
  ECOCIV_ASSIGN_OR_RETURN(auto rows, QueryRows(db,
                                               "SELECT payload_sha256, at FROM change_log "
                                               "WHERE action = ? AND object = ? ORDER BY seq",
                                               {std::string(kPlanEscalateAction),
                                                "plan:" + section}));
  std::map<std::string, std::string> out;
  for (auto& r : rows) out.emplace(r[0], r[1]);
  return out;
}

StatusOr<std::vector<Measure>> MeasuresWhere(Database* db, const std::string& where,
                                             const std::vector<store::SqlParam>& params) {
  ECOCIV_ASSIGN_OR_RETURN(auto rows, QueryRows(db,
                                               "SELECT id, section, text, unit, deadline FROM "
                                               "section_plan_measures " +
                                                   where + " ORDER BY section, id",
                                               params));
  std::vector<Measure> out;
  for (auto& r : rows) {
    ECOCIV_ASSIGN_OR_RETURN(int64_t id,
                            store::StoredInt(r[0], 1, INT64_MAX, "section_plan_measures.id"));
    out.push_back({id, r[1], r[2], r[3], r[4]});
  }
  return out;
}

}  // namespace

std::string PlanEscalationDigest(const std::string& section, int64_t measure_id,
                                 int64_t warning_id) {
  store::Sha256 sha;
  sha.AddField(section);
  sha.AddField(std::to_string(measure_id));
  sha.AddField(std::to_string(warning_id));
  return store::ToHex(sha.Finish());
}

StatusOr<int> EscalateOverdueMeasuresInTransaction(Database* db, DayNumber today,
                                                   const store::Actor& actor, int64_t now_unix) {
  const std::string day = FormatDate(today);
  ECOCIV_ASSIGN_OR_RETURN(
      std::vector<Measure> overdue,
      MeasuresWhere(db, "WHERE state <> 'done' AND deadline < ?", {day}));
  int n = 0;
  std::string section;
  std::map<std::string, std::string> recorded;
  for (const Measure& m : overdue) {
    if (m.section != section) {
      section = m.section;
      ECOCIV_ASSIGN_OR_RETURN(recorded, EscalationEntries(db, section));
    }
    ECOCIV_ASSIGN_OR_RETURN(
        std::vector<Warning> open,
        workflow_internal::Query(db,
                                 "WHERE subject = ? AND kind IN ('water', 'water-notice') AND "
                                 "state NOT IN ('closed', 'lifted') ORDER BY id",
                                 {m.section}));
    for (Warning& w : open) {
      const std::string digest = PlanEscalationDigest(m.section, m.id, w.id);
      if (recorded.count(digest)) continue;
      const std::string from = w.state;
      if (from == "assigned") w.state = "escalated";
      const std::string note = Render({"measure_overdue_note",
                                       {{"measure", std::to_string(m.id)},
                                        {"text", m.text},
                                        {"unit", m.unit},
                                        {"deadline", m.deadline}}},
                                      Language::kZh);
      ECOCIV_RETURN_IF_ERROR(
          workflow_internal::RecordStep(db, &w, "escalate", from, note, actor, now_unix, true));
      store::LogEntry entry;
      entry.who = actor.who;
      entry.why = actor.why;
      entry.action = kPlanEscalateAction;
      entry.object = "plan:" + m.section;
      entry.detail = "measure " + std::to_string(m.id) + " overdue (deadline " + m.deadline +
                     ", as of " + day + "): warning " + std::to_string(w.id) + " escalated";
      entry.payload_sha256 = digest;
      ECOCIV_ASSIGN_OR_RETURN(store::LogEntry appended,
                              store::AppendLogEntry(db, std::move(entry)));
      recorded.emplace(digest, appended.at);
      ++n;
    }
  }
  return n;
}

StatusOr<std::vector<MeasureEscalation>> MeasureEscalations(Database* db,
                                                            const std::string& section) {
  ECOCIV_ASSIGN_OR_RETURN(auto entries, EscalationEntries(db, section));
  std::vector<MeasureEscalation> out;
  if (entries.empty()) return out;
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Measure> measures,
                          MeasuresWhere(db, "WHERE section = ?", {section}));
  ECOCIV_ASSIGN_OR_RETURN(
      auto warnings, QueryRows(db, "SELECT id FROM warnings WHERE subject = ? ORDER BY id",
                               {section}));
  for (const Measure& m : measures) {
    for (auto& w : warnings) {
      ECOCIV_ASSIGN_OR_RETURN(int64_t id, store::StoredInt(w[0], 1, INT64_MAX, "warnings.id"));
      auto it = entries.find(PlanEscalationDigest(section, m.id, id));
      if (it == entries.end()) continue;
      out.push_back({m.id, id, it->second, m.text, m.unit, m.deadline});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  return out;
}

}  // namespace ecociv::warning
