#include "role_pages.h"

#include "roles.h"

namespace ecociv::server {
namespace {

// The HJ 212 station board: the operators (analysts, administrators) and the
// leadership. A unit reporter follows its own stations on the air and water
// pages; auditors read the change record rather than the live feed.
constexpr unsigned kStationBoard =
    RoleBit(Role::kAdmin) | RoleBit(Role::kAnalyst) | RoleBit(Role::kLeader);

const std::vector<PageAccess>& Table() {
  static const std::vector<PageAccess> table = {
      // A unit reporter's work list comes first: its landing page.
      {"tasks", kReporters, {"GET /api/v1/me/tasks"}},
      {"overview", kReaders, {"GET /api/v1/overview"}},
      {"air", kAnyone, {"GET /api/v1/stations", "GET /api/v1/air/daily"}},
      {"water", kAnyone, {"GET /api/v1/water/sections", "GET /api/v1/water/classes"}},
      {"map", kAnyone, {"GET /api/v1/map"}},
      {"stations",
       kStationBoard,
       {"GET /api/v1/stations/status", "GET /api/v1/stations/recent", "GET /api/v1/stations/current"},
       true},
      {"warnings", kAnyone, {"GET /api/v1/warnings"}},
      {"targets", kReaders, {"GET /api/v1/air/targets"}},
      {"indicators", kAnyone, {"GET /api/v1/indicators"}},
      {"projects", kAnyone, {"GET /api/v1/projects"}},
      {"rankings",
       kReaders,
       {"GET /api/v1/assessments/runs", "GET /api/v1/assessments/{scheme}/{year}/ranking"}},
      {"cards",
       kAnyone,
       {"GET /api/v1/assessments/cards", "GET /api/v1/assessments/runs/{id}/cards/{subject}"}},
      {"audits", kAnyone, {"GET /api/v1/audits/findings"}},
      {"entries",
       kAnyone,
       {"GET /api/v1/assessments/subjects", "GET /api/v1/assessments/{scheme}/{year}/values",
        "GET /api/v1/assessments/{scheme}/{year}/events"}},
      {"runs", kReaders, {"GET /api/v1/assessments/runs"}},
      {"documents", kReaders, {"GET /api/v1/documents"}},
      {"review", kReaders, {"GET /api/v1/review/flags"}},
      {"imports", kAnalysts, {"POST /api/v1/imports"}},
      {"changes", kReaders, {"GET /api/v1/changes"}},
      {"admin", kAdmins, {"GET /api/v1/users"}},
      // Section plans and the chiefs' view: a chief may hold any role; a unit
      // reporter writes its own sections' plans.
      {"plans", kAnyone, {"GET /api/v1/water/plans", "GET /api/v1/water/plans/{section}"}},
      {"chief", kAnyone, {"GET /api/v1/water/chief"}},
      {"campaign",
       kReaders,
       {"GET /api/v1/water/periods", "GET /api/v1/water/campaigns/{id}/report"}},
      // The regions compared: a province's or city's analysts and leaders.
      {"regions", kReaders, {"GET /api/v1/regions", "GET /api/v1/regions/ranking"}},
  };
  return table;
}

}  // namespace

std::span<const PageAccess> PageTable() { return Table(); }

std::vector<std::string> PagesFor(Role role) {
  std::vector<std::string> pages;
  for (const PageAccess& p : Table())
    if (RoleIn(p.roles, role)) pages.push_back(p.page);
  return pages;
}

}  // namespace ecociv::server
