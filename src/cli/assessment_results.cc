// `ecociv scoring ranking|card`: the ranking table and the report cards of a
// saved run (or of a run record file, --log), shaped by the library
// (scoring/card.h) exactly as the web API sends them: text, JSON or xlsx.
#include "args.h"
#include "assessment_commands.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/scoring/saved_cards.h"
#include "ecociv/store/regions.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

using namespace ecociv::scoring;

constexpr const char* kRankingUsage =
    "  ecociv scoring ranking (--run RUN | --scheme S --year Y [--region CODE] | --log RUN.json)\n"
    "                         [--format text|json|xlsx] [--output F]\n";
constexpr const char* kCardUsage =
    "  ecociv scoring card (--run RUN | --log RUN.json) --subject ID [--format text|json|xlsx] "
    "[--output F]\n";

// A run record file (`scoring run --format json`), recomputed: no run state,
// no last year.
StatusOr<RecordedRun> FromLog(const Args& args) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(args.Get("log")));
  return ReadRunRecord(text, args.Get("log"));
}

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
  return ApprovedRunId(db, args.Get("scheme"), static_cast<int>(year),
                       args.Get("region", store::kRootRegion));
}

StatusOr<scoring::Ranking> RankingOf(const Args& args) {
  if (args.Has("log")) {
    ECOCIV_ASSIGN_OR_RETURN(RecordedRun recorded, FromLog(args));
    return BuildRanking(recorded.assessment, {});
  }
  ECOCIV_ASSIGN_OR_RETURN(auto db, OpenStoreFromArgs(args));
  ECOCIV_ASSIGN_OR_RETURN(int64_t run, RunOf(args, db.get()));
  return SavedRanking(db.get(), run);
}

int Ranking(const CommandArgs& argv) {
  auto args =
      Args::Parse(argv, {"db", "run", "scheme", "year", "region", "log", "format", "output"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto format = FormatOf(*args);
  if (!format.ok()) return ReportError(format.status());
  auto ranking = RankingOf(*args);
  if (!ranking.ok()) return ReportError(ranking.status());
  StatusOr<std::string> out = *format == "xlsx"   ? RankingXlsx(*ranking)
                              : *format == "json" ? RankingJson(*ranking)
                                                  : RankingText(*ranking);
  if (!out.ok()) return ReportError(out.status());
  Status written = WriteOutput(args->Get("output"), *out);
  return written.ok() ? kExitSuccess : ReportError(written);
}

StatusOr<scoring::Card> CardOf(const Args& args) {
  if (args.Has("log")) {
    ECOCIV_ASSIGN_OR_RETURN(RecordedRun recorded, FromLog(args));
    return BuildCard(recorded.assessment, args.Get("subject"), {});
  }
  ECOCIV_ASSIGN_OR_RETURN(int64_t run, ParseInteger(args.Get("run"), 1, INT64_MAX, "--run"));
  ECOCIV_ASSIGN_OR_RETURN(auto db, OpenStoreFromArgs(args));
  return SavedCard(db.get(), run, args.Get("subject"));
}

int Card(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "run", "log", "subject", "format", "output"}, {});
  if (!args.ok()) return ReportError(args.status());
  if ((!args->Has("run") && !args->Has("log")) || !args->Has("subject")) {
    return ReportError(
        InvalidArgumentError("--run RUN (or --log RUN.json) and --subject ID are required"));
  }
  auto format = FormatOf(*args);
  if (!format.ok()) return ReportError(format.status());
  auto card = CardOf(*args);
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
