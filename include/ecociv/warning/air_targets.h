// Air target progress (剩余天数需控制浓度): for a city and a year, as of a
// date, the year-to-date figures, the days left, the highest mean the rest of
// the year may have for each annual mean to still meet its target, the
// non-good days still allowed for a good-day-ratio target, a projection from
// the same period of earlier years, a risk level, and warnings when the
// allowance is below what the rest of the year has historically needed.
//
// Rounding: the annual mean meets its target T when the mean of the year's
// daily values (rounded daily values when the assessment rules say so, as in
// air::AssessPeriod), rounded by GB/T 8170 to the report decimals d, is ≤ T.
// So the exact annual mean may reach B = T + ½·10^-d when that value rounds
// to T (half to even: T's last digit even), and must stay below B otherwise.
// The allowance is exact: (B·(n + R) − S)/R for S the sum of the n valid
// daily values so far and R the days left (all assumed valid); `inclusive`
// says whether the rest may come in at exactly that value. See docs/warning.md.
//
// Thread safety: pure functions of their arguments.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "ecociv/air/daily.h"
#include "ecociv/air/pollutant.h"
#include "ecociv/air/standards.h"
#include "ecociv/core/exact.h"
#include "ecociv/warning/messages.h"

namespace ecociv::warning {

struct MeanAllowance {
  Ratio value;            // the highest (or supremum) mean of the remaining days
  bool inclusive = true;  // the rest may equal `value` (else must stay below)
  Ratio bound;            // B, the largest exact annual mean that meets the target
};
// `sum` of `n` daily values so far, `days_left` > 0 to come, target and
// decimals of the rounded annual mean.
MeanAllowance ComputeMeanAllowance(const Ratio& sum, int n, int days_left, const Ratio& target,
                                   int decimals);
// The same from the bound itself: the rest's mean keeping the exact annual
// mean ≤ `bound` (`inclusive`) or < `bound`.
MeanAllowance AllowanceBelow(const Ratio& sum, int n, int days_left, const Ratio& bound,
                             bool inclusive);

// The most non-good days among `days_left` (all assumed valid) that keep the
// good-day ratio, rounded to `decimals` (percent), at or above `target`;
// -1 when even an all-good rest misses it.
int NonGoodDaysAllowed(int good, int valid, int days_left, const Ratio& target_percent,
                       int decimals);

struct HistoricalYear {
  int year = 0;
  std::optional<Ratio> ytd, rest, annual;  // means (or ratio / composite index)
  int rest_non_good = -1;                  // good-day target: non-good days of the rest
};

struct PollutantTarget {
  air::Pollutant pollutant = air::Pollutant::kPM25;
  Ratio target;
  int decimals = 0;
  int ytd_days = 0;
  std::optional<Ratio> ytd_mean;
  std::optional<MeanAllowance> allowance;
  std::vector<HistoricalYear> history;   // earlier years with data, latest first
  std::optional<Ratio> historical_rest;  // mean of the history's rest-of-year means
  std::optional<Ratio> projection;       // the annual mean if the rest is as historically
  std::string risk;                      // met / low / medium / high / missed
};

struct GoodDayTarget {
  Ratio target;  // percent
  int ytd_valid = 0, ytd_good = 0;
  std::optional<Ratio> ytd_ratio;
  int non_good_allowed = -1;
  std::vector<HistoricalYear> history;
  std::optional<int> historical_rest_non_good;  // mean, rounded down
  std::optional<Ratio> projection;
  std::string risk;
};

// A composite-index target (环境空气质量综合指数, HJ 663 §5.3 with the
// profile and rounding of the assessment rules). Its CO and O3 terms are
// percentiles of daily values, which no rest-of-year mean bounds, so the
// allowance is stated for PM2.5 — the term a city steers by — with every
// other term held at its year-to-date value: method "pm25-others-at-ytd"
// (docs/warning.md). `pm25_annual_target` is the highest rounded PM2.5 annual
// mean that keeps the rounded index at or below the target.
struct CompositeTarget {
  Ratio target;
  int decimals = 2;
  std::string method = "pm25-others-at-ytd";
  std::optional<Ratio> ytd;         // the year-to-date index
  std::optional<Ratio> others_ytd;  // the terms other than PM2.5, year to date
  std::optional<Ratio> pm25_annual_target;
  std::optional<MeanAllowance> pm25_allowance;
  std::optional<Ratio> historical_rest;  // PM2.5 rest-of-year mean of earlier years
  std::optional<Ratio> projection;       // the index with PM2.5 as historically, others at ytd
  std::string risk;                      // met / low / medium / high / missed / unknown
};

// A target judged by a percentile of daily values (O3-8h P90 ≤ 160, CO P95 ≤ 4 under
// GB 3095-2012 class 2): no rest-of-year mean bounds a percentile, so there is no
// allowance; the year to date is set against the limit and against the same period of
// the year before. Risk: "high" when the rounded year to date is above the target,
// "medium" when it is above 90 % of it, else "low"; "met"/"missed" once the year is over.
struct PercentileTarget {
  air::Pollutant pollutant = air::Pollutant::kO3;
  int rank = 90;  // the percentile
  Ratio target;
  int decimals = 0;
  int ytd_days = 0;
  std::optional<Ratio> ytd, last_year_ytd, last_year_annual;
  int exceedance_days = 0;  // days above the 24-h (O3: 8-h) limit, year to date
  std::string risk;
};

// How a target figure grew through the year: for each day from January 1 the
// year-to-date figure (the mean, or the percentile for a percentile target) as the
// assessment would publish it that day; this year to the as-of date, last year to its
// December 31 (empty without data).
struct TargetTrajectory {
  air::Pollutant pollutant = air::Pollutant::kPM25;
  bool percentile = false;
  int decimals = 0;
  Ratio target;
  std::vector<std::optional<Ratio>> this_year, last_year;  // index: day of the year − 1
};

struct AirTargetReport {
  std::string city;
  int year = 0;
  DayNumber as_of = 0;
  int days_elapsed = 0, days_left = 0;
  std::vector<PollutantTarget> pollutants;           // those with an annual limit
  std::vector<PercentileTarget> percentile_targets;  // O3-8h and CO (no annual mean limit)
  std::vector<TargetTrajectory> trajectories;        // every target above, in that order
  std::optional<GoodDayTarget> good_days;
  std::optional<Ratio> composite_ytd;
  std::vector<HistoricalYear> composite_history;  // ytd composite of earlier years
  std::optional<CompositeTarget> composite;       // with a composite target only
  std::vector<Message> warnings;                  // rendered Chinese first (messages.h)
  std::vector<std::string> notes;
};

struct AirTargetOptions {
  int year = 0;
  DayNumber as_of = 0;
  std::optional<Ratio> pm25_target;            // default: the annual limit in force
  std::optional<Ratio> good_day_ratio_target;  // percent; no good-day figures without it
  std::optional<Ratio> composite_target;       // no composite allowance without it
  std::vector<DayNumber> dust_days;            // 扣沙 (air::PeriodOptions::dust_days)
  int area_class = 2;
  std::string forced_edition;
};

// From the city's daily records (any years; earlier years give the history).
StatusOr<AirTargetReport> ComputeAirTargets(const std::vector<air::DailyRecord>& days,
                                            const air::AirStandards& standards,
                                            const AirTargetOptions& options);

// Fills the report's percentile targets and every target's trajectory (air_target_trajectory.cc).
Status AddPercentileTargetsAndTrajectories(const std::vector<air::DailyRecord>& days,
                                           const air::AirStandards& standards,
                                           const AirTargetOptions& options,
                                           AirTargetReport* report);

// An allowance for display: rounded *down* to `decimals`, so the printed value
// is never above the exact one ("54.13").
std::string FloorText(const Ratio& value, int decimals);
// The exact value as a fraction "p/q" (JSON and warning figures).
std::string ExactFraction(const Ratio& value);

// Text and JSON renderings (`ecociv air targets`).
std::string AirTargetsText(const AirTargetReport& report);
std::string AirTargetsJson(const AirTargetReport& report);

}  // namespace ecociv::warning
