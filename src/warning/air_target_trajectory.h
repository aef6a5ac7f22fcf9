// The JSON members of the air targets document for the percentile targets and the
// trajectories and the
// period assessment both use (internal: shared by air_targets.cc and air_target_trajectory.cc).
#pragma once
#include <nlohmann/json.hpp>

#include "ecociv/air/assessment.h"
#include "ecociv/warning/air_targets.h"

namespace ecociv::warning {

// The air assessment of days [from, to] under the targets' options (area class,
// forced edition, dust days).
StatusOr<air::PeriodAssessment> AssessTargetPeriod(const std::vector<air::DailyRecord>& days,
                                                   const air::AirStandards& standards,
                                                   const AirTargetOptions& o, DayNumber from,
                                                   DayNumber to);

// Adds "percentile_targets" and "trajectories" to `doc`, figures rounded as published.
void AddPercentileAndTrajectoryJson(const AirTargetReport& report, nlohmann::ordered_json* doc);

}  // namespace ecociv::warning
