// The surface-water computations: GB 3838 item classes, the 2011 assessment
// method (section class, status, exceedance, main pollutants, river/basin/city
// status and shares), CWQI (2017) and the lake trophic state index.
//
// Exactness: means, limits, multiples, shares and CWQI are exact rationals;
// printed values are rounded by GB/T 8170 (half-even on the exact value). Only
// the TLI (natural logarithms) and the hydrogen-ion pH mean (powers of ten) use
// floating point; each converts its double to an exact 6-decimal value first,
// then rounds that (documented in docs/water.md).
//
// All functions are pure and thread-safe; results are plain values.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/exact.h"
#include "ecociv/water/rules.h"
#include "ecociv/water/samples.h"

namespace ecociv::water {

// ---- One value against GB 3838 -------------------------------------------

// The best class whose limit `value` meets, 劣V when it fails class V. Items
// without limits (water temperature, chl-a, SD) must not be passed.
WaterClass ClassifyValue(const WaterItem& item, const Ratio& value, WaterBody body);

// The exceedance multiple (C − S)/S of `value` against the limit of `basis`,
// or nullopt when the item has no multiple (DO, pH) or does not exceed it.
std::optional<Ratio> ExceedanceMultiple(const WaterItem& item, const Ratio& value, WaterBody body,
                                        WaterClass basis);

// ---- Periods --------------------------------------------------------------

enum class PeriodKind { kMonth, kQuarter, kYear };

struct Period {
  DayNumber first = 0, last = 0;  // inclusive
  std::string label;              // "2026-03", "2026-Q1", "2026", or "2026-01-01..2026-06-30"
};

// The calendar months, quarters or years that overlap [from, to], clipped to it.
std::vector<Period> SplitPeriods(DayNumber from, DayNumber to, PeriodKind kind);
Period RangePeriod(DayNumber from, DayNumber to);
// The period of the same kind before `p`, and the same period one year earlier.
Period PreviousPeriod(const Period& p, PeriodKind kind);
Period YearEarlier(const Period& p, PeriodKind kind);

// ---- One section over one period ------------------------------------------

struct ItemResult {
  int item = -1;
  int samples = 0;
  int below_detection = 0;
  Ratio mean;   // the exact period mean (below-detection values substituted)
  Ratio value;  // the evaluated value: the mean rounded to the item decimals (option)
  std::optional<WaterClass> cls;  // none for items without a class here
  std::optional<Ratio> multiple;  // vs the exceedance basis (class III), when exceeding
  // Against the section's target class (sections only): exceeds when the item's
  // class is worse than the target; the multiple as above, vs the target limit.
  bool exceeds_target = false;
  std::optional<Ratio> target_multiple;
  bool all_below_detection() const { return samples > 0 && below_detection == samples; }
};

struct MainPollutant {
  int item = -1;
  std::optional<Ratio> multiple;
};

struct TliResult {
  double value = 0;     // unrounded
  Ratio rounded;        // rounded to tli_decimals
  int parameters = 0;   // how many of the five were used
  std::string trophic;  // 贫营养, 中营养, 轻度富营养, 中度富营养, 重度富营养
  std::string trophic_en;  // oligotrophic, mesotrophic, light/moderate/heavy eutrophic
};

struct CwqiResult {
  Ratio value;
  int items = 0;  // evaluated items that contributed
};

struct SectionResult {
  int section = -1;
  std::string period;
  std::vector<ItemResult> items;  // items with samples, in catalogue order
  std::optional<WaterClass> cls;  // worst evaluated item; none without evaluated items
  bool compliant = false;         // cls no worse than the section's target
  std::vector<MainPollutant> main_pollutants;
  std::vector<MainPollutant> exceeding_target;  // items worse than the target, Table 1 order
  std::optional<CwqiResult> cwqi;
  std::optional<TliResult> tli;  // lakes and reservoirs with enough parameters

  const ItemResult* Find(int item) const;
};

// Samples of one section sorted by day, as returned by IndexSamples.
struct SectionSamples {
  std::vector<std::vector<Sample>> by_section;  // [section] → samples sorted by day
};
SectionSamples IndexSamples(const SampleSet& set);

// The main pollutants among `items` by the 2011 method's options (items worse
// than the exceedance basis, ranked by multiple or class; at most
// max_main_pollutants).
std::vector<MainPollutant> RankMainPollutants(const WaterRules& rules,
                                              const std::vector<ItemResult>& items);

// Evaluates one section over `period` from its day-sorted samples.
SectionResult EvaluateSection(const WaterRules& rules, const Section& section, int section_index,
                              const std::vector<Sample>& samples, const Period& period);

// The evaluated value of an item from its period mean: rounded to the item's
// decimals when round_before_classification is set.
Ratio EvaluatedValue(const WaterRules& rules, int item, const Ratio& mean);

// ---- Index values ---------------------------------------------------------

// CWQI of a set of item values (index: item → value) for a water body: the sum
// over the evaluated items present of C/Cs (DO Cs/C, pH the two-sided formula).
std::optional<CwqiResult> ComputeCwqi(const WaterRules& rules,
                                      const std::vector<std::optional<Ratio>>& values,
                                      WaterBody body);

// TLI from item values (index: item → value); nullopt when the parameters fall
// short of tli_min_parameters or chl-a is missing and required.
std::optional<TliResult> ComputeTli(const WaterRules& rules,
                                    const std::vector<std::optional<Ratio>>& values);

// Trophic class of a (rounded) TLI: {Chinese, English}.
std::pair<std::string, std::string> TrophicClass(const Ratio& tli);

// ---- Groups of sections ---------------------------------------------------

struct GroupResult {
  std::string kind;  // "river", "basin", "lake", "city"
  std::string name;
  int sections = 0;                        // sections with a class
  std::array<int, 6> counts{};             // sections per class I..劣V
  Ratio share_good;                        // % of sections in I–III
  Ratio share_worse_than_v;                // % in 劣V
  Ratio share_compliant;                   // % meeting their target
  bool share_method = false;               // status from the class shares (≥ min sections)
  std::optional<WaterClass> mean_class;    // class of the averaged items (mean method, lakes)
  std::vector<ItemResult> mean_items;      // the averaged items
  std::optional<WaterClass> status_class;  // class whose status word applies
  // Main pollutants of the group (UNVERIFIED rule, see docs/water.md): with the
  // share method, the items with the highest section exceedance rate (% of the
  // sections with a class whose item is worse than class III; `rate`); with the
  // mean method, the section rule applied to the averaged items (`multiple`).
  struct Pollutant {
    int item = -1;
    std::optional<Ratio> rate;
    std::optional<Ratio> multiple;
  };
  std::vector<Pollutant> main_pollutants;
  std::optional<CwqiResult> cwqi;
  std::optional<TliResult> tli;
  int river_sections = 0, lake_sections = 0;        // city only
  std::optional<CwqiResult> cwqi_river, cwqi_lake;  // city only
};

// Status (as the class whose word applies) from class shares, by the river rule.
WaterClass StatusFromShares(const WaterOptions& options, const Ratio& share_good,
                            const Ratio& share_worse_than_v);

// Evaluates a group of sections: `members` index into `results`.
GroupResult EvaluateGroup(const WaterRules& rules, const SampleSet& set,
                          const std::vector<SectionResult>& results,
                          const std::vector<int>& members, const std::string& kind,
                          const std::string& name, WaterBody body);

// ---- A whole assessment ---------------------------------------------------

// Centralized drinking-water sources (sections marked drinking_source) with a
// class in the period, and those at class III or better: the share is the
// city's 集中式饮用水水源地水质优良比例 judged on each source's period class,
// the same class as every section (UNVERIFIED whether the official figure
// instead needs every monthly result to meet III; docs/water.md).
struct DrinkingSources {
  int sections = 0;            // sources with a class in the period
  int good = 0;                // of them at class III or better
  std::optional<Ratio> share;  // % good; none without a source
};
DrinkingSources CountDrinkingSources(const SampleSet& set,
                                     const std::vector<SectionResult>& sections);

struct Assessment {
  Period period;
  std::vector<SectionResult> sections;  // one per section of the set, in file order
  std::vector<GroupResult> rivers;      // river sections grouped by `river`
  std::vector<GroupResult> basins;      // by `basin`, when the column is filled
  std::vector<GroupResult> lakes;       // lake and reservoir sections grouped by `river`
  // Every section (rivers and lakes together) grouped as the city reports:
  // by level (national, provincial, municipal, town; the levels present, in
  // that order; name = SectionLevelName) and by category (in order of first
  // appearance). Both judged like the city: share method over all members.
  std::vector<GroupResult> levels;
  std::vector<GroupResult> categories;
  GroupResult city;
  DrinkingSources drinking_sources;
};

Assessment Assess(const WaterRules& rules, const SampleSet& set, const SectionSamples& index,
                  const Period& period);

// Fills a->levels and a->categories from a->sections (called by Assess).
void EvaluateCityGroups(const WaterRules& rules, const SampleSet& set, Assessment* a);

// ΔCWQI in percent: (now − base)/base × 100; nullopt when base is zero.
std::optional<Ratio> DeltaCwqi(const Ratio& now, const Ratio& base);

// Class change: negative better, 0 same, positive worse (劣V counts as 6).
inline int ClassChange(WaterClass now, WaterClass before) {
  return static_cast<int>(now) - static_cast<int>(before);
}

}  // namespace ecociv::water
