// Internal to the accounts' store files (accounts.cc, accounts_units.cc,
// accounts_throttle.cc, accounts_verify.cc): the change-record entries of
// account changes.
#pragma once

#include <cstdint>
#include <string>

#include "ecociv/core/status.h"
#include "ecociv/store/database.h"

namespace ecociv::server {

// The payload of an account entry that binds no row: SHA-256 of
// action "\n" object "\n" detail (every account entry before schema
// version 7, and still logins, logouts, unlocks and unit assignments).
std::string TextPayload(const std::string& action, const std::string& object,
                        const std::string& detail);

// Appends an account entry with a TextPayload.
Status AppendAccountEntry(store::Database* db, const std::string& who, const std::string& action,
                          const std::string& object, const std::string& detail,
                          const std::string& why);

// Appends the entry of a change to user row `user_id` (object "user:NAME"),
// its payload the row's digest as it is now (UserRowDigest). Call inside the
// transaction that changed the row, after the change.
Status AppendUserRowEntry(store::Database* db, const std::string& who, const std::string& action,
                          int64_t user_id, const std::string& name, const std::string& detail,
                          const std::string& why);

// The text of a role and unit in entries: "role reporter, unit 水务局".
std::string RoleDetail(const std::string& role, const std::string& unit);

}  // namespace ecociv::server
