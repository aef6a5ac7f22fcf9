// The notice level of a water warning rule set: items approaching the limit
// of the section's target class, and items whose least-squares trend would
// pass it within a few months (NoticeRule in water_warning.h; the methods in
// docs/water.md, "Before a section slips").
//
// Exactness: values are the stored scaled integers; the share test is
// value × 100 > share × limit in integers; the trend is the ordinary
// least-squares line of value on day number, computed in 128-bit integers,
// and its crossing day is found by exact floor division. No float is used.
//
// Thread safety: pure functions.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/exact.h"
#include "ecociv/water/periods.h"
#include "ecociv/warning/water_warning.h"

namespace ecociv::warning {

struct TrendPoint {
  DayNumber day = 0;
  int64_t value = 0;  // scaled by water::kWaterScale
};

struct TrendProjection {
  Ratio slope_per_day;  // in the item's unit per day
  Ratio fitted_last;    // the line at the last point's day, in the item's unit
  // With a positive slope: the first whole day on which the line is above
  // `limit` (the line equals the limit at t* = x̄ + (L − ȳ)/b; the day is
  // floor(t*) + 1, since a value equal to the limit still meets it).
  std::optional<DayNumber> crossing_day;
};

// The least-squares line through `points` (at least two different days) and
// where it passes `limit` (scaled); nullopt when the days are all the same.
std::optional<TrendProjection> ProjectTrend(const std::vector<TrendPoint>& points, int64_t limit);

// The same day of the month `months` later, clipped to the month's length
// (2026-01-31 + 1 month = 2026-02-28).
DayNumber AddMonths(DayNumber day, int months);

// Evaluates the rule set's notice rules for every section not already at a
// warning level in `out->findings` at `as_of` and adds
// one finding per section with a notice (rank 0, the rule set's notice level,
// every rule that held as a message) to out->early_notices; sets
// out->notices_evaluated when the rule set has notice rules.
//
// With `periods`, a rule is judged with the overrides of the period that
// holds for the section (WaterPeriods::NoticePeriod) on the day it rests on —
// the latest sample's day for basis "sample", the as-of date for the means
// and the trend — and a rule that held so is followed by a message naming the
// period and the tightened parameter (period_share, period_trend).
void AddLimitNotices(const water::WaterRules& rules, const WarningRuleSet& rule_set,
                     const water::SampleSet& set, const water::SectionSamples& index,
                     DayNumber as_of, WaterEvaluation* out,
                     const water::WaterPeriods* periods = nullptr);

}  // namespace ecociv::warning
