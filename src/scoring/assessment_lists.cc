// Lists of the assessment store as JSON and text (assessment_lists.h).
#include "ecociv/scoring/assessment_lists.h"

#include <nlohmann/json.hpp>

namespace ecociv::scoring {
namespace {

using nlohmann::ordered_json;

ordered_json RunObject(const RunInfo& r) {
  return {{"id", r.id},
          {"scheme", r.scheme},
          {"year", r.year},
          {"region", r.region},
          {"state", RunStateName(r.state)},
          {"created_by", r.created_by},
          {"created_at", r.created_at},
          {"reviewed_by", r.reviewed_by},
          {"reviewed_at", r.reviewed_at},
          {"approved_by", r.approved_by},
          {"approved_at", r.approved_at},
          {"replaces", r.replaces ? ordered_json(r.replaces) : ordered_json()},
          {"replaced_by", r.replaced_by ? ordered_json(r.replaced_by) : ordered_json()},
          {"record_sha256", r.record_sha256}};
}

std::string Row(const std::vector<std::string>& cells) {
  std::string out;
  for (const std::string& c : cells) {
    std::string clean = c;
    for (char& ch : clean)
      if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
    out += (out.empty() ? "" : "\t") + clean;
  }
  return out + "\n";
}

int CountOf(const std::map<int64_t, int>& counts, int64_t id) {
  auto it = counts.find(id);
  return it == counts.end() ? 0 : it->second;
}

}  // namespace

std::string RunsJson(const std::vector<RunInfo>& runs) {
  ordered_json out = {{"runs", ordered_json::array()}};
  for (const RunInfo& r : runs) out["runs"].push_back(RunObject(r));
  return out.dump(2) + "\n";
}

std::string RunsText(const std::vector<RunInfo>& runs) {
  std::string out = Row({"run", "scheme", "year", "state", "created", "reviewed", "approved",
                         "replaces", "replaced_by", "region"});
  for (const RunInfo& r : runs) {
    out += Row({std::to_string(r.id), r.scheme, std::to_string(r.year), RunStateName(r.state),
                r.created_by + " " + r.created_at, r.reviewed_by + " " + r.reviewed_at,
                r.approved_by + " " + r.approved_at, r.replaces ? std::to_string(r.replaces) : "",
                r.replaced_by ? std::to_string(r.replaced_by) : "", r.region});
  }
  return out;
}

std::string PeopleJson(const std::vector<Person>& people) {
  ordered_json out = {{"people", ordered_json::array()}};
  for (const Person& p : people) {
    out["people"].push_back({{"id", p.id},
                             {"name", p.name},
                             {"unit", p.unit},
                             {"post", p.post},
                             {"tenure_start", p.tenure_start},
                             {"tenure_end", p.tenure_end}});
  }
  return out.dump(2) + "\n";
}

std::string PeopleText(const std::vector<Person>& people) {
  std::string out = Row({"person", "name", "unit", "post", "tenure_start", "tenure_end"});
  for (const Person& p : people) {
    out += Row({p.id, p.name, p.unit, p.post, p.tenure_start, p.tenure_end});
  }
  return out;
}

std::string FindingsJson(const std::vector<Finding>& findings, const std::string& today,
                         const std::map<int64_t, int>& evidence) {
  ordered_json out = {{"today", today}, {"findings", ordered_json::array()}};
  for (const Finding& f : findings) {
    out["findings"].push_back({{"id", f.id},
                               {"run", f.run_id},
                               {"subject", f.subject},
                               {"problem", f.problem},
                               {"owner", f.owner},
                               {"deadline", f.deadline},
                               {"status", f.status},
                               {"progress", f.progress},
                               {"closed_at", f.closed_at},
                               {"entered_by", f.entered_by},
                               {"entered_at", f.entered_at},
                               {"overdue", f.overdue},
                               {"evidence_files", CountOf(evidence, f.id)}});
  }
  return out.dump(2) + "\n";
}

std::string FindingsText(const std::vector<Finding>& findings,
                         const std::map<int64_t, int>& evidence) {
  std::string out = Row({"finding", "run", "subject", "owner", "deadline", "status", "overdue",
                         "evidence", "problem", "progress"});
  for (const Finding& f : findings) {
    out += Row({std::to_string(f.id), std::to_string(f.run_id), f.subject, f.owner, f.deadline,
                f.status, f.overdue ? "OVERDUE" : "", std::to_string(CountOf(evidence, f.id)),
                f.problem, f.progress});
  }
  return out;
}

StatusOr<std::map<int64_t, int>> FindingEvidenceCounts(Database* db,
                                                       const std::vector<Finding>& findings) {
  std::map<int64_t, int> out;
  ECOCIV_ASSIGN_OR_RETURN(auto files, ListAssessmentEvidence(db, "finding:"));
  for (const Finding& f : findings) {
    const std::string object = "finding:" + std::to_string(f.id);
    for (const EvidenceInfo& e : files) out[f.id] += e.object == object ? 1 : 0;
  }
  return out;
}

}  // namespace ecociv::scoring
