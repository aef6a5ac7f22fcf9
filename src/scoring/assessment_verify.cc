// VerifyAssessments: every assessment row against its own digest and the
// change-record entry that last wrote it.
#include <map>

#include "assessment_rows.h"
#include "ecociv/scoring/assessment_store.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/sql.h"

namespace ecociv::scoring {
namespace {

// The payload of the last change-record entry of each assessment object with
// `prefix`. Other subsystems name objects alike (the indicators' values are
// "value:2025/n2019_03"), so only the assessments' own actions count.
StatusOr<std::map<std::string, std::string>> LastPayloads(Database* db,
                                                          const std::string& prefix) {
  ECOCIV_ASSIGN_OR_RETURN(auto found,
                          store::QueryRows(db,
                                           "SELECT object, payload_sha256 FROM change_log WHERE "
                                           "substr(object, 1, ?) = ? AND action <> "
                                           "'assessment.evidence' AND (substr(action, 1, 11) = "
                                           "'assessment.' OR substr(action, 1, 8) = 'scoring.' "
                                           "OR substr(action, 1, 6) = 'audit.') ORDER BY seq",
                                           {static_cast<int64_t>(prefix.size()), prefix}));
  std::map<std::string, std::string> last;
  for (auto& r : found) last[r[0]] = r[1];
  return last;
}

Status VerifyTable(Database* db, const rows::TableSpec& spec, std::vector<std::string>* problems) {
  ECOCIV_ASSIGN_OR_RETURN(auto payloads, LastPayloads(db, spec.object_prefix));
  ECOCIV_ASSIGN_OR_RETURN(auto found,
                          store::QueryRows(db,
                                           std::string("SELECT ") + spec.select_fields +
                                               ", row_sha256 FROM " + spec.table,
                                           {}));
  for (auto& r : found) {
    std::string stored = r.back();
    r.pop_back();
    std::string object = rows::ObjectOf(spec, r);
    std::string digest = rows::RowDigest(rows::DigestFields(spec, r));
    auto it = payloads.find(object);
    if (digest != stored) {
      problems->push_back(object + ": changed outside the program (its content no longer "
                                   "matches its digest)");
    } else if (it == payloads.end() || it->second != digest) {
      problems->push_back(object + ": not as the change record last left it");
    }
    if (it != payloads.end()) payloads.erase(it);
  }
  for (const auto& [object, payload] : payloads) {
    problems->push_back(object + ": in the change record but missing from " + spec.table);
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<std::string>> VerifyAssessments(Database* db) {
  std::vector<std::string> problems;
  for (const rows::TableSpec& spec : rows::Tables()) {
    ECOCIV_RETURN_IF_ERROR(VerifyTable(db, spec, &problems));
  }
  ECOCIV_ASSIGN_OR_RETURN(
      auto records, store::QueryRows(db, "SELECT id, record, record_sha256 FROM scoring_runs", {}));
  for (auto& r : records) {
    if (store::Sha256Hex(r[1]) != r[2]) {
      problems.push_back("scoring-run:" + r[0] + ": its run record was changed after it was saved");
    }
  }
  ECOCIV_ASSIGN_OR_RETURN(
      auto evidence,
      store::QueryRows(db, "SELECT id, object, content, sha256 FROM assessment_evidence", {}));
  for (auto& r : evidence) {
    if (store::Sha256Hex(r[2]) != r[3]) {
      problems.push_back("evidence " + r[0] + " of " + r[1] + ": its file was changed");
    }
  }
  return problems;
}

}  // namespace ecociv::scoring
