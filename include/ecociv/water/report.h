// Output of the water engine: the `water classify` table (CSV or JSON, one row
// per section and period) and the `water assess` JSON document. Column names
// and keys are a stable contract, documented in docs/formats.md.
//
// Numbers are printed from exact values rounded by GB/T 8170: item means with
// their item decimals, multiples with multiple_decimals, shares with
// share_decimals, CWQI with cwqi_decimals. In JSON they are numbers (trailing
// zeros dropped). Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ecociv/water/assessment.h"
#include "ecociv/water/realtime.h"

namespace ecociv::water {

struct ClassifiedRow {
  SectionResult result;
  std::optional<WaterClass> previous;     // the period before (same kind)
  std::optional<WaterClass> year_before;  // the same period a year earlier
};

// Every section with samples in each period of `kind` overlapping [from, to].
std::vector<ClassifiedRow> ClassifyPeriods(const WaterRules& rules, const SampleSet& set,
                                           const SectionSamples& index, DayNumber from,
                                           DayNumber to, PeriodKind kind);

std::string ClassifyCsv(const WaterRules& rules, const SampleSet& set,
                        const std::vector<ClassifiedRow>& rows);
std::string ClassifyJson(const WaterRules& rules, const SampleSet& set,
                         const std::vector<ClassifiedRow>& rows);

// The per-sample table (`water classify --period sample`): one row per
// section and monitoring time. CSV columns: section, time, edition, type,
// class, status, colour, target_class, compliant, no_class (why a sample has
// none: missing_item, maintenance, no_judged_item), main_pollutants, judged
// (the judged items' ids, `;`-separated), missing; then, for every item
// judged by an edition in the rows, <id>_value (as given, exact), <id>_judged
// (the value judged: rounded to the edition's decimals, or unrounded) and
// <id>_class; then <id>_value for every other item present. JSON: one object
// per row with the same facts, items keyed by id.
std::string SampleClassCsv(const WaterRules& rules, const SampleSet& set,
                           const std::vector<SampleClassRow>& rows);
std::string SampleClassJson(const WaterRules& rules, const SampleSet& set,
                            const std::vector<SampleClassRow>& rows);

// The shortest decimal that is exactly `value` (up to 12 decimals; a value
// needing more is rounded there): "0.0202", "9", "5.5".
std::string FormatExactDecimal(const Ratio& value);

// The assessment of a period, with ΔCWQI and class changes when `base` is given.
std::string AssessmentJson(const WaterRules& rules, const SampleSet& set, const Assessment& now,
                           const Assessment* base);

// The shares of sections at class III or better as the city reports them,
// from the groups of `a`: the city, then each level (Assessment::levels),
// then each category (Assessment::categories). CSV columns: period_from,
// period_to, group (city, level, category), name, sections (with a class),
// class_I .. class_worse_than_V (counts), at_III_or_better,
// share_I_III_percent, share_worse_than_V_percent, share_compliant_percent,
// method (class_shares, mean_of_items), status (the status word). The text
// is the same table for a terminal, Chinese first. JSON: AssessmentJson's
// "levels" and "categories".
std::string AssessmentGroupsCsv(const WaterRules& rules, const Assessment& a);
std::string AssessmentText(const WaterRules& rules, const SampleSet& set, const Assessment& a);
// 国控, 省控, 市控, 镇控.
const char* SectionLevelNameZh(SectionLevel level);

// "总磷(1.3);溶解氧": the main pollutants as printed in the CSV.
std::string FormatMainPollutants(const WaterRules& rules, const std::vector<MainPollutant>& main);

}  // namespace ecociv::water
