// `ecociv demo generate`: writes the synthetic demo city.
#include <cstdio>

#include "args.h"
#include "command_table.h"
#include "ecociv/air/demo_data.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/parse_number.h"

namespace ecociv::cli {
namespace {

constexpr const char* kGenerateUsage =
    "  ecociv demo generate --out DIR [--seed N] [--stations FILE] [--from DAY --to DAY]\n";
constexpr const char* kNotes =
    "Writes a SYNTHETIC Zhangjiagang-like city (stations.csv, synthetic_air_hourly.csv)\n"
    "for demonstrations and tests. It is generated, not measured.\n"
    "--stations FILE generates the hours of that station list's stations instead (the\n"
    "province load test, bench/province.sh; stations.csv is then not written);\n"
    "--from/--to (YYYY-MM-DD) the days (default 2025-01-01 to 2026-11-27).\n";

int RunGenerate(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"out", "seed", "stations", "from", "to"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("out")) return ReportError(InvalidArgumentError("--out DIR is required"));
  air::DemoAirOptions options;
  options.out_dir = args->Get("out");
  if (args->Has("seed")) {
    auto seed = ParseInteger(args->Get("seed"), 0, INT64_MAX, "--seed");
    if (!seed.ok()) return ReportError(seed.status());
    options.seed = static_cast<uint64_t>(*seed);
  }
  if (args->Has("stations")) {
    auto stations = air::ReadStationList(args->Get("stations"));
    if (!stations.ok()) return ReportError(stations.status());
    options.stations = std::move(*stations);
  }
  for (const char* name : {"from", "to"}) {
    if (!args->Has(name)) continue;
    auto day = ParseDate(args->Get(name));
    if (!day.ok()) return ReportError(InvalidArgumentError(std::string("--") + name + ": " +
                                                           day.status().message()));
    (std::string(name) == "from" ? options.first_day : options.last_day) = *day;
  }
  auto rows = air::WriteDemoAir(options);
  if (!rows.ok()) return ReportError(rows.status());
  std::printf("wrote %lld synthetic station-hours (SYNTHETIC demo data, not measurements) to %s\n",
              static_cast<long long>(*rows), options.out_dir.c_str());
  return kExitSuccess;
}

const Command kCommands[] = {{"generate", kGenerateUsage, RunGenerate}};
const CommandTable kTable = {"demo", kCommands, kNotes};

}  // namespace

int RunDemoCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
