// Checking the real-time classification against a release (`ecociv water
// check-published`): every row of a release (release.h) is judged again by the
// real-time rules of its date (realtime.h) and compared with the class the
// release published; each disagreement is named by the cause that explains it,
// found by judging the row again with one thing changed:
//
//   missing item  the other missing-item rule gives the published class
//   maintenance   the other maintenance rule does
//   hidden by the display  the row shows displayed values only, and some
//                 value within half a display unit of each (the display
//                 decimals of the layout of the row's date) gets the
//                 published class under the rules in force
//   rounding      another rounding does: the unrounded value (also for
//                 displayed values, as above), or rounded to the display's
//                 decimals, to another edition's decimals or to the 2011
//                 method's item decimals
//   lake type     the other water body (river ↔ lake/reservoir), or the
//                 other lake-limits rule, does
//   item set      adding total nitrogen, or leaving one judged item out, does
//   revision      another published row of the same section and time, with
//                 other values, has the computed class equal to the published
//                 one (the class belongs to values since revised)
//
// tried in this order; when the missing-item or maintenance rule alone does
// not give the published class, it is tried with each value cause (hidden by
// the display, rounding, lake type, item set) after it ("missing item + rounding"). A disagreement
// nothing explains is unexplained. Rows that
// are identical but for the capture time (the same published state seen
// twice) are counted once. Thread safety: a pure function of its arguments.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ecociv/water/realtime.h"
#include "ecociv/water/release.h"

namespace ecociv::water {

// Which values are judged: the unrounded (raw) value, falling back to the
// displayed one where a row has no raw value, or the displayed value.
enum class JudgedValues : int8_t { kRaw, kDisplayed };

struct ReleaseCheckOptions {
  std::string forced_edition;  // "" or "auto": the edition of each row's date
  JudgedValues values = JudgedValues::kRaw;
  bool latest = false;  // only the last row (input order) of each section and time
  const SectionTypes* types = nullptr;  // section types; the rest are guessed from names
  int examples_per_cause = 5;
};

// Agreement of one edition and one kind of values judged.
struct ReleaseAgreement {
  std::string edition;
  std::string values;          // "raw" or "displayed" (what the rows' judged items came from)
  int64_t published = 0;       // rows with a published class
  int64_t equal = 0;           // ... reproduced
  int64_t unpublished = 0;     // rows published without a class
  int64_t unpublished_equal = 0;  // ... for which the rules give no class either
};

// One disagreement: where the row is, what the rules gave, and its cause.
struct ReleaseDisagreement {
  int file = 0;
  int64_t line = 0;
  std::optional<WaterClass> computed;
  std::string cause;
};

struct ReleaseCheckReport {
  int64_t rows = 0;               // rows read
  int64_t rows_without_time = 0;  // rows with no monitoring time (no data), not compared
  int64_t distinct_rows = 0;      // rows compared, identical rows counted once
  int64_t section_times = 0;      // distinct section and monitoring time
  int64_t section_times_published = 0;  // ... with a published class
  int64_t section_times_equal = 0;      // ... where every compared row agrees
  int64_t sections = 0;
  std::vector<ReleaseAgreement> agreement;  // by edition, then values
  std::map<std::string, int64_t> causes;    // disagreements by cause ("unexplained" too)
  std::map<std::string, std::vector<std::string>> examples;
  int64_t disagreements = 0;
  int64_t unexplained = 0;
  std::vector<ReleaseDisagreement> disagreeing_rows;  // in the order of the rows compared
  // Section types: from the sections file or guessed; lake or reservoir; and
  // how many sections the published classes decide (river and lake limits
  // give different classes in some row), with those where the type used agrees.
  int64_t types_from_file = 0, types_guessed = 0, lake_sections = 0;
  int64_t types_decided = 0, types_decided_lake = 0, types_agree = 0;
  std::vector<std::string> type_disagreements;
  // Cells holding a release's written below-detection number ("NH3-N 0.025").
  std::map<std::string, int64_t> written_below_detection;

  bool has_unexplained() const { return unexplained > 0; }
  // The report as text: counts, the agreement table, causes with examples.
  std::string Summary() const;
};

ReleaseCheckReport CheckRelease(const WaterRules& rules, const RealtimeEditions& editions,
                                const Release& release, const ReleaseCheckOptions& options);

}  // namespace ecociv::water
