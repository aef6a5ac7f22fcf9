// The approved baseline and the three promises of a year against it, as the indicators take
// them (docs/space.md, "The promises as indicator values"):
//  - the approved baseline (审批基准): the year whose red lines, control areas and protected
//    areas are the approved delineation, set with `ecociv space baseline --year B`;
//  - CompareWithBaseline: a year's controlled layers against it (CompareYears) with the
//    imports both rest on;
//  - PromisesOf: over some of those layers, the state the red-line indicator reports —
//    "面积不减少，性质不改变，功能不降低" when every area keeps every promise, else the same
//    three phrases with the broken ones turned ("面积减少，性质不改变，功能降低") — and the
//    reasons per area.
//
// Thread safety: functions take a Database the caller owns exclusively; PromisesOf is pure.
#pragma once
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/space/analysis.h"
#include "ecociv/space/space_store.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::space {

// The state of the three promises kept, in the national 2019 catalogue's words (row 17).
inline constexpr const char* kPromisesKept = "面积不减少，性质不改变，功能不降低";

// The approved baseline year; 0 when none is set.
StatusOr<int> ApprovedBaseline(store::Database* db);
// Sets it, with a change-record entry (action "space.baseline", object "space:baseline").
// FailedPrecondition when no red line, control area or protected area of `year` is stored.
Status SetApprovedBaseline(store::Database* db, int year, const store::Actor& actor);

// A year's controlled layers against the approved baseline, with the imports of each
// controlled layer stored in either year (the evidence).
struct BaselineComparison {
  int year = 0, baseline = 0;
  Comparison comparison;
  std::vector<LayerSource> year_sources, baseline_sources;
};
// NotFound when no baseline is approved, when `year` is before it, or when neither year has a
// controlled area.
StatusOr<BaselineComparison> CompareWithBaseline(store::Database* db, int year,
                                                 const Vocabulary& vocabulary);

// The promises over `layers` (the first must be stored in both years; any other stored in
// one year must be stored in the other, else NotFound naming the missing layer).
struct PromiseState {
  bool area_kept = true, category_kept = true, function_kept = true;
  std::string text;      // kPromisesKept when all are kept
  std::string evidence;  // the layers' imports and every area not keeping a promise, with why
  size_t areas = 0, broken = 0;
};
StatusOr<PromiseState> PromisesOf(const BaselineComparison& c, const std::vector<Layer>& layers);

}  // namespace ecociv::space
