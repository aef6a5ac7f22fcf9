// The readiness verdict of a city for one year: per indicator met / not met /
// no data / not applicable (or an error in a derived formula), with the gap
// to the target, the trend against the previous year, the owner and the
// figures the value rests on; overall, binding met of total, reference met
// of total and whether the city can apply. Pure functions over a catalogue,
// a city profile, the values and the plan: the store (indicator_store.h)
// loads those and calls Evaluate. docs/indicators.md describes every rule.
//
// Thread safety: plain values and pure functions; thread-safe.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ecociv/core/exact.h"
#include "ecociv/core/status.h"
#include "ecociv/indicators/catalogue.h"

namespace ecociv::indicators {

// Which targets and applicability rules apply. A county-level city such as
// Zhangjiagang counts as "county" under the 2019 management rules (§1.4).
struct CityProfile {
  std::string level = "county";   // "city" or "county"
  std::string terrain = "plain";  // "plain", "hill" or "mountain"
  bool coastal = false;
  // The city whose air figures the engine indicators take (engine_figures.h,
  // AirCityFor); "" = the store's only city.
  std::string city;
};

// One value of an indicator in one year, as the store holds it.
struct YearValue {
  std::string text;    // "92.5" or a state such as "制定实施"
  std::string source;  // "engine", "reported", "derived"
  std::string status;  // "draft", "submitted", "accepted", "returned"
  std::string note;
  std::string inputs;         // the figures it rests on (engine values), free text
  std::string owner;          // the unit that entered it
  std::string review_reason;  // why it was returned
  // Set when the value could not be obtained (an engine figure that failed):
  // the verdict is error with this message.
  std::string error;
};
// values[id][year].
using ValueTable = std::map<std::string, std::map<int, YearValue>>;

// The year's plan for one indicator: a target that may be stricter than the
// catalogue's, the responsible unit(s) and a deadline.
struct PlanEntry {
  std::string target;  // empty: the catalogue target
  std::string units;   // "生态环境局;水务局"
  std::string deadline;
};
using PlanTable = std::map<std::string, PlanEntry>;  // by id, for the year evaluated

enum class Verdict { kMet, kNotMet, kNoData, kNotApplicable, kError, kNotJudged };
const char* VerdictName(Verdict verdict);    // "met", "not_met", "no_data", ...
const char* VerdictNameZh(Verdict verdict);  // "达标", "未达标", "无数据", ...

struct IndicatorResult {
  const Indicator* indicator = nullptr;
  std::string binding;  // "binding", "reference" or "input" at the profile's level
  Verdict verdict = Verdict::kNoData;
  std::string value_text;      // as entered / computed; empty when none
  std::optional<Ratio> value;  // numeric value (exact)
  std::string target_text;  // the effective target ("≥95", "制定实施", "not lower than 2024")
  std::optional<Ratio> target;    // numeric target when there is one
  bool plan_target = false;       // the target comes from the year's plan
  std::optional<Ratio> gap;       // value − target (signed), when both are numbers
  std::optional<Ratio> previous;  // last year's value (numeric)
  std::string trend;              // "up", "down", "flat" vs last year; empty when unknown
  std::string owner;              // plan units, else the catalogue's responsible unit
  std::string review_status;      // of the value used or pending
  std::string reason;             // why no data / not applicable / error; the rule used
  // `reason` as a code and its arguments, for an interface to word in its own language
  // ("" with `reason` ""): applies_other_level, applies_other_terrain, coastal_only,
  // no_target_at_level {level}, plan_target_not_number {target}, input_figure,
  // no_value {year}, value_not_accepted {status, review_reason}, no_previous_year {year},
  // target_missed, target_missed_fell, target_missed_rose, fell, rose,
  // target_missed_no_previous, or error {detail} (the engine's own message, in English).
  std::string reason_code;
  std::vector<std::pair<std::string, std::string>> reason_args;
  // `target_text` in parts: the catalogue's or plan's target ("" when there is none) and the
  // rule the direction adds as a code: "" , not_below_year {year}, not_above_year {year},
  // or_up, or_down ({year}: the year before).
  std::string target_base;
  std::string target_rule;
  std::string inputs;             // figures / formula trace the value rests on
  // Where the value used comes from: "engine" (computed from the store's data
  // when read), "reported", "derived"; "" without a usable value. An engine
  // indicator with "reported" shows a reported value of a year the store has
  // no data for.
  std::string value_source;
};

// An engine figure of the year as the readiness table took it (ReadinessForYear
// fills the list; Evaluate leaves it empty).
struct EngineFigureUse {
  std::string figure;  // "air.good_day_ratio"
  int year = 0;
  std::string value;   // as the engine publishes it; "" when none
  std::string state;   // "computed", "no_data" (a reported value, if any, is used) or "error"
  std::string detail;  // the figures it rests on, or why there is none
};

struct ApplyRule {
  // The city can apply when every applicable binding indicator is met and at
  // least this share (percent) of applicable reference indicators is met.
  int min_reference_percent = 0;
};

struct Summary {
  int binding_met = 0;
  int binding_total = 0;  // applicable binding indicators
  int reference_met = 0;
  int reference_total = 0;
  int no_data = 0;
  int unverified = 0;  // indicators shown whose catalogue row is UNVERIFIED
  bool can_apply = false;
  std::string rule;  // the rule applied, in words
  // The rule's share of reference indicators that must be met (percent; 0: none), so that an
  // interface can word `rule` in its own language.
  int min_reference_percent = 0;
};

struct Readiness {
  std::string catalogue;
  int year = 0;
  CityProfile profile;
  std::vector<IndicatorResult> results;  // catalogue order
  Summary summary;
  // Owns the catalogue `results` point into when the table was built from the
  // store (ReadinessForYear); empty when the caller owns the catalogue.
  std::shared_ptr<const Catalogue> keep_alive;
  // Every figure of each engine the catalogue's engine indicators use, for
  // the year (engine_figures.h).
  std::vector<EngineFigureUse> engine_figures;
};

// Judges every indicator of `catalogue` for `year`. Only accepted values (and
// engine values, which need no review) count; a pending value shows its
// status with verdict no_data. Derived values are computed from the inputs'
// values of the same year.
Readiness Evaluate(const Catalogue& catalogue, const CityProfile& profile, const ValueTable& values,
                   const PlanTable& plan, int year, const ApplyRule& rule = {});

// The readiness table as plain text, one line per indicator plus the summary
// (for the golden test and for a terminal).
std::string FormatReadinessText(const Readiness& readiness);

}  // namespace ecociv::indicators
