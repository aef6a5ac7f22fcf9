// What the PostgreSQL backend shares with the store's other files: running
// PostgreSQL's client tools (pg_dump, pg_restore). Not a public header:
// libpq stays inside postgres_database.cc.
#pragma once

#include <string>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv::store {

// Runs argv[0] (looked up on PATH) with argv, waiting for it; its output goes
// to ours. FailedPrecondition when the tool is missing, Internal when it fails.
Status RunPostgresTool(const std::vector<std::string>& argv);

}  // namespace ecociv::store
