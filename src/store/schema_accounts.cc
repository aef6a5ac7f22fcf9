// Migration 7: accounts and the data version.
//   - login_failures: failed logins (case-folded user name, client address,
//     UTC seconds), kept in the database so that every server on it shares
//     the throttle and `ecociv user unlock` can clear it;
//   - users_name_folded: user names are unique regardless of ASCII case
//     ('Admin' and 'admin' cannot both exist); the migration is refused, and
//     the file left as it was, when existing names collide
//     (CheckMigrationPrecondition names them);
//   - change_log_data: the change-record entries that change data, i.e. all
//     but the accounts' own (actions "session.*", "user.*", "unit.*"), so
//     that the data version (summary.h) is one index lookup.
#include "schema.h"

namespace ecociv::store {

std::string_view AccountsMigration() {
  return R"sql(
CREATE TABLE login_failures (
  user_key TEXT NOT NULL,
  address TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failures_pair ON login_failures (user_key, address, at);
CREATE INDEX login_failures_address ON login_failures (address, at);
CREATE INDEX login_failures_at ON login_failures (at);
CREATE UNIQUE INDEX users_name_folded ON users (lower(name));
CREATE INDEX change_log_data ON change_log (seq)
  WHERE substr(action, 1, instr(action, '.')) NOT IN ('session.', 'user.', 'unit.');
)sql";
}

Status CheckMigrationPrecondition(Database* db, int version) {
  if (version != 7) return Status::Ok();
  ECOCIV_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT group_concat(name, ''', ''') FROM users "
                                               "GROUP BY lower(name) HAVING count(*) > 1 "
                                               "ORDER BY lower(name)"));
  std::string collisions;
  Status status;
  while (st->Step(&status)) {
    collisions += std::string(collisions.empty() ? "" : "; ") + "'" + st->ColumnText(0) + "'";
  }
  ECOCIV_RETURN_IF_ERROR(status);
  if (collisions.empty()) return Status::Ok();
  return FailedPreconditionError(
      "user names must be unique regardless of case, and these differ only in case: " + collisions +
      ". Nothing was changed; rename or remove all but one of each (docs/store.md, "
      "\"Migration 7\") and run `ecociv db init` again");
}

}  // namespace ecociv::store
