// The current-hour display of a station or section: for the hour in progress
// and the hour before it, either the hour's value (the hourly packet, CN 2061,
// or a file: what the store holds and the assessments use) or, until it
// arrives, a PROVISIONAL value computed when read from the minute (CN 2051) or
// real-time (CN 2011) data the receiver keeps in hj212_recent.
//
// A provisional value is the arithmetic mean of the hour's values flagged
// normal (data.valid) of minute data, or of real-time data when no minute
// packet came, rounded half to even to the most decimals the device sent for
// the item. It is never stored: it is not validated (no screening, no
// review), enters no statistic and no assessment, and disappears when the
// hourly value exists. That is why it is computed from the kept packets
// rather than written anywhere the engines read.
//
// Thread safety: uses the caller's database connection.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"
#include "ecociv/hj212/readings.h"
#include "ecociv/store/database.h"

namespace ecociv::hj212 {

struct CurrentValue {
  std::string code;    // "a34004", "w01001"
  std::string symbol;  // "PM2.5", "pH"
  std::string unit;    // "µg/m³", "mg/L"
  std::string value;   // "35.5"; "" when no value enters (all flagged)
  int count = 0;       // values in a provisional mean (0 for an hourly value)
  std::string flags;   // the flags other than N seen ("M"), "" when none
};

struct CurrentHour {
  HourLabel label = 0;  // hour-ending: the hour [label − 1 h, label)
  std::string source;   // "hourly", "provisional" or "none"
  int from_cn = 0;      // provisional: 2051 or 2011
  int packets = 0;      // provisional: packets in the mean
  std::vector<CurrentValue> values;
};

struct CurrentReport {
  std::string code, kind;  // "station" or "section"
  int64_t now_unix = 0;
  std::vector<CurrentHour> hours;  // the hour in progress, then the one before
};

// NotFound when no active logger is registered to `code`.
StatusOr<CurrentReport> LoadCurrentHour(store::Database* db, const Readings& readings,
                                        const std::string& code, int64_t now_unix);

// {"station", "kind", "as_of", "hours": [{"start", "end", "source",
// "provisional", "from_cn", "packets", "values": [{"code", "symbol", "unit",
// "value", "count", "flags"}]}]} (times Beijing; docs/formats.md).
std::string CurrentHourJson(const CurrentReport& report);

}  // namespace ecociv::hj212
