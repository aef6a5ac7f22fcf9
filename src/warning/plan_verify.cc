// VerifyPlans: the section plans and the chiefs' links against the change
// record (see section_plan.h, docs/water.md "One plan per section"). Every
// change to a plan is an entry on "plan:SECTION" whose payload is the SHA-256
// of the fields it wrote, so the rows as they are now can be recomputed and
// looked for: the header and causes in the last create/edit entry, each
// measure in its own entry and its state in the last state entry naming it,
// each progress entry in its own, the approval in the last step that set it;
// the links of chiefs are replayed from their link and unlink entries.
#include <map>
#include <set>

#include "ecociv/store/digest.h"
#include "ecociv/store/sql.h"
#include "ecociv/warning/plan_escalation.h"
#include "ecociv/warning/section_plan.h"

namespace ecociv::warning {
namespace {

using store::Database;
using store::QueryRows;

std::string Digest(std::initializer_list<std::string_view> fields) {
  store::Sha256 sha;
  for (std::string_view f : fields) sha.AddField(f);
  return store::ToHex(sha.Finish());
}

const char* const kMeasureStates[] = {"planned", "in_progress", "done"};

std::string EntryName(const store::LogEntry& e) {
  return "change-record entry " + std::to_string(e.seq) + " (" + e.action + " " + e.object + ")";
}

// One plan against its entries (in sequence order); `claimed` gets the
// entries a row accounts for.
Status VerifyPlan(Database* db, const std::string& section,
                  const std::vector<const store::LogEntry*>& entries,
                  std::set<int64_t>* claimed, std::vector<std::string>* problems) {
  const std::string name = "plan " + section;
  ECOCIV_ASSIGN_OR_RETURN(auto head, QueryRows(db,
                                               "SELECT title, effect, approval FROM "
                                               "section_plans WHERE section = ?",
                                               {section}));
  if (head.empty()) return Status::Ok();
  ECOCIV_ASSIGN_OR_RETURN(auto causes, QueryRows(db,
                                                 "SELECT kind, text FROM section_plan_causes "
                                                 "WHERE section = ? ORDER BY seq",
                                                 {section}));
  store::Sha256 sha;
  sha.AddField(section);
  sha.AddField(head[0][0]);
  sha.AddField(head[0][1]);
  for (const auto& c : causes) {
    sha.AddField(c[0]);
    sha.AddField(c[1]);
  }
  const std::string header = store::ToHex(sha.Finish());
  // The header: the last create or edit entry.
  const store::LogEntry* last_edit = nullptr;
  for (const store::LogEntry* e : entries) {
    if (e->action == "water.plan.create" || e->action == "water.plan.edit") last_edit = e;
  }
  if (!last_edit) {
    problems->push_back(name + ": no change-record entry (inserted outside the program)");
  } else {
    claimed->insert(last_edit->seq);
    if (last_edit->payload_sha256 != header) {
      problems->push_back(name + ": title, effect or causes changed since its last recorded "
                                 "edit (" + EntryName(*last_edit) + ")");
    }
    for (const store::LogEntry* e : entries) {
      if (e->action == "water.plan.create" || e->action == "water.plan.edit") claimed->insert(e->seq);
    }
  }
  // Measures: each in its own entry; its state in the last state entry naming it.
  ECOCIV_ASSIGN_OR_RETURN(auto measures,
                          QueryRows(db,
                                    "SELECT id, text, unit, deadline, items, state FROM "
                                    "section_plan_measures WHERE section = ? ORDER BY id",
                                    {section}));
  std::map<std::string, const store::LogEntry*> by_payload;
  for (const store::LogEntry* e : entries) by_payload[e->payload_sha256] = e;
  std::map<std::string, std::string> state_entry;  // payload → state
  for (const auto& m : measures) {
    const std::string what = name + " measure " + m[0];
    std::string initial;
    for (const char* st : kMeasureStates) {
      auto it = by_payload.find(Digest({section, m[0], m[1], m[2], m[3], m[4], st}));
      if (it != by_payload.end() && it->second->action == "water.plan.measure") {
        initial = st;
        claimed->insert(it->second->seq);
      }
    }
    if (initial.empty()) {
      problems->push_back(what + ": does not match a change-record entry (changed or inserted "
                                 "outside the program)");
      continue;
    }
    std::string expected = initial;
    for (const store::LogEntry* e : entries) {
      if (e->action != "water.plan.measure_state") continue;
      for (const char* st : kMeasureStates) {
        if (e->payload_sha256 == Digest({section, m[0], st})) {
          expected = st;
          claimed->insert(e->seq);
        }
      }
    }
    if (m[5] != expected) {
      problems->push_back(what + ": state " + m[5] + " but the change record ends in " +
                          expected);
    }
  }
  // Progress: each entry in its own.
  ECOCIV_ASSIGN_OR_RETURN(auto progress,
                          QueryRows(db,
                                    "SELECT id, measure_id, on_date, who, note, evidence FROM "
                                    "section_plan_progress WHERE section = ? ORDER BY id",
                                    {section}));
  for (const auto& p : progress) {
    auto it = by_payload.find(Digest({section, p[0], p[1], p[2], p[3], p[4], p[5]}));
    if (it == by_payload.end() || it->second->action != "water.plan.progress") {
      problems->push_back(name + " progress " + p[0] +
                          ": does not match a change-record entry (changed or inserted outside "
                          "the program)");
    } else {
      claimed->insert(it->second->seq);
    }
  }
  // Approval: the last step that set it (a new header or measure: draft).
  std::string approval;
  for (const store::LogEntry* e : entries) {
    if (e->action == "water.plan.create" || e->action == "water.plan.edit" ||
        e->action == "water.plan.measure") {
      approval = "draft";
    }
    static const char* const kSteps[][3] = {{"water.plan.submit", "draft", "submitted"},
                                            {"water.plan.approve", "submitted", "approved"},
                                            {"water.plan.return", "submitted", "draft"}};
    for (const auto& s : kSteps) {
      if (e->action != s[0]) continue;
      if (e->payload_sha256 == Digest({section, s[1], s[2]})) {
        approval = s[2];
        claimed->insert(e->seq);
      } else {
        problems->push_back(EntryName(*e) + ": does not match its step");
      }
    }
  }
  if (!approval.empty() && head[0][2] != approval) {
    problems->push_back(name + ": approval " + head[0][2] + " but the change record ends in " +
                        approval);
  }
  // Escalations: each names a measure of the plan and a warning of the section.
  ECOCIV_ASSIGN_OR_RETURN(auto escalations, MeasureEscalations(db, section));
  std::set<std::string> known;
  for (const MeasureEscalation& e : escalations) {
    known.insert(PlanEscalationDigest(section, e.measure_id, e.warning_id));
  }
  for (const store::LogEntry* e : entries) {
    if (e->action != kPlanEscalateAction) continue;
    if (known.count(e->payload_sha256)) {
      claimed->insert(e->seq);
    } else {
      problems->push_back(EntryName(*e) + ": its measure or warning is missing");
    }
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<std::string>> VerifyPlans(Database* db) {
  std::vector<std::string> problems;
  ECOCIV_ASSIGN_OR_RETURN(std::vector<store::LogEntry> log, store::ReadLog(db));
  std::map<std::string, std::vector<const store::LogEntry*>> by_plan;
  std::set<int64_t> claimed;
  for (const store::LogEntry& e : log) {
    if (e.object.rfind("plan:", 0) == 0) by_plan[e.object.substr(5)].push_back(&e);
  }
  ECOCIV_ASSIGN_OR_RETURN(auto plans,
                          QueryRows(db, "SELECT section FROM section_plans ORDER BY section", {}));
  std::set<std::string> sections;
  for (const auto& p : plans) {
    sections.insert(p[0]);
    ECOCIV_RETURN_IF_ERROR(VerifyPlan(db, p[0], by_plan[p[0]], &claimed, &problems));
  }
  // Rows of causes, measures or progress of a plan that is not there.
  ECOCIV_ASSIGN_OR_RETURN(auto orphans,
                          QueryRows(db,
                                    "SELECT 'measure', section FROM section_plan_measures WHERE "
                                    "section NOT IN (SELECT section FROM section_plans) UNION ALL "
                                    "SELECT 'progress', section FROM section_plan_progress WHERE "
                                    "section NOT IN (SELECT section FROM section_plans) UNION ALL "
                                    "SELECT 'cause', section FROM section_plan_causes WHERE "
                                    "section NOT IN (SELECT section FROM section_plans)",
                                    {}));
  for (const auto& o : orphans) {
    problems.push_back("plan " + o[1] + ": a " + o[0] + " row without its plan");
  }
  for (const store::LogEntry& e : log) {
    if (e.object.rfind("plan:", 0) != 0 || claimed.count(e.seq)) continue;
    const std::string section = e.object.substr(5);
    if (!sections.count(section)) {
      problems.push_back(EntryName(e) + ": its plan is missing");
    } else if (e.action == "water.plan.measure" || e.action == "water.plan.progress" ||
               e.action == "water.plan.measure_state") {
      problems.push_back(EntryName(e) + ": its row is missing or changed");
    }
  }
  // The chiefs' links: replayed from their entries, against the table.
  std::map<std::string, const store::LogEntry*> linked;  // payload → last link entry
  for (const store::LogEntry& e : log) {
    if (e.object.rfind("chief:", 0) != 0) continue;
    if (e.action == "water.chief.link") linked[e.payload_sha256] = &e;
    if (e.action == "water.chief.unlink") linked.erase(e.payload_sha256);
  }
  ECOCIV_ASSIGN_OR_RETURN(auto links,
                          QueryRows(db,
                                    "SELECT user_name, kind, value FROM chief_links "
                                    "ORDER BY user_name, kind, value",
                                    {}));
  for (const auto& l : links) {
    auto it = linked.find(Digest({l[0], l[1], l[2]}));
    if (it == linked.end()) {
      problems.push_back("chief link " + l[0] + " " + l[1] + " " + l[2] +
                         ": no change-record entry (inserted outside the program)");
    } else {
      linked.erase(it);
    }
  }
  for (const auto& [payload, e] : linked) {
    problems.push_back(EntryName(*e) + ": its link is missing");
  }
  return problems;
}

}  // namespace ecociv::warning
