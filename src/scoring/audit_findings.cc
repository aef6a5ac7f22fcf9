// A departure audit's findings and their rectification, followed to closure.
#include <set>

#include "assessment_rows.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/message_text.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/scoring/run_store.h"
#include "ecociv/store/sql.h"

namespace ecociv::scoring {
namespace {

using store::IntegerOfText;
using store::QueryRows;
using store::RunSql;

constexpr char kFindingColumns[] =
    "SELECT id, run_id, subject, problem, owner, deadline, status, progress, closed_at, "
    "entered_by, entered_at FROM audit_findings ";

std::vector<std::string> Fields(const Finding& f) {
  return {std::to_string(f.id), std::to_string(f.run_id), f.subject, f.problem, f.owner,
          f.deadline, f.status, f.progress, f.closed_at, f.entered_by, f.entered_at};
}

Finding FindingOfRow(const std::vector<std::string>& r, const std::string& today) {
  Finding f;
  f.id = IntegerOfText(r[0]);
  f.run_id = IntegerOfText(r[1]);
  f.subject = r[2];
  f.problem = r[3];
  f.owner = r[4];
  f.deadline = r[5];
  f.status = r[6];
  f.progress = r[7];
  f.closed_at = r[8];
  f.entered_by = r[9];
  f.entered_at = r[10];
  f.overdue = f.status != "closed" && !today.empty() && f.deadline < today;
  return f;
}

Status SaveFinding(Database* db, const Finding& f, const std::string& action,
                   const std::string& detail, const Actor& actor) {
  std::string digest = rows::RowDigest(Fields(f));
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "UPDATE audit_findings SET status = ?, progress = ?, closed_at = ?, "
                                "row_sha256 = ? WHERE id = ?",
                                {f.status, f.progress, f.closed_at, digest, f.id}));
  return rows::LogRowChange(db, actor, action, "finding:" + std::to_string(f.id), detail, digest);
}

}  // namespace

StatusOr<int64_t> AddFinding(Database* db, const Finding& input, const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(SavedRun run, LoadRun(db, input.run_id));
  ECOCIV_ASSIGN_OR_RETURN(auto subjects, QueryRows(db, "SELECT id FROM people WHERE id = ?",
                                                   {input.subject}));
  if (subjects.empty() || run.record.find("\"" + input.subject + "\"") == std::string::npos) {
    return InvalidArgumentError("person " + QuoteForMessage(input.subject) +
                                " is not audited in run " + std::to_string(input.run_id));
  }
  if (input.problem.find_first_not_of(" \t\r\n") == std::string::npos ||
      input.problem.size() > 2000) {
    return InvalidArgumentError("a finding needs a problem (at most 2000 bytes)");
  }
  ECOCIV_ASSIGN_OR_RETURN(auto units, indicators::ListUnits(db));
  bool known = false;
  for (const auto& u : units) known = known || u.code == input.owner;
  if (!known)
    return InvalidArgumentError("responsible unit " + QuoteForMessage(input.owner) +
                                " is not a unit");
  if (!IsIsoDate(input.deadline)) {
    return InvalidArgumentError("deadline " + QuoteForMessage(input.deadline) +
                                " is not a date YYYY-MM-DD");
  }
  Finding f = input;
  f.status = "open";
  f.progress.clear();
  f.closed_at.clear();
  f.entered_by = actor.who.empty() ? store::CurrentUser() : actor.who;
  f.entered_at = store::UtcNow();
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "INSERT INTO audit_findings (run_id, subject, problem, owner, "
                                "deadline, status, progress, closed_at, entered_by, entered_at, "
                                "row_sha256) VALUES (?, ?, ?, ?, ?, 'open', '', '', ?, ?, '')",
                                {f.run_id, f.subject, f.problem, f.owner, f.deadline, f.entered_by,
                                 f.entered_at}));
  f.id = db->LastInsertId();
  ECOCIV_RETURN_IF_ERROR(SaveFinding(db, f, "audit.finding",
                                     f.subject + ": " + f.problem + " → " + f.owner + " by " +
                                         f.deadline,
                                     actor));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return f.id;
}

Status UpdateFinding(Database* db, int64_t id, const std::string& status,
                     const std::string& progress, const Actor& actor) {
  static const std::set<std::string> kStatuses = {"open", "in_progress", "closed"};
  if (!kStatuses.count(status)) {
    return InvalidArgumentError("status " + QuoteForMessage(status) +
                                ": expected open, in_progress or closed");
  }
  if (progress.find_first_not_of(" \t\r\n") == std::string::npos || progress.size() > 2000) {
    return InvalidArgumentError("a progress note is required (at most 2000 bytes)");
  }
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto found,
                          QueryRows(db, std::string(kFindingColumns) + "WHERE id = ?", {id}));
  if (found.empty()) return NotFoundError("no finding " + std::to_string(id));
  Finding f = FindingOfRow(found[0], "");
  if (status == "open" && f.status != "open") {
    return FailedPreconditionError("finding " + std::to_string(id) + " is " + f.status +
                                   "; it cannot go back to open (use in_progress)");
  }
  if (status == "closed") {
    ECOCIV_ASSIGN_OR_RETURN(auto evidence,
                            ListAssessmentEvidence(db, "finding:" + std::to_string(id)));
    bool own = false;
    for (const auto& e : evidence) own = own || e.object == "finding:" + std::to_string(id);
    if (!own) {
      return FailedPreconditionError("finding " + std::to_string(id) +
                                     " needs an evidence file of its rectification before it "
                                     "is closed");
    }
  }
  f.status = status;
  f.progress = progress;
  f.closed_at = status == "closed" ? store::UtcNow() : "";
  ECOCIV_RETURN_IF_ERROR(SaveFinding(db, f, "audit.finding.update", status + ": " + progress, actor));
  return transaction.Commit();
}

StatusOr<std::vector<Finding>> ListFindings(Database* db, int64_t run_id,
                                            const std::string& subject, const std::string& today) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto found, QueryRows(db,
                            std::string(kFindingColumns) +
                                "WHERE (? = 0 OR run_id = ?) AND (? = '' OR subject = ?) ORDER BY "
                                "id",
                            {run_id, run_id, subject, subject}));
  std::vector<Finding> out;
  for (auto& r : found) out.push_back(FindingOfRow(r, today));
  return out;
}

}  // namespace ecociv::scoring
