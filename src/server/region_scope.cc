// What a user's region lets it see (region_scope.h).
#include "region_scope.h"

#include <algorithm>

#include "ecociv/report/publishing.h"
#include "ecociv/store/regions.h"
#include "ecociv/store/sql.h"
#include "ecociv/store/summary.h"

namespace ecociv::server {

namespace {

const std::shared_ptr<const RegionScope::Data>& Empty() {
  static const auto* empty =
      new std::shared_ptr<const RegionScope::Data>(std::make_shared<RegionScope::Data>());
  return *empty;
}

}  // namespace

RegionScope RegionScope::WholeStore() {
  RegionScope s;
  s.region_ = store::kRootRegion;
  s.d_ = Empty();
  return s;
}

StatusOr<std::shared_ptr<const RegionScope::Data>> RegionScope::Read(store::Database* db,
                                                                     const std::string& region) {
  auto d = std::make_shared<Data>();
  ECOCIV_ASSIGN_OR_RETURN(d->regions, store::RegionSubtree(db, region));
  ECOCIV_ASSIGN_OR_RETURN(store::Region at, store::FindRegion(db, region));
  while (at.level != "root") {
    // Root, province, city, county: a longer chain is a hand-edited cycle.
    if (d->above.size() > 3) return DataLossError("region " + region + ": its parents form a cycle");
    ECOCIV_ASSIGN_OR_RETURN(at, store::FindRegion(db, at.parent));
    d->above.push_back(at.code);
  }
  ECOCIV_ASSIGN_OR_RETURN(d->stations, store::RegionsOf(db, "station"));
  ECOCIV_ASSIGN_OR_RETURN(d->sections, store::RegionsOf(db, "section"));
  ECOCIV_ASSIGN_OR_RETURN(d->units, store::RegionsOf(db, "unit"));
  // Units go by their code or their name (a person's unit, a scheme's subject).
  ECOCIV_ASSIGN_OR_RETURN(store::TextRows names,
                          store::QueryRows(db, "SELECT name, region FROM ind_units", {}));
  for (const auto& row : names) d->units.emplace(row[0], row[1]);
  ECOCIV_ASSIGN_OR_RETURN(store::TextRows rows,
                          store::QueryRows(db, "SELECT city, code FROM stations", {}));
  for (const auto& row : rows) d->city_stations[row[0]].insert(row[1]);
  return std::shared_ptr<const Data>(std::move(d));
}

bool RegionScope::IsAbove(const std::string& code) const {
  return std::find(d_->above.begin(), d_->above.end(), code) != d_->above.end();
}

StatusOr<RegionScope> RegionScope::Of(store::Database* db, const User& user,
                                      RegionScopeCache* cache, int64_t version) {
  if (user.region.empty() || user.region == store::kRootRegion) return WholeStore();
  RegionScope s;
  s.whole_ = false;
  s.region_ = user.region;
  if (!cache) {
    ECOCIV_ASSIGN_OR_RETURN(s.d_, Read(db, user.region));
    return s;
  }
  if (version < 0) {
    ECOCIV_ASSIGN_OR_RETURN(version, store::DataVersion(db));
  }
  s.d_ = cache->Get(version, user.region);
  if (s.d_) return s;
  // A write between the version and the read makes a newer scope than its
  // key says, replaced at the next version: never an older one.
  ECOCIV_ASSIGN_OR_RETURN(s.d_, Read(db, user.region));
  cache->Put(version, user.region, s.d_);
  return s;
}

std::shared_ptr<const RegionScope::Data> RegionScopeCache::Get(int64_t version,
                                                               const std::string& region) {
  std::lock_guard<std::mutex> lock(mu_);
  if (version != version_) return nullptr;
  auto it = by_region_.find(region);
  return it == by_region_.end() ? nullptr : it->second;
}

void RegionScopeCache::Put(int64_t version, const std::string& region,
                           std::shared_ptr<const RegionScope::Data> d) {
  std::lock_guard<std::mutex> lock(mu_);
  if (version > version_) {
    by_region_.clear();
    version_ = version;
  }
  if (version == version_) by_region_[region] = std::move(d);
}

bool RegionScope::Sees(const std::map<std::string, std::string>& region_of,
                       const std::string& code) const {
  if (whole_) return true;
  auto it = region_of.find(code);
  return it != region_of.end() && d_->regions.count(it->second) > 0;
}

bool RegionScope::SeesCity(const std::string& city) const {
  if (whole_) return true;
  auto it = d_->city_stations.find(city);
  if (it == d_->city_stations.end()) return false;
  for (const std::string& station : it->second)
    if (!SeesStation(station)) return false;
  return true;
}

bool RegionScope::SeesSubject(const std::string& subject) const {
  if (whole_) return true;
  if (SeesStation(subject) || SeesSection(subject)) return true;
  return SeesCity(subject.substr(0, subject.find('/')));
}

bool RegionScope::SeesOwners(const std::string& owner) const {
  if (whole_) return true;
  std::vector<std::string> units = OwnerUnits(owner);
  if (units.empty()) return false;
  for (const std::string& unit : units) {
    if (!SeesUnit(unit)) return false;
  }
  return true;
}

std::set<std::string> RegionScope::InRegions(
    const std::map<std::string, std::string>& region_of) const {
  std::set<std::string> out;
  for (const auto& [code, region] : region_of)
    if (d_->regions.count(region)) out.insert(code);
  return out;
}

std::vector<std::string> RegionScope::StationsAndSections() const {
  std::vector<std::string> out;
  for (const auto* kind : {&d_->stations, &d_->sections})
    for (const auto& [code, region] : *kind)
      if (d_->regions.count(region)) out.push_back(code);
  return out;
}

Status RegionScope::Outside(const std::string& what) const {
  return Status(StatusCode::kPermissionDenied, what + " lies outside your region " + region_);
}

StatusOr<RegionScope> ScopeOf(const Call& c) {
  if (!c.session) return RegionScope::WholeStore();
  const User& user = c.session->user;
  if (!c.scopes || user.region.empty() || user.region == store::kRootRegion)
    return RegionScope::Of(c.db, user);
  ECOCIV_ASSIGN_OR_RETURN(int64_t version, DataVersionOf(c));
  return RegionScope::Of(c.db, user, c.scopes, version);
}

StatusOr<bool> SeesWholeStore(const Call& c) {
  // Without reading the scope's tables: only the user's region decides.
  if (!c.session) return true;
  const std::string& region = c.session->user.region;
  return region.empty() || region == store::kRootRegion;
}

Status CheckDocumentRegion(const Call& c, int64_t id) {
  ECOCIV_ASSIGN_OR_RETURN(report::StoredDocument d, report::FindDocument(c.db, id));
  ECOCIV_ASSIGN_OR_RETURN(RegionScope scope, ScopeOf(c));
  if (scope.SeesRegion(d.region)) return Status::Ok();
  return scope.Outside("document " + std::to_string(id) + " (of region " + d.region + ")");
}

}  // namespace ecociv::server
