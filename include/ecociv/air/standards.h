// The air-quality rules as data: AQI editions (HJ 633), limit editions
// (GB 3095) and the assessment rules (HJ 663), loaded from the versioned TOML
// files under standards/ (compiled in; --standards DIR overrides).
//
// Edition choice: by the hour label of the data (the 2012 rules for hours
// before 2026-03-01 01:00, the 2026 rules from then on), unless the caller
// forces one AQI edition by id; the GB 3095 edition follows the AQI edition
// (its paired_limits) when forced, else the date. Every rule the reference
// marks UNVERIFIED is a named option in the files.
//
// Thread safety: an AirStandards is immutable after Load and may be shared.
#pragma once

#include <array>
#include <climits>
#include <map>
#include <string>
#include <vector>

#include "ecociv/air/pollutant.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/exact.h"
#include "ecociv/core/status.h"

namespace ecociv::air {

// One IAQI breakpoint table: concentration[i] maps to iaqi[i]. Concentrations
// are scaled by kConcentrationScale.
struct BreakpointTable {
  std::string name;  // "pm25_24h"
  std::vector<int64_t> concentration;
  std::vector<int32_t> iaqi;
};

// Which value of a pollutant an indicator is computed from.
enum class ValueSource : uint8_t {
  kNone,       // not part of this report
  kHour,       // the hour's value
  kMoving24h,  // mean of the hour and the 23 before (≥ min_hours_per_day valid)
  kMoving8h,   // mean of the hour and the 7 before (≥ min_hours_per_8h valid)
  kDay24h,     // calendar-day mean of hours 01..24
  kMda8,       // daily maximum 8-h moving average over windows ending 08..24
  kMaxHour,    // daily maximum hourly value
};

struct IndicatorRule {
  ValueSource source = ValueSource::kNone;
  int table = -1;  // index into AqiEdition::tables
};

enum class AboveTableRule { kCap500, kExtrapolate, kNa };
enum class So2HighRule { kFallback1hOn24hTable, kFallback24hMoving, kFixed200, kNa };
enum class O3HighRule { kFallbackO3_1h, kFixed300, kNa };
enum class MissingRule { kFromAvailable, kRequireAll, kHj633_2026_5_3 };

struct AqiEdition {
  std::string id;  // "hj633-2012"
  std::string title;
  std::string origin;         // "built-in" or the file path
  std::string paired_limits;  // "gb3095-2012"
  HourLabel applies_from = INT32_MIN;
  HourLabel applies_until = INT32_MAX;  // exclusive
  int aqi_minimum = 0;
  std::vector<BreakpointTable> tables;
  std::array<IndicatorRule, kIndicatorCount> hourly;
  std::array<IndicatorRule, kIndicatorCount> daily;
  So2HighRule so2_1h_above_table = So2HighRule::kNa;
  O3HighRule o3_8h_above_table = O3HighRule::kNa;
  AboveTableRule above_last_breakpoint = AboveTableRule::kCap500;
  bool round_concentrations = false;
  std::array<int, kPollutantCount> decimals{0, 0, 1, 0, 0, 0};
  MissingRule missing_rule = MissingRule::kFromAvailable;
  // A pollutant marked "/" (not in the monitoring plan) is left out of the
  // missing-data rule (HJ 633-2026 §5.3 second paragraph) when true.
  bool not_in_plan_exempt = true;
  // Indicators whose absence alone does not trigger the missing-data rule
  // (not in the text of any edition; an option to reproduce a platform).
  IndicatorMask missing_rule_ignores = 0;
  bool report_exceeding = false;

  const BreakpointTable& table(int index) const { return tables[index]; }
  int FindTable(const std::string& name) const;
};

// Limits of one GB 3095 stage, scaled by kConcentrationScale, for class I and II.
struct LimitStage {
  std::string name;  // "transition"
  DayNumber from = INT32_MIN;
  DayNumber until = INT32_MAX;  // exclusive
  // Keys such as "pm25_annual", "pm25_24h", "o3_mda8", "co_24h".
  std::map<std::string, std::array<int64_t, 2>> limits;
  // The limit for `key` and area class (1 or 2); false when absent.
  bool Get(const std::string& key, int area_class, int64_t* scaled) const;
};

struct Validity {
  int min_hours_per_day = 20;
  int min_hours_per_8h = 6;
  int min_days_per_year = 324;
  int min_days_per_month = 27;
  int min_days_per_february = 25;
};

struct LimitsEdition {
  std::string id;  // "gb3095-2026"
  std::string title;
  std::string origin;
  DayNumber applies_from = INT32_MIN;
  DayNumber applies_until = INT32_MAX;
  std::vector<LimitStage> stages;
  Validity validity;

  const LimitStage& StageFor(DayNumber day) const;
};

struct CompositeTerm {
  int64_t denominator = 1;  // scaled by kConcentrationScale
  int weight = 1;
};

struct AssessmentRules {
  std::string id = "hj663-2013";
  std::string origin;
  int mda8_first_window_end_hour = 8;
  int mda8_min_windows = 14;
  bool mda8_exceeding_valid_with_fewer = true;
  int o3_max_1h_min_hours = 20;
  bool city_average_hourly = true;  // false: mean of station daily values
  bool city_exclude_background = true;
  Ratio city_min_station_share = Ratio::Integer(0);
  std::array<int, kPollutantCount> percentile{98, 98, 95, 90, 95, 95};
  bool round_daily_values = true;
  int good_day_max_aqi = 100;
  int heavy_pollution_min_aqi = 201;
  int concentration_decimals = 0;
  int co_decimals = 1;
  // The decimals a concentration of `p` is printed with (CO's own, else the
  // concentrations').
  int DecimalsOf(Pollutant p) const {
    return p == Pollutant::kCO ? co_decimals : concentration_decimals;
  }
  int composite_index_decimals = 2;
  int ratio_percent_decimals = 1;
  std::string composite_profile = "ranking-2014";
  bool composite_round_first = true;
  std::map<std::string, std::array<CompositeTerm, kPollutantCount>> composite_profiles;
};

class AirStandards {
 public:
  // Loads the compiled-in standards, overridden by *.toml in override_dir.
  static StatusOr<AirStandards> Load(const std::string& override_dir = "");

  // The AQI edition for an hour; `forced_id` empty or "auto" means by date.
  StatusOr<const AqiEdition*> AqiFor(HourLabel label, const std::string& forced_id) const;
  const AqiEdition* FindAqi(const std::string& id) const;
  const LimitsEdition* FindLimits(const std::string& id) const;
  // The limits for a day: the forced AQI edition's pair, else by date.
  StatusOr<const LimitsEdition*> LimitsFor(DayNumber day, const std::string& forced_aqi_id) const;
  const AssessmentRules& assessment() const { return assessment_; }
  const std::vector<AqiEdition>& aqi_editions() const { return aqi_; }

 private:
  std::vector<AqiEdition> aqi_;
  std::vector<LimitsEdition> limits_;
  AssessmentRules assessment_;
};

}  // namespace ecociv::air
