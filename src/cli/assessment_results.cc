// `ecociv scoring ranking|card`: the ranking table and the report cards of a
// saved run, shaped by the library (scoring/card.h) exactly as the web API
// sends them: text, JSON or xlsx.
#include "args.h"
#include "assessment_commands.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/scoring/saved_cards.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

using namespace ecociv::scoring;

constexpr const char* kRankingUsage =
    "  ecociv scoring ranking (--run RUN | --scheme S --year Y) [--format text|json|xlsx] "
    "[--output F]\n";
constexpr const char* kCardUsage =
    "  ecociv scoring card --run RUN --subject ID [--format text|json|xlsx] [--output F]\n";

// The format, checked; xlsx needs --output.
StatusOr<std::string> FormatOf(const Args& args) {
  std::string format = args.Get("format", "text");
  if (format != "text" && format != "json" && format != "xlsx") {
    return InvalidArgumentError("--format: expected text, json or xlsx");
  }
  if (format == "xlsx" && (args.Get("output").empty() || args.Get("output") == "-")) {
    return InvalidArgumentError("--format xlsx needs --output FILE.xlsx");
  }
  return format;
}

// --run, or the approved run of --scheme and --year.
StatusOr<int64_t> RunOf(const Args& args, store::Database* db) {
  if (args.Has("run")) return ParseInteger(args.Get("run"), 1, INT64_MAX, "--run");
  if (!args.Has("scheme") || !args.Has("year")) {
    return InvalidArgumentError("--run RUN, or --scheme S and --year Y, is required");
  }
  ECOCIV_ASSIGN_OR_RETURN(int64_t year, ParseInteger(args.Get("year"), 2000, 2100, "--year"));
  return ApprovedRunId(db, args.Get("scheme"), static_cast<int>(year));
}

int Ranking(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "run", "scheme", "year", "format", "output"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto format = FormatOf(*args);
  if (!format.ok()) return ReportError(format.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto run = RunOf(*args, db->get());
  if (!run.ok()) return ReportError(run.status());
  auto ranking = SavedRanking(db->get(), *run);
  if (!ranking.ok()) return ReportError(ranking.status());
  StatusOr<std::string> out = *format == "xlsx"   ? RankingXlsx(*ranking)
                              : *format == "json" ? RankingJson(*ranking)
                                                  : RankingText(*ranking);
  if (!out.ok()) return ReportError(out.status());
  Status written = WriteOutput(args->Get("output"), *out);
  return written.ok() ? kExitSuccess : ReportError(written);
}

int Card(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "run", "subject", "format", "output"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("run") || !args->Has("subject")) {
    return ReportError(InvalidArgumentError("--run RUN and --subject ID are required"));
  }
  auto format = FormatOf(*args);
  if (!format.ok()) return ReportError(format.status());
  auto run = ParseInteger(args->Get("run"), 1, INT64_MAX, "--run");
  if (!run.ok()) return ReportError(run.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto card = SavedCard(db->get(), *run, args->Get("subject"));
  if (!card.ok()) return ReportError(card.status());
  StatusOr<std::string> out = *format == "xlsx"   ? CardXlsx(*card)
                              : *format == "json" ? CardJson(*card)
                                                  : CardText(*card);
  if (!out.ok()) return ReportError(out.status());
  Status written = WriteOutput(args->Get("output"), *out);
  return written.ok() ? kExitSuccess : ReportError(written);
}

const Command kCommands[] = {{"ranking", kRankingUsage, Ranking}, {"card", kCardUsage, Card}};

}  // namespace

std::span<const Command> AssessmentResultCommands() { return kCommands; }

}  // namespace ecociv::cli
