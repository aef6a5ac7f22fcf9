// The SYNTHETIC assessments of the demo city, entered into the store the way
// a city would: people (a town leader who left office in 2025 with the
// tenure, two more in office), values and events of the town 1000-point and
// department 100-point assessments for 2024 and 2025, each year's run scored,
// reviewed and approved (so a card shows the change of rank against last
// year), and the departure audit of the leader who left: a run, reviewed and
// approved, and three findings — one closed with its evidence, one open, one
// overdue (deadlines relative to `today`). Every name, value and note is
// marked SYNTHETIC / 合成.
//
// The store must hold the demo city's units first (indicators/demo_city.h:
// LoadDemoCity), which also gives the department scheme its indicators.
//
// Thread safety: takes a Database the caller owns exclusively.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/scoring/assessment_store.h"

namespace ecociv::scoring {

struct DemoRuns {
  std::vector<int64_t> approved;  // town-1000 and dept-100, 2024 then 2025
  int64_t departure_audit = 0;
  std::vector<int64_t> findings;  // closed, open, overdue
};

inline constexpr char kDemoDepartingPerson[] = "OFF-T06-2021";

// `today` (YYYY-MM-DD) dates the findings' deadlines. FailedPrecondition
// without the demo units, or when the store already holds assessment runs.
StatusOr<DemoRuns> LoadScoringDemo(Database* db, const std::string& today, const Actor& actor);

}  // namespace ecociv::scoring
