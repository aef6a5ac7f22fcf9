// `ecociv air`: the air commands' usage and table (run functions in
// air_tables.cc and air_assess.cc).
#include "air_cli.h"
#include "command_table.h"

namespace ecociv::cli {
namespace {

constexpr const char* kHourlyUsage =
    R"(  ecociv air hourly --input F... [--stations F] [--standard auto|hj633-2012|hj633-2026]
                    [--city NAME | --station CODE] [--format csv|json] [--output F]
)";
constexpr const char* kDailyUsage =
    R"(  ecociv air daily  --input F... [--stations F] [--standard ...] [--city NAME | --station CODE]
                    [--format csv|json] [--output F]
)";
constexpr const char* kCheckPublishedUsage =
    "  ecociv air check-published --input F... [--standard ...]   compare with the published "
    "AQI\n";
constexpr const char* kAssessUsage =
    R"(  ecociv air assess --input F... --from YYYY-MM-DD --to YYYY-MM-DD [--stations F]
                    [--city NAME] [--class 1|2] [--standard ...] [--format json|text] [--output F]
                    [--dust-days F]  (扣沙: date,city rows; UNVERIFIED rule, docs/air.md)
)";
constexpr const char* kTargetsUsage =
    R"(  ecociv air targets (--input F... --stations F | --db PATH) --year Y --as-of YYYY-MM-DD
                    [--city NAME] [--pm25 T] [--good-day-ratio PERCENT] [--composite T] [--dust-days F]
                    [--format text|json]
                    [--record DB]  (targets at risk become warnings in DB's workflow)
)";
constexpr const char* kNotes =
    R"(every command: --db PATH in place of --input computes from the store, with --city or
  --station selecting the stations; values a reviewer invalidated are left out
common: --standards DIR  use the standard files in DIR instead of the built-in ones
Input formats (detected from the header): CNEMC release, wide CSV station,time,so2,...,pm25,
Zhejiang release, Jinan release; .xz and .gz are read directly. See docs/formats.md.
)";

const Command kCommands[] = {{"hourly", kHourlyUsage, RunAirHourly},
                             {"daily", kDailyUsage, RunAirDaily},
                             {"check-published", kCheckPublishedUsage, RunAirCheckPublished},
                             {"assess", kAssessUsage, RunAirAssess},
                             {"targets", kTargetsUsage, RunAirTargets}};
const CommandTable kTable = {"air", kCommands, kNotes};

}  // namespace

int RunAirCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
