// The device registry in the store (see registry.h): the receiver's store
// file for devices, with its SQL.
#include <algorithm>

#include "ecociv/hj212/registry.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/sql.h"

namespace ecociv::hj212 {

namespace {

using store::QueryRows;
using store::RunSql;

bool ValidMn(std::string_view mn) {
  if (mn.empty() || mn.size() > 24) return false;
  return std::all_of(mn.begin(), mn.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
  });
}

bool ValidPassword(std::string_view pw) {
  if (pw.empty() || pw.size() > 32) return false;
  return std::all_of(pw.begin(), pw.end(), [](char c) {
    return c > 0x20 && c < 0x7F && c != ';' && c != ',' && c != '&' && c != '=';
  });
}

// The digest binding a device row: F(mn) F(kind) F(code) F(password_sha256)
// F(crc) F(hour_time) F(active).
std::string RowDigest(const Device& d) {
  store::Sha256 sha;
  sha.AddField(d.mn);
  sha.AddField(d.kind);
  sha.AddField(d.code);
  sha.AddField(d.password_sha256);
  sha.AddField(CrcVariantName(d.crc));
  sha.AddField(HourTimeName(d.hour_time));
  sha.AddField(d.active ? "1" : "0");
  return store::ToHex(sha.Finish());
}

constexpr char kSelect[] =
    "SELECT mn, kind, code, password_sha256, crc, hour_time, active, registered_at, "
    "registered_by, row_sha256 FROM hj212_devices";

StatusOr<Device> DeviceOfRow(const std::vector<std::string>& row) {
  Device d;
  d.mn = row[0];
  d.kind = row[1];
  d.code = row[2];
  d.password_sha256 = row[3];
  if (!ParseCrcVariant(row[4], &d.crc) || !ParseHourTime(row[5], &d.hour_time)) {
    return InternalError("device " + d.mn + ": unknown crc or hour_time in the store");
  }
  d.active = row[6] == "1";
  d.registered_at = row[7];
  d.registered_by = row[8];
  return d;
}

StatusOr<std::vector<std::vector<std::string>>> DeviceRows(store::Database* db,
                                                           const std::string& where,
                                                           const std::vector<store::SqlParam>& p) {
  return QueryRows(db, std::string(kSelect) + where + " ORDER BY mn", p);
}

Status WriteDevice(store::Database* db, const Device& d, const std::string& action,
                   const std::string& detail, const store::Actor& actor) {
  std::string digest = RowDigest(d);
  ECOCIV_RETURN_IF_ERROR(RunSql(
      db,
      "INSERT INTO hj212_devices (mn, kind, code, password_sha256, crc, hour_time, active, "
      "registered_at, registered_by, row_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (mn) DO UPDATE SET kind = excluded.kind, code = excluded.code, "
      "password_sha256 = excluded.password_sha256, crc = excluded.crc, hour_time = "
      "excluded.hour_time, active = excluded.active, registered_at = excluded.registered_at, "
      "registered_by = excluded.registered_by, row_sha256 = excluded.row_sha256",
      {d.mn, d.kind, d.code, d.password_sha256, std::string(CrcVariantName(d.crc)),
       std::string(HourTimeName(d.hour_time)), int64_t{d.active}, d.registered_at,
       d.registered_by, digest}));
  store::LogEntry entry;
  entry.who = actor.who;
  entry.action = action;
  entry.object = "device:" + d.mn;
  entry.detail = detail;
  entry.why = actor.why;
  entry.payload_sha256 = digest;
  return store::AppendLogEntry(db, std::move(entry)).status();
}

}  // namespace

std::string PasswordDigest(std::string_view mn, std::string_view password) {
  return store::Sha256Hex(std::string(mn) + ":" + std::string(password));
}

namespace {

// Checks and writes one registration inside the caller's transaction.
Status RegisterOne(store::Database* db, const Registration& r, const store::Actor& actor) {
  if (!ValidMn(r.mn)) {
    return InvalidArgumentError("MN '" + r.mn.substr(0, 40) +
                                "': 1 to 24 letters, digits, '_' or '-'");
  }
  if (!ValidPassword(r.password)) {
    return InvalidArgumentError(
        "the password must be 1 to 32 printable ASCII characters without ; , & = or spaces");
  }
  if (r.kind != "station" && r.kind != "section") {
    return InvalidArgumentError("a device belongs to a station or a section");
  }
  const std::string table = r.kind == "station" ? "stations" : "sections";
  ECOCIV_ASSIGN_OR_RETURN(auto found,
                          QueryRows(db, "SELECT 1 FROM " + table + " WHERE code = ?", {r.code}));
  if (found.empty()) {
    return NotFoundError("unknown " + r.kind + " '" + r.code + "' (import it first)");
  }
  ECOCIV_ASSIGN_OR_RETURN(auto other, QueryRows(db,
                                                "SELECT mn FROM hj212_devices WHERE kind = ? AND "
                                                "code = ? AND mn <> ? AND active = 1",
                                                {r.kind, r.code, r.mn}));
  if (!other.empty()) {
    return FailedPreconditionError(r.kind + " " + r.code + " already has device " + other[0][0] +
                                   " (deactivate it first)");
  }
  ECOCIV_ASSIGN_OR_RETURN(auto existing, DeviceRows(db, " WHERE mn = ?", {r.mn}));
  Device d;
  d.mn = r.mn;
  d.kind = r.kind;
  d.code = r.code;
  d.password_sha256 = PasswordDigest(r.mn, r.password);
  d.crc = r.crc;
  d.hour_time = r.hour_time;
  d.active = true;
  d.registered_at = store::UtcNow();
  d.registered_by = actor.who.empty() ? store::CurrentUser() : actor.who;
  std::string detail = std::string(existing.empty() ? "registered" : "re-registered") + " MN " +
                       d.mn + " to " + d.kind + " " + d.code + " (CRC " + CrcVariantName(d.crc) +
                       ", hourly DataTime = hour " + HourTimeName(d.hour_time) + ")";
  return WriteDevice(db, d, "hj212.register", detail, actor);
}

}  // namespace

Status RegisterDevice(store::Database* db, const Registration& r, const store::Actor& actor) {
  return RegisterDevices(db, {r}, actor);
}

Status RegisterDevices(store::Database* db, const std::vector<Registration>& registrations,
                       const store::Actor& actor) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  for (size_t i = 0; i < registrations.size(); ++i) {
    Status s = RegisterOne(db, registrations[i], actor);
    if (!s.ok()) {
      return registrations.size() == 1
                 ? s
                 : Status(s.code(), "device " + std::to_string(i + 1) + " (MN " +
                                        registrations[i].mn.substr(0, 40) + "): " + s.message());
    }
  }
  return tx.Commit();
}

Status DeactivateDevice(store::Database* db, const std::string& mn, const store::Actor& actor) {
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  ECOCIV_ASSIGN_OR_RETURN(auto rows, DeviceRows(db, " WHERE mn = ?", {mn}));
  if (rows.empty()) return NotFoundError("no device with MN '" + mn.substr(0, 40) + "'");
  ECOCIV_ASSIGN_OR_RETURN(Device d, DeviceOfRow(rows[0]));
  if (!d.active) return FailedPreconditionError("device " + mn + " is already inactive");
  d.active = false;
  ECOCIV_RETURN_IF_ERROR(
      WriteDevice(db, d, "hj212.deactivate", "deactivated MN " + mn + " of " + d.kind + " " + d.code,
                  actor));
  return tx.Commit();
}

StatusOr<std::vector<Device>> ListDevices(store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto rows, DeviceRows(db, "", {}));
  std::vector<Device> devices;
  for (const auto& row : rows) {
    ECOCIV_ASSIGN_OR_RETURN(Device d, DeviceOfRow(row));
    devices.push_back(std::move(d));
  }
  return devices;
}

StatusOr<std::vector<std::string>> VerifyDevices(store::Database* db) {
  std::vector<std::string> problems;
  ECOCIV_ASSIGN_OR_RETURN(auto rows, DeviceRows(db, "", {}));
  ECOCIV_ASSIGN_OR_RETURN(
      auto entries,
      QueryRows(db,
                "SELECT object, payload_sha256 FROM change_log WHERE action IN "
                "('hj212.register', 'hj212.deactivate') ORDER BY seq",
                {}));
  std::map<std::string, std::string> last;  // "device:MN" → payload
  for (const auto& e : entries) last[e[0]] = e[1];
  for (const auto& row : rows) {
    ECOCIV_ASSIGN_OR_RETURN(Device d, DeviceOfRow(row));
    std::string object = "device:" + d.mn;
    auto it = last.find(object);
    if (it == last.end()) {
      problems.push_back(object + ": no change-record entry (inserted outside ecociv)");
    } else if (RowDigest(d) != row[9] || it->second != row[9]) {
      problems.push_back(object + ": changed outside ecociv");
    }
    last.erase(object);
  }
  for (const auto& [object, payload] : last) problems.push_back(object + ": deleted");
  return problems;
}

Registry::Registry(std::vector<Device> devices) {
  for (Device& d : devices) {
    if (d.active) devices_.emplace(d.mn, std::move(d));
  }
}

const Device* Registry::Find(std::string_view mn) const {
  auto it = devices_.find(mn);
  return it == devices_.end() ? nullptr : &it->second;
}

StatusOr<std::shared_ptr<const Registry>> LoadRegistry(store::Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Device> devices, ListDevices(db));
  return std::shared_ptr<const Registry>(std::make_shared<Registry>(std::move(devices)));
}

}  // namespace ecociv::hj212
