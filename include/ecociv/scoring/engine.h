// The scoring engine: applies a Scheme to a set of subjects whose values come
// from a ValueSource, and returns every subject's item points, deductions,
// bonuses, vetoes, total, rank and grade, with a step-by-step explanation log
// (inputs, normalisation, weights, aggregation, ranking, grading) that can be
// saved and replayed (see run_log.h).
//
// Order of work (docs/scoring.md): inputs → per-item fraction of the item's
// points by its rule (or the missing-data policy) → item points rounded to
// scheme.item_decimals (GB/T 8170) → group sums less the group's deductions
// (never below 0) → total less ungrouped deductions (never below 0) → bonuses
// within caps and quota → rank (ties share the best rank) → grade (vetoes force
// the lowest grade; quotas never exceeded, a tie at a quota edge is refused
// as a whole).
//
// Thread safety: ScoreScheme is a pure function of its arguments; it may run
// concurrently as long as the ValueSource allows concurrent const calls.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ecociv/core/exact.h"
#include "ecociv/core/status.h"
#include "ecociv/scoring/inputs.h"
#include "ecociv/scoring/scheme.h"

namespace ecociv::scoring {

// What happened to an item for one subject.
enum class ItemOutcome {
  kScored,
  kMissingZero,     // no data: scored 0 (policy "zero")
  kMissingMinimum,  // no data: scored the item's minimum (policy "minimum")
  kMissingDropped,  // no data: dropped, its points spread over the rest (policy "drop")
};
const char* ItemOutcomeName(ItemOutcome outcome);

struct ItemResult {
  std::string item;
  ItemOutcome outcome = ItemOutcome::kScored;
  std::optional<Ratio> value;  // the judged value (end − start for change items)
  std::optional<Ratio> start;  // tenure items
  std::optional<Ratio> end;
  Ratio max_points;  // after weights and re-weighting
  Ratio points;      // rounded to scheme.item_decimals
  std::string reason;
};

// A deduction or bonus applied to a subject.
struct Adjustment {
  std::string id;
  int64_t events = 0;
  Ratio points;  // positive: the amount taken off / added
  std::string reason;
};

struct SubjectResult {
  Subject subject;
  std::vector<ItemResult> items;        // in scheme order
  std::map<std::string, Ratio> groups;  // group id → group score after its deductions
  std::vector<Adjustment> deductions;
  std::vector<Adjustment> bonuses;
  std::vector<std::string> vetoes;  // veto ids triggered
  Ratio base;                       // sum of groups
  Ratio deduction_total;
  Ratio bonus_total;
  Ratio total;
  int rank = 0;  // 1 = best; ties share the best rank
  std::string grade;
  std::string grade_reason;
};

// One line of the explanation log. `subject` and `item` may be empty
// (scheme-wide steps).
struct LogStep {
  std::string subject;
  std::string phase;  // input, weight, normalise, aggregate, deduct, bonus, veto, rank, grade
  std::string item;
  std::string text;
};

// An input as the engine used it (kept for replay).
struct UsedValue {
  std::string subject;
  std::string key;  // item, item@start, item@end
  InputValue value;
};
struct UsedEvent {
  std::string subject;
  std::string id;
  Event event;
};

struct ScoringOptions {
  int year = 0;
  // Multipliers of item points (sensitivity analysis); the scored items'
  // points are then rescaled so they still add up to the scheme total.
  std::map<std::string, Ratio> weight_factors;
  bool keep_log = true;  // false: no log, no inputs kept (sensitivity runs)
};

struct Assessment {
  const Scheme* scheme = nullptr;  // not owned; must outlive the Assessment
  ScoringOptions options;
  std::vector<Subject> subjects;
  std::vector<SubjectResult> results;  // same order as subjects
  std::vector<LogStep> log;
  std::vector<UsedValue> used_values;
  std::vector<UsedEvent> used_events;

  const SubjectResult* Find(const std::string& subject) const;
  // Results ordered by rank (ties by subject id).
  std::vector<const SubjectResult*> Ranking() const;
};

// Scores every subject. Fails (InvalidArgument) only on an unusable request:
// no subjects, or a duplicate subject id.
StatusOr<Assessment> ScoreScheme(const Scheme& scheme, const std::vector<Subject>& subjects,
                                 const ValueSource& source, const ScoringOptions& options);

// Points formatted for print: GB/T 8170 to scheme.print_decimals.
std::string FormatPoints(const Scheme& scheme, const Ratio& points);

// The log lines for one subject (and the scheme-wide lines), as text.
std::string ExplainSubject(const Assessment& assessment, const std::string& subject);

// Ranks by descending score: equal scores share the best rank (1, 2, 2, 4).
std::vector<int> CompetitionRanks(const std::vector<Ratio>& scores);

}  // namespace ecociv::scoring
