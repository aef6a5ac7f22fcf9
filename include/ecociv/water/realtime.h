// The class of one monitoring sample (单次监测 / 实时 水质类别) of an automatic
// station, judged as a release practises it: which GB 3838-2002 items count,
// how each value is rounded before it is judged, which limits lakes use, what a
// missing item or a station under maintenance does to the class. The practice
// is data: rule files of kind "surface-water-realtime" under standards/
// (cnemc-auto-release-2025.toml, cnemc-auto-release-2026.toml), compiled in,
// overridable with --standards DIR, chosen by the sample's date or by id.
//
// This is not the period assessment of the 2011 method (assessment.h): a
// sample is judged alone, item by item against Table 1, with the release's
// rounding of the unrounded value. Values are exact rationals; rounding is
// GB/T 8170 (四舍六入五成双) on the exact value; comparisons with the
// limits are exact.
//
// RealtimeRules and RealtimeEditions are plain values, read-only after loading
// and safe to share between threads; the functions are pure.
#pragma once

#include <climits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/exact.h"
#include "ecociv/core/status.h"
#include "ecociv/water/assessment.h"
#include "ecociv/water/rules.h"
#include "ecociv/water/samples.h"

namespace ecociv::water {

// How a value is rounded before it is judged: GB/T 8170 half-to-even to the
// item's judging decimals, or not at all (the unrounded value is judged).
enum class RealtimeRounding : int8_t { kHalfEven, kNone };
// A sample lacking a judged item: no class at all, or the class of the items present.
enum class MissingItemRule : int8_t { kNoClass, kPresentItems };
// A station under maintenance: classified as any other, or given no class.
enum class MaintenanceRule : int8_t { kClassify, kNoClass };
// The limits of lake and reservoir sections: the lake limits (TP), or river limits everywhere.
enum class LakeLimitsRule : int8_t { kByType, kRiver };

// Words that tell a section's water body from its names when no sections file
// gives it (GuessWaterBody). Matching is on UTF-8 text, exact.
struct SectionTypeWords {
  std::vector<std::string> river_name_river_contains;   // 运河, 干渠: a river whatever else
  std::vector<std::string> river_name_river_ends;       // 渠, 河, 江, 塘
  std::vector<std::string> river_name_lake_contains;    // 湖, 水库, 淀
  std::vector<std::string> river_name_lake_ends;        // 海, 池, 泊
  std::vector<std::string> section_name_lake_contains;  // 湖心, 库心, … (no river name known)
  std::vector<std::string> reservoir_contains;          // 水库, 库: a reservoir rather than a lake
};

// One edition of a release's practice (one rule file).
struct RealtimeRules {
  std::string id;     // "cnemc-auto-release-2025"
  std::string title;  // from the file
  std::string observed;  // the span of data the practice was measured on
  DayNumber applies_from = INT_MIN;   // first day (inclusive)
  DayNumber applies_until = INT_MAX;  // first day no longer covered
  std::vector<int> items;             // judged items (indices into WaterRules::items())
  std::vector<int> decimals;          // judging decimals, parallel to `items`
  std::vector<int> display_decimals;  // decimals the release displays, parallel to `items`
  RealtimeRounding rounding = RealtimeRounding::kHalfEven;
  LakeLimitsRule lake_limits = LakeLimitsRule::kByType;
  MissingItemRule missing = MissingItemRule::kNoClass;
  MaintenanceRule maintenance = MaintenanceRule::kClassify;
  std::vector<std::string> maintenance_statuses;  // 维护, 不具备运行条件
  // The value judged for a sample flagged below detection (L, ND, <x) in a
  // samples file: half the detection limit, the limit, or zero.
  BelowDetectionMean below_detection = BelowDetectionMean::kHalf;
  // The fixed numbers the release writes for values below detection, by item
  // (scaled by kWaterScale): reported, judged as the numbers they are.
  std::vector<std::pair<int, int64_t>> written_below_detection;
  SectionTypeWords section_type;

  // Position of `item` in `items`, or -1 when it is not judged.
  int JudgedIndex(int item) const;
  bool IsMaintenance(std::string_view status) const;
  // The value judged for `value` of judged item number `judged` (rounded or not).
  Ratio Judged(int judged, const Ratio& value) const;
};

// Every real-time rule file among the standards.
class RealtimeEditions {
 public:
  // The files of kind "surface-water-realtime" among the standards (compiled
  // in, replaced or extended by `override_dir`). None is not an error.
  static StatusOr<RealtimeEditions> Load(const std::string& override_dir, const WaterRules& rules);
  // From file texts keyed by file name (files of other kinds are skipped).
  static StatusOr<RealtimeEditions> FromTexts(const std::map<std::string, std::string>& texts,
                                              const WaterRules& rules);

  const std::vector<RealtimeRules>& editions() const { return editions_; }
  const RealtimeRules* Find(std::string_view id) const;
  // The edition `forced` (an id; "" or "auto" = by date), or the one whose
  // dates cover `day`. An unknown id is InvalidArgument naming the known ones;
  // a day no edition covers is NotFound.
  StatusOr<const RealtimeRules*> For(DayNumber day, const std::string& forced) const;
  // Checks `forced` names an edition ("" and "auto" always pass).
  Status CheckForced(const std::string& forced) const;

 private:
  std::vector<RealtimeRules> editions_;  // sorted by applies_from
};

// The values of one sample: per item index, the exact value, or nothing when
// the item is absent (not measured, no valid value).
struct SampleValues {
  std::vector<std::optional<Ratio>> values;
  bool maintenance = false;  // the station's status is a maintenance status
};

enum class NoClassReason : int8_t { kNone, kMissingItem, kMaintenance, kNoJudgedItem };
const char* NoClassReasonName(NoClassReason reason);  // "", "missing_item", ...

struct SampleJudgement {
  WaterBody body = WaterBody::kRiver;  // the section's type
  // The judged items present, in the order of the rule file: `mean` is the
  // value as given, `value` the value judged, `cls` its class, `multiple` the
  // exceedance multiple against class III when it exceeds it.
  std::vector<ItemResult> items;
  std::vector<int> missing;  // judged items absent
  std::optional<WaterClass> cls;
  NoClassReason no_class = NoClassReason::kNone;
  std::vector<MainPollutant> main_pollutants;  // the 2011 method's ranking of the judged items
};

// Judges one sample under `rt` for a section of type `body`.
SampleJudgement JudgeSample(const WaterRules& rules, const RealtimeRules& rt, WaterBody body,
                            const SampleValues& sample);

// The water body of a section from its river (or lake) name and its section
// name, by `words`: a river name decides when there is one; otherwise the
// section name. Reservoir when a lake-like name contains a reservoir word.
WaterBody GuessWaterBody(const SectionTypeWords& words, std::string_view river,
                         std::string_view section);

// ---- Samples files: one class per section and monitoring time ---------------

struct SampleClassRow {
  int section = -1;
  DayNumber day = 0;
  int minute = -1;  // -1: the samples give a date only
  const RealtimeRules* rules = nullptr;
  SampleJudgement judgement;
  std::vector<ItemResult> other_items;  // items present but not judged (value only)
};

// One row per section and monitoring time with samples in [from, to], in
// section order then time. The edition is `forced` or chosen by each sample's
// date. Two values of one item at one section and time are an error naming them.
StatusOr<std::vector<SampleClassRow>> ClassifySamples(const WaterRules& rules,
                                                      const RealtimeEditions& editions,
                                                      const SampleSet& set,
                                                      const std::string& forced, DayNumber from,
                                                      DayNumber to);

// "2025-11-06 20:00", or "2025-11-06" when minute is -1.
std::string FormatSampleTime(DayNumber day, int minute);

}  // namespace ecociv::water
