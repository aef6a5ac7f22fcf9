// What a data packet's values mean: the measured items of an air station
// (ST 22) and a surface-water station (ST 21) as the store holds them.
//
// Air: the six pollutants by their HJ 212 codes (standards/hj212-2017.toml,
// [air_codes]) as integers scaled by 10^4 (µg/m³, CO mg/m³; more decimals are
// rounded half to even as the file readers do); water: the items of the
// water rules by their `hj212` codes, scaled by 10^6 of the item's unit.
// Codes the station does not store (weather, noise, TSP…) are skipped.
// A value with a flag other than N keeps its flag (the store leaves it out of
// statistics); a negative concentration is dropped as the air readers drop
// it. A value too large for the store refuses the packet.
//
// Time: an hourly packet's DataTime must be on the hour and gives the
// hour-ending label (HourTime says whether DataTime names the hour's start,
// the default, or its end); a daily packet's must be 00:00:00 and gives the
// day; real-time and minute packets keep their time to the second.
//
// Thread safety: a Readings is immutable after Load and may be shared.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/air/dataset.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"
#include "ecociv/hj212/data.h"
#include "ecociv/water/rules.h"

namespace ecociv::hj212 {

enum class HourTime : uint8_t { kStart = 0, kEnd = 1 };
const char* HourTimeName(HourTime t);  // "start", "end"
bool ParseHourTime(std::string_view text, HourTime* t);

// One air packet: the six pollutants in air::Pollutant order.
struct AirReading {
  int64_t data_time = 0;  // seconds since 2000-01-01 Beijing time
  HourLabel label = 0;    // hourly: the hour-ending label; else the label of the hour it falls in
  std::array<int32_t, air::kPollutantCount> values{};  // air::kMissing when absent
  std::array<char, air::kPollutantCount> flags{};      // 'N', another flag, or 0 when absent
  int negative_dropped = 0;
  int stored_items = 0;  // pollutants with a value or a flag
};

struct WaterValue {
  int16_t item = 0;   // index into the water rules' items
  int64_t value = 0;  // scaled by water::kWaterScale
  char flag = 'N';
};

struct WaterReading {
  int64_t data_time = 0;
  DayNumber day = 0;  // the calendar day of data_time (daily: DataTime's date)
  std::vector<WaterValue> values;
  int negative_dropped = 0;
};

// How hourly water packets make a daily value (standards/hj212-2017.toml,
// [water_daily]; hj212/water_days.h).
struct WaterDayRules {
  int min_values = 1;            // valid hourly values an item needs in a day [U]
  bool ph_hydrogen_ion = false;  // ph_mean = "hydrogen_ion" (else "arithmetic")
  int64_t keep_days = 40;        // hourly water packets kept to recompute a day
};

class Readings {
 public:
  // standards/hj212-2017.toml and the water rules, from the built-in
  // standards or `standards_dir`'s files of the same names.
  static StatusOr<Readings> Load(const std::string& standards_dir);

  // The air values of a data record of command `cn`; InvalidArgument when
  // the time does not fit the command or a value is out of range.
  Status ToAir(const DataRecord& record, HourTime hour_time, int cn, AirReading* out) const;
  Status ToWater(const DataRecord& record, int cn, WaterReading* out) const;

  const water::WaterRules& water_rules() const { return water_; }
  // The code of pollutant p ("a34004").
  const std::string& AirCode(air::Pollutant p) const { return air_codes_[int(p)]; }
  // True when `flag` lets a value enter statistics.
  bool IsValidFlag(char flag) const { return valid_flags_.find(flag) != std::string::npos; }
  const std::string& valid_flags() const { return valid_flags_; }
  HourTime default_hour_time() const { return default_hour_time_; }
  const WaterDayRules& water_day() const { return water_day_; }
  int64_t max_future_seconds() const { return max_future_seconds_; }
  const std::string& origin() const { return origin_; }

 private:
  std::array<std::string, air::kPollutantCount> air_codes_;
  std::map<std::string, int16_t, std::less<>> water_codes_;
  water::WaterRules water_;
  std::string valid_flags_ = "N";
  HourTime default_hour_time_ = HourTime::kStart;
  WaterDayRules water_day_;
  int64_t max_future_seconds_ = 3600;
  std::string origin_;
};

}  // namespace ecociv::hj212
