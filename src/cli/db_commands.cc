// `ecociv db init|verify|backup|restore`: the database file itself.
#include <cstdio>

#include "args.h"
#include "commands.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/verify.h"
#include "ecociv/warning/workflow.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

constexpr const char* kDbUsage = R"(usage:
  ecociv db init    [--db PATH]             create the database, or upgrade an older one
  ecociv db status  [--db PATH]             schema version, counts, the change record's head
  ecociv db verify  [--db PATH] [--anchors F]  check the change record and every stored row
                                            (and the anchors of `ecociv audit anchor` in F);
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

int RunStatus(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  std::printf("%s: schema version %d (%s)\n", store::ResolveDatabasePath(args->Get("db")).c_str(),
              (*db)->SchemaVersion(), std::string((*db)->BackendName()).c_str());
  const std::pair<const char*, const char*> kCounts[] = {
      {"stations", "SELECT count(*) FROM stations"},
      {"air station-hours", "SELECT count(*) FROM air_hourly"},
      {"superseded air rows", "SELECT count(*) FROM air_revisions"},
      {"import batches", "SELECT count(*) FROM import_batches"},
      {"suspect flags", "SELECT count(*) FROM review_flags WHERE status = 'suspect'"},
      {"invalidated flags", "SELECT count(*) FROM review_flags WHERE status = 'invalidated'"},
      {"review decisions", "SELECT count(*) FROM review_decisions"},
      {"change record entries", "SELECT count(*) FROM change_log"}};
  for (const auto& [name, sql] : kCounts) {
    auto count = store::QueryInt64(db->get(), sql);
    if (!count.ok()) return ReportError(count.status());
    std::printf("  %-22s %lld\n", name, static_cast<long long>(*count));
  }
  auto head = (*db)->Prepare("SELECT hash FROM change_log ORDER BY seq DESC LIMIT 1");
  if (!head.ok()) return ReportError(head.status());
  Status status;
  if ((*head)->Step(&status)) std::printf("  head %s\n", (*head)->ColumnText(0).c_str());
  return status.ok() ? kExitSuccess : ReportError(status);
}

int RunVerify(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "anchors"}, {});
  if (!args.ok()) return ReportError(args.status());
  std::vector<store::Anchor> anchors;
  if (args->Has("anchors")) {
    auto read = store::ReadAnchors(args->Get("anchors"));
    if (!read.ok()) return ReportError(read.status());
    anchors = std::move(*read);
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto report = store::VerifyDatabase(db->get());
  if (!report.ok()) return ReportError(report.status());
  Status anchored = store::VerifyAnchors(db->get(), anchors, &*report);
  if (!anchored.ok()) return ReportError(anchored);
  // The warning workflow's tables against the same change record.
  auto warnings = warning::VerifyWarnings(db->get());
  if (!warnings.ok()) return ReportError(warnings.status());
  for (const std::string& problem : report->problems) std::printf("%s\n", problem.c_str());
  for (const std::string& problem : *warnings) std::printf("%s\n", problem.c_str());
  std::printf("%s; warnings: %zu problem(s)\n", report->Summary().c_str(), warnings->size());
  return report->ok() && warnings->empty() ? kExitSuccess : kExitDataProblems;
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
  if (args[0] == "status") return RunStatus(rest);
  if (args[0] == "verify") return RunVerify(rest);
  if (args[0] == "backup") return RunBackup(rest);
  if (args[0] == "restore") return RunRestore(rest);
  std::fprintf(stderr, "ecociv: unknown db command '%s'\n%s", args[0].c_str(), kDbUsage);
  return kExitBadInput;
}

}  // namespace ecociv::cli
