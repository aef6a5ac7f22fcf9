// Sets of roles as bit masks, for the route table and the page table.
//
// Thread safety: constants and pure functions.
#pragma once

#include "ecociv/server/accounts.h"

namespace ecociv::server {

constexpr unsigned RoleBit(Role role) { return 1u << static_cast<int>(role); }
constexpr bool RoleIn(unsigned set, Role role) { return (set & RoleBit(role)) != 0; }

// kPublic: no session needed (a route) or no login (a page).
inline constexpr unsigned kPublic = 0;
inline constexpr unsigned kAnyone = RoleBit(Role::kAdmin) | RoleBit(Role::kAnalyst) |
                                    RoleBit(Role::kReporter) | RoleBit(Role::kLeader) |
                                    RoleBit(Role::kAuditor);
// Everyone who reads the city-wide figures: all but unit reporters.
inline constexpr unsigned kReaders = RoleBit(Role::kAdmin) | RoleBit(Role::kAnalyst) |
                                     RoleBit(Role::kLeader) | RoleBit(Role::kAuditor);
inline constexpr unsigned kAdmins = RoleBit(Role::kAdmin);
inline constexpr unsigned kAnalysts = RoleBit(Role::kAnalyst);
inline constexpr unsigned kReporters = RoleBit(Role::kReporter);
// Who enters indicator values and project progress.
inline constexpr unsigned kEntry =
    RoleBit(Role::kAdmin) | RoleBit(Role::kAnalyst) | RoleBit(Role::kReporter);
// Who reviews indicator values and moves warnings through the workflow.
inline constexpr unsigned kReviewers = RoleBit(Role::kAdmin) | RoleBit(Role::kAnalyst);
inline constexpr unsigned kAuditors = RoleBit(Role::kAdmin) | RoleBit(Role::kAuditor);

}  // namespace ecociv::server
