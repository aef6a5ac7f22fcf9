// The 保Ⅲ消劣 campaign report: for a campaign's sections, the class at III or
// better and worse than V before the campaign (its baseline) and during it
// (from its start to the as-of date), per section and in total, exact.
//
// Per section and phase: the section's class over the phase (the 2011
// method: the class of the phase's item means, water::EvaluateSection) and
// the months of the phase with a class, at I–III and at 劣V (each calendar
// month's class, clipped to the phase). In total per phase: the sections with
// a class, those at I–III and their share (exact: at_III × 100 / sections,
// printed with the assessment's share decimals by GB/T 8170), those at 劣V;
// and the same counts over the months. docs/water.md, "The 保Ⅲ消劣 report".
//
// Thread safety: pure functions.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "ecociv/core/exact.h"
#include "ecociv/water/assessment.h"
#include "ecociv/water/periods.h"

namespace ecociv::water {

struct CampaignPhase {
  bool started = false;  // false: the phase has not begun by the as-of date (during only)
  Period period;
  std::optional<WaterClass> cls;
  int months = 0, months_good = 0, months_worse_than_v = 0;
};

struct CampaignSectionRow {
  int section = -1;  // index into the sample set's sections
  CampaignPhase before, during;
};

struct CampaignTotals {
  int sections = 0, good = 0, worse_than_v = 0;  // sections with a class
  std::optional<Ratio> share_good;               // percent; none without a section
  int months = 0, months_good = 0, months_worse_than_v = 0;
  std::optional<Ratio> month_share_good;  // percent; none without a month
};

struct CampaignReport {
  Campaign campaign;
  DayNumber as_of = 0;
  Period before, during;  // during: [from, min(to, as_of)] (started only)
  bool started = false;
  std::vector<CampaignSectionRow> rows;  // in the campaign's order
  CampaignTotals before_total, during_total;
};

// InvalidArgument naming a campaign section missing from `set`.
StatusOr<CampaignReport> ComputeCampaignReport(const WaterRules& rules, const SampleSet& set,
                                               const SectionSamples& index,
                                               const Campaign& campaign, DayNumber as_of);

// The renderings (`ecociv water campaign --format text|json|csv`, the API).
// CSV: one row per section and phase and one total row per phase: campaign,
// row (section|total), section, name, phase (before|during), period_from,
// period_to, class (a section's; empty in a total row), sections,
// sections_III, share_III_percent, sections_worse_than_V (a total row's;
// empty in a section row), months, months_III, share_months_III_percent,
// months_worse_than_V.
std::string CampaignReportJson(const WaterRules& rules, const SampleSet& set,
                               const CampaignReport& report);
std::string CampaignReportText(const WaterRules& rules, const SampleSet& set,
                               const CampaignReport& report);
std::string CampaignReportCsv(const WaterRules& rules, const SampleSet& set,
                              const CampaignReport& report);

}  // namespace ecociv::water
