// Internal to the cli: the `ecociv water` commands that live outside
// water_commands.cc (the plans and the chiefs' links: water_plan_commands.cc).
#pragma once

#include "commands.h"

namespace ecociv::cli {

extern const char* const kWaterPlanUsage;
extern const char* const kWaterChiefUsage;
int RunWaterPlan(const CommandArgs& args);
int RunWaterChief(const CommandArgs& args);

}  // namespace ecociv::cli
