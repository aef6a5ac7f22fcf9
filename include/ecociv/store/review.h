// The data review (数据审核): screening rules that mark hourly air values and
// water samples as suspect, and the reviewer's decisions that invalidate or
// clear them.
//
// The rules are data (config/review.toml, compiled in; a user file may
// replace it): each rule is named, can be disabled, and has its parameters
// documented there and in docs/review.md. ScreenAirDataset is pure; the store
// functions write flags and decisions and append change-record entries.
//
// Validity model: a flag never changes data. An "invalidate" decision covers
// one station, one pollutant (or all), and an hour range — or one section,
// one water item (or all) and a day range; values it covers are left out by
// LoadAirDataset (air_store.h) and LoadWaterSamples (water_store.h). A later "clear"
// decision over the same values reinstates them; the last decision wins.
//
// Thread safety: ReviewRules is a value; the store functions need exclusive
// use of the Database.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ecociv/air/dataset.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"
#include "ecociv/water/rules.h"
#include "ecociv/water/samples.h"

namespace ecociv::store {

// Parameters of the screening rules; values scaled by 10^4 like the dataset.
struct ReviewRules {
  using PerPollutant = std::array<int64_t, air::kPollutantCount>;

  bool impossible_enabled = true;
  PerPollutant impossible_max{};

  bool pm_ratio_enabled = true;
  int64_t pm_ratio_tolerance = 0;
  int pm_ratio_min_hours = 1;

  bool flat_enabled = true;
  int flat_min_hours = 12;
  PerPollutant flat_min_value{};

  bool spike_enabled = true;
  double spike_factor = 4;
  PerPollutant spike_min_jump{};

  bool gap_enabled = true;
  int gap_min_hours = 24;

  bool drop_enabled = true;
  std::vector<air::Pollutant> drop_pollutants;
  int drop_window_hours = 24;
  double drop_ratio = 0.5;
  double drop_neighbour_min_ratio = 0.8;
  int64_t drop_min_drop = 0;
  int drop_min_neighbours = 2;

  // Water samples, by water item id; values scaled by 10^6 (water::kWaterScale).
  bool water_range_enabled = true;
  std::map<std::string, int64_t> water_min, water_max;
  bool water_dl_enabled = true;
  std::map<std::string, int64_t> water_detection_limit;

  std::string source;  // "built-in" or the file path
  std::string sha256;  // of the config text
};

// Parses rules from TOML text (the format of config/review.toml); a missing
// or mistyped parameter is an error naming it.
StatusOr<ReviewRules> ParseReviewRules(const std::string& text, const std::string& source);
// The rules from `path`, or the built-in config/review.toml when empty.
StatusOr<ReviewRules> LoadReviewRules(const std::string& path);

struct ReviewFlag {
  bool water = false;     // a section's water samples, not a station's air values
  std::string subject;    // station code, or section code when `water`
  std::string pollutant;  // "pm25", ..., or "all"; the water item id when `water`
  int32_t from = 0;       // first and last hour label flagged (day numbers when `water`)
  int32_t to = 0;
  std::string rule;    // "flat_line", ...
  std::string detail;  // "pm25 = 35 for 14 h"
};

// Applies every enabled rule to every station of `dataset`. Flags are in
// station order, then rule order, then time.
std::vector<ReviewFlag> ScreenAirDataset(const air::AirDataset& dataset, const ReviewRules& rules);

// Applies the enabled water rules to every sample of `set`.
std::vector<ReviewFlag> ScreenWaterSamples(const water::SampleSet& set,
                                           const water::WaterRules& water_rules,
                                           const ReviewRules& rules);

// Screens the data an import batch wrote (air: with the other stations of the
// same cities over the same hours, for the neighbour rule; water: the
// batch's samples), stores new flags for the batch's stations or sections and
// appends a "review.screen" entry. Returns the number
// of new flags. `config_path` as in LoadReviewRules.
// `standards_dir` as in water::WaterRules::Load (water batches only).
StatusOr<int64_t> ScreenBatch(Database* db, int64_t batch_id, const std::string& config_path,
                              const std::string& standards_dir = "");
// The same with rules already loaded.
StatusOr<int64_t> ScreenBatchWithRules(Database* db, int64_t batch_id, const ReviewRules& rules,
                                       const std::string& standards_dir = "");
// Many small batches (the HJ 212 receiver's, one station-hour each): each
// batch still gets its own run and change-record entry, but air batches whose
// hours lie within 48 hours of each other are screened together, over the
// union of their cities and hours (one load instead of one per batch; the
// rules over time see the neighbouring hours as well). A batch's run stores
// the flags of its own stations that overlap its hours.
StatusOr<int64_t> ScreenBatchesWithRules(Database* db, const std::vector<int64_t>& batch_ids,
                                         const ReviewRules& rules,
                                         const std::string& standards_dir = "");

// A stored flag with its id and status ("suspect", "invalidated", "cleared").
struct StoredFlag {
  int64_t id = 0;
  ReviewFlag flag;
  std::string status;
};

struct FlagFilter {
  std::string status;   // empty = all
  std::string subject;  // station or section code; empty = all
  std::string rule;     // empty = all
};
StatusOr<std::vector<StoredFlag>> ListFlags(Database* db, const FlagFilter& filter);

// A reviewer's decision. Either flag_id (the decision covers the flag's
// subject, pollutant or item, and hours or days) or station/pollutant/from/to
// (hour labels) or section/pollutant/from/to (pollutant = a water item by id
// or name; from/to = day numbers).
struct DecisionRequest {
  std::string action;  // "invalidate" or "clear"
  int64_t flag_id = 0;
  std::string station;
  std::string section;
  std::string pollutant;  // empty or "all" = every pollutant (item)
  int32_t from = 0, to = 0;
  std::string reason;  // required
};

// Records the decision and its change-record entry in one transaction;
// returns the decision id.
StatusOr<int64_t> RecordDecision(Database* db, const DecisionRequest& request, const Actor& actor);

// The payload digest of a stored decision (shared with verify).
StatusOr<std::string> DecisionDigest(Database* db, int64_t decision_id);
// The payload digest of the flags a screening run stored (shared with verify).
StatusOr<std::string> ScreeningRunDigest(Database* db, int64_t run_id);

}  // namespace ecociv::store
