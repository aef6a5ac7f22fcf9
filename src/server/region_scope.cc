// What a user's region lets it see (region_scope.h).
#include "region_scope.h"

#include "ecociv/store/regions.h"
#include "ecociv/store/sql.h"

namespace ecociv::server {

RegionScope RegionScope::WholeStore() {
  RegionScope s;
  s.region_ = store::kRootRegion;
  return s;
}

StatusOr<RegionScope> RegionScope::Of(store::Database* db, const User& user) {
  if (user.region.empty() || user.region == store::kRootRegion) return WholeStore();
  RegionScope s;
  s.whole_ = false;
  s.region_ = user.region;
  ECOCIV_ASSIGN_OR_RETURN(s.regions_, store::RegionSubtree(db, user.region));
  ECOCIV_ASSIGN_OR_RETURN(s.stations_, store::RegionsOf(db, "station"));
  ECOCIV_ASSIGN_OR_RETURN(s.sections_, store::RegionsOf(db, "section"));
  ECOCIV_ASSIGN_OR_RETURN(s.units_, store::RegionsOf(db, "unit"));
  // Units go by their code or their name (a person's unit, a scheme's subject).
  ECOCIV_ASSIGN_OR_RETURN(store::TextRows names,
                          store::QueryRows(db, "SELECT name, region FROM ind_units", {}));
  for (const auto& row : names) s.units_.emplace(row[0], row[1]);
  ECOCIV_ASSIGN_OR_RETURN(store::TextRows rows,
                          store::QueryRows(db, "SELECT city, code FROM stations", {}));
  for (const auto& row : rows) s.city_stations_[row[0]].insert(row[1]);
  return s;
}

bool RegionScope::Sees(const std::map<std::string, std::string>& region_of,
                       const std::string& code) const {
  if (whole_) return true;
  auto it = region_of.find(code);
  return it != region_of.end() && regions_.count(it->second) > 0;
}

bool RegionScope::SeesCity(const std::string& city) const {
  if (whole_) return true;
  auto it = city_stations_.find(city);
  if (it == city_stations_.end()) return false;
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
  bool any = false;
  size_t pos = 0;
  while (pos <= owner.size()) {
    size_t end = owner.find(';', pos);
    if (end == std::string::npos) end = owner.size();
    std::string part = owner.substr(pos, end - pos);
    size_t first = part.find_first_not_of(' '), last = part.find_last_not_of(' ');
    if (first != std::string::npos) {
      if (!SeesUnit(part.substr(first, last - first + 1))) return false;
      any = true;
    }
    pos = end + 1;
  }
  return any;
}

std::vector<std::string> RegionScope::StationsAndSections() const {
  std::vector<std::string> out;
  for (const auto* kind : {&stations_, &sections_})
    for (const auto& [code, region] : *kind)
      if (regions_.count(region)) out.push_back(code);
  return out;
}

Status RegionScope::Outside(const std::string& what) const {
  return Status(StatusCode::kPermissionDenied, what + " lies outside your region " + region_);
}

StatusOr<RegionScope> ScopeOf(const Call& c) {
  if (!c.session) return RegionScope::WholeStore();
  return RegionScope::Of(c.db, c.session->user);
}

StatusOr<bool> SeesWholeStore(const Call& c) {
  // Without reading the scope's tables: only the user's region decides.
  if (!c.session) return true;
  const std::string& region = c.session->user.region;
  return region.empty() || region == store::kRootRegion;
}

Status CheckWholeStore(const Call& c, const std::string& what) {
  ECOCIV_ASSIGN_OR_RETURN(bool whole, SeesWholeStore(c));
  if (whole) return Status::Ok();
  return Status(StatusCode::kPermissionDenied,
                what + " is the whole store's, not of your region " + c.session->user.region);
}

}  // namespace ecociv::server
