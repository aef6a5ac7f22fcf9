// The `ecociv scoring` commands over the store (assessment_commands.cc,
// assessment_results.cc): people, values and events in, runs scored, reviewed
// and approved, rankings and report cards out (the same figures as the web
// API's), departure-audit findings and evidence. scoring_commands.cc lists
// them in the group's table after the file-based commands.
#pragma once

#include <span>

#include "command_table.h"

namespace ecociv::cli {

// people, values, events, store-run, runs, review, approve, findings, evidence.
std::span<const Command> AssessmentEntryCommands();
// ranking, card.
std::span<const Command> AssessmentResultCommands();

// `scoring demo-data --db PATH [--today D]`: the SYNTHETIC assessments in the store.
int LoadScoringDemoCommand(const CommandArgs& args);

}  // namespace ecociv::cli
