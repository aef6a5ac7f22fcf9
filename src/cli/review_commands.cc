// `ecociv review list|invalidate|clear|screen`: the data review (数据审核).
#include <nlohmann/json.hpp>

#include <climits>
#include <cstdio>

#include "args.h"
#include "command_table.h"
#include "ecociv/core/csv_writer.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/store/import.h"
#include "ecociv/store/review.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

constexpr const char* kListUsage =
    R"(  ecociv review list [--status suspect|invalidated|cleared|all] [--station CODE | --section CODE]
                     [--rule NAME] [--format csv|json] [--db PATH]
)";
constexpr const char* kDecisionUsage =
    R"(  ecociv review invalidate|clear --flag ID --reason TEXT [--db PATH]
  ecociv review invalidate|clear --station CODE --from T --to T [--pollutant P] --reason TEXT
  ecociv review invalidate|clear --section CODE --from D --to D [--item I] --reason TEXT
)";
constexpr const char* kScreenUsage =
    "  ecociv review screen --batch ID [--review-config FILE] [--db PATH]\n";
constexpr const char* kEditUsage =
    R"(  ecociv review edit --station CODE --time T --pollutant P (--value V | --missing)
                     --reason TEXT [--db PATH]     correct one stored value by hand
)";
constexpr const char* kNotes =
    R"(Flags mark suspect values; invalidated values are left out of every statistic computed from
the database; clear reinstates them (the last decision wins). T is 2026-03-01T05:00 or a date;
D is a date; I is a water item by id, name or code (氨氮, NH3-N, nh3n).
A manual edit keeps the old value as a revision and is an "edit.air" entry of the change record.
Rules and parameters: config/review.toml and docs/review.md.
)";

// Hour labels for air flags, dates for water flags.
std::string FormatSpan(const store::ReviewFlag& f, int32_t value) {
  return f.water ? FormatDate(value) : FormatHourLabel(value);
}

int RunList(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "status", "station", "section", "rule", "format"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  store::FlagFilter filter;
  filter.status = args->Get("status", "suspect");
  if (filter.status == "all") filter.status.clear();
  filter.subject = args->Get("station", args->Get("section"));
  filter.rule = args->Get("rule");
  auto flags = store::ListFlags(db->get(), filter);
  if (!flags.ok()) return ReportError(flags.status());
  if (args->Get("format", "csv") == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& f : *flags) {
      out.push_back({{"id", f.id},
                     {"kind", f.flag.water ? "water" : "air"},
                     {"subject", f.flag.subject},
                     {"pollutant", f.flag.pollutant},
                     {"from", FormatSpan(f.flag, f.flag.from)},
                     {"to", FormatSpan(f.flag, f.flag.to)},
                     {"rule", f.flag.rule},
                     {"status", f.status},
                     {"detail", f.flag.detail}});
    }
    std::printf("%s\n",
                out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
    return kExitSuccess;
  }
  std::printf("id,kind,subject,pollutant,from,to,rule,status,detail\n");
  for (const auto& f : *flags) {
    CsvLine line;
    line.Add(std::to_string(f.id)).Add(f.flag.water ? "water" : "air").Add(f.flag.subject);
    line.Add(f.flag.pollutant).Add(FormatSpan(f.flag, f.flag.from));
    line.Add(FormatSpan(f.flag, f.flag.to)).Add(f.flag.rule).Add(f.status).Add(f.flag.detail);
    std::fputs(line.Finish().c_str(), stdout);
  }
  return kExitSuccess;
}

// --station CODE [--pollutant P] --from T --to T (hours), or
// --section CODE [--item I] --from D --to D (days).
Status ParseDecisionTarget(const Args& args, store::DecisionRequest* request) {
  bool water = args.Has("section");
  if (water == args.Has("station") || !args.Has("from") || !args.Has("to")) {
    return InvalidArgumentError("give --flag ID, or --station (or --section) with --from and --to");
  }
  if (water) {
    request->section = args.Get("section");
    request->pollutant = args.Get("item");
    ECOCIV_ASSIGN_OR_RETURN(request->from, ParseDate(args.Get("from")));
    ECOCIV_ASSIGN_OR_RETURN(request->to, ParseDate(args.Get("to")));
    return Status::Ok();
  }
  request->station = args.Get("station");
  request->pollutant = args.Get("pollutant");
  ECOCIV_ASSIGN_OR_RETURN(request->from, ParseLabelOrDate(args.Get("from"), false));
  ECOCIV_ASSIGN_OR_RETURN(request->to, ParseLabelOrDate(args.Get("to"), true));
  return Status::Ok();
}

int RunDecision(const std::string& action, const CommandArgs& argv) {
  auto args = Args::Parse(
      argv, {"db", "flag", "station", "section", "from", "to", "pollutant", "item", "reason"}, {});
  if (!args.ok()) return ReportError(args.status());
  store::DecisionRequest request;
  request.action = action;
  request.reason = args->Get("reason");
  if (args->Has("flag")) {
    auto flag = ParseInteger(args->Get("flag"), 1, INT64_MAX, "--flag (a flag id)");
    if (!flag.ok()) return ReportError(flag.status());
    request.flag_id = *flag;
  } else {
    Status status = ParseDecisionTarget(*args, &request);
    if (!status.ok()) return ReportError(status);
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto id = store::RecordDecision(db->get(), request, store::Actor());
  if (!id.ok()) return ReportError(id.status());
  std::printf("decision %lld recorded: %s\n", static_cast<long long>(*id), action.c_str());
  return kExitSuccess;
}

int RunEdit(const CommandArgs& argv) {
  auto args =
      Args::Parse(argv, {"db", "station", "time", "pollutant", "value", "reason"}, {"missing"});
  if (!args.ok()) return ReportError(args.status());
  store::AirEdit edit;
  edit.station = args->Get("station");
  if (edit.station.empty()) return ReportError(InvalidArgumentError("edit needs --station"));
  auto label = ParseHourLabel(args->Get("time"));
  if (!label.ok()) return ReportError(label.status().WithContext("--time"));
  edit.label = *label;
  if (!air::ParsePollutantKey(args->Get("pollutant"), &edit.pollutant)) {
    return ReportError(InvalidArgumentError("--pollutant must be so2, no2, co, o3, pm10 or pm25"));
  }
  if (args->Has("missing") == args->Has("value")) {
    return ReportError(InvalidArgumentError("give exactly one of --value V and --missing"));
  }
  if (args->Has("value")) {
    int64_t scaled = 0;
    if (!ParseScaledDecimal(args->Get("value"), 4, &scaled) || scaled < 0 || scaled > INT32_MAX) {
      return ReportError(InvalidArgumentError("--value must be a number ≥ 0"));
    }
    edit.value = static_cast<int32_t>(scaled);
  }
  store::Actor actor;
  actor.why = args->Get("reason");
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto result = store::EditAirValue(db->get(), edit, actor);
  if (!result.ok()) return ReportError(result.status());
  for (const std::string& revision : result->revisions) {
    std::printf("edited: %s\n", revision.c_str());
  }
  if (result->revisions.empty()) std::printf("added a value (the hour had none)\n");
  return kExitSuccess;
}

int RunScreen(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "batch", "review-config"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto batch_or = ParseInteger(args->Get("batch"), 1, INT64_MAX, "--batch (an import batch id)");
  if (!batch_or.ok()) return ReportError(batch_or.status());
  const int64_t batch = *batch_or;
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  store::Transaction transaction(db->get());
  Status status = transaction.Begin();
  auto flags = status.ok() ? store::ScreenBatch(db->get(), batch, args->Get("review-config"))
                           : StatusOr<int64_t>(status);
  if (flags.ok()) status = transaction.Commit();
  if (!flags.ok()) return ReportError(flags.status());
  if (!status.ok()) return ReportError(status);
  std::printf("batch %lld screened: %lld new flags\n", static_cast<long long>(batch),
              static_cast<long long>(*flags));
  return kExitSuccess;
}

int RunInvalidate(const CommandArgs& argv) { return RunDecision("invalidate", argv); }
int RunClear(const CommandArgs& argv) { return RunDecision("clear", argv); }

const Command kCommands[] = {{"list", kListUsage, RunList},
                             {"invalidate", kDecisionUsage, RunInvalidate},
                             {"clear", kDecisionUsage, RunClear},
                             {"screen", kScreenUsage, RunScreen},
                             {"edit", kEditUsage, RunEdit}};
const CommandTable kTable = {"review", kCommands, kNotes};

}  // namespace

int RunReviewCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
