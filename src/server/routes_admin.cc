// Routes of administration and audit: users, the units' stations and
// sections, published pages (and what the public sees of them), the change
// record and the integrity check.
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/server/account_verify.h"
#include "ecociv/scoring/assessment_store.h"
#include "ecociv/server/pages.h"
#include "ecociv/store/regions.h"
#include "ecociv/store/verify.h"
#include "ecociv/warning/section_plan.h"
#include "ecociv/warning/workflow.h"
#include "json_fields.h"
#include "public_indicators.h"
#include "region_scope.h"
#include "routes.h"

namespace ecociv::server {
namespace {

constexpr size_t kMaxChangesListed = 1000;
constexpr size_t kMaxProblemsListed = 200;

// The users an administrator sees: every user for the whole store's, those
// of its region's subtree for a region's.
StatusOr<HttpResponse> Users(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  ECOCIV_ASSIGN_OR_RETURN(auto users, ListUsers(c.db));
  Json out = Json::array();
  for (const User& u : users)
    if (scope.SeesRegion(u.region)) out.push_back(UserJson(u));
  return JsonResponse({{"users", out}});
}

// The user `name` when the caller's region holds it: an administrator of a
// region changes the users of its subtree only.
StatusOr<User> UserInScope(Call& c, const std::string& name) {
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  ECOCIV_ASSIGN_OR_RETURN(User user, FindUser(c.db, name));
  if (!scope.SeesRegion(user.region)) return scope.Outside("user " + name);
  return user;
}

// A new user, in `region` (optional: the administrator's own by default; a
// region's administrator names one of its subtree).
StatusOr<HttpResponse> NewUser(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string name, StringField(c.body, "name", true, 64));
  ECOCIV_ASSIGN_OR_RETURN(std::string role_name, StringField(c.body, "role", true, 20));
  ECOCIV_ASSIGN_OR_RETURN(std::string unit, StringField(c.body, "unit", false, 128));
  ECOCIV_ASSIGN_OR_RETURN(std::string password, StringField(c.body, "password", true, 1024));
  ECOCIV_ASSIGN_OR_RETURN(std::string region, StringField(c.body, "region", false, 6));
  ECOCIV_ASSIGN_OR_RETURN(Role role, ParseRole(role_name));
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (region.empty()) region = scope.region();
  if (!scope.SeesRegion(region)) return scope.Outside("region " + region);
  ECOCIV_ASSIGN_OR_RETURN(User u, AddUser(c.db, name, role, unit, password, c.Actor(), region));
  return JsonResponse({{"user", UserJson(u)}}, 201);
}

// An administrator disables a user (its sessions end) or enables it again.
StatusOr<HttpResponse> DisableUser(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string name, StringField(c.body, "name", true, 64));
  auto disabled = c.body.find("disabled");
  if (disabled == c.body.end() || !disabled->is_boolean()) {
    return InvalidArgumentError("field 'disabled' must be true or false");
  }
  if (name == c.session->user.name && disabled->get<bool>()) {
    return FailedPreconditionError("an administrator cannot disable its own account");
  }
  ECOCIV_RETURN_IF_ERROR(UserInScope(c, name).status());
  ECOCIV_RETURN_IF_ERROR(SetUserDisabled(c.db, name, disabled->get<bool>(), c.Actor()));
  ECOCIV_ASSIGN_OR_RETURN(User u, FindUser(c.db, name));
  return JsonResponse({{"user", UserJson(u)}});
}

// An administrator's reset of a forgotten password (every session of the user ends).
StatusOr<HttpResponse> ResetUserPassword(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string name, StringField(c.body, "name", true, 64));
  ECOCIV_ASSIGN_OR_RETURN(std::string password, StringField(c.body, "password", true, 1024));
  ECOCIV_RETURN_IF_ERROR(UserInScope(c, name).status());
  ECOCIV_RETURN_IF_ERROR(ResetPassword(c.db, name, password, c.Actor()));
  return JsonResponse({{"name", name}, {"reset", true}});
}

// An administrator gives a user a region (store/regions.h; the user's
// sessions end). An administrator of a region gives regions of its subtree
// only, to users of its subtree; nobody changes its own region.
StatusOr<HttpResponse> SetRegionOfUser(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string name, StringField(c.body, "name", true, 64));
  ECOCIV_ASSIGN_OR_RETURN(std::string region, StringField(c.body, "region", true, 6));
  ECOCIV_ASSIGN_OR_RETURN(std::string why, StringField(c.body, "why", false, 500));
  if (name == c.session->user.name) {
    return FailedPreconditionError("an administrator cannot change its own region");
  }
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  ECOCIV_RETURN_IF_ERROR(UserInScope(c, name).status());
  if (!scope.SeesRegion(region)) return scope.Outside("region " + region);
  ECOCIV_RETURN_IF_ERROR(SetUserRegion(c.db, name, region, c.Actor(why)));
  ECOCIV_ASSIGN_OR_RETURN(User changed, FindUser(c.db, name));
  return JsonResponse({{"user", UserJson(changed)}});
}

// Every assignment, with what may be assigned: the units of the indicators
// catalogue and the station and section codes in the store.
StatusOr<HttpResponse> UnitAssetList(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<UnitAsset> assets, ListUnitAssets(c.db));
  Json rows = Json::array();
  for (const UnitAsset& a : assets)
    rows.push_back({{"unit", a.unit}, {"kind", a.kind}, {"code", a.code}});
  ECOCIV_ASSIGN_OR_RETURN(auto units, indicators::ListUnits(c.db));
  Json unit_rows = Json::array();
  for (const auto& u : units)
    unit_rows.push_back({{"code", u.code}, {"name", u.name}, {"kind", u.kind}});
  ECOCIV_ASSIGN_OR_RETURN(auto stations, AssignableCodes(c.db, "station"));
  ECOCIV_ASSIGN_OR_RETURN(auto sections, AssignableCodes(c.db, "section"));
  return JsonResponse(
      {{"assets", rows}, {"units", unit_rows}, {"stations", stations}, {"sections", sections}});
}

// Gives a unit a station or section (`assign`), or takes it back.
StatusOr<HttpResponse> ChangeUnitAsset(Call& c, bool assign) {
  ECOCIV_ASSIGN_OR_RETURN(std::string unit, StringField(c.body, "unit", true, 128));
  ECOCIV_ASSIGN_OR_RETURN(std::string kind, StringField(c.body, "kind", true, 20));
  ECOCIV_ASSIGN_OR_RETURN(std::string code, StringField(c.body, "code", true, 64));
  ECOCIV_RETURN_IF_ERROR(assign ? AssignAsset(c.db, unit, kind, code, c.Actor())
                                : UnassignAsset(c.db, unit, kind, code, c.Actor()));
  return JsonResponse({{"unit", unit}, {"kind", kind}, {"code", code}});
}

StatusOr<HttpResponse> Pages(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto pages, ListPublishedPages(c.db));
  Json out = Json::array();
  for (const PublishedPage& p : pages)
    out.push_back({{"slug", p.slug}, {"title", p.title}, {"kind", p.kind}});
  return JsonResponse({{"pages", out}});
}

// A published page with its live figures.
StatusOr<HttpResponse> PageContent(DataService& data, Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(PublishedPage page, FindPublishedPage(c.db, c.params["slug"]));
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data.Current(c.db));
  Json content;
  if (page.kind == "air-summary") {
    ECOCIV_ASSIGN_OR_RETURN(ResultPtr a, data.Assessment(*snap, "", "", "", "2"));
    content = {{"from", a->json["from"]}, {"to", a->json["to"]}, {"cities", a->json["cities"]}};
  } else if (page.kind == "indicators-summary") {
    ECOCIV_ASSIGN_OR_RETURN(content, PublicIndicators(data, c.db));
  } else {
    ECOCIV_ASSIGN_OR_RETURN(ResultPtr overview, data.Overview(*snap, c.db));
    content = {{"month", overview->json.value("water_month", "")},
               {"sections", overview->json["sections"]}};
  }
  return JsonResponse(
      {{"slug", page.slug}, {"title", page.title}, {"kind", page.kind}, {"content", content}});
}

StatusOr<HttpResponse> PutPage(Call& c) {
  const std::string& slug = c.params["slug"];
  ECOCIV_ASSIGN_OR_RETURN(std::string title, StringField(c.body, "title", true, 200));
  ECOCIV_ASSIGN_OR_RETURN(std::string kind, StringField(c.body, "kind", true, 40));
  auto published = c.body.find("published");
  if (published != c.body.end() && !published->is_boolean()) {
    return InvalidArgumentError("field 'published' must be true or false");
  }
  bool on = published == c.body.end() || published->get<bool>();
  ECOCIV_RETURN_IF_ERROR(PublishPage(c.db, slug, title, kind, on, c.Actor()));
  return JsonResponse({{"slug", slug}, {"title", title}, {"kind", kind}, {"published", on}});
}

// The change record, newest first, at most kMaxChangesListed entries.
StatusOr<HttpResponse> Changes(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto entries, store::ReadLog(c.db, c.Query("since")));
  Json rows = Json::array();
  for (auto e = entries.rbegin(); e != entries.rend() && rows.size() < kMaxChangesListed; ++e) {
    rows.push_back({{"seq", e->seq},
                    {"at", e->at},
                    {"who", e->who},
                    {"action", e->action},
                    {"object", e->object},
                    {"detail", e->detail},
                    {"why", e->why},
                    {"hash", e->hash}});
  }
  return JsonResponse({{"entries", rows}, {"total", entries.size()}});
}

// The change record's chain, the import batches' row digests, the warning
// workflow, the accounts (users, unit assignments, published pages), the
// assessments and the regions against the record, as `ecociv db verify` checks them. Auditors
// and administrators only: it reads every row, which takes seconds on a
// large store.
StatusOr<HttpResponse> Integrity(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(store::VerifyReport store, store::VerifyDatabase(c.db));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> warnings, warning::VerifyWarnings(c.db));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> plans, warning::VerifyPlans(c.db));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> accounts, VerifyAccounts(c.db));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> assessments, scoring::VerifyAssessments(c.db));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> regions, store::VerifyRegions(c.db));
  Json problems = Json::array();
  for (const auto* list : {&store.problems, &warnings, &plans, &accounts, &assessments, &regions}) {
    for (const std::string& p : *list) {
      if (problems.size() < kMaxProblemsListed) problems.push_back(p);
    }
  }
  return JsonResponse({{"ok", store.ok() && warnings.empty() && plans.empty() &&
                                  accounts.empty() && assessments.empty() && regions.empty()},
                       {"summary", store.Summary()},
                       {"entries_checked", store.entries_checked},
                       {"batches_checked", store.batches_checked},
                       {"rows_checked", store.rows_checked},
                       {"head_hash", store.head_hash},
                       {"store_problems", store.problems.size()},
                       {"warning_problems", warnings.size()},
                       {"plan_problems", plans.size()},
                       {"account_problems", accounts.size()},
                       {"assessment_problems", assessments.size()},
                       {"region_problems", regions.size()},
                       {"problems", problems}});
}

}  // namespace

void RegisterAdminRoutes(RouteRegistry& routes, ApiContext& ctx) {
  routes.Add("GET", "/api/v1/users", kAdmins, Users);
  routes.Add("POST", "/api/v1/users", kAdmins, NewUser);
  routes.Add("POST", "/api/v1/users/disable", kAdmins, DisableUser);
  routes.Add("POST", "/api/v1/users/password", kAdmins, ResetUserPassword);
  routes.Add("POST", "/api/v1/users/region", kAdmins, SetRegionOfUser);
  routes.Add("GET", "/api/v1/units/assets", kAdmins, UnitAssetList);
  routes.Add("POST", "/api/v1/units/assets", kAdmins,
             [](Call& c) { return ChangeUnitAsset(c, /*assign=*/true); });
  routes.Add("POST", "/api/v1/units/assets/remove", kAdmins,
             [](Call& c) { return ChangeUnitAsset(c, /*assign=*/false); });
  routes.Add("GET", "/api/v1/pages", kPublic, Pages);
  routes.Add("GET", "/api/v1/pages/{slug}", kPublic,
             [&ctx](Call& c) { return PageContent(*ctx.data, c); });
  routes.Add("PUT", "/api/v1/pages/{slug}", kAdmins, PutPage);
  routes.Add("GET", "/api/v1/changes", kReaders, Changes);
  routes.Add("GET", "/api/v1/integrity", kAuditors, Integrity);
}

}  // namespace ecociv::server
