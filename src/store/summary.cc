#include "ecociv/store/summary.h"

namespace ecociv::store {
namespace {

StatusOr<int64_t> Count(Database* db, const char* table_and_filter) {
  return QueryInt64(db, std::string("SELECT count(*) FROM ") + table_and_filter);
}

}  // namespace

StatusOr<int64_t> CountStations(Database* db) { return Count(db, "stations"); }
StatusOr<int64_t> CountSections(Database* db) { return Count(db, "sections"); }
StatusOr<int64_t> CountSuspectFlags(Database* db) {
  return Count(db, "review_flags WHERE status = 'suspect'");
}

StatusOr<StoreSummary> Summarize(Database* db) {
  StoreSummary s;
  ECOCIV_ASSIGN_OR_RETURN(s.stations, CountStations(db));
  ECOCIV_ASSIGN_OR_RETURN(s.sections, CountSections(db));
  ECOCIV_ASSIGN_OR_RETURN(s.air_station_hours, Count(db, "air_hourly"));
  ECOCIV_ASSIGN_OR_RETURN(s.superseded_air_rows, Count(db, "air_revisions"));
  ECOCIV_ASSIGN_OR_RETURN(s.import_batches, Count(db, "import_batches"));
  ECOCIV_ASSIGN_OR_RETURN(s.suspect_flags, CountSuspectFlags(db));
  ECOCIV_ASSIGN_OR_RETURN(s.invalidated_flags,
                          Count(db, "review_flags WHERE status = 'invalidated'"));
  ECOCIV_ASSIGN_OR_RETURN(s.review_decisions, Count(db, "review_decisions"));
  ECOCIV_ASSIGN_OR_RETURN(s.change_log_entries, Count(db, "change_log"));
  return s;
}

StatusOr<std::string> ChangeLogHead(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto head,
                          db->Prepare("SELECT hash FROM change_log ORDER BY seq DESC LIMIT 1"));
  Status status;
  std::string hash;
  if (head->Step(&status)) hash = head->ColumnText(0);
  ECOCIV_RETURN_IF_ERROR(status);
  return hash;
}

const char* DataVersionSubquery() {
  // The same condition as the partial index change_log_data (migration 7),
  // so that this is one index lookup however many logins follow.
  return "(SELECT coalesce(max(seq), 0) FROM change_log WHERE substr(action, 1, "
         "instr(action, '.')) NOT IN ('session.', 'user.', 'unit.'))";
}

StatusOr<int64_t> DataVersion(Database* db) {
  return QueryInt64(db, std::string("SELECT ") + DataVersionSubquery());
}

}  // namespace ecociv::store
