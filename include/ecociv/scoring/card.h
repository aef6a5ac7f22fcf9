// Report cards (成绩单) and ranking tables as data: one shape, made here, for
// the command line (text, JSON, xlsx) and the web API (JSON, xlsx).
//
// A card is built from an Assessment (a run scored now, or a saved run record
// recomputed by ReadRunRecord, run_log.h) and one subject: who (for a person:
// unit, post and tenure), the scheme, the year, the run and its state, the
// total, grade, rank and the change of rank against last year's approved run,
// the groups, and every item with its figures and a "why" in Chinese and
// English written from the item's rule and figures, e.g.
//   线性计分：实际 85.2，介于下限 60 与目标 90 之间，得 28.40 分（满分 40）
//   linear: 85.2 between floor 60 and target 90 → 28.40 of 40
// Deductions, bonuses (including those refused by the quota) and vetoes are
// explained alike.
//
// Figures are printed as published: points rounded by GB/T 8170 (on the
// exact value) to the scheme's print_decimals; values and thresholds as exact
// decimals (trailing zeros dropped), and a figure that is not a short exact
// decimal (an efficacy index) rounded to print_decimals. No raw fractions.
//
// A "tenure" scheme (a departure audit) judges each official on its own: its
// card and its table carry the tenure and no rank.
//
// JSON: docs/formats.md ("Report card JSON", "Ranking JSON").
//
// Thread safety: pure functions over their arguments; the xlsx functions
// write only their own file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/scoring/engine.h"

namespace ecociv::scoring {

// A text in Chinese (first) and English.
struct Why {
  std::string zh;
  std::string en;
};

// The saved run a card comes from (absent for a run scored on the spot).
struct CardRun {
  int64_t id = 0;
  std::string scheme;
  int year = 0;
  std::string state;  // draft, reviewed, approved, superseded
  std::string created_by, created_at;
  std::string reviewed_by, reviewed_at;
  std::string approved_by, approved_at;
  int64_t replaces = 0;
  int64_t replaced_by = 0;
  std::string region = "000000";  // whose subjects the run ranks (the root: all)
};

// A person judged by an "official" scheme.
struct CardPerson {
  std::string unit;       // the unit's code
  std::string unit_name;  // its name ("" when unknown)
  std::string post;
  std::string tenure_start, tenure_end;  // YYYY-MM-DD; end "" while in office
};

// Last year's approved run of the same scheme: each subject's rank.
struct PriorRanks {
  int year = 0;
  int64_t run = 0;
  std::map<std::string, int> ranks;
};

// What a card or a table needs besides the Assessment.
struct CardContext {
  std::optional<CardRun> run;
  std::optional<PriorRanks> last_year;
  std::map<std::string, CardPerson> people;  // by subject id
};

struct CardItem {
  std::string id, name, name_en, group, unit;
  std::string max_points, points;  // printed
  std::string value, start, end;   // printed; "" when there is none
  std::string outcome;             // scored, missing_zero, missing_minimum, missing_dropped
  Why why;
};

struct CardGroup {
  std::string id, name, name_en;
  std::string max_points, points;  // printed; the group after its deductions
};

// A deduction or a bonus applied to the subject.
struct CardAdjustment {
  std::string id, name, name_en;
  int64_t events = 0;
  std::string points;    // printed, positive: the amount taken off / added
  bool refused = false;  // a bonus refused because the quota was used up
  Why why;
};

struct CardVeto {
  std::string id, name, name_en;
  int64_t events = 0;
  Why why;
};

struct SchemeInfo {
  std::string id, name, name_en, status, period, subject_kind;
  std::string total;  // printed
};

struct Card {
  SchemeInfo scheme;
  int year = 0;
  std::optional<CardRun> run;
  Subject subject;
  std::optional<CardPerson> person;
  std::string total;
  std::string grade, grade_en;
  Why grade_why;
  std::optional<int> rank;              // none for a "tenure" scheme
  int subjects = 0;                     // how many were judged in the run
  std::optional<PriorRanks> last_year;  // ranks cleared: only year and run
  std::optional<int> last_rank;
  std::optional<int> rank_change;  // last_rank − rank: positive = moved up
  bool vetoed = false;
  std::string base, deduction_total, bonus_total;  // printed
  std::vector<CardGroup> groups;
  std::vector<CardItem> items;  // in scheme order
  std::vector<CardAdjustment> deductions, bonuses;
  std::vector<CardVeto> vetoes;
};

// NotFound when `subject` was not judged in the assessment.
StatusOr<Card> BuildCard(const Assessment& assessment, const std::string& subject,
                         const CardContext& context);

struct RankingRow {
  std::optional<int> rank;  // none for a "tenure" scheme
  Subject subject;
  std::optional<CardPerson> person;
  std::string total, grade, grade_en;
  std::vector<std::string> groups;  // printed, in scheme order
  bool vetoed = false;
  std::optional<int> last_rank, rank_change;
};

struct Ranking {
  SchemeInfo scheme;
  int year = 0;
  std::optional<CardRun> run;
  bool ranked = true;             // false for a "tenure" scheme: rows by subject id, no rank
  std::vector<CardGroup> groups;  // headers (names and full points)
  std::optional<PriorRanks> last_year;
  std::vector<RankingRow> rows;  // by rank (ties by subject id)
};

Ranking BuildRanking(const Assessment& assessment, const CardContext& context);

// JSON (docs/formats.md), text for the terminal (Chinese first, English
// beside), and xlsx (core/xlsx_writer.h) as bytes.
std::string CardJson(const Card& card);
std::string CardText(const Card& card);
StatusOr<std::string> CardXlsx(const Card& card);
std::string RankingJson(const Ranking& ranking);
std::string RankingText(const Ranking& ranking);
StatusOr<std::string> RankingXlsx(const Ranking& ranking);

// A figure as published: an exact decimal of at most 6 places with trailing
// zeros dropped ("85.2", "30", "-1.5"), else rounded (GB/T 8170) to `decimals`.
std::string PrintFigure(const Ratio& value, int decimals);

}  // namespace ecociv::scoring
