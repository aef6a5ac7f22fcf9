// The commands of a group as a table, and the one dispatcher every group uses.
//
// A group (`ecociv air`, `ecociv db`, ...) lists its commands as
// {name, usage, run}. Dispatch then gives every group the same behaviour:
//   ecociv GROUP                       the group's usage on stderr, exit 2
//   ecociv GROUP --help | -h | help    the group's usage on stdout, exit 0
//   ecociv GROUP COMMAND ... --help    that command's usage on stdout, exit 0
//                       (or -h anywhere after the command)
//   ecociv GROUP UNKNOWN               "unknown GROUP command", the group's usage
//                                      on stderr, exit 2
//   ecociv GROUP COMMAND ARGS...       run(ARGS...)
// A group with a single unnamed command (name "", e.g. `ecociv serve`) passes
// every argument to it; `--help` still prints its usage.
//
// The group's usage ends with a line "commands: NAME NAME ..." listing the
// command names, which tests read to cover every command.
//
// Thread safety: the tables are constant; Dispatch writes to stdout/stderr.
#pragma once

#include <span>
#include <string>

#include "commands.h"

namespace ecociv::cli {

struct Command {
  const char* name;   // as typed after the group; "" for a group's only command
  const char* usage;  // its usage lines ("  ecociv GROUP NAME --flag ...\n"); commands
                      // sharing one text (invalidate|clear) point to the same text
  int (*run)(const CommandArgs& args);  // the arguments after the command's name
};

struct CommandTable {
  const char* group;                  // "air"
  std::span<const Command> commands;  // in the order the usage lists them
  const char* notes;                  // text after the commands in every usage ("" for none)
};

// The group's usage: "usage:", every command's usage lines, the notes and
// the "commands:" line (not for a group with a single unnamed command).
std::string GroupUsage(const CommandTable& table);

// One command's usage: "usage:", its lines and the group's notes.
std::string CommandUsage(const CommandTable& table, const Command& command);

// Runs the command named by args[0] (see the top of this file); returns the
// process exit code.
int Dispatch(const CommandTable& table, const CommandArgs& args);

}  // namespace ecociv::cli
