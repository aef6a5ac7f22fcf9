// The surface-water rules: GB 3838-2002 items and class limits, the 2011
// assessment method, CWQI (2017) and the trophic state index, read from the
// versioned files standards/gb3838-2002.toml, sw-assessment-2011.toml,
// cwqi-2017.toml and tli.toml (compiled in; --standards DIR overrides).
//
// Every limit is an exact decimal held as an integer scaled by kWaterScale
// (10^6 of the item's unit, enough for mercury's 0.00005 mg/L and half of a
// 0.00001 mg/L detection limit). Every UNVERIFIED rule of the method is a named
// option in WaterOptions, with the default documented in the TOML file and in
// docs/water.md.
//
// WaterRules is a plain value: once loaded (and, optionally, its options
// changed through mutable_options() before use) it may be shared read-only
// between threads.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/exact.h"
#include "ecociv/core/status.h"

namespace ecociv::water {

// Values and limits are integers in units of 10^-6 of the item's unit.
inline constexpr int kWaterDecimals = 6;
inline constexpr int64_t kWaterScale = 1000000;

inline Ratio WaterValue(int64_t scaled) { return Ratio::Of(scaled, kWaterScale); }

// Water quality classes of GB 3838; kWorseThanV is 劣V.
enum class WaterClass : int8_t { kI = 1, kII, kIII, kIV, kV, kWorseThanV };

// "I" .. "V", "劣V".
const char* ClassLabel(WaterClass c);
// Accepts I..V, Ⅰ..Ⅴ (Unicode Roman numerals), 1..5, with or without a 类 suffix.
std::optional<WaterClass> ParseClass(std::string_view text);

enum class WaterBody : int8_t { kRiver, kLake, kReservoir };
const char* WaterBodyName(WaterBody body);
inline bool IsLakeLike(WaterBody body) { return body != WaterBody::kRiver; }

enum class LimitKind : int8_t { kMax, kMin, kRange, kNone };

struct WaterItem {
  std::string id;      // "nh3n"
  std::string name;    // "氨氮"
  std::string symbol;  // "NH3-N"
  std::string hj212;   // "w21003", may be empty
  std::vector<std::string> aliases;
  std::string unit;  // "mg/L", "1" (pH), "/L", "mg/m3", "m", "°C"
  LimitKind kind = LimitKind::kNone;
  std::array<int64_t, 5> limits{};                    // class I..V, scaled
  std::optional<std::array<int64_t, 5>> lake_limits;  // lakes and reservoirs
  int64_t range_low = 0, range_high = 0;              // kRange (pH)
  int decimals = 3;                                   // evaluation-data decimals
  bool evaluated = false;                             // one of the 21 items of the section class
  bool separate = false;                              // TN, fecal coliform: reported apart
  bool has_multiple = false;                          // gets an exceedance multiple

  // The class limits that apply to `body` (lake TP for lakes and reservoirs).
  const std::array<int64_t, 5>& LimitsFor(WaterBody body) const {
    return IsLakeLike(body) && lake_limits ? *lake_limits : limits;
  }
};

struct StatusWord {
  std::string word;       // 优, 良好, 轻度污染, 中度污染, 重度污染
  std::string colour;     // blue, green, yellow, orange, red
  std::string colour_zh;  // 蓝 ...
};

enum class PeriodMean : int8_t { kSamples, kMonthlyMeans };
enum class PhMean : int8_t { kArithmetic, kHydrogenIon };
enum class BelowDetectionMean : int8_t { kHalf, kZero, kLimit };
enum class MainPollutantsRule : int8_t { kMultiple, kClassThenMultiple };
enum class CityCwqi : int8_t { kSectionWeighted, kRiverOnly, kPooled };

// The named options of the 2011 method, CWQI and TLI (defaults in the TOML files).
struct WaterOptions {
  PeriodMean period_mean = PeriodMean::kSamples;
  PhMean ph_mean = PhMean::kArithmetic;
  bool round_before_classification = true;
  BelowDetectionMean below_dl_mean = BelowDetectionMean::kHalf;
  bool cap_class_at_limit = true;
  bool nd_without_limit_is_error = false;
  std::vector<WaterBody> tn_class_for = {WaterBody::kLake, WaterBody::kReservoir};

  WaterClass multiple_basis = WaterClass::kIII;
  int multiple_decimals = 1;
  MainPollutantsRule main_rule = MainPollutantsRule::kMultiple;
  int max_main_pollutants = 3;
  bool no_multiple_in_main = true;  // "after"

  int share_method_min_sections = 5;
  int excellent_min_share = 90;
  int good_min_share = 75;
  int light_max_worse_than_v = 20;
  int heavy_min_worse_than_v = 40;
  int heavy_max_good_share = 75;
  int share_decimals = 1;

  WaterClass cwqi_basis = WaterClass::kIII;
  Ratio cwqi_ph_neutral = Ratio::Integer(7);
  Ratio cwqi_ph_low = Ratio::Integer(6);
  Ratio cwqi_ph_high = Ratio::Integer(9);
  bool cwqi_use_rounded_means = true;
  int cwqi_decimals = 4;
  CityCwqi cwqi_city = CityCwqi::kSectionWeighted;
  int delta_cwqi_decimals = 2;

  int tli_decimals = 1;
  int tli_min_parameters = 3;
  bool tli_require_chla = true;
};

struct TliParameter {
  std::string item;  // "chla", "tp", "tn", "sd", "codmn"
  double r = 0, a = 0, b = 0;
};

class WaterRules {
 public:
  // Loads the four water files from the standards (compiled in, or replaced by
  // files of the same name in `override_dir`).
  static StatusOr<WaterRules> Load(const std::string& override_dir);
  // Builds the rules from file texts keyed by file name ("gb3838-2002.toml", ...).
  static StatusOr<WaterRules> FromTexts(const std::map<std::string, std::string>& texts);

  const std::vector<WaterItem>& items() const { return items_; }
  const WaterItem& item(int index) const { return items_[index]; }
  // Index of the item with this id, or -1.
  int IndexOf(std::string_view id) const;
  // Finds an item by id, Chinese name, symbol, alias or HJ 212 code
  // (case-insensitive for ASCII); -1 when unknown.
  int Recognise(std::string_view text) const;
  // The 21 evaluated items in Table 1 order.
  const std::vector<int>& evaluated() const { return evaluated_; }
  const StatusWord& Status(WaterClass c) const { return status_[static_cast<int>(c) - 1]; }
  const std::vector<TliParameter>& tli_parameters() const { return tli_; }
  const WaterOptions& options() const { return options_; }
  WaterOptions& mutable_options() { return options_; }
  // "gb3838-2002 sw-assessment-2011 cwqi-2017 tli" with their origins.
  const std::vector<std::string>& editions() const { return editions_; }

 private:
  std::vector<WaterItem> items_;
  std::vector<int> evaluated_;
  std::array<StatusWord, 6> status_;
  std::vector<TliParameter> tli_;
  WaterOptions options_;
  std::vector<std::string> editions_;
  std::map<std::string, int> lookup_;  // normalised name → item index
};

}  // namespace ecociv::water
