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
// Who approves a reviewed assessment run (审定): the leadership, never the
// analysts who scored and reviewed it.
inline constexpr unsigned kApprovers = RoleBit(Role::kLeader);
// Who records a departure audit's findings.
inline constexpr unsigned kFindingWriters =
    RoleBit(Role::kAdmin) | RoleBit(Role::kAnalyst) | RoleBit(Role::kAuditor);
// Who attaches assessment evidence and reports on findings (a reporter: its
// own unit's values and findings only).
inline constexpr unsigned kEvidenceWriters = kFindingWriters | RoleBit(Role::kReporter);

}  // namespace ecociv::server
