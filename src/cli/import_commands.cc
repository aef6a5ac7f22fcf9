// `ecociv import stations|air FILE...`: each file in one transaction.
#include <algorithm>
#include <cstdio>

#include "args.h"
#include "command_table.h"
#include "ecociv/store/import.h"
#include "ecociv/store/water_store.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

constexpr const char* kStationsUsage =
    "  ecociv import stations FILE... [--db PATH] [--skip-bad-rows] [--why TEXT]\n";
constexpr const char* kAirUsage =
    R"(  ecociv import air FILE...      [--db PATH] [--skip-bad-rows] [--why TEXT]
                                 [--no-screen] [--review-config FILE] [--add-stations]
)";
constexpr const char* kSectionsUsage =
    "  ecociv import sections FILE... [--db PATH] [--skip-bad-rows] [--why TEXT]\n";
constexpr const char* kWaterUsage =
    "  ecociv import water FILE...    [--db PATH] [--skip-bad-rows] [--why TEXT] [--standards "
    "DIR]\n";
constexpr const char* kNotes =
    R"(Each file is one transaction: a file with any bad row changes nothing and every bad row is
listed as file:line: reason (exit 2); --skip-bad-rows imports the good rows and keeps the
rejects (exit 1). Re-importing a file already imported does nothing. Changed values are
recorded as revisions. Air formats: those of `ecociv air` (CNEMC, wide CSV, Zhejiang, Jinan;
.xz/.gz) and .xlsx workbooks with the same columns (every sheet; one import per workbook).
Stations: station,name,city,lon,lat[,background][,type], the CNEMC station list, or .xlsx.
--add-stations takes stations missing from the database from the file itself (CNEMC and
Zhejiang releases name them with city and coordinates). Sections and water samples: the
formats of `ecociv water` (long or wide samples, .xlsx too); sections must be imported first.
)";

using Importer = StatusOr<store::ImportResult> (*)(store::Database*, const std::string&,
                                                   const store::ImportOptions&);

// Imports one file and prints its report; returns its exit code.
int ImportOne(store::Database* db, Importer importer, const std::string& path,
              const store::ImportOptions& options) {
  auto result = importer(db, path, options);
  if (!result.ok()) return ReportError(result.status());
  for (const std::string& reject : result->rejects) std::fprintf(stderr, "%s\n", reject.c_str());
  for (const std::string& revision : result->revisions) {
    std::printf("  revised: %s\n", revision.c_str());
  }
  std::printf("%s\n", result->Summary().c_str());
  if (result->outcome == store::ImportOutcome::kRejected) return kExitBadInput;
  return result->rejects.empty() ? kExitSuccess : kExitDataProblems;
}

// Imports every FILE of `argv` with `importer`; the worst exit code.
int RunImport(Importer importer, const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "why", "review-config", "standards"},
                          {"skip-bad-rows", "no-screen", "add-stations"});
  if (!args.ok()) return ReportError(args.status());
  if (args->positional().empty()) return ReportError(InvalidArgumentError("no FILE to import"));
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  store::ImportOptions options;
  options.skip_bad_rows = args->Has("skip-bad-rows");
  options.add_stations = args->Has("add-stations");
  options.actor.why = args->Get("why");
  options.screen = !args->Has("no-screen");
  options.review_config = args->Get("review-config");
  options.standards_dir = args->Get("standards");
  int exit_code = kExitSuccess;
  for (const std::string& path : args->positional()) {
    exit_code = std::max(exit_code, ImportOne(db->get(), importer, path, options));
  }
  return exit_code;
}

int RunStations(const CommandArgs& argv) { return RunImport(store::ImportStationsFile, argv); }
int RunAir(const CommandArgs& argv) { return RunImport(store::ImportAirFile, argv); }
int RunSections(const CommandArgs& argv) { return RunImport(store::ImportSectionsFile, argv); }
int RunWater(const CommandArgs& argv) { return RunImport(store::ImportWaterFile, argv); }

const Command kCommands[] = {{"stations", kStationsUsage, RunStations},
                             {"air", kAirUsage, RunAir},
                             {"sections", kSectionsUsage, RunSections},
                             {"water", kWaterUsage, RunWater}};
const CommandTable kTable = {"import", kCommands, kNotes};

}  // namespace

int RunImportCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
