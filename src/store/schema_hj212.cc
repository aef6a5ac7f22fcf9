// Migration 8: data flags on stored values and the HJ 212 receiver's tables
// (docs/hj212.md, "In the store").
//
// Flags: air_hourly.flags holds one letter per pollutant in air::Pollutant
// order ('N' normal) when any value of the row carries another HJ 212 data
// flag, '' otherwise; water_samples.flag holds the sample's flag letter or
// ''. A flagged value is kept and left out of statistics (LoadAirDataset,
// LoadWaterSamples); rows without flags keep their old fingerprints.
//
// Receiver: devices (a data logger's MN registered to a station or a section
// with its password and CRC variant; row_sha256 is the payload of the
// change-record entry that last wrote the row), each device's last contact,
// packets and refusals per Beijing day, the refusals themselves (peer, claimed
// MN, reason, the first bytes), and real-time/minute/hourly-water packets kept
// for a limited time (times in Unix seconds; data_time in seconds since
// 2000-01-01 00:00:00 Beijing time).
#include "schema.h"

namespace ecociv::store {

std::string_view Hj212Migration() {
  return R"sql(
ALTER TABLE air_hourly ADD COLUMN flags TEXT NOT NULL DEFAULT '';
ALTER TABLE air_revisions ADD COLUMN flags TEXT NOT NULL DEFAULT '';
ALTER TABLE water_samples ADD COLUMN flag TEXT NOT NULL DEFAULT '';
ALTER TABLE water_revisions ADD COLUMN flag TEXT NOT NULL DEFAULT '';

CREATE TABLE hj212_devices (
  mn TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('station', 'section')),
  code TEXT NOT NULL,
  password_sha256 TEXT NOT NULL,
  crc TEXT NOT NULL CHECK (crc IN ('hj212', 'modbus')),
  hour_time TEXT NOT NULL CHECK (hour_time IN ('start', 'end')),
  active INTEGER NOT NULL DEFAULT 1,
  registered_at TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  row_sha256 TEXT NOT NULL
);
CREATE INDEX hj212_devices_code ON hj212_devices (kind, code);

CREATE TABLE hj212_device_state (
  mn TEXT PRIMARY KEY,
  last_packet_at INTEGER NOT NULL,
  last_peer TEXT NOT NULL,
  last_cn INTEGER NOT NULL,
  clock_offset INTEGER,
  silent_since INTEGER
);

CREATE TABLE hj212_daily_counts (
  mn TEXT NOT NULL,
  day INTEGER NOT NULL,
  packets INTEGER NOT NULL DEFAULT 0,
  refused INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (mn, day)
) WITHOUT ROWID;

CREATE TABLE hj212_refusals (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  peer TEXT NOT NULL,
  mn TEXT NOT NULL,
  reason TEXT NOT NULL,
  head TEXT NOT NULL
);
CREATE INDEX hj212_refusals_mn ON hj212_refusals (mn, at);
CREATE INDEX hj212_refusals_at ON hj212_refusals (at);

CREATE TABLE hj212_recent (
  mn TEXT NOT NULL,
  cn INTEGER NOT NULL,
  data_time INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  items TEXT NOT NULL
);
CREATE INDEX hj212_recent_mn ON hj212_recent (mn, data_time);
CREATE INDEX hj212_recent_received ON hj212_recent (received_at);
)sql";
}

}  // namespace ecociv::store
