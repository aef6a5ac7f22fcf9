// `ecociv water`: classify, assess, allowance, periods, campaign,
// check-published and demo-data (see docs/water.md); plan and chief are in
// water_plan_commands.cc.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "args.h"
#include "command_table.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/store/water_store.h"
#include "ecociv/warning/water_allowance.h"
#include "ecociv/water/campaign_report.h"
#include "ecociv/water/demo_city.h"
#include "ecociv/water/periods.h"
#include "ecociv/water/realtime.h"
#include "ecociv/water/release_check.h"
#include "ecociv/water/report.h"
#include "store_cli.h"
#include "water_cli.h"

namespace ecociv::cli {
namespace {

using namespace ecociv::water;

constexpr const char* kClassifyUsage =
    "  ecociv water classify --samples F --sections F [--period month|quarter|year|sample]\n"
    "                        [--standard auto|ID] [--from D --to D] [--format csv|json]\n"
    "                        [--output F] [--standards DIR]\n";
constexpr const char* kCheckPublishedUsage =
    "  ecociv water check-published --input F... [--sections F] [--standard auto|ID]\n"
    "                        [--values raw|displayed] [--latest] [--examples N] [--standards "
    "DIR]\n";
constexpr const char* kAssessUsage =
    "  ecociv water assess   --samples F --sections F --from D --to D\n"
    "                        [--base-from D --base-to D] [--format json|text|csv]\n"
    "                        [--output F] [--standards DIR]\n"
    "      json: the whole assessment; text and csv: the shares of sections at class III\n"
    "      or better for the city, each level and each category (docs/water.md)\n";
constexpr const char* kAllowanceUsage =
    "  ecociv water allowance --samples F --sections F --year Y [--as-of D]\n"
    "                        [--format text|json|csv] [--output F] [--standards DIR]\n"
    "      the year-to-date class of each section month by month against its target, the\n"
    "      months left and, per item, the mean the rest of the year may have (docs/water.md)\n";
constexpr const char* kPeriodsUsage =
    "  ecociv water periods [--periods F] [--format text|json]\n"
    "      the flood seasons (汛期) and campaigns (专项行动) of config/water-periods.toml\n"
    "      (or the file F of the same shape)\n";
constexpr const char* kCampaignUsage =
    "  ecociv water campaign --id ID --samples F --sections F [--as-of D] [--periods F]\n"
    "                        [--format text|json|csv] [--output F] [--standards DIR]\n"
    "      the 保Ⅲ消劣 report of a campaign: each of its sections' class and months at\n"
    "      class III or better and worse than V, before (the baseline) and during the\n"
    "      campaign (to --as-of, default the last sample day), and the totals\n";
constexpr const char* kDemoDataUsage = "  ecociv water demo-data --out DIR [--year Y] [--seed N]\n";
constexpr const char* kNotes =
    "--samples may be given several times. Dates are YYYY-MM-DD (inclusive).\n"
    "--db PATH [--section CODE...] in place of --samples/--sections computes from the store\n"
    "(samples a reviewer invalidated are left out).\n"
    "--period sample: one class per section and monitoring time, by the real-time rule\n"
    "file of each sample's date (--standard auto) or the one named (e.g.\n"
    "cnemc-auto-release-2025). check-published compares a release's published classes\n"
    "(exit 1 when a disagreement has no known cause).\n";

struct Inputs {
  WaterRules rules;
  SampleSet set;
  SectionSamples index;
};

// Reads the standards, the sections and every samples file; any error aborts
// before anything is computed.
StatusOr<Inputs> LoadInputs(const Args& args) {
  if (args.Has("db")) {
    if (args.Has("samples") || args.Has("sections")) {
      return InvalidArgumentError("give --samples/--sections or --db PATH, not both");
    }
    ECOCIV_ASSIGN_OR_RETURN(WaterRules rules, WaterRules::Load(args.Get("standards")));
    ECOCIV_ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db, OpenStoreFromArgs(args));
    store::WaterQuery query;
    for (const std::string& code : args.GetAll("section")) query.sections.push_back(code);
    ECOCIV_ASSIGN_OR_RETURN(SampleSet set, store::LoadWaterSamples(db.get(), query, rules));
    if (set.samples.empty()) return InvalidArgumentError("no samples in the store");
    SectionSamples index = IndexSamples(set);
    return Inputs{std::move(rules), std::move(set), std::move(index)};
  }
  if (!args.Has("samples") || !args.Has("sections")) {
    return InvalidArgumentError("--samples and --sections (or --db PATH) are required\n" +
                                std::string(kClassifyUsage) + kAssessUsage + kNotes);
  }
  ECOCIV_ASSIGN_OR_RETURN(WaterRules rules, WaterRules::Load(args.Get("standards")));
  SampleSet set;
  ECOCIV_ASSIGN_OR_RETURN(set.sections, ReadSections(args.Get("sections")));
  for (const std::string& path : args.GetAll("samples")) {
    ECOCIV_RETURN_IF_ERROR(ReadSamples(path, rules, &set));
  }
  if (set.samples.empty()) return InvalidArgumentError("no samples in the input");
  SectionSamples index = IndexSamples(set);
  return Inputs{std::move(rules), std::move(set), std::move(index)};
}

StatusOr<DayNumber> DateFlag(const Args& args, const std::string& flag) {
  auto day = ParseDate(args.Get(flag));
  if (!day.ok()) return InvalidArgumentError("--" + flag + ": " + day.status().message());
  return day;
}

int Classify(const CommandArgs& argv) {
  auto args = Args::Parse(argv,
                          {"samples", "sections", "period", "from", "to", "format", "output",
                           "standards", "db", "section", "standard"},
                          {});
  if (!args.ok()) return ReportError(args.status());
  auto inputs = LoadInputs(*args);
  if (!inputs.ok()) return ReportError(inputs.status());
  const std::string period = args->Get("period", "month");
  PeriodKind kind = PeriodKind::kMonth;
  const bool per_sample = period == "sample";
  if (period == "quarter") {
    kind = PeriodKind::kQuarter;
  } else if (period == "year") {
    kind = PeriodKind::kYear;
  } else if (period != "month" && !per_sample) {
    return ReportError(InvalidArgumentError("--period must be month, quarter, year or sample"));
  }
  if (args->Has("standard") && !per_sample) {
    return ReportError(InvalidArgumentError("--standard applies to --period sample"));
  }
  const std::string format = args->Get("format", "csv");
  if (format != "csv" && format != "json") {
    return ReportError(InvalidArgumentError("--format must be csv or json"));
  }
  DayNumber from = inputs->set.samples.front().day, to = from;
  for (const Sample& s : inputs->set.samples) {
    from = std::min(from, s.day);
    to = std::max(to, s.day);
  }
  if (args->Has("from")) {
    auto d = DateFlag(*args, "from");
    if (!d.ok()) return ReportError(d.status());
    from = *d;
  }
  if (args->Has("to")) {
    auto d = DateFlag(*args, "to");
    if (!d.ok()) return ReportError(d.status());
    to = *d;
  }
  if (to < from) return ReportError(InvalidArgumentError("--to is before --from"));
  if (per_sample) {
    auto editions = RealtimeEditions::Load(args->Get("standards"), inputs->rules);
    if (!editions.ok()) return ReportError(editions.status());
    auto text = WithOverflowCheck("water classification", [&]() -> StatusOr<std::string> {
      ECOCIV_ASSIGN_OR_RETURN(auto rows, ClassifySamples(inputs->rules, *editions, inputs->set,
                                                         args->Get("standard"), from, to));
      return format == "csv" ? SampleClassCsv(inputs->rules, inputs->set, rows)
                             : SampleClassJson(inputs->rules, inputs->set, rows);
    });
    if (!text.ok()) return ReportError(text.status());
    Status written = WriteOutput(args->Get("output"), *text);
    return written.ok() ? kExitSuccess : ReportError(written);
  }
  // The water engine returns plain values: overflows are checked here (exact.h).
  auto text = WithOverflowCheck("water classification", [&]() -> StatusOr<std::string> {
    auto rows = ClassifyPeriods(inputs->rules, inputs->set, inputs->index, from, to, kind);
    return format == "csv" ? ClassifyCsv(inputs->rules, inputs->set, rows)
                           : ClassifyJson(inputs->rules, inputs->set, rows);
  });
  if (!text.ok()) return ReportError(text.status());
  Status written = WriteOutput(args->Get("output"), *text);
  return written.ok() ? kExitSuccess : ReportError(written);
}

int AssessCommand(const CommandArgs& argv) {
  auto args = Args::Parse(argv,
                          {"samples", "sections", "from", "to", "base-from", "base-to", "output",
                           "standards", "db", "section", "format"},
                          {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("from") || !args->Has("to")) {
    return ReportError(InvalidArgumentError("--from and --to are required"));
  }
  const std::string format = args->Get("format", "json");
  if (format != "json" && format != "text" && format != "csv") {
    return ReportError(InvalidArgumentError("--format must be json, text or csv"));
  }
  if (args->Has("base-from") != args->Has("base-to")) {
    return ReportError(InvalidArgumentError("--base-from and --base-to go together"));
  }
  auto from = DateFlag(*args, "from");
  if (!from.ok()) return ReportError(from.status());
  auto to = DateFlag(*args, "to");
  if (!to.ok()) return ReportError(to.status());
  if (*to < *from) return ReportError(InvalidArgumentError("--to is before --from"));
  std::optional<Period> base_period;
  if (args->Has("base-from")) {
    auto base_from = DateFlag(*args, "base-from");
    if (!base_from.ok()) return ReportError(base_from.status());
    auto base_to = DateFlag(*args, "base-to");
    if (!base_to.ok()) return ReportError(base_to.status());
    if (*base_to < *base_from)
      return ReportError(InvalidArgumentError("--base-to is before --base-from"));
    base_period = RangePeriod(*base_from, *base_to);
  }
  auto inputs = LoadInputs(*args);
  if (!inputs.ok()) return ReportError(inputs.status());
  // The water engine returns plain values: overflows are checked here (exact.h).
  auto text = WithOverflowCheck("water assessment", [&]() -> StatusOr<std::string> {
    Assessment now = Assess(inputs->rules, inputs->set, inputs->index, RangePeriod(*from, *to));
    std::optional<Assessment> base;
    if (base_period) base = Assess(inputs->rules, inputs->set, inputs->index, *base_period);
    if (format == "text") return AssessmentText(inputs->rules, inputs->set, now);
    if (format == "csv") return AssessmentGroupsCsv(inputs->rules, now);
    return AssessmentJson(inputs->rules, inputs->set, now, base ? &*base : nullptr);
  });
  if (!text.ok()) return ReportError(text.status());
  Status written = WriteOutput(args->Get("output"), *text);
  return written.ok() ? kExitSuccess : ReportError(written);
}

int AllowanceCommand(const CommandArgs& argv) {
  auto args = Args::Parse(
      argv, {"samples", "sections", "year", "as-of", "format", "output", "standards", "db", "section"},
      {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("year")) return ReportError(InvalidArgumentError("--year is required"));
  auto year = ParseInteger(args->Get("year"), 2000, 2100, "--year");
  if (!year.ok()) return ReportError(year.status());
  const std::string format = args->Get("format", "text");
  if (format != "json" && format != "text" && format != "csv") {
    return ReportError(InvalidArgumentError("--format must be text, json or csv"));
  }
  DayNumber as_of = DaysFromCivil({static_cast<int>(*year), 12, 31});
  if (args->Has("as-of")) {
    auto day = DateFlag(*args, "as-of");
    if (!day.ok()) return ReportError(day.status());
    as_of = *day;
  }
  auto inputs = LoadInputs(*args);
  if (!inputs.ok()) return ReportError(inputs.status());
  auto text = WithOverflowCheck("water allowance", [&]() -> StatusOr<std::string> {
    ECOCIV_ASSIGN_OR_RETURN(auto report,
                            warning::ComputeWaterAllowance(inputs->rules, inputs->set, inputs->index,
                                                           static_cast<int>(*year), as_of));
    if (format == "json") return warning::WaterAllowanceJson(inputs->rules, inputs->set, report);
    if (format == "csv") return warning::WaterAllowanceCsv(inputs->rules, inputs->set, report);
    return warning::WaterAllowanceText(inputs->rules, inputs->set, report);
  });
  if (!text.ok()) return ReportError(text.status());
  Status written = WriteOutput(args->Get("output"), *text);
  return written.ok() ? kExitSuccess : ReportError(written);
}

int CheckPublished(const CommandArgs& argv) {
  auto args = Args::Parse(argv,
                          {"input", "sections", "standard", "values", "examples", "standards"},
                          {"latest"});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("input")) {
    return ReportError(InvalidArgumentError("--input F is required\n" +
                                            std::string(kCheckPublishedUsage)));
  }
  ReleaseCheckOptions options;
  options.forced_edition = args->Get("standard");
  options.latest = args->Has("latest");
  const std::string values = args->Get("values", "raw");
  if (values != "raw" && values != "displayed") {
    return ReportError(InvalidArgumentError("--values must be raw or displayed"));
  }
  options.values = values == "raw" ? JudgedValues::kRaw : JudgedValues::kDisplayed;
  auto examples = ParseInteger(args->Get("examples", "5"), 0, 1000, "--examples");
  if (!examples.ok()) return ReportError(examples.status());
  options.examples_per_cause = static_cast<int>(*examples);
  auto rules = WaterRules::Load(args->Get("standards"));
  if (!rules.ok()) return ReportError(rules.status());
  auto editions = RealtimeEditions::Load(args->Get("standards"), *rules);
  if (!editions.ok()) return ReportError(editions.status());
  if (Status s = editions->CheckForced(options.forced_edition); !s.ok()) return ReportError(s);
  std::optional<SectionTypes> types;
  if (args->Has("sections")) {
    auto read = SectionTypes::Read(args->Get("sections"));
    if (!read.ok()) return ReportError(read.status());
    types = std::move(*read);
    options.types = &*types;
  }
  Release release;
  for (const std::string& path : args->GetAll("input")) {
    if (Status s = ReadRelease(path, *rules, &release); !s.ok()) return ReportError(s);
  }
  auto report = WithOverflowCheck("release check", [&]() -> StatusOr<ReleaseCheckReport> {
    return CheckRelease(*rules, *editions, release, options);
  });
  if (!report.ok()) return ReportError(report.status());
  std::fputs(report->Summary().c_str(), stdout);
  return report->has_unexplained() ? kExitDataProblems : kExitSuccess;
}

int DemoData(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"out", "year", "seed", "standards"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("out")) return ReportError(InvalidArgumentError("--out DIR is required"));
  auto year_or = ParseInteger(args->Get("year", "2025"), 2000, 2100, "--year");
  if (!year_or.ok()) return ReportError(year_or.status());
  auto seed_or = ParseInteger(args->Get("seed", "1"), 0, INT64_MAX, "--seed");
  if (!seed_or.ok()) return ReportError(seed_or.status());
  const int64_t year = *year_or, seed = *seed_or;
  auto rules = WaterRules::Load(args->Get("standards"));
  if (!rules.ok()) return ReportError(rules.status());
  DemoCityFiles files =
      GenerateDemoCity(*rules, static_cast<int>(year), static_cast<uint64_t>(seed));
  const std::string dir = args->Get("out");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return ReportError(InvalidArgumentError("cannot create " + dir + ": " + ec.message()));
  for (const auto& [name, text] :
       {std::pair<std::string, const std::string*>{"sections.csv", &files.sections_csv},
        {"samples.csv", &files.samples_csv}}) {
    Status s = WriteOutput(dir + "/" + name, *text);
    if (!s.ok()) return ReportError(s);
  }
  Status s = WriteOutput(dir + "/README.txt",
                         "SYNTHETIC DATA generated by `ecociv water demo-data` (year " +
                             std::to_string(year) + ", seed " + std::to_string(seed) +
                             "). Not monitoring data: the sections, names and values are "
                             "invented for demonstrations and tests.\n");
  if (!s.ok()) return ReportError(s);
  std::fprintf(stderr, "wrote synthetic demo data to %s (sections.csv, samples.csv)\n",
               dir.c_str());
  return kExitSuccess;
}

int PeriodsCommand(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"periods", "format"}, {});
  if (!args.ok()) return ReportError(args.status());
  const std::string format = args->Get("format", "text");
  if (format != "json" && format != "text") {
    return ReportError(InvalidArgumentError("--format must be text or json"));
  }
  auto periods = LoadWaterPeriods(args->Get("periods"));
  if (!periods.ok()) return ReportError(periods.status());
  Status s = WriteOutput("", format == "json" ? WaterPeriodsJson(*periods)
                                              : WaterPeriodsText(*periods));
  return s.ok() ? kExitSuccess : ReportError(s);
}

int CampaignCommand(const CommandArgs& argv) {
  auto args = Args::Parse(argv,
                          {"id", "samples", "sections", "as-of", "periods", "format", "output",
                           "standards", "db", "section"},
                          {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("id")) return ReportError(InvalidArgumentError("--id CAMPAIGN is required"));
  const std::string format = args->Get("format", "text");
  if (format != "json" && format != "text" && format != "csv") {
    return ReportError(InvalidArgumentError("--format must be text, json or csv"));
  }
  auto periods = LoadWaterPeriods(args->Get("periods"));
  if (!periods.ok()) return ReportError(periods.status());
  auto campaign = periods->FindCampaign(args->Get("id"));
  if (!campaign.ok()) return ReportError(campaign.status());
  auto inputs = LoadInputs(*args);
  if (!inputs.ok()) return ReportError(inputs.status());
  DayNumber as_of = 0;
  for (const Sample& sample : inputs->set.samples) as_of = std::max(as_of, sample.day);
  if (args->Has("as-of")) {
    auto day = DateFlag(*args, "as-of");
    if (!day.ok()) return ReportError(day.status());
    as_of = *day;
  }
  auto text = WithOverflowCheck("campaign report", [&]() -> StatusOr<std::string> {
    ECOCIV_ASSIGN_OR_RETURN(CampaignReport report,
                            ComputeCampaignReport(inputs->rules, inputs->set, inputs->index,
                                                  **campaign, as_of));
    if (format == "json") return CampaignReportJson(inputs->rules, inputs->set, report);
    if (format == "csv") return CampaignReportCsv(inputs->rules, inputs->set, report);
    return CampaignReportText(inputs->rules, inputs->set, report);
  });
  if (!text.ok()) return ReportError(text.status());
  Status written = WriteOutput(args->Get("output"), *text);
  return written.ok() ? kExitSuccess : ReportError(written);
}

const Command kCommands[] = {{"classify", kClassifyUsage, Classify},
                             {"assess", kAssessUsage, AssessCommand},
                             {"allowance", kAllowanceUsage, AllowanceCommand},
                             {"periods", kPeriodsUsage, PeriodsCommand},
                             {"campaign", kCampaignUsage, CampaignCommand},
                             {"plan", kWaterPlanUsage, RunWaterPlan},
                             {"chief", kWaterChiefUsage, RunWaterChief},
                             {"check-published", kCheckPublishedUsage, CheckPublished},
                             {"demo-data", kDemoDataUsage, DemoData}};
const CommandTable kTable = {"water", kCommands, kNotes};

}  // namespace

int RunWaterCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
