#include "assessment_rows.h"

#include "ecociv/store/digest.h"
#include "ecociv/store/regions.h"

namespace ecociv::scoring::rows {

const std::vector<TableSpec>& Tables() {
  static const std::vector<TableSpec> kTables = {
      {"people", "id, name, unit, post, tenure_start, tenure_end", "person:", 1},
      {"assessment_values",
       "scheme, year, subject, item, point, value, note, origin, entered_by, entered_at", "value:",
       5},
      {"assessment_events",
       "id, scheme, year, subject, item, date, count, reason, origin, withdrawn, entered_by, "
       "entered_at",
       "event:", 1},
      {"scoring_runs",
       "id, scheme, year, scheme_sha256, state, coalesce(replaces, ''), record_sha256, "
       "created_by, created_at, reviewed_by, reviewed_at, approved_by, approved_at, region",
       "scoring-run:", 1, true},  // "run:" is a screening run's (store/review.h)
      {"audit_findings",
       "id, run_id, subject, problem, owner, deadline, status, progress, closed_at, entered_by, "
       "entered_at",
       "finding:", 1},
  };
  return kTables;
}

std::vector<std::string> DigestFields(const TableSpec& spec, std::vector<std::string> fields) {
  if (spec.ends_with_region && !fields.empty() && fields.back() == store::kRootRegion) {
    fields.pop_back();
  }
  return fields;
}

std::string RowDigest(const std::vector<std::string>& fields) {
  store::Sha256 sha;
  for (const std::string& f : fields) sha.AddField(f);
  return store::ToHex(sha.Finish());
}

std::string ObjectOf(const TableSpec& spec, const std::vector<std::string>& fields) {
  std::string object = spec.object_prefix;
  for (int i = 0; i < spec.object_fields; ++i) object += (i ? "/" : "") + fields[i];
  return object;
}

Status LogRowChange(store::Database* db, const store::Actor& actor, const std::string& action,
                    const std::string& object, const std::string& detail,
                    const std::string& row_sha256) {
  store::LogEntry entry;
  entry.who = actor.who;
  entry.why = actor.why;
  entry.action = action;
  entry.object = object;
  entry.detail = detail;
  entry.payload_sha256 = row_sha256;
  return store::AppendLogEntry(db, std::move(entry)).status();
}

}  // namespace ecociv::scoring::rows
