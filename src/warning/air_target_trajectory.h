// The JSON members of the air targets document for the percentile targets and the
// trajectories (internal: shared by air_targets.cc and air_target_trajectory.cc).
#pragma once
#include <nlohmann/json.hpp>

#include "ecociv/warning/air_targets.h"

namespace ecociv::warning {

// Adds "percentile_targets" and "trajectories" to `doc`, figures rounded as published.
void AddPercentileAndTrajectoryJson(const AirTargetReport& report, nlohmann::ordered_json* doc);

}  // namespace ecociv::warning
