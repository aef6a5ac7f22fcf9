// Users, unit assignments and published pages against the change record, for
// `ecociv db verify` and the web's integrity check (beside
// store::VerifyDatabase and warning::VerifyWarnings).
//
//   - A user row is bound by the payload of the last entry that changed it
//     ("user.add", "user.password", "user.role", "user.disable",
//     "user.enable", "user.digest" on object "user:NAME"): the row's digest
//     (UserRowDigest). A row that no longer matches — a role set to admin by
//     hand, a password hash replaced, a disabled flag cleared — is named, as
//     is a row without any entry (inserted outside the program) and an entry
//     whose row is gone (deleted).
//   - Users whose last such entry was written before schema version 7 carry no
//     row digest; their role, unit and disabled flag are checked against the
//     entry's text until RecordUserDigests (run by `ecociv db init`) records
//     their digests.
//   - Unit assignments: the rows of unit_assets must be what the entries
//     "unit.assign" / "unit.unassign" leave, replayed in order.
//   - Published pages: each page's title, kind and published flag must be
//     what its last "page.publish" / "page.unpublish" entry says.
//
// Thread safety: the Database must not be used by another thread meanwhile.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::server {

// SHA-256 (hex) of the user row `id` as stored: F("user") F(id) F(name)
// F(role) F(unit) F(disabled 0/1) F(password_hash) F(created_at), F the
// netstring field of store/digest.h. NotFound when there is no such row.
StatusOr<std::string> UserRowDigest(store::Database* db, int64_t id);

// One line per problem, e.g. "user alice: changed outside the program (does
// not match change-record entry 12, user.add)"; empty when consistent.
StatusOr<std::vector<std::string>> VerifyAccounts(store::Database* db);

// Appends a "user.digest" entry binding the row of each user whose last row
// entry predates row digests and whose role, unit and disabled flag agree
// with the record (a user that disagrees is left for `db verify` to report).
// Returns how many were recorded; 0 once every user has a digest.
StatusOr<int> RecordUserDigests(store::Database* db, const store::Actor& actor);

}  // namespace ecociv::server
