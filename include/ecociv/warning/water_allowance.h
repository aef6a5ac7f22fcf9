// Water target progress (the water analogue of the air allowance,
// air_targets.h): for each section and a year, the year-to-date class
// against the section's annual target month by month, the months left, and
// for each item the mean the rest of the year may have so that the year's
// mean still meets the limit of the target class.
//
// The year's class is the class of the year's item means (water::
// EvaluateSection over 1 January..31 December, the assessment's options:
// below-detection substitution, rounding to the item decimals before
// classifying). For an item with a maximum limit L and d decimals, the
// rounded annual mean meets L when the exact mean is ≤ B = L + ½·10^-d
// (when B rounds to L, half to even) or < B (otherwise); for a minimum (DO),
// ≥ B = L − ½·10^-d likewise. Without rounding before classification B = L,
// inclusive. With S the sum of the n values so far and R values still to
// come, the rest's mean m must satisfy (S + R·m)/(n + R) ≤ B (≥ for a
// minimum): m ≤ (B·(n + R) − S)/R, exact. R assumes the rest of the year is
// sampled as often as the year so far: R = k × months_left with
// k = max(1, floor(n / months_elapsed)). docs/water.md, "Water allowance".
//
// Thread safety: pure functions.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/exact.h"
#include "ecociv/water/assessment.h"

namespace ecociv::warning {

struct ItemAllowance {
  int item = -1;
  bool minimum = false;  // DO: the rest's mean must stay at or above `allowance`
  int samples = 0;       // n
  Ratio ytd_mean;        // exact
  int64_t limit = 0;     // the target class's limit, scaled
  int remaining = 0;     // R
  // The rest's mean that keeps the year at the target; none when no value is
  // left (the year is over). `inclusive`: the rest may equal it.
  std::optional<Ratio> allowance;
  bool inclusive = true;
  // "met" (year over and met), "missed" (over and missed, or no rest can
  // reach it: a maximum allowance below zero), "on_track" (the year so far
  // already meets it and the allowance is not below the year so far), "at_risk".
  std::string state;
};

struct MonthProgress {
  int month = 0;  // 1..12: the year to the end of this month
  std::optional<water::WaterClass> ytd_class;
  bool meets_target = false;
  int months_left = 0;
};

struct SectionAllowance {
  int section = -1;
  water::WaterClass target = water::WaterClass::kIII;
  std::vector<MonthProgress> months;  // January .. the as-of month (complete months)
  std::vector<ItemAllowance> items;   // as of the last month, items with samples
};

struct WaterAllowanceReport {
  int year = 0;
  DayNumber as_of = 0;
  int month = 0;  // the last complete month on or before as_of (0: none)
  int months_left = 0;
  std::vector<SectionAllowance> sections;
};

// `as_of` must fall in `year`; only complete months count (as the warnings do).
StatusOr<WaterAllowanceReport> ComputeWaterAllowance(const water::WaterRules& rules,
                                                     const water::SampleSet& set,
                                                     const water::SectionSamples& index, int year,
                                                     DayNumber as_of);

// The allowance as printed: one decimal more than the item's, rounded
// towards safety (down for a maximum, up for a minimum); "" without one.
std::string AllowanceDisplay(const water::WaterRules& rules, const ItemAllowance& allowance);

// Renderings (`ecociv water allowance --format text|json|csv`, the API).
// CSV: one row per section and item: year, month, months_left, section, name,
// target_class, ytd_class, meets_target, item, samples, ytd_mean (item
// decimals), limit, remaining_values, allowance (rounded towards safety:
// down for a maximum, up for a minimum, one decimal more than the item's),
// allowance_exact (p/q), inclusive, state. JSON adds the month-by-month classes.
std::string WaterAllowanceText(const water::WaterRules& rules, const water::SampleSet& set,
                               const WaterAllowanceReport& report);
std::string WaterAllowanceJson(const water::WaterRules& rules, const water::SampleSet& set,
                               const WaterAllowanceReport& report);
std::string WaterAllowanceCsv(const water::WaterRules& rules, const water::SampleSet& set,
                              const WaterAllowanceReport& report);

}  // namespace ecociv::warning
