// Regions and the region of stations, sections and units (regions.h).
#include "ecociv/store/regions.h"

#include <algorithm>
#include <functional>

#include "ecociv/core/csv_columns.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/text_input.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/sql.h"

namespace ecociv::store {
namespace {

int LevelRank(const std::string& level) {
  if (level == "root") return 0;
  if (level == "province") return 1;
  if (level == "city") return 2;
  if (level == "county") return 3;
  return -1;
}

bool SixDigits(const std::string& code) {
  return code.size() == 6 && std::all_of(code.begin(), code.end(),
                                          [](char c) { return c >= '0' && c <= '9'; });
}

// Why `region` may not be added below `parent` (nullptr: no such parent), or "".
std::string Refusal(const Region& r, const Region* parent) {
  if (!SixDigits(r.code)) return "region code " + QuoteForMessage(r.code) + " is not six digits";
  if (r.code == kRootRegion) return "region code 000000 is the whole store's";
  if (r.name.empty()) return "region " + r.code + " has no name";
  const int rank = LevelRank(r.level);
  if (rank < 1) {
    return "region " + r.code + ": level " + QuoteForMessage(r.level) +
           " is not province, city or county";
  }
  const bool ends0000 = r.code.compare(2, 4, "0000") == 0, ends00 = r.code.compare(4, 2, "00") == 0;
  if (rank == 1 && !ends0000) return "province code " + r.code + " does not end in 0000";
  if (rank == 2 && (!ends00 || ends0000))
    return "city code " + r.code + " does not end in 00 (but not 0000)";
  if (rank == 3 && ends00) return "county code " + r.code + " ends in 00";
  if (parent == nullptr) return "region " + r.code + ": no parent region " + QuoteForMessage(r.parent);
  if (LevelRank(parent->level) >= rank) {
    return "region " + r.code + " (" + r.level + ") cannot lie below " + parent->code + " (" +
           parent->level + ")";
  }
  const size_t prefix = parent->level == "province" ? 2 : parent->level == "city" ? 4 : 0;
  if (r.code.compare(0, prefix, parent->code, 0, prefix) != 0) {
    return "region " + r.code + " does not begin with its parent " + parent->code + "'s first " +
           std::to_string(prefix) + " digits";
  }
  return "";
}

StatusOr<std::map<std::string, Region>> RegionMap(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(
      TextRows rows,
      QueryRows(db, "SELECT code, name, name_en, level, COALESCE(parent, '') FROM regions", {}));
  std::map<std::string, Region> out;
  for (auto& row : rows) out[row[0]] = Region{row[0], row[1], row[2], row[3], row[4]};
  return out;
}

// Inserts a checked region with its entry (inside the caller's transaction).
Status InsertRegion(Database* db, const Region& r, const Actor& actor) {
  ECOCIV_RETURN_IF_ERROR(RunSql(
      db, "INSERT INTO regions (code, name, name_en, level, parent) VALUES (?, ?, ?, ?, ?)",
      {r.code, r.name, r.name_en, r.level, r.parent}));
  LogEntry entry;
  entry.who = actor.who;
  entry.why = actor.why;
  entry.action = "region.add";
  entry.object = "region:" + r.code;
  entry.detail = r.level + " " + r.name + (r.name_en.empty() ? "" : " (" + r.name_en + ")") +
                 " below " + r.parent;
  entry.payload_sha256 = Sha256Hex(r.code + "\n" + r.name + "\n" + r.name_en + "\n" + r.level +
                                   "\n" + r.parent);
  return AppendLogEntry(db, std::move(entry)).status();
}

const char* TableOf(const std::string& kind) {
  if (kind == "station") return "stations";
  if (kind == "section") return "sections";
  if (kind == "unit") return "ind_units";
  return nullptr;
}

}  // namespace

Status AddRegion(Database* db, Region region, const Actor& actor) {
  if (region.parent.empty()) region.parent = kRootRegion;
  Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto regions, RegionMap(db));
  if (regions.count(region.code)) {
    return FailedPreconditionError("region " + region.code + " exists already (" +
                                   regions[region.code].name + ")");
  }
  auto parent = regions.find(region.parent);
  std::string why = Refusal(region, parent == regions.end() ? nullptr : &parent->second);
  if (!why.empty()) return InvalidArgumentError(why);
  ECOCIV_RETURN_IF_ERROR(InsertRegion(db, region, actor));
  return tx.Commit();
}

StatusOr<std::vector<Region>> ImportRegionsFile(Database* db, const std::string& path,
                                                const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows, ReadCsvColumns(text, path, {"code", "name", "level"}, {"name_en", "parent"}));
  Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto regions, RegionMap(db));
  std::vector<Region> added;
  for (const CsvRow& row : rows) {
    Region r{row.fields[0], row.fields[1], row.fields[3], row.fields[2], row.fields[4]};
    if (r.parent.empty()) r.parent = kRootRegion;
    const std::string where = path + ":" + std::to_string(row.line) + ": ";
    if (regions.count(r.code)) {
      return InvalidArgumentError(where + "region " + r.code + " exists already");
    }
    auto parent = regions.find(r.parent);
    std::string why = Refusal(r, parent == regions.end() ? nullptr : &parent->second);
    if (!why.empty()) return InvalidArgumentError(where + why);
    ECOCIV_RETURN_IF_ERROR(InsertRegion(db, r, actor));
    regions[r.code] = r;
    added.push_back(r);
  }
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return added;
}

StatusOr<std::vector<Region>> ListRegions(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto regions, RegionMap(db));
  std::map<std::string, std::vector<const Region*>> children;
  for (const auto& [code, r] : regions) children[r.parent].push_back(&r);
  std::vector<Region> out;
  std::function<void(const std::string&)> walk = [&](const std::string& parent) {
    for (const Region* r : children[parent]) {
      out.push_back(*r);
      walk(r->code);
    }
  };
  walk("");
  return out;
}

StatusOr<Region> FindRegion(Database* db, const std::string& code) {
  ECOCIV_ASSIGN_OR_RETURN(auto regions, RegionMap(db));
  auto it = regions.find(code);
  if (it == regions.end()) return NotFoundError("no region " + QuoteForMessage(code));
  return it->second;
}

std::vector<RegionWithSubtree> RegionsAtLevel(const std::vector<Region>& regions,
                                              const std::string& code, const std::string& level) {
  std::map<std::string, std::string> parent_of;
  for (const Region& r : regions) parent_of[r.code] = r.parent;
  // Whether `r` lies in `top`'s subtree.
  auto below = [&](std::string r, const std::string& top) {
    for (int depth = 0; depth < 8 && !r.empty(); ++depth) {
      if (r == top) return true;
      r = parent_of[r];
    }
    return false;
  };
  std::vector<RegionWithSubtree> out;
  for (const Region& r : regions) {
    if (r.level != level || !below(r.code, code)) continue;
    RegionWithSubtree one{r, {}};
    for (const Region& other : regions)
      if (below(other.code, r.code)) one.subtree.insert(other.code);
    out.push_back(std::move(one));
  }
  return out;
}

StatusOr<std::set<std::string>> RegionSubtree(Database* db, const std::string& code) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Region> regions, ListRegions(db));
  for (const Region& r : regions) {
    if (r.code == code) return RegionsAtLevel(regions, code, r.level).front().subtree;
  }
  return NotFoundError("no region " + QuoteForMessage(code));
}

Status AssignRegion(Database* db, const std::string& kind, const std::string& code,
                    const std::string& region, const Actor& actor) {
  Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_RETURN_IF_ERROR(SetRegionInTransaction(db, kind, code, region, actor));
  return tx.Commit();
}

Status SetRegionInTransaction(Database* db, const std::string& kind, const std::string& code,
                              const std::string& region, const Actor& actor) {
  const char* table = TableOf(kind);
  if (table == nullptr) return InvalidArgumentError("kind must be station, section or unit");
  ECOCIV_ASSIGN_OR_RETURN(Region r, FindRegion(db, region));
  ECOCIV_ASSIGN_OR_RETURN(
      TextRows rows,
      QueryRows(db, std::string("SELECT region FROM ") + table + " WHERE code = ?", {code}));
  if (rows.empty()) return NotFoundError("no " + kind + " " + QuoteForMessage(code));
  if (rows[0][0] == r.code) return Status::Ok();
  ECOCIV_RETURN_IF_ERROR(
      RunSql(db, std::string("UPDATE ") + table + " SET region = ? WHERE code = ?", {r.code, code}));
  LogEntry entry;
  entry.who = actor.who;
  entry.why = actor.why;
  entry.action = "region.assign";
  entry.object = kind + ":" + code;
  entry.detail = "region " + rows[0][0] + " → " + r.code + " " + r.name;
  entry.payload_sha256 = Sha256Hex(kind + "\n" + code + "\n" + r.code);
  return AppendLogEntry(db, std::move(entry)).status();
}

StatusOr<std::map<std::string, std::string>> RegionsOf(Database* db, const std::string& kind) {
  const char* table = TableOf(kind);
  if (table == nullptr) return InvalidArgumentError("kind must be station, section or unit");
  ECOCIV_ASSIGN_OR_RETURN(TextRows rows,
                          QueryRows(db, std::string("SELECT code, region FROM ") + table, {}));
  std::map<std::string, std::string> out;
  for (auto& row : rows) out[row[0]] = row[1];
  return out;
}

}  // namespace ecociv::store
