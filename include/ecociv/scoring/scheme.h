// A scoring scheme: the rules of one assessment (a town's 1000-point
// eco-civilization assessment, a department's 100-point one, a departure
// audit, the Green Development Index) as data. Schemes are TOML files under
// schemes/ (compiled in, overridable with --schemes DIR); docs/formats.md
// ("Scoring schemes") is the file format, docs/scoring.md the rules.
//
// All points are exact rationals. A Scheme is an immutable value once loaded:
// safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ecociv/core/exact.h"
#include "ecociv/core/status.h"

namespace ecociv::scoring {

// How an item turns its value into points.
enum class RuleKind {
  kLinear,    // 0 at the floor, full points at the target, linear between
  kPerUnit,   // full points less `per_unit` for every unit short of the target, until exhausted
  kMet,       // full points when the target is met, else 0
  kRank,      // points by rank among the subjects (rank_points table)
  kEfficacy,  // GDI efficacy coefficient: points × (60 + 40 × position between min and max) / 100
  kManual,    // the value is the points, given by an assessor with a justification
};
const char* RuleKindName(RuleKind kind);

// What an item's value counts as "better".
enum class Direction { kHigher, kLower };

// What a missing value does. The result always records which one happened.
enum class MissingPolicy {
  kZero,     // the item scores 0
  kMinimum,  // the item scores its minimum (`minimum`; for efficacy items 60 % of its points)
  kDrop,     // the item is dropped and its points spread over the rest of its group
};
const char* MissingPolicyName(MissingPolicy policy);

// Whether the item judges the value of the year or the change over a tenure.
enum class Basis { kLevel, kChange };

// How units short of the target are counted by a per_unit rule.
enum class UnitCount { kExact, kWhole, kStarted };

struct Group {
  std::string id;
  std::string name;     // Chinese
  std::string name_en;  // English
  Ratio points;         // the group's total; the items' points add up to it
  bool eco = false;     // counts toward the scheme's ecological minimum (min_eco_points)
};

struct Item {
  std::string id;
  std::string group;
  std::string name;
  std::string name_en;
  std::string unit;
  std::string indicator;  // the indicator the value comes from (indicator_source.h), may be empty
  Ratio points;           // maximum points
  RuleKind rule = RuleKind::kLinear;
  Direction direction = Direction::kHigher;
  Basis basis = Basis::kLevel;
  MissingPolicy missing = MissingPolicy::kZero;
  Ratio floor;                          // linear
  Ratio target;                         // linear, per_unit, met
  Ratio per_unit;                       // per_unit: points off per unit short
  Ratio unit_size = Ratio::Integer(1);  // per_unit: the size of one unit
  UnitCount unit_count = UnitCount::kExact;
  std::vector<Ratio> rank_points;  // rank: points for rank 1, 2, ...
  Ratio rank_rest;                 // rank: points beyond the table
  Ratio minimum;                   // the points under MissingPolicy::kMinimum
  int tier = 0;                    // GDI tier weight (3 ★, 2 ◆, 1 other); 0 = not used
  std::vector<Ratio> typical;      // {low, high}: a plausible range (demo data only)
  std::string note;
};

// Points off per event (an incident, a complaint, a problem found on site).
struct Deduction {
  std::string id;
  std::string group;  // optional: the group whose score the deduction lowers (never below 0)
  std::string name;
  std::string name_en;
  Ratio per_event;
  Ratio cap;  // at most this many points off in total
};

// Points added per event (an award, an extra eco-toilet), within caps and a quota.
struct Bonus {
  std::string id;
  std::string name;
  std::string name_en;
  Ratio per_event;
  Ratio cap;  // per subject and item
};

// One-vote veto (一票否决): `min_count` events force the lowest grade.
struct Veto {
  std::string id;
  std::string name;
  std::string name_en;
  int min_count = 1;
};

// A grade, best first. A subject gets the first grade whose conditions it
// meets and whose quota is not used up; the last grade takes everyone else.
struct Grade {
  std::string name;
  std::string name_en;
  Ratio min_score;
  int max_rank = 0;                // 0: no rank condition; N: rank 1..N only
  std::optional<Ratio> max_share;  // quota as a share of the subjects (0.15 = 15 %)
};

// How a quota (a share of the subjects, for bonuses or a grade) becomes a
// count: floor(share × n), the nearest whole number with halves up (四舍五入),
// or floor but at least one subject whenever the share is positive (the
// default: a bureau expects a 20 % quota over 4 towns to admit one).
enum class QuotaRounding { kAtLeastOne, kFloor, kRound };

// Where a vetoed subject (一票否决) is ranked: after every subject that was not
// vetoed (the default), or by its total like any other.
enum class VetoRank { kLast, kAsScored };

struct Scheme {
  std::string id;
  std::string name;
  std::string name_en;
  std::string origin;           // "built-in" or the file it came from
  std::string text;             // the TOML text (kept so a log can replay it)
  std::string subject_kind;     // town, department, official, county...
  std::string period = "year";  // "year" or "tenure"
  std::string status;           // e.g. "TEMPLATE: local scheme text not found (UNVERIFIED)"
  Ratio total;
  int item_decimals = 4;   // each item's points are rounded (GB/T 8170) to this before summing
  int print_decimals = 2;  // points are printed with this many decimals
  std::optional<Ratio> min_eco_points;
  std::string item_weights = "points";  // "points", or "tier" (GDI 3:2:1) or "equal"
  std::vector<Group> groups;
  std::vector<Item> items;
  std::vector<Deduction> deductions;
  std::vector<Bonus> bonuses;
  Ratio bonus_total_cap;                 // 0 = no bonus at all
  std::optional<Ratio> bonus_max_share;  // at most this share of subjects get a bonus
  std::vector<Veto> vetoes;
  std::vector<Grade> grades;
  QuotaRounding quota_rounding = QuotaRounding::kAtLeastOne;
  VetoRank veto_rank = VetoRank::kLast;

  const Item* FindItem(const std::string& id) const;
  const Group* FindGroup(const std::string& id) const;
  const Deduction* FindDeduction(const std::string& id) const;
  const Bonus* FindBonus(const std::string& id) const;
  const Veto* FindVeto(const std::string& id) const;
};

// The number of subjects a quota of `share` admits among `subjects`.
int64_t QuotaCount(const Ratio& share, int64_t subjects, QuotaRounding rounding);

// Parses a scheme from TOML text. Errors read "<file>: <key>: <why>".
StatusOr<Scheme> ParseScheme(const std::string& text, const std::string& file);

// The names of the schemes available (compiled in, plus *.toml in
// `override_dir` when not empty), without ".toml".
StatusOr<std::vector<std::string>> ListSchemes(const std::string& override_dir);

// Loads a scheme by name ("town-1000") from the compiled-in set or
// `override_dir` (a file there replaces the built-in one), or from a path when
// `name_or_path` ends in ".toml".
StatusOr<Scheme> LoadScheme(const std::string& name_or_path, const std::string& override_dir);

}  // namespace ecociv::scoring
