#include "role_pages.h"

#include "roles.h"

namespace ecociv::server {
namespace {

const std::vector<PageAccess>& Table() {
  static const std::vector<PageAccess> table = {
      {"overview", kReaders, {"GET /api/v1/overview"}},
      {"air", kAnyone, {"GET /api/v1/stations", "GET /api/v1/air/daily"}},
      {"water", kAnyone, {"GET /api/v1/water/sections", "GET /api/v1/water/classes"}},
      {"map", kAnyone, {"GET /api/v1/map"}},
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
      {"review", kReaders, {"GET /api/v1/review/flags"}},
      {"imports", kAnalysts, {"POST /api/v1/imports"}},
      {"changes", kReaders, {"GET /api/v1/changes"}},
      {"admin", kAdmins, {"GET /api/v1/users"}},
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
