// Regions: the administrative divisions one store holds (province → city →
// county), by their GB/T 2260 codes, and the region of each station, section
// and unit (docs/store.md, "Regions").
//
// The root region kRootRegion ('000000', level "root") is the whole store:
// a store made before regions, or one that serves one city, has only it and
// everything belongs to it. A region's parent is the root or a region of a
// higher level (province above city above county). A region's subtree is
// the region and every region below it: what a user of that region sees.
//
// Every change (a region added, a station, section or unit given a region)
// appends a change-record entry ("region.add", "region.assign") in the same
// transaction.
//
// Thread safety: the functions need exclusive use of the Database.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::store {

inline constexpr const char* kRootRegion = "000000";

struct Region {
  std::string code;     // six digits, GB/T 2260 ("320582")
  std::string name;     // Chinese ("张家港市")
  std::string name_en;  // English ("Zhangjiagang"), may be empty
  std::string level;    // "root", "province", "city", "county"
  std::string parent;   // "" only for the root
};

// Checks a region against the store and adds it: the code six digits, not
// in use, of its level's shape (a province NN0000, a city NNNN00 but not
// NN0000, a county not ending in 00), the parent (default: the root) an
// existing region of a higher level whose code the new code extends (a
// city's first two digits are its province's; a county's first two its
// parent's, first four when the parent is a city). InvalidArgument or
// FailedPrecondition naming the rule.
Status AddRegion(Database* db, Region region, const Actor& actor);
// Regions from a CSV file (columns code, name, level; optional name_en,
// parent), all or none, each checked as AddRegion checks it ("file:line:
// reason"); a parent may be a region of an earlier line. The regions added.
StatusOr<std::vector<Region>> ImportRegionsFile(Database* db, const std::string& path,
                                                const Actor& actor);
// Every region, each parent before its children, siblings by code.
StatusOr<std::vector<Region>> ListRegions(Database* db);
// The region with this code; NotFound otherwise.
StatusOr<Region> FindRegion(Database* db, const std::string& code);
// The codes of `code`'s subtree (itself included); NotFound for an unknown region.
StatusOr<std::set<std::string>> RegionSubtree(Database* db, const std::string& code);
// The regions of `regions` (tree order) at `level` that lie in `code`'s
// subtree, each with its own subtree's codes.
struct RegionWithSubtree {
  Region region;
  std::set<std::string> subtree;
};
std::vector<RegionWithSubtree> RegionsAtLevel(const std::vector<Region>& regions,
                                              const std::string& code, const std::string& level);

// The kinds of things that belong to a region: "station", "section", "unit"
// (an indicators unit: a department or a town).
// Gives station, section or unit `code` region `region` (entry
// "region.assign"); NotFound for an unknown thing or region.
Status AssignRegion(Database* db, const std::string& kind, const std::string& code,
                    const std::string& region, const Actor& actor);
// The same inside the caller's transaction (an import's).
Status SetRegionInTransaction(Database* db, const std::string& kind, const std::string& code,
                              const std::string& region, const Actor& actor);
// The optional `region` column of a list of sections or units (as a station
// list's): per row with a non-empty cell, the row's code (column
// `key_column`), the region and where ("file:line"). A cell that is not six
// digits refuses the file ("file:line: bad region ..."). No column: none.
struct RegionCell {
  std::string code, region, where;
};
StatusOr<std::vector<RegionCell>> ReadRegionColumn(std::string_view csv, const std::string& label,
                                                   const std::string& key_column);
// Gives each cell's thing of `kind` its region inside the caller's
// transaction (SetRegionInTransaction), skipping codes not in `imported`
// (rows an import left out); the first error, prefixed with the cell's
// "file:line", stops it (the caller's transaction then stores nothing).
Status ApplyRegionColumn(Database* db, const std::string& kind,
                         const std::vector<RegionCell>& cells,
                         const std::set<std::string>& imported, const Actor& actor);
// The region of every station, section or unit, by code.
StatusOr<std::map<std::string, std::string>> RegionsOf(Database* db, const std::string& kind);

// The regions and the region of every station, section and unit against
// the change record: each region's row against its last "region.add"
// entry, each thing's region against its last "region.assign" entry (a
// thing never assigned is the root's). One line per problem (empty:
// consistent). A user's region is part of the user row's digest (the
// accounts' check).
StatusOr<std::vector<std::string>> VerifyRegions(Database* db);

}  // namespace ecociv::store
