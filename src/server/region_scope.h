// Internal to the server: what a user's region lets it see (store/regions.h).
// A user of the root region (every user of a one-city store) sees the whole
// store and nothing is filtered; a user of a province, city or county sees
// the stations, sections and units of its region's subtree, the air "cities"
// (the stations' city column) all of whose stations lie there, and the
// warnings about those. Every route group asks this one place (ScopeOf);
// an object outside the scope is refused with PermissionDenied as roles are.
//
// A scope is made from the store once per data version and region and shared
// (every station's, section's and unit's region is read then): the regions,
// the stations' regions and cities all move the data version, so a cached
// scope is never stale; copying a RegionScope copies one pointer.
//
// Thread safety: a RegionScope is immutable once made; the cache of
// RegionScope::Of is guarded by a mutex.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/server/accounts.h"
#include "ecociv/store/database.h"
#include "routes.h"

namespace ecociv::server {

class RegionScopeCache;

class RegionScope {
 public:
  // The scope of `user`; the whole store for the root region. With `cache`,
  // read once per data version and region (`version`: the store's, -1 to
  // read it here).
  static StatusOr<RegionScope> Of(store::Database* db, const User& user,
                                  RegionScopeCache* cache = nullptr, int64_t version = -1);
  static RegionScope WholeStore();

  bool whole_store() const { return whole_; }
  const std::string& region() const { return region_; }
  bool SeesRegion(const std::string& code) const {
    return whole_ || d_->regions.count(code) > 0;
  }
  // The regions above the scope's, nearest first (its parent, ..., the
  // root); none for the whole store. A region's user reads its own rows of
  // what these regions rank (an assessment run of its city or province).
  const std::vector<std::string>& above() const { return d_->above; }
  bool IsAbove(const std::string& code) const;
  bool SeesStation(const std::string& code) const { return Sees(d_->stations, code); }
  bool SeesSection(const std::string& code) const { return Sees(d_->sections, code); }
  // A unit (department, town) by its code or name.
  bool SeesUnit(const std::string& code) const { return Sees(d_->units, code); }
  // An air city (the stations' city column): every station of it in scope.
  bool SeesCity(const std::string& city) const;
  // A station, a section or an air city, whichever `id` names.
  bool SeesAirId(const std::string& id) const { return SeesStation(id) || SeesCity(id); }
  // A warning's subject: a station or section code, or an air city (alone or
  // before '/', "苏州市/pm25"); anything else only for the whole store.
  bool SeesSubject(const std::string& subject) const;
  // An owner text, unit names or codes separated by ';' (an indicator's
  // owners): every unit named lies in the scope (none named: the store's).
  bool SeesOwners(const std::string& owner) const;
  // The codes of the region's subtree.
  const std::set<std::string>& regions() const { return d_->regions; }
  // The stations and the sections in scope (not for the whole store).
  std::vector<std::string> StationsAndSections() const;
  std::set<std::string> Stations() const { return InRegions(d_->stations); }
  std::set<std::string> Sections() const { return InRegions(d_->sections); }

  // Refusal of an object outside the scope.
  Status Outside(const std::string& what) const;

  // What a region's scope is made of, read from the store (shared).
  struct Data {
    std::set<std::string> regions;
    std::vector<std::string> above;                                 // parent first
    std::map<std::string, std::string> stations, sections, units;  // code → region
    std::map<std::string, std::set<std::string>> city_stations;     // city → station codes
  };

 private:
  static StatusOr<std::shared_ptr<const Data>> Read(store::Database* db, const std::string& region);
  bool Sees(const std::map<std::string, std::string>& region_of, const std::string& code) const;
  std::set<std::string> InRegions(const std::map<std::string, std::string>& region_of) const;

  bool whole_ = true;
  std::string region_;
  std::shared_ptr<const Data> d_;
};

// The scopes of one server's regions for the store's current data version.
class RegionScopeCache {
 public:
  // The scope data of `region` at `version` (null: not read yet).
  std::shared_ptr<const RegionScope::Data> Get(int64_t version, const std::string& region);
  void Put(int64_t version, const std::string& region, std::shared_ptr<const RegionScope::Data> d);

 private:
  std::mutex mu_;
  int64_t version_ = -1;
  std::map<std::string, std::shared_ptr<const RegionScope::Data>> by_region_;
};

// The caller's scope (the whole store without a session), from c.scopes
// when the server keeps them.
StatusOr<RegionScope> ScopeOf(const Call& c);
// Whether the caller sees the whole store (the root region's things: the
// schedule of the periodic documents, which are the whole store's).
StatusOr<bool> SeesWholeStore(const Call& c);
// Document `id` (NotFound if none) is of a region of the caller's subtree;
// a refusal (403) naming the document otherwise.
Status CheckDocumentRegion(const Call& c, int64_t id);

// The elements of JSON array `rows` whose `key` the scope sees by `sees`.
template <typename Pred>
Json Scoped(const Json& rows, const char* key, Pred sees) {
  Json out = Json::array();
  for (const Json& row : rows)
    if (row.contains(key) && row[key].is_string() && sees(row[key].get<std::string>()))
      out.push_back(row);
  return out;
}

}  // namespace ecociv::server
