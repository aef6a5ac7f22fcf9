// IAQI and AQI arithmetic (HJ 633 §4 / §5): the interpolation formula on a
// breakpoint table, rounded up exactly; the table-end rules; the combination
// of IAQIs into the AQI with primary and exceeding pollutants; and the AQI
// levels with their categories and official colours.
//
// All functions are pure and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "ecociv/air/pollutant.h"
#include "ecociv/air/standards.h"
#include "ecociv/core/exact.h"

namespace ecociv::air {

inline constexpr int16_t kNoIaqi = -1;

// IAQI of `concentration` (in µg/m³, or mg/m³ for CO; exact) on `table`:
//   IAQI = (IAQI_hi − IAQI_lo)/(BP_hi − BP_lo) × (C − BP_lo) + IAQI_lo, rounded up.
// Sets *above_table and returns kNoIaqi when C is above the last breakpoint.
int16_t LookupIaqi(const BreakpointTable& table, const Ratio& concentration, bool* above_table);

// LookupIaqi plus the edition's rule for a full table's end (cap at 500,
// extrapolate, or NA). Short tables (SO2 1-h, O3 8-h) return kNoIaqi with
// *above_table set so the caller can apply their special rules.
int16_t IaqiOnTable(const AqiEdition& edition, int table_index, const Ratio& concentration,
                    bool* above_table);

// The AQI of one hour or day from the IAQIs of the indicators the report uses
// (`expected`: the indicators whose rule source is not kNone).
struct AqiResult {
  std::array<int16_t, kIndicatorCount> iaqi{kNoIaqi, kNoIaqi, kNoIaqi, kNoIaqi,
                                            kNoIaqi, kNoIaqi, kNoIaqi};
  int16_t aqi = kNoIaqi;        // kNoIaqi = NA
  IndicatorMask primary = 0;    // empty when AQI ≤ 50 or NA
  IndicatorMask exceeding = 0;  // IAQI > 100 (2012 only)
  bool incomplete = false;      // an expected indicator was missing
};

// Applies the edition's missing-pollutant rule, then sets primary pollutants
// (all indicators tied at the maximum, only when AQI > 50) and, where the
// edition defines them, exceeding pollutants.
void CombineIaqi(const AqiEdition& edition, IndicatorMask expected, AqiResult* result);

struct AqiLevel {
  int level;                     // 1..6
  std::string_view level_zh;     // 一级
  std::string_view category_zh;  // 优
  std::string_view category_en;  // Excellent
  std::string_view colour_zh;    // 绿色
  std::string_view colour_hex;   // #00E400
};

// The level of an AQI value (both editions share the bands).
const AqiLevel& LevelOf(int aqi);

}  // namespace ecociv::air
