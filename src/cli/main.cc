// The `ecociv` command-line program: dispatches to the subcommand groups.
#include <cstdio>
#include <cstring>

#include "commands.h"
#include "hj212_cli.h"

namespace ecociv::cli {
namespace {

const CommandGroup kGroups[] = {
    {"air", "air quality: hourly AQI, daily report, period assessment", RunAirCommand},
    {"demo", "generate the synthetic demo city", RunDemoCommand},
    {"water", "surface water: GB 3838 classes, 2011 assessment, CWQI, TLI", RunWaterCommand},
    {"db", "the database: init, verify, backup, restore", RunDbCommand},
    {"import", "import stations, sections, air and water data into the database", RunImportCommand},
    {"review", "data review: list flags, invalidate or clear values", RunReviewCommand},
    {"audit", "print the change record", RunAuditCommand},
    {"indicators", "demonstration-zone indicators: readiness, values, review, plan",
     RunIndicatorsCommand},
    {"warn", "early warnings: evaluate, list, ack, assign, feedback, close, deliver",
     RunWarnCommand},
    {"scoring", "assessments (千分制/百分制), departure audits, GDI, report cards",
     RunScoringCommand},
    {"report", "official documents: air and water reports, report cards (HTML, PDF)",
     RunReportCommand},
    {"serve", "run the web platform (HTTP API and interface)", RunServeCommand},
    {"user", "web platform accounts and published pages", RunUserCommand},
    {"map", "the web map's layer: the city's boundary and section points", RunMapCommand},
    {"region", "regions (province, city, county) and what belongs to each", RunRegionCommand},
    {"space", "ecological space: red lines, control areas, intrusions, green cover",
     RunSpaceCommand},
    {"hj212", "HJ 212 data loggers: register, deactivate, list, verify", RunHj212Command},
    {"ingest", "receive HJ 212-2017 packets from data loggers over TCP", RunIngestCommand},
    {"stations", "station status: online, packets, refusals, data capture", RunStationsCommand},
    {"sim212", "simulated HJ 212 data loggers (tests and benchmarks)", RunSim212Command},
};

void PrintUsage() {
  std::printf("usage: ecociv <command> [options]\n\ncommands:\n");
  for (const CommandGroup& group : kGroups) {
    std::printf("  %-10s %s\n", group.name, group.summary);
  }
  std::printf(
      "\n`ecociv <command> --help` describes a command. Exit codes: 0 success,\n"
      "1 finished with data problems reported, 2 bad usage or unreadable input.\n");
}

}  // namespace
}  // namespace ecociv::cli

int main(int argc, char** argv) {
  using namespace ecociv::cli;
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    PrintUsage();
    return argc < 2 ? 2 : 0;
  }
  CommandArgs rest(argv + 2, argv + argc);
  for (const CommandGroup& group : kGroups) {
    if (std::strcmp(argv[1], group.name) == 0) return group.run(rest);
  }
  std::fprintf(stderr, "ecociv: unknown command '%s'\n", argv[1]);
  PrintUsage();
  return 2;
}
