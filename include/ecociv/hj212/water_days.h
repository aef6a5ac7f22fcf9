// Daily values of a surface-water section from its hourly packets (CN 2061,
// ST 21): automatic water stations send a value every few hours, while the
// store and the water engine hold one value per section, day and item.
//
// The rule (standards/hj212-2017.toml, [water_daily]; docs/hj212.md):
//   - a value belongs to the Beijing calendar day of the hour it measures
//     (DataTime, or DataTime − 1 h for a device registered with
//     hour_time = "end"), as the air hourly labels do;
//   - when a station sends one hour twice, the packet received last counts
//     (a resend with other values revises the day);
//   - only values whose flag enters statistics (data.valid, "N") are used;
//   - the day's value is the arithmetic mean of those values — the water
//     engine's period rule (sw-assessment-2011.toml, period.mean = "samples")
//     applied to one day — kept exactly and rounded half to even (GB/T 8170)
//     to 10⁻⁶ of the item's unit, the scale every water sample is stored at;
//     pH by `ph_mean` ("arithmetic", or "hydrogen_ion": −log₁₀ of the mean of
//     10^−pH, the names of sw-assessment-2011.toml's period.ph_mean);
//   - an item needs at least `min_values` such values in the day (UNVERIFIED,
//     default 1); with fewer it gets no daily value.
// Days are written once they are over (Beijing time), so a day's value is not
// revised at every packet; a packet for a day already written revises it.
//
// Thread safety: WaterDayMeans is pure; AggregateWaterDays uses the caller's
// database connection.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/hj212/readings.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::hj212 {

// One item's value from one hourly packet, in the order the packets came.
struct WaterHourValue {
  int64_t data_time = 0;  // the hour's start, seconds since 2000-01-01 Beijing
  int16_t item = 0;       // index into the water rules' items
  int64_t value = 0;      // scaled by water::kWaterScale
  char flag = 'N';
};

struct WaterDayValue {
  int16_t item = 0;
  int64_t value = 0;  // scaled by water::kWaterScale
  int used = 0;       // hourly values in the mean
  int left_out = 0;   // hourly values flagged out of statistics
};

// The daily value of each item of one section-day (items in index order):
// `valid_flags` are the flags that enter statistics.
std::vector<WaterDayValue> WaterDayMeans(const water::WaterRules& water, const WaterDayRules& rules,
                                         std::string_view valid_flags,
                                         const std::vector<WaterHourValue>& hours);
// The same with the rules and flags of the standards file.
std::vector<WaterDayValue> WaterDayMeans(const Readings& readings,
                                         const std::vector<WaterHourValue>& hours);

struct WaterDayReport {
  int days_written = 0;  // section-days whose daily values were imported (new or revised)
  int days_unchanged = 0;
  int days_too_old = 0;          // packets of days older than keep_days: not aggregated
  std::vector<int64_t> batches;  // the imports' batches (to screen)
};

// Writes the daily values of every section-day that is over at `now_unix`
// and has an hourly water packet in hj212_recent received at or after
// `received_since_unix`, or whose day ended after it (0: every day kept).
// Each section-day is one water import (store/water_store.h: batch, change
// record, revisions), in one transaction with the others.
StatusOr<WaterDayReport> AggregateWaterDays(store::Database* db, const Readings& readings,
                                            int64_t received_since_unix, int64_t now_unix,
                                            const store::Actor& actor);

}  // namespace ecociv::hj212
