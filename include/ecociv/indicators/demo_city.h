// The SYNTHETIC demo city for the indicators: a Zhangjiagang-like set of 43
// departments and 11 town-level units (invented names, marked synthetic), the
// 2025 plan, key projects with milestones, and values for 2022–2025 of the
// national 2019 catalogue with a realistic mix of met and unmet indicators,
// each entered, submitted and accepted through the review workflow. The air
// and water indicators are engine figures (engine_figures.h): only their
// reported values of 2022–2024 are entered; 2025 comes from the data in the
// store, or is no data without them.
//
// Thread safety: takes a Database the caller owns exclusively.
#pragma once

#include "ecociv/core/status.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::indicators {

inline constexpr int kDemoLatestYear = 2025;

// Loads the demo into `db` (which should be empty of indicator data).
Status LoadDemoCity(store::Database* db, const store::Actor& actor);

}  // namespace ecociv::indicators
