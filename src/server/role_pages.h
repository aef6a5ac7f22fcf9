// The pages of the web interface and who sees them: the one table the menu
// is built from. GET /api/v1/session (and the login answer) lists the pages
// of the user's role in table order; the interface shows exactly those.
//
// Each page names the routes it cannot work without; a test checks that the
// roles of a page are exactly the roles that may call all of them, or, for a
// page marked `narrower`, some of them (a board meant for the operators whose
// routes a unit may also call for its own stations).
//
// Thread safety: constant data and pure functions.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "ecociv/server/accounts.h"

namespace ecociv::server {

struct PageAccess {
  const char* page;                  // "overview", ...: the interface's page name
  unsigned roles;                    // roles.h bit set
  std::vector<std::string> routes;   // "GET /api/v1/overview": what the page needs
  bool narrower = false;             // offered to fewer roles than may call its routes
};

// In menu order: overview, air, water, stations, warnings, targets,
// indicators, projects, rankings, cards, audits, entries, runs, review,
// imports, changes, admin.
std::span<const PageAccess> PageTable();

// The pages `role` sees, in menu order.
std::vector<std::string> PagesFor(Role role);

// What the public (no login) sees.
inline constexpr char kPublicPage[] = "public";

}  // namespace ecociv::server
