// What a database holds, in numbers: the counts `ecociv db status` prints,
// the head of the change record, and the data version the web platform keys
// its cached results on. Callers never write SQL for these.
//
// Thread safety: as Database (one thread per connection at a time).
#pragma once

#include <cstdint>
#include <string>

#include "ecociv/core/status.h"
#include "ecociv/store/database.h"

namespace ecociv::store {

struct StoreSummary {
  int64_t stations = 0;
  int64_t sections = 0;
  int64_t air_station_hours = 0;    // stored hourly air rows
  int64_t superseded_air_rows = 0;  // revisions kept when values changed
  int64_t import_batches = 0;
  int64_t suspect_flags = 0;  // review flags not yet decided
  int64_t invalidated_flags = 0;
  int64_t review_decisions = 0;
  int64_t change_log_entries = 0;
};

StatusOr<StoreSummary> Summarize(Database* db);

// The hash of the last entry of the change record; "" when it is empty.
StatusOr<std::string> ChangeLogHead(Database* db);

// The data version: the sequence number of the last change-record entry that
// may change data (0 when there is none). Every import, revision, review
// decision and edit appends such an entry, so a result computed at one
// version stays valid until it changes. The accounts' own entries — actions
// beginning "session." (logins, logouts), "user." (users, their passwords,
// roles, throttle) and "unit." (a unit's stations and sections, which
// filter results per request but are not part of them) — leave it as it
// is, so a login does not make every cached result stale.
StatusOr<int64_t> DataVersion(Database* db);
// The same as an SQL scalar subquery, for a query that reads the data version
// with its own columns in one round trip (the session lookup of a request).
const char* DataVersionSubquery();

// Counts of single tables, for callers that need one number.
StatusOr<int64_t> CountStations(Database* db);
StatusOr<int64_t> CountSections(Database* db);
StatusOr<int64_t> CountSuspectFlags(Database* db);

}  // namespace ecociv::store
