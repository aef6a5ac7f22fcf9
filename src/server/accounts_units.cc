// The stations and sections a unit reports on, and the names a unit goes by
// (an accounts' store file: the SQL of unit assignments).
#include "accounts_internal.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/server/accounts.h"

namespace ecociv::server {

Status AssignAsset(store::Database* db, const std::string& unit, const std::string& kind,
                   const std::string& code, const store::Actor& actor) {
  if (unit.empty() || code.empty()) return InvalidArgumentError("unit and code are required");
  if (kind != "station" && kind != "section") {
    return InvalidArgumentError("kind must be station or section");
  }
  std::string table = kind == "station" ? "stations" : "sections";
  ECOCIV_ASSIGN_OR_RETURN(auto find, db->Prepare("SELECT 1 FROM " + table + " WHERE code = ?"));
  find->BindText(0, code);
  Status status;
  if (!find->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return NotFoundError("no " + kind + " '" + code + "' in the store");
  }
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(
      auto st,
      db->Prepare("INSERT OR IGNORE INTO unit_assets (unit, kind, code) VALUES (?, ?, ?)"));
  st->BindText(0, unit);
  st->BindText(1, kind);
  st->BindText(2, code);
  ECOCIV_RETURN_IF_ERROR(st->Run());
  ECOCIV_RETURN_IF_ERROR(AppendAccountEntry(db, actor.who, "unit.assign", kind + ":" + code,
                                            "to unit " + unit, actor.why));
  return tx.Commit();
}

StatusOr<std::vector<std::string>> UnitAssets(store::Database* db, const std::string& unit,
                                              const std::string& kind) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto st,
      db->Prepare("SELECT code FROM unit_assets WHERE unit = ? AND kind = ? ORDER BY code"));
  st->BindText(0, unit);
  st->BindText(1, kind);
  std::vector<std::string> codes;
  Status status;
  while (st->Step(&status)) codes.push_back(st->ColumnText(0));
  ECOCIV_RETURN_IF_ERROR(status);
  return codes;
}

Status UnassignAsset(store::Database* db, const std::string& unit, const std::string& kind,
                     const std::string& code, const store::Actor& actor) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(
      auto st, db->Prepare("DELETE FROM unit_assets WHERE unit = ? AND kind = ? AND code = ?"));
  st->BindText(0, unit);
  st->BindText(1, kind);
  st->BindText(2, code);
  ECOCIV_RETURN_IF_ERROR(st->Run());
  ECOCIV_ASSIGN_OR_RETURN(int64_t removed, store::QueryInt64(db, "SELECT changes()"));
  if (removed == 0) {
    return NotFoundError("unit '" + unit + "' has no " + kind + " '" + code + "'");
  }
  ECOCIV_RETURN_IF_ERROR(AppendAccountEntry(db, actor.who, "unit.unassign", kind + ":" + code,
                                            "from unit " + unit, actor.why));
  return tx.Commit();
}

StatusOr<std::vector<UnitAsset>> ListUnitAssets(store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto st, db->Prepare("SELECT unit, kind, code FROM unit_assets ORDER BY unit, kind, code"));
  std::vector<UnitAsset> out;
  Status status;
  while (st->Step(&status))
    out.push_back({st->ColumnText(0), st->ColumnText(1), st->ColumnText(2)});
  ECOCIV_RETURN_IF_ERROR(status);
  return out;
}

StatusOr<std::vector<std::string>> AssignableCodes(store::Database* db, const std::string& kind) {
  if (kind != "station" && kind != "section") {
    return InvalidArgumentError("kind must be station or section");
  }
  ECOCIV_ASSIGN_OR_RETURN(
      auto st, db->Prepare(kind == "station" ? "SELECT code FROM stations ORDER BY code"
                                             : "SELECT code FROM sections ORDER BY code"));
  std::vector<std::string> codes;
  Status status;
  while (st->Step(&status)) codes.push_back(st->ColumnText(0));
  ECOCIV_RETURN_IF_ERROR(status);
  return codes;
}

StatusOr<UnitNames> NamesOfUnit(store::Database* db, const std::string& unit) {
  UnitNames out;
  if (unit.empty()) return out;
  out.names.insert(unit);
  out.code = unit;
  ECOCIV_ASSIGN_OR_RETURN(auto units, indicators::ListUnits(db));
  for (const auto& u : units) {
    if (u.code == unit || u.name == unit) {
      out.names.insert(u.code);
      out.names.insert(u.name);
      out.code = u.code;
    }
  }
  return out;
}

std::vector<std::string> OwnerUnits(const std::string& owner) {
  std::vector<std::string> units;
  size_t pos = 0;
  while (pos <= owner.size()) {
    size_t end = owner.find(';', pos);
    if (end == std::string::npos) end = owner.size();
    std::string part = owner.substr(pos, end - pos);
    size_t first = part.find_first_not_of(' '), last = part.find_last_not_of(' ');
    if (first != std::string::npos) units.push_back(part.substr(first, last - first + 1));
    pos = end + 1;
  }
  return units;
}

bool UnitOwns(const std::string& owner, const UnitNames& unit) {
  for (const std::string& name : OwnerUnits(owner)) {
    if (unit.names.count(name)) return true;
  }
  return false;
}

}  // namespace ecociv::server
