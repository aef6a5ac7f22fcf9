// The `ecociv report` commands kept beside report_commands.cc (internal).
#pragma once

#include "commands.h"

namespace ecociv::cli {

// `ecociv report schedule` (report_schedule_commands.cc).
extern const char* const kReportScheduleUsage;
int ReportSchedule(const CommandArgs& argv);

}  // namespace ecociv::cli
