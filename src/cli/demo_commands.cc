// `ecociv demo generate`: writes the synthetic demo city.
#include <cstdio>

#include "args.h"
#include "commands.h"
#include "ecociv/air/demo_data.h"

namespace ecociv::cli {

int RunDemoCommand(const CommandArgs& argv) {
  constexpr const char* kUsage =
      "usage: ecociv demo generate --out DIR [--seed N]\n"
      "Writes a SYNTHETIC Zhangjiagang-like city (stations.csv, synthetic_air_hourly.csv)\n"
      "for demonstrations and tests. It is generated, not measured.\n";
  if (argv.empty() || argv[0] != "generate") {
    std::fputs(kUsage, stderr);
    return kExitBadInput;
  }
  auto args = Args::Parse(CommandArgs(argv.begin() + 1, argv.end()), {"out", "seed"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("out")) return ReportError(InvalidArgumentError("--out DIR is required"));
  air::DemoAirOptions options;
  options.out_dir = args->Get("out");
  if (args->Has("seed")) {
    try {
      options.seed = std::stoull(args->Get("seed"));
    } catch (...) {
      return ReportError(InvalidArgumentError("--seed must be a non-negative integer"));
    }
  }
  auto rows = air::WriteDemoAir(options);
  if (!rows.ok()) return ReportError(rows.status());
  std::printf("wrote %lld synthetic station-hours (SYNTHETIC demo data, not measurements) to %s\n",
              static_cast<long long>(*rows), options.out_dir.c_str());
  return kExitSuccess;
}

}  // namespace ecociv::cli
