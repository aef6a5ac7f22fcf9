// `ecociv db init|verify|backup|restore`: the database file itself.
#include <cstdio>

#include "args.h"
#include "commands.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/verify.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

constexpr const char* kDbUsage = R"(usage:
  ecociv db init    [--db PATH]             create the database, or upgrade an older one
  ecociv db verify  [--db PATH]             check the change record and every stored row;
                                            exit 1 when anything was altered outside ecociv
  ecociv db backup  --to FILE [--db PATH]   consistent online copy
  ecociv db restore --from FILE [--db PATH] replace the database with a backup
The database is --db PATH, else $ECOCIV_DB, else ./ecociv.db.
)";

int RunInit(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db"}, {});
  if (!args.ok()) return ReportError(args.status());
  std::string path = store::ResolveDatabasePath(args->Get("db"));
  store::OpenOptions options;
  options.create = true;
  auto db = store::OpenSqliteDatabase(path, options);
  if (!db.ok()) return ReportError(db.status());
  std::printf("%s: schema version %d (%s)\n", path.c_str(), (*db)->SchemaVersion(),
              std::string((*db)->BackendName()).c_str());
  return kExitSuccess;
}

int RunVerify(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto report = store::VerifyDatabase(db->get());
  if (!report.ok()) return ReportError(report.status());
  for (const std::string& problem : report->problems) std::printf("%s\n", problem.c_str());
  std::printf("%s\n", report->Summary().c_str());
  return report->ok() ? kExitSuccess : kExitDataProblems;
}

int RunBackup(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "to"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("to")) return ReportError(InvalidArgumentError("db backup needs --to FILE"));
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  Status status = (*db)->BackupTo(args->Get("to"));
  if (!status.ok()) return ReportError(status);
  std::printf("backed up to %s\n", args->Get("to").c_str());
  return kExitSuccess;
}

int RunRestore(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "from", "why"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("from")) return ReportError(InvalidArgumentError("db restore needs --from FILE"));
  std::string from = args->Get("from"), path = store::ResolveDatabasePath(args->Get("db"));
  auto backup = store::OpenSqliteDatabase(from, store::OpenOptions());
  if (!backup.ok()) return ReportError(backup.status());
  Status status = (*backup)->BackupTo(path);
  if (!status.ok()) return ReportError(status);
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  store::LogEntry entry;
  entry.action = "db.restore";
  entry.object = "database";
  entry.detail = "restored from " + from;
  entry.why = args->Get("why", "restore");
  auto appended = store::AppendLogEntry(db->get(), entry);
  if (!appended.ok()) return ReportError(appended.status());
  std::printf("%s restored from %s\n", path.c_str(), from.c_str());
  return kExitSuccess;
}

}  // namespace

int RunDbCommand(const CommandArgs& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "help") {
    std::fputs(kDbUsage, args.empty() ? stderr : stdout);
    return args.empty() ? kExitBadInput : kExitSuccess;
  }
  CommandArgs rest(args.begin() + 1, args.end());
  if (args[0] == "init") return RunInit(rest);
  if (args[0] == "verify") return RunVerify(rest);
  if (args[0] == "backup") return RunBackup(rest);
  if (args[0] == "restore") return RunRestore(rest);
  std::fprintf(stderr, "ecociv: unknown db command '%s'\n%s", args[0].c_str(), kDbUsage);
  return kExitBadInput;
}

}  // namespace ecociv::cli
