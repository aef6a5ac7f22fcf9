// The devices the receiver accepts: each data logger's MN registered by an
// administrator to one air station or one water section, with its access
// password (PW), the CRC variant it sends and what its hourly DataTime names.
//
// Registration is a change to the store like any other: one transaction that
// writes the device row and appends a change-record entry ("hj212.register"
// or "hj212.deactivate", object "device:<MN>", payload the row's digest), so
// `VerifyDevices` finds a row edited outside the program. Passwords are kept
// as SHA-256(MN ":" PW), never in clear; a device's PW travels in clear on the
// wire, so this only keeps the database from listing them.
//
// A Registry is an immutable snapshot for the receiver's event loop: the
// receiver reloads it periodically and swaps the pointer.
//
// Thread safety: the store functions need exclusive use of the Database; a
// Registry may be shared between threads.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/hj212/crc.h"
#include "ecociv/hj212/readings.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::hj212 {

struct Device {
  std::string mn;
  std::string kind;  // "station" (ST 22, air) or "section" (ST 21, surface water)
  std::string code;  // the station's or section's code in the store
  std::string password_sha256;
  CrcVariant crc = CrcVariant::kHj212;
  HourTime hour_time = HourTime::kStart;
  bool active = true;
  std::string registered_at, registered_by;

  // The system code (ST) this device's data must carry.
  int SystemCode() const { return kind == "section" ? 21 : 22; }
};

// SHA-256(mn ":" password) as hex.
std::string PasswordDigest(std::string_view mn, std::string_view password);

struct Registration {
  std::string mn, kind, code, password;
  CrcVariant crc = CrcVariant::kHj212;
  HourTime hour_time = HourTime::kStart;
};

// Registers a device, or changes a registered one (and reactivates it).
// Refused: an MN or password the protocol cannot carry (MN 1–24 letters,
// digits, '_' or '-'; PW 1–32 printable ASCII without ; , & =), a kind other
// than station/section, a station or section not in the store, another
// device of the same code (one logger per station).
Status RegisterDevice(store::Database* db, const Registration& registration,
                      const store::Actor& actor);
// Several in one transaction: all or none (the error names the device).
Status RegisterDevices(store::Database* db, const std::vector<Registration>& registrations,
                       const store::Actor& actor);
// Stops accepting a device's packets (its data stay).
Status DeactivateDevice(store::Database* db, const std::string& mn, const store::Actor& actor);

// Every device, in MN order.
StatusOr<std::vector<Device>> ListDevices(store::Database* db);

// Every device row against its digest and its last change-record entry:
// one line per problem (empty: consistent).
StatusOr<std::vector<std::string>> VerifyDevices(store::Database* db);

class Registry {
 public:
  explicit Registry(std::vector<Device> devices);
  // The active device with this MN, or null.
  const Device* Find(std::string_view mn) const;
  size_t size() const { return devices_.size(); }

 private:
  std::map<std::string, Device, std::less<>> devices_;
};

StatusOr<std::shared_ptr<const Registry>> LoadRegistry(store::Database* db);

}  // namespace ecociv::hj212
