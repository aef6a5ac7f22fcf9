// The regions and the things' regions against the change record
// (store/regions.h, VerifyRegions): the region.add and region.assign
// entries replayed against the rows, so that a hand edit (a station moved to
// another county with the sqlite3 shell or psql) is found by `db verify`.
#include <map>

#include "ecociv/store/digest.h"
#include "ecociv/store/regions.h"
#include "ecociv/store/sql.h"

namespace ecociv::store {

namespace {

struct LastEntry {
  std::string seq, payload;
};

std::string Where(const LastEntry& e, const char* action) {
  return "change-record entry " + e.seq + ", " + action;
}

// The last entry of `action` per object ("region:320582", "station:ZJG1").
StatusOr<std::map<std::string, LastEntry>> LastEntries(Database* db, const char* action) {
  ECOCIV_ASSIGN_OR_RETURN(
      TextRows rows,
      QueryRows(db,
                "SELECT CAST(seq AS TEXT), object, payload_sha256 FROM change_log WHERE action = ? "
                "ORDER BY seq",
                {std::string(action)}));
  std::map<std::string, LastEntry> out;
  for (auto& row : rows) out[row[1]] = LastEntry{row[0], row[2]};
  return out;
}

Status CheckRegionRows(Database* db, std::vector<std::string>* problems) {
  ECOCIV_ASSIGN_OR_RETURN(auto added, LastEntries(db, "region.add"));
  ECOCIV_ASSIGN_OR_RETURN(
      TextRows rows,
      QueryRows(
          db, "SELECT code, name, name_en, level, COALESCE(parent, '') FROM regions ORDER BY code",
          {}));
  for (const auto& row : rows) {
    const std::string& code = row[0];
    const std::string what = "region " + code;
    if (code == kRootRegion) {
      // Made by the schema, with no entry: it must be as the schema made it.
      if (row[1] != "全部地区" || row[2] != "All regions" || row[3] != "root" || !row[4].empty()) {
        problems->push_back(what + ": changed outside the program (not the schema's root)");
      }
      continue;
    }
    auto it = added.find("region:" + code);
    if (it == added.end()) {
      problems->push_back(what + ": added outside the program (no region.add entry)");
      continue;
    }
    const std::string digest =
        Sha256Hex(code + "\n" + row[1] + "\n" + row[2] + "\n" + row[3] + "\n" + row[4]);
    if (digest != it->second.payload) {
      problems->push_back(what + ": changed outside the program (does not match " +
                          Where(it->second, "region.add") + ")");
    }
    added.erase(it);
  }
  for (const auto& [object, entry] : added) {
    problems->push_back("region " + object.substr(7) + ": deleted outside the program (" +
                        Where(entry, "region.add") + ")");
  }
  return Status::Ok();
}

Status CheckAssignments(Database* db, std::vector<std::string>* problems) {
  ECOCIV_ASSIGN_OR_RETURN(auto assigned, LastEntries(db, "region.assign"));
  for (const char* kind : {"station", "section", "unit"}) {
    ECOCIV_ASSIGN_OR_RETURN(auto regions, RegionsOf(db, kind));
    for (const auto& [code, region] : regions) {
      const std::string what = std::string(kind) + " " + code;
      auto it = assigned.find(std::string(kind) + ":" + code);
      if (it == assigned.end()) {
        if (region != kRootRegion) {
          problems->push_back(what + ": region " + region +
                              " given outside the program (no region.assign entry)");
        }
        continue;
      }
      if (Sha256Hex(std::string(kind) + "\n" + code + "\n" + region) != it->second.payload) {
        problems->push_back(what + ": region " + region + " changed outside the program (does " +
                            "not match " + Where(it->second, "region.assign") + ")");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<std::string>> VerifyRegions(Database* db) {
  std::vector<std::string> problems;
  ECOCIV_RETURN_IF_ERROR(CheckRegionRows(db, &problems));
  ECOCIV_RETURN_IF_ERROR(CheckAssignments(db, &problems));
  return problems;
}

}  // namespace ecociv::store
