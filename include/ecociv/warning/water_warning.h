// Water-quality early warning: rule sets read from standards/warning-*.toml
// (the national Yangtze-basin rule, a local yellow/orange/red template) and
// their evaluation for one section set at any date.
//
// A rule set lists levels, most severe first; a level holds when any of its
// condition lists holds, and a list holds when all of its conditions hold.
// Evaluation looks at the last complete calendar month on or before the as-of
// date ("the month"), the year to the end of that month ("ytd"), and the same
// periods one year earlier, all computed by the water engine
// (water::EvaluateSection), so the classes are exactly those of
// `ecociv water classify`. Within an unfinished month an early notice compares
// the running mean of each item since the 1st with the target class limit.
//
// Thread safety: WarningRuleSet is a plain value; the functions are pure.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"
#include "ecociv/warning/messages.h"
#include "ecociv/water/assessment.h"
#include "ecociv/water/periods.h"
#include "ecociv/water/rules.h"
#include "ecociv/water/samples.h"

namespace ecociv::warning {

enum class ConditionKind {
  kYoyWorse,                // month and ytd both ≥ classes worse than a year earlier
  kYtdMissesTarget,         // ytd class worse than the target
  kMonthBelowTarget,        // monthly class worse than the target
  kConsecutiveBelowTarget,  // the last `months` months all worse than the target
  kDrop,                    // monthly class ≥ classes worse than previous month / last year
};

struct Condition {
  ConditionKind kind = ConditionKind::kMonthBelowTarget;
  int classes = 1;                              // kYoyWorse, kDrop
  std::optional<water::WaterClass> worse_than;  // kYoyWorse: both classes worse than this
  int months = 1;                               // kConsecutiveBelowTarget
  bool against_last_year = false;               // kDrop: false = previous month
};

struct WarningLevel {
  std::string id;                            // "level-1", "red"
  std::string name;                          // "一级预警", "红色预警"
  int rank = 1;                              // higher is more severe
  std::vector<std::vector<Condition>> when;  // any of (all of)
};

// A notice rule (docs/water.md, "Before a section slips"): a level below the
// warnings, raised for an item whose limit is a maximum (GB 3838 "≤"):
//  - approaching_limit: the item's value — the latest sample, the mean of the
//    month so far, or the mean of the year so far (`basis`) — is above
//    share_percent % of the limit of the section's target class;
//  - rising_trend: the least-squares line through the item's last `samples`
//    values (exact, by day) rises and would pass that limit after the last
//    sample and within `within_months` months of the as-of date.
enum class NoticeKind { kApproachingLimit, kRisingTrend };
enum class NoticeBasis { kSample, kMonthMean, kYtdMean };

struct NoticeRule {
  NoticeKind kind = NoticeKind::kApproachingLimit;
  NoticeBasis basis = NoticeBasis::kSample;  // approaching_limit
  int share_percent = 90;                    // approaching_limit: 1..100
  int min_samples = 1;                       // approaching_limit means: values at least
  int samples = 6;                           // rising_trend: the last N values (3..60)
  int within_months = 3;                     // rising_trend: M (1..24)
  std::vector<std::string> items;            // item ids; empty: every item with a maximum
};

struct WarningRuleSet {
  std::string id;  // "warning-yangtze"
  std::string name;
  std::string status;                // "national" or "template"
  std::string origin;                // "built-in" or the file path
  std::vector<WarningLevel> levels;  // most severe first
  int release_compliant_months = 0;  // 0: released when no level holds
  bool early_notice = false;
  int early_notice_min_samples = 3;
  // [notice]: the notice level and its rules (none: no such level).
  std::string notice_id = "notice", notice_name = "预警提示";
  std::vector<NoticeRule> notices;
};

// Parses a rule file; errors are "file:line: reason" (InvalidArgument).
StatusOr<WarningRuleSet> ParseWarningRules(const std::string& text, const std::string& file_name);
// `name_or_path`: a built-in rule set ("yangtze", "local-template", or the
// full id "warning-yangtze") or the path of a TOML file.
StatusOr<WarningRuleSet> LoadWarningRules(const std::string& name_or_path);

// The figures behind a section's evaluation.
struct SectionFacts {
  std::string month;  // "2026-03"
  water::WaterClass target = water::WaterClass::kIII;
  std::optional<water::WaterClass> month_class, ytd_class;
  std::optional<water::WaterClass> month_last_year, ytd_last_year, previous_month;
  int months_below_target = 0;               // consecutive, ending with the month
  int months_compliant = 0;                  // consecutive, ending with the month
  std::vector<std::string> main_pollutants;  // "氨氮(0.8)" — of the month, vs class III
};

struct WaterFinding {
  std::string section_id, section_name, chief;
  std::string level_id, level_name;
  int rank = 0;                  // 0 for early notices
  std::vector<Message> trigger;  // the conditions that held, with their figures
  SectionFacts facts;
};

struct WaterEvaluation {
  std::string rule_set;
  DayNumber as_of = 0;
  std::string month;                   // the evaluated month, "" when none is complete
  std::vector<WaterFinding> findings;  // one per section at a level, in section order
  std::vector<std::string> released;   // sections whose release condition holds
  std::vector<WaterFinding> early_notices;
  // The rule set's notices were evaluated (early notices mid-month, notice
  // rules at any date): a section without one has none to keep open.
  bool notices_evaluated = false;
};

// Evaluates every section of `set` at `as_of`; with `periods`, the periods'
// overrides tighten the notice rules while they last (water_notices.h).
WaterEvaluation EvaluateWaterWarnings(const water::WaterRules& rules,
                                      const WarningRuleSet& rule_set, const water::SampleSet& set,
                                      const water::SectionSamples& index, DayNumber as_of,
                                      const water::WaterPeriods* periods = nullptr);

// The facts of one section for the month ending `month_last` (exposed for tests).
SectionFacts ComputeSectionFacts(const water::WaterRules& rules, const water::SampleSet& set,
                                 const water::SectionSamples& index, int section,
                                 DayNumber month_last);

// Whether `condition` holds for `facts`; when it does, `*text` describes it
// (one or two messages: the yoy rule adds its "both worse than" clause).
bool ConditionHolds(const Condition& condition, const SectionFacts& facts,
                    std::vector<Message>* text);

}  // namespace ecociv::warning
