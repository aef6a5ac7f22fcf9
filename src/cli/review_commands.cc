// `ecociv review list|invalidate|clear|screen`: the data review (数据审核).
#include <nlohmann/json.hpp>

#include <climits>
#include <cstdio>

#include "args.h"
#include "commands.h"
#include "ecociv/core/text_input.h"
#include "ecociv/store/import.h"
#include "ecociv/store/review.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

constexpr const char* kReviewUsage = R"(usage:
  ecociv review list [--status suspect|invalidated|cleared|all] [--station CODE] [--rule NAME]
                     [--format csv|json] [--db PATH]
  ecociv review invalidate (--flag ID | --station CODE --from T --to T [--pollutant P])
                           --reason TEXT [--db PATH]
  ecociv review clear      (--flag ID | --station CODE --from T --to T [--pollutant P])
                           --reason TEXT [--db PATH]
  ecociv review screen --batch ID [--review-config FILE] [--db PATH]
  ecociv review edit --station CODE --time T --pollutant P (--value V | --missing)
                     --reason TEXT [--db PATH]     correct one stored value by hand
Flags mark suspect values; invalidated values are left out of every statistic computed from
the database; clear reinstates them (the last decision wins). T is 2026-03-01T05:00 or a date.
A manual edit keeps the old value as a revision and is an "edit.air" entry of the change record.
Rules and parameters: config/review.toml and docs/review.md.
)";

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int RunList(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "status", "station", "rule", "format"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  store::FlagFilter filter;
  filter.status = args->Get("status", "suspect");
  if (filter.status == "all") filter.status.clear();
  filter.station = args->Get("station");
  filter.rule = args->Get("rule");
  auto flags = store::ListFlags(db->get(), filter);
  if (!flags.ok()) return ReportError(flags.status());
  if (args->Get("format", "csv") == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& f : *flags) {
      out.push_back({{"id", f.id},
                     {"station", f.flag.station},
                     {"pollutant", f.flag.pollutant},
                     {"from", FormatHourLabel(f.flag.from)},
                     {"to", FormatHourLabel(f.flag.to)},
                     {"rule", f.flag.rule},
                     {"status", f.status},
                     {"detail", f.flag.detail}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return kExitSuccess;
  }
  std::printf("id,station,pollutant,from,to,rule,status,detail\n");
  for (const auto& f : *flags) {
    std::printf("%lld,%s,%s,%s,%s,%s,%s,%s\n", static_cast<long long>(f.id),
                CsvField(f.flag.station).c_str(), f.flag.pollutant.c_str(),
                FormatHourLabel(f.flag.from).c_str(), FormatHourLabel(f.flag.to).c_str(),
                f.flag.rule.c_str(), f.status.c_str(), CsvField(f.flag.detail).c_str());
  }
  return kExitSuccess;
}

int RunDecision(const std::string& action, const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "flag", "station", "from", "to", "pollutant", "reason"}, {});
  if (!args.ok()) return ReportError(args.status());
  store::DecisionRequest request;
  request.action = action;
  request.reason = args->Get("reason");
  if (args->Has("flag")) {
    request.flag_id = std::strtoll(args->Get("flag").c_str(), nullptr, 10);
    if (request.flag_id <= 0) return ReportError(InvalidArgumentError("--flag needs a flag id"));
  } else {
    if (!args->Has("station") || !args->Has("from") || !args->Has("to")) {
      return ReportError(InvalidArgumentError("give --flag ID, or --station, --from and --to"));
    }
    request.station = args->Get("station");
    request.pollutant = args->Get("pollutant");
    auto from = ParseLabelOrDate(args->Get("from"), false);
    auto to = ParseLabelOrDate(args->Get("to"), true);
    if (!from.ok()) return ReportError(from.status().WithContext("--from"));
    if (!to.ok()) return ReportError(to.status().WithContext("--to"));
    request.from = *from;
    request.to = *to;
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
  int64_t batch = std::strtoll(args->Get("batch").c_str(), nullptr, 10);
  if (batch <= 0) return ReportError(InvalidArgumentError("--batch needs an import batch id"));
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

}  // namespace

int RunReviewCommand(const CommandArgs& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "help") {
    std::fputs(kReviewUsage, args.empty() ? stderr : stdout);
    return args.empty() ? kExitBadInput : kExitSuccess;
  }
  CommandArgs rest(args.begin() + 1, args.end());
  if (args[0] == "list") return RunList(rest);
  if (args[0] == "invalidate" || args[0] == "clear") return RunDecision(args[0], rest);
  if (args[0] == "screen") return RunScreen(rest);
  if (args[0] == "edit") return RunEdit(rest);
  std::fprintf(stderr, "ecociv: unknown review command '%s'\n%s", args[0].c_str(), kReviewUsage);
  return kExitBadInput;
}

}  // namespace ecociv::cli
