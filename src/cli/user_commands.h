// `ecociv user` commands beyond add/list/assign/publish (which are in
// serve_commands.cc): role, disable, enable, password and unlock, and the
// password prompt they share.
#pragma once

#include <string>

#include "args.h"
#include "commands.h"

namespace ecociv::cli {

// The password of --random-password (generated), --password-file (its first
// line), else standard input (a line; asked for without echo on a terminal).
StatusOr<std::string> ReadPassword(const Args& args);

extern const char kUserRoleUsage[];
extern const char kUserDisableUsage[];
extern const char kUserEnableUsage[];
extern const char kUserPasswordUsage[];
extern const char kUserUnlockUsage[];
int UserRole(const CommandArgs& argv);
int UserDisable(const CommandArgs& argv);
int UserEnable(const CommandArgs& argv);
int UserPassword(const CommandArgs& argv);
int UserUnlock(const CommandArgs& argv);

}  // namespace ecociv::cli
