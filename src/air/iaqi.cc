#include "ecociv/air/iaqi.h"

#include <cstdint>

namespace ecociv::air {

namespace {

// The same interpolation in 64-bit arithmetic, for values whose products fit
// (every station value: den 10^4, concentrations below 10^6).
int16_t LookupIaqi64(const BreakpointTable& table, int64_t scaled_num, int64_t den,
                     bool* above_table) {
  const size_t n = table.concentration.size();
  if (scaled_num > table.concentration[n - 1] * den) {
    *above_table = true;
    return kNoIaqi;
  }
  size_t i = 1;
  while (i < n - 1 && scaled_num > table.concentration[i] * den) ++i;
  const int64_t bp_lo = table.concentration[i - 1], bp_hi = table.concentration[i];
  const int64_t iaqi_lo = table.iaqi[i - 1], iaqi_hi = table.iaqi[i];
  const int64_t numerator =
      iaqi_lo * (bp_hi - bp_lo) * den + (iaqi_hi - iaqi_lo) * (scaled_num - bp_lo * den);
  const int64_t denominator = (bp_hi - bp_lo) * den;
  return static_cast<int16_t>(numerator / denominator + (numerator % denominator != 0));
}

}  // namespace

int16_t LookupIaqi(const BreakpointTable& table, const Ratio& c, bool* above_table) {
  *above_table = false;
  constexpr int128 kLimit = int128(1) << 20;
  if (c.den <= kLimit && c.num >= 0 && c.num <= (int128(1) << 30) && c.den > 0) {
    return LookupIaqi64(table, static_cast<int64_t>(c.num) * kConcentrationScale,
                        static_cast<int64_t>(c.den), above_table);
  }
  // Work in stored units: C × scale = c.num × scale / c.den, compared with the
  // scaled breakpoints without rounding anything.
  const int128 scaled_num = c.num * kConcentrationScale;
  const int128 den = c.den;
  const size_t n = table.concentration.size();
  if (scaled_num > int128(table.concentration[n - 1]) * den) {
    *above_table = true;
    return kNoIaqi;
  }
  size_t i = 1;
  while (i < n - 1 && scaled_num > int128(table.concentration[i]) * den) ++i;
  // Segment [i-1, i]: IAQI = lo + (hi − lo) × (C − BP_lo) / (BP_hi − BP_lo).
  const int128 bp_lo = table.concentration[i - 1], bp_hi = table.concentration[i];
  const int128 iaqi_lo = table.iaqi[i - 1], iaqi_hi = table.iaqi[i];
  const int128 numerator =
      iaqi_lo * (bp_hi - bp_lo) * den + (iaqi_hi - iaqi_lo) * (scaled_num - bp_lo * den);
  const int128 denominator = (bp_hi - bp_lo) * den;
  // 64-bit division when it fits (the common case: station values, den 10^4).
  constexpr int128 kInt64Max = INT64_MAX;
  if (numerator >= 0 && numerator <= kInt64Max && denominator <= kInt64Max) {
    int64_t n = static_cast<int64_t>(numerator), d = static_cast<int64_t>(denominator);
    return static_cast<int16_t>(n / d + (n % d != 0));
  }
  return static_cast<int16_t>(CeilDiv(numerator, denominator));
}

int16_t IaqiOnTable(const AqiEdition& edition, int table_index, const Ratio& c, bool* above_table) {
  const BreakpointTable& table = edition.table(table_index);
  int16_t iaqi = LookupIaqi(table, c, above_table);
  if (!*above_table || table.iaqi.back() < 500) return iaqi;
  switch (edition.above_last_breakpoint) {
    case AboveTableRule::kCap500:
      *above_table = false;
      return 500;
    case AboveTableRule::kExtrapolate: {
      *above_table = false;
      size_t n = table.concentration.size();
      const int128 bp_lo = table.concentration[n - 2], bp_hi = table.concentration[n - 1];
      const int128 iaqi_lo = table.iaqi[n - 2], iaqi_hi = table.iaqi[n - 1];
      const int128 scaled_num = c.num * kConcentrationScale;
      const int128 numerator =
          iaqi_lo * (bp_hi - bp_lo) * c.den + (iaqi_hi - iaqi_lo) * (scaled_num - bp_lo * c.den);
      int128 value = CeilDiv(numerator, (bp_hi - bp_lo) * c.den);
      return static_cast<int16_t>(value > 32000 ? 32000 : value);
    }
    case AboveTableRule::kNa:
      return kNoIaqi;
  }
  return kNoIaqi;
}

void CombineIaqi(const AqiEdition& edition, IndicatorMask expected, AqiResult* r) {
  int16_t max_iaqi = kNoIaqi;
  for (int i = 0; i < kIndicatorCount; ++i) {
    if (!(expected & MaskOf(Indicator(i)))) continue;
    if (r->iaqi[i] == kNoIaqi) {
      r->incomplete = true;
      continue;
    }
    if (r->iaqi[i] > max_iaqi) max_iaqi = r->iaqi[i];
  }
  r->aqi = max_iaqi;
  IndicatorMask absent = 0;
  for (int i = 0; i < kIndicatorCount; ++i) {
    if ((expected & MaskOf(Indicator(i))) && r->iaqi[i] == kNoIaqi) absent |= MaskOf(Indicator(i));
  }
  if (r->incomplete && (absent & ~edition.missing_rule_ignores) != 0) {
    switch (edition.missing_rule) {
      case MissingRule::kFromAvailable:
        break;
      case MissingRule::kRequireAll:
        r->aqi = kNoIaqi;
        break;
      case MissingRule::kHj633_2026_5_3:
        // Published only when the AQI of the others already exceeds 100.
        if (r->aqi <= 100) r->aqi = kNoIaqi;
        break;
    }
  }
  r->primary = 0;
  r->exceeding = 0;
  for (int i = 0; i < kIndicatorCount; ++i) {
    if (!(expected & MaskOf(Indicator(i))) || r->iaqi[i] == kNoIaqi) continue;
    if (r->aqi > 50 && r->iaqi[i] == r->aqi) r->primary |= MaskOf(Indicator(i));
    if (edition.report_exceeding && r->iaqi[i] > 100) r->exceeding |= MaskOf(Indicator(i));
  }
}

const AqiLevel& LevelOf(int aqi) {
  static const AqiLevel kLevels[] = {
      {1, "一级", "优", "Excellent", "绿色", "#00E400"},
      {2, "二级", "良", "Good", "黄色", "#FFFF00"},
      {3, "三级", "轻度污染", "Lightly polluted", "橙色", "#FF7E00"},
      {4, "四级", "中度污染", "Moderately polluted", "红色", "#FF0000"},
      {5, "五级", "重度污染", "Heavily polluted", "紫色", "#99004C"},
      {6, "六级", "严重污染", "Severely polluted", "褐红色", "#7E0023"},
  };
  if (aqi <= 50) return kLevels[0];
  if (aqi <= 100) return kLevels[1];
  if (aqi <= 150) return kLevels[2];
  if (aqi <= 200) return kLevels[3];
  if (aqi <= 300) return kLevels[4];
  return kLevels[5];
}

}  // namespace ecociv::air
