// The subcommand groups of the `ecociv` program. Each group lives in its own
// <group>_commands.cc and receives the arguments after its name
// (`ecociv air hourly --input f` → RunAirCommand({"hourly", "--input", "f"})).
// Each returns the process exit code: 0 success, 1 finished with data problems
// reported, 2 bad usage or unreadable input.
#pragma once

#include <string>
#include <vector>

namespace ecociv::cli {

using CommandArgs = std::vector<std::string>;

struct CommandGroup {
  const char* name;
  const char* summary;
  int (*run)(const CommandArgs& args);
};

int RunAirCommand(const CommandArgs& args);
int RunDemoCommand(const CommandArgs& args);
int RunWaterCommand(const CommandArgs& args);
int RunDbCommand(const CommandArgs& args);
int RunImportCommand(const CommandArgs& args);
int RunReviewCommand(const CommandArgs& args);
int RunAuditCommand(const CommandArgs& args);
int RunMapCommand(const CommandArgs& args);
int RunSpaceCommand(const CommandArgs& args);
int RunIndicatorsCommand(const CommandArgs& args);
int RunWarnCommand(const CommandArgs& args);
int RunScoringCommand(const CommandArgs& args);
int RunServeCommand(const CommandArgs& args);
int RunUserCommand(const CommandArgs& args);
int RunReportCommand(const CommandArgs& args);
int RunRegionCommand(const CommandArgs& args);

}  // namespace ecociv::cli
