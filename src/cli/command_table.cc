#include "command_table.h"

#include <algorithm>
#include <cstdio>

#include "ecociv/core/status.h"

namespace ecociv::cli {
namespace {

bool IsHelp(const std::string& arg) { return arg == "--help" || arg == "-h"; }

bool SingleUnnamed(const CommandTable& table) {
  return table.commands.size() == 1 && table.commands[0].name[0] == '\0';
}

const Command* Find(const CommandTable& table, const std::string& name) {
  for (const Command& command : table.commands) {
    if (name == command.name) return &command;
  }
  return nullptr;
}

// Runs `command` with `args`, or prints its usage when they ask for help.
int RunOrHelp(const CommandTable& table, const Command& command, const CommandArgs& args) {
  if (std::any_of(args.begin(), args.end(), IsHelp)) {
    std::fputs(CommandUsage(table, command).c_str(), stdout);
    return kExitSuccess;
  }
  return command.run(args);
}

}  // namespace

std::string GroupUsage(const CommandTable& table) {
  std::string text = "usage:\n";
  for (size_t i = 0; i < table.commands.size(); ++i) {
    const char* usage = table.commands[i].usage;
    bool repeated = std::any_of(table.commands.begin(), table.commands.begin() + i,
                                [&](const Command& c) { return c.usage == usage; });
    if (!repeated) text += usage;
  }
  text += table.notes;
  if (SingleUnnamed(table)) return text;
  text += "commands:";
  for (const Command& command : table.commands) text += std::string(" ") + command.name;
  text += "\n(`ecociv " + std::string(table.group) + " COMMAND --help` describes one command)\n";
  return text;
}

std::string CommandUsage(const CommandTable& table, const Command& command) {
  return std::string("usage:\n") + command.usage + table.notes;
}

int Dispatch(const CommandTable& table, const CommandArgs& args) {
  if (SingleUnnamed(table)) return RunOrHelp(table, table.commands[0], args);
  if (args.empty()) {
    std::fputs(GroupUsage(table).c_str(), stderr);
    return kExitBadInput;
  }
  if (IsHelp(args[0]) || args[0] == "help") {
    std::fputs(GroupUsage(table).c_str(), stdout);
    return kExitSuccess;
  }
  const Command* command = Find(table, args[0]);
  if (command == nullptr) {
    std::fprintf(stderr, "ecociv: unknown %s command '%s'\n%s", table.group, args[0].c_str(),
                 GroupUsage(table).c_str());
    return kExitBadInput;
  }
  return RunOrHelp(table, *command, CommandArgs(args.begin() + 1, args.end()));
}

}  // namespace ecociv::cli
