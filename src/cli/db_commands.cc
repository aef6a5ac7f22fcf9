// `ecociv db init|verify|backup|restore`: the database file itself.
#include <cstdio>

#include "args.h"
#include "command_table.h"
#include "ecociv/report/publishing.h"
#include "ecociv/scoring/assessment_store.h"
#include "ecociv/server/account_verify.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/regions.h"
#include "ecociv/store/summary.h"
#include "ecociv/store/verify.h"
#include "ecociv/warning/section_plan.h"
#include "ecociv/warning/workflow.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

constexpr const char* kInitUsage =
    "  ecociv db init    [--db PATH]             create the database, or upgrade an older one\n";
constexpr const char* kStatusUsage =
    "  ecociv db status  [--db PATH]             schema version, counts, the change record's "
    "head\n";
constexpr const char* kVerifyUsage =
    R"(  ecociv db verify  [--db PATH] [--anchors F]  check the change record and every stored row,
                                            the warnings, section plans and chiefs' links,
                                            the users, unit assignments, published pages,
                                            official documents, the regions and the region
                                            of each station, section and unit
                                            (and the anchors of `ecociv audit anchor` in F);
                                            exit 1 when anything was altered outside ecociv
)";
constexpr const char* kBackupUsage =
    "  ecociv db backup  --to FILE [--db PATH]   consistent online copy (PostgreSQL: pg_dump's\n"
    "                                            custom format)\n";
constexpr const char* kRestoreUsage =
    "  ecociv db restore --from FILE [--db PATH] replace the database with a backup\n"
    "                                            (PostgreSQL: pg_restore --clean)\n";
constexpr const char* kNotes =
    "The database is --db PATH, else $ECOCIV_DB, else ./ecociv.db: an SQLite file, or a\n"
    "PostgreSQL database named by a URL (postgresql://user@host/db; docs/store.md).\n";

int RunInit(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db"}, {});
  if (!args.ok()) return ReportError(args.status());
  std::string path = store::ResolveDatabasePath(args->Get("db"));
  store::OpenOptions options;
  options.create = true;
  auto db = store::OpenDatabase(path, options);
  if (!db.ok()) return ReportError(db.status());
  std::printf("%s: schema version %d (%s)\n", store::DisplayTarget(path).c_str(),
              (*db)->SchemaVersion(), std::string((*db)->BackendName()).c_str());
  // Users added before schema version 7 get their row digests (once).
  auto digests =
      server::RecordUserDigests(db->get(), store::Actor{store::CurrentUser(), "ecociv db init"});
  if (!digests.ok()) return ReportError(digests.status());
  if (*digests > 0) {
    std::printf("recorded the row digests of %d user(s) added before schema version 7\n", *digests);
  }
  return kExitSuccess;
}

int RunStatus(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  std::printf("%s: schema version %d (%s)\n",
              store::DisplayTarget(store::ResolveDatabasePath(args->Get("db"))).c_str(),
              (*db)->SchemaVersion(), std::string((*db)->BackendName()).c_str());
  auto summary = store::Summarize(db->get());
  if (!summary.ok()) return ReportError(summary.status());
  const std::pair<const char*, int64_t> kCounts[] = {
      {"stations", summary->stations},
      {"air station-hours", summary->air_station_hours},
      {"superseded air rows", summary->superseded_air_rows},
      {"import batches", summary->import_batches},
      {"suspect flags", summary->suspect_flags},
      {"invalidated flags", summary->invalidated_flags},
      {"review decisions", summary->review_decisions},
      {"change record entries", summary->change_log_entries}};
  for (const auto& [name, count] : kCounts) {
    std::printf("  %-22s %lld\n", name, static_cast<long long>(count));
  }
  auto head = store::ChangeLogHead(db->get());
  if (!head.ok()) return ReportError(head.status());
  if (!head->empty()) std::printf("  head %s\n", head->c_str());
  return kExitSuccess;
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
  // The warning workflow's tables, and the users, unit assignments and
  // published pages, against the same change record.
  auto warnings = warning::VerifyWarnings(db->get());
  if (!warnings.ok()) return ReportError(warnings.status());
  // The section plans and the chiefs' links, likewise.
  auto plans = warning::VerifyPlans(db->get());
  if (!plans.ok()) return ReportError(plans.status());
  auto accounts = server::VerifyAccounts(db->get());
  if (!accounts.ok()) return ReportError(accounts.status());
  // And the assessments' people, values, events, runs and findings.
  auto assessments = scoring::VerifyAssessments(db->get());
  if (!assessments.ok()) return ReportError(assessments.status());
  // And the official documents: files against their digests and the change record.
  auto documents = report::VerifyDocuments(db->get());
  if (!documents.ok()) return ReportError(documents.status());
  // And the regions and the region of each station, section and unit.
  auto regions = store::VerifyRegions(db->get());
  if (!regions.ok()) return ReportError(regions.status());
  for (const std::string& problem : report->problems) std::printf("%s\n", problem.c_str());
  for (const std::string& problem : *warnings) std::printf("%s\n", problem.c_str());
  for (const std::string& problem : *plans) std::printf("%s\n", problem.c_str());
  for (const std::string& problem : *accounts) std::printf("%s\n", problem.c_str());
  for (const std::string& problem : *assessments) std::printf("%s\n", problem.c_str());
  for (const std::string& problem : *documents) std::printf("%s\n", problem.c_str());
  for (const std::string& problem : *regions) std::printf("%s\n", problem.c_str());
  std::printf(
      "%s; warnings: %zu problem(s); plans: %zu problem(s); accounts: %zu problem(s); "
      "assessments: %zu problem(s); documents: %zu problem(s); regions: %zu problem(s)\n",
      report->Summary().c_str(), warnings->size(), plans->size(), accounts->size(),
      assessments->size(), documents->size(), regions->size());
  return report->ok() && warnings->empty() && plans->empty() && accounts->empty() &&
                 assessments->empty() && documents->empty() && regions->empty()
             ? kExitSuccess
             : kExitDataProblems;
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
  Status status = store::RestoreDatabase(path, from);
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
  std::printf("%s restored from %s\n", store::DisplayTarget(path).c_str(), from.c_str());
  return kExitSuccess;
}

const Command kCommands[] = {{"init", kInitUsage, RunInit},
                             {"status", kStatusUsage, RunStatus},
                             {"verify", kVerifyUsage, RunVerify},
                             {"backup", kBackupUsage, RunBackup},
                             {"restore", kRestoreUsage, RunRestore}};
const CommandTable kTable = {"db", kCommands, kNotes};

}  // namespace

int RunDbCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
