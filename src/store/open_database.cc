// Choosing the backend from what --db names, and restoring a backup on either.
#include <string>

#include "ecociv/store/database.h"
#include "postgres_internal.h"

namespace ecociv::store {

bool IsPostgresTarget(const std::string& target) {
  return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

StatusOr<std::unique_ptr<Database>> OpenDatabase(const std::string& target,
                                                 const OpenOptions& options) {
  if (IsPostgresTarget(target)) return OpenPostgresDatabase(target, options);
  return OpenSqliteDatabase(target, options);
}

Status RestoreDatabase(const std::string& target, const std::string& from) {
  if (IsPostgresTarget(target)) {
    // --clean --if-exists drops what the dump recreates; one transaction, so
    // a failed restore leaves the database as it was.
    return RunPostgresTool({"pg_restore", "--clean", "--if-exists", "--no-owner",
                            "--single-transaction", "--dbname=" + target, from});
  }
  ECOCIV_ASSIGN_OR_RETURN(auto backup, OpenSqliteDatabase(from, OpenOptions()));
  return backup->BackupTo(target);
}

std::string DisplayTarget(const std::string& target) {
  if (!IsPostgresTarget(target)) return target;
  // postgresql://user:password@host/...: the password is not for messages.
  size_t scheme = target.find("://") + 3;
  size_t at = target.find('@', scheme);
  size_t colon = target.find(':', scheme);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return target;
  return target.substr(0, colon + 1) + "***" + target.substr(at);
}

}  // namespace ecociv::store
