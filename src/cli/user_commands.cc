// `ecociv user role|disable|enable|password|unlock`: administration of the web
// platform's accounts from the command line, each a change-record entry with
// the operator ($ECOCIV_USER, else $USER) as who. `user unlock` is the
// recovery of a user blocked by the login throttle (docs/web.md).
#include "user_commands.h"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>

#include "ecociv/server/accounts.h"
#include "ecociv/server/login_throttle.h"
#include "store_cli.h"

namespace ecociv::cli {

const char kUserRoleUsage[] =
    "  ecociv user role --name NAME --role admin|analyst|reporter|leader|auditor [--unit UNIT]\n"
    "                   [--db PATH]\n";
const char kUserDisableUsage[] =
    "  ecociv user disable --name NAME [--db PATH]   (ends its sessions)\n";
const char kUserEnableUsage[] = "  ecociv user enable --name NAME [--db PATH]\n";
const char kUserPasswordUsage[] =
    "  ecociv user password --name NAME [--password-file FILE | --random-password] [--db PATH]\n"
    "                   (a reset: ends every session of the user)\n";
const char kUserUnlockUsage[] =
    "  ecociv user unlock --name NAME [--address ADDR] | --address ADDR | --list [--db PATH]\n"
    "                   (forgets failed logins: the throttle's block ends at once)\n";

StatusOr<std::string> ReadPassword(const Args& args) {
  if (args.Has("random-password")) return server::RandomToken().substr(0, 20);
  if (args.Has("password-file")) {
    std::ifstream in(args.Get("password-file"));
    if (!in) return NotFoundError("cannot read " + args.Get("password-file"));
    std::string line;
    std::getline(in, line);
    return line;
  }
  if (!isatty(STDIN_FILENO)) {
    std::string line;
    std::getline(std::cin, line);
    return line;
  }
  std::fprintf(stderr, "password: ");
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~ECHO;
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string line;
  std::getline(std::cin, line);
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::fprintf(stderr, "\n");
  return line;
}

namespace {

store::Actor Operator(const char* command) {
  return store::Actor{store::CurrentUser(), std::string("ecociv user ") + command};
}

// Parses the flags, requires --name and opens the database.
struct Opened {
  Args args;
  std::unique_ptr<store::Database> db;
};
StatusOr<Opened> Open(const CommandArgs& argv, const std::set<std::string>& flags,
                      const std::set<std::string>& switches, bool needs_name = true) {
  ECOCIV_ASSIGN_OR_RETURN(Args args, Args::Parse(argv, flags, switches));
  if (needs_name && !args.Has("name")) return InvalidArgumentError("--name is required");
  ECOCIV_ASSIGN_OR_RETURN(auto db, OpenStoreFromArgs(args));
  return Opened{std::move(args), std::move(db)};
}

int Report(const Status& status, const std::string& done) {
  if (!status.ok()) return ReportError(status);
  std::printf("%s\n", done.c_str());
  return kExitSuccess;
}

int Disabled(const CommandArgs& argv, bool disabled) {
  auto o = Open(argv, {"name", "db"}, {});
  if (!o.ok()) return ReportError(o.status());
  std::string name = o->args.Get("name");
  return Report(server::SetUserDisabled(o->db.get(), name, disabled,
                                        Operator(disabled ? "disable" : "enable")),
                name + (disabled ? " disabled" : " enabled"));
}

}  // namespace

int UserRole(const CommandArgs& argv) {
  auto o = Open(argv, {"name", "role", "unit", "db"}, {});
  if (!o.ok()) return ReportError(o.status());
  auto role = server::ParseRole(o->args.Get("role"));
  if (!role.ok()) return ReportError(role.status());
  std::string name = o->args.Get("name");
  return Report(
      server::SetUserRole(o->db.get(), name, *role, o->args.Get("unit"), Operator("role")),
      name + ": " + server::RoleName(*role));
}

int UserDisable(const CommandArgs& argv) { return Disabled(argv, true); }
int UserEnable(const CommandArgs& argv) { return Disabled(argv, false); }

int UserPassword(const CommandArgs& argv) {
  auto o = Open(argv, {"name", "password-file", "db"}, {"random-password"});
  if (!o.ok()) return ReportError(o.status());
  auto password = ReadPassword(o->args);
  if (!password.ok()) return ReportError(password.status());
  std::string name = o->args.Get("name");
  Status s = server::ResetPassword(o->db.get(), name, *password, Operator("password"));
  if (!s.ok()) return ReportError(s);
  if (o->args.Has("random-password")) {
    std::printf("%s\t%s\n", name.c_str(), password->c_str());
  } else {
    std::printf("password of %s reset; its sessions ended\n", name.c_str());
  }
  return kExitSuccess;
}

int UserUnlock(const CommandArgs& argv) {
  auto o = Open(argv, {"name", "address", "db"}, {"list"}, /*needs_name=*/false);
  if (!o.ok()) return ReportError(o.status());
  if (o->args.Has("list")) {
    server::ThrottleLimits limits;
    auto rows = server::ListLoginFailures(o->db.get(), std::time(nullptr), limits.window_seconds);
    if (!rows.ok()) return ReportError(rows.status());
    std::printf("name\taddress\tfailures\tlast (UTC)\n");
    for (const auto& r : *rows) {
      char when[32];
      std::time_t t = static_cast<std::time_t>(r.last_at);
      std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
      std::printf("%s\t%s\t%lld\t%s\n", r.name_key.c_str(), r.address.c_str(),
                  static_cast<long long>(r.failures), when);
    }
    return kExitSuccess;
  }
  std::string name = o->args.Get("name"), address = o->args.Get("address");
  if (!name.empty()) {
    auto user = server::FindUser(o->db.get(), name);
    if (!user.ok()) return ReportError(user.status());
  }
  auto removed = server::UnlockLogins(o->db.get(), name, address, Operator("unlock"));
  if (!removed.ok()) return ReportError(removed.status());
  std::printf("%lld failed login(s) forgotten; %s may log in again\n",
              static_cast<long long>(*removed), name.empty() ? address.c_str() : name.c_str());
  return kExitSuccess;
}

}  // namespace ecociv::cli
