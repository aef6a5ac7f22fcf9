#include "air_cli.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "ecociv/store/air_store.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

// The stations of --city / --station (or all) from the store named by --db.
StatusOr<air::AirDataset> LoadFromStore(const Args& args) {
  if (args.Has("stations")) {
    return InvalidArgumentError("--stations is for files; the store has its own station list");
  }
  ECOCIV_ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db, OpenStoreFromArgs(args));
  store::AirQuery query;
  if (args.Has("city")) query.cities.push_back(args.Get("city"));
  if (args.Has("station")) query.stations.push_back(args.Get("station"));
  return store::LoadAirDataset(db.get(), query);
}

Status CheckFormat(const std::string& format, const std::vector<std::string>& formats) {
  if (std::find(formats.begin(), formats.end(), format) != formats.end()) return Status::Ok();
  std::string allowed;
  for (const std::string& f : formats) allowed += (allowed.empty() ? "" : "|") + f;
  return InvalidArgumentError("--format " + format + ": use " + allowed);
}


double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

air::ReadOptions AirReadOptions(const AirContext& ctx, bool keep_published) {
  air::ReadOptions options;
  options.stations_file = ctx.args.Get("stations");
  options.keep_published = keep_published;
  return options;
}

void PrintReadReport(const air::ReadReport& report) {
  for (const std::string& error : report.row_errors) std::fprintf(stderr, "%s\n", error.c_str());
  std::fprintf(stderr, "ecociv: %s\n", report.Summary().c_str());
}

Status ReadAirInputs(AirContext* ctx, bool keep_published) {
  ECOCIV_ASSIGN_OR_RETURN(
      ctx->data, air::ReadAirFiles(ctx->inputs, AirReadOptions(*ctx, keep_published), &ctx->report));
  PrintReadReport(ctx->report);
  return Status::Ok();
}

StatusOr<std::unique_ptr<AirContext>> PrepareAir(const CommandArgs& argv,
                                                 const std::set<std::string>& extra_flags,
                                                 const std::vector<std::string>& formats,
                                                 bool keep_published, bool defer_files) {
  std::set<std::string> flags = {"input",  "stations", "standard", "standards", "output",
                                 "format", "city",     "station",  "db"};
  flags.insert(extra_flags.begin(), extra_flags.end());
  auto ctx = std::make_unique<AirContext>();
  ECOCIV_ASSIGN_OR_RETURN(ctx->args, Args::Parse(argv, flags, {}));
  std::vector<std::string> inputs = ctx->args.GetAll("input");
  for (const auto& p : ctx->args.positional()) inputs.push_back(p);
  const bool from_store = ctx->args.Has("db");
  if (from_store && !inputs.empty()) {
    return InvalidArgumentError("give --input FILE... or --db PATH, not both");
  }
  if (!from_store && inputs.empty()) {
    return InvalidArgumentError("--input FILE... (or --db PATH) is required");
  }
  ctx->format = ctx->args.Get("format", formats.front());
  ECOCIV_RETURN_IF_ERROR(CheckFormat(ctx->format, formats));
  ECOCIV_ASSIGN_OR_RETURN(ctx->standards, air::AirStandards::Load(ctx->args.Get("standards")));
  ctx->forced = ctx->args.Get("standard", "auto");
  if (ctx->forced != "auto" && !ctx->standards.FindAqi(ctx->forced)) {
    return InvalidArgumentError("--standard " + ctx->forced + ": unknown edition");
  }
  if (from_store) {
    ECOCIV_ASSIGN_OR_RETURN(ctx->data, LoadFromStore(ctx->args));
  } else {
    ctx->inputs = std::move(inputs);
    if (!defer_files) ECOCIV_RETURN_IF_ERROR(ReadAirInputs(ctx.get(), keep_published));
  }
  return ctx;
}

StatusOr<std::vector<air::HourlySeries>> SelectSeries(const AirContext& ctx) {
  std::vector<air::HourlySeries> out;
  if (ctx.args.Has("city")) {
    ECOCIV_ASSIGN_OR_RETURN(
        air::HourlySeries city,
        air::SeriesOfCity(ctx.data, ctx.args.Get("city"), ctx.standards.assessment()));
    out.push_back(std::move(city));
  } else if (ctx.args.Has("station")) {
    int s = ctx.data.FindStation(ctx.args.Get("station"));
    if (s < 0) return NotFoundError("--station " + ctx.args.Get("station") + ": not in the data");
    out.push_back(air::SeriesOfStation(ctx.data, s));
  } else {
    for (size_t s = 0; s < ctx.data.stations().size(); ++s) {
      out.push_back(air::SeriesOfStation(ctx.data, static_cast<int>(s)));
    }
  }
  return out;
}

StatusOr<std::vector<air::DailyRecord>> DailyFor(const AirContext& ctx,
                                                 const air::HourlySeries& series) {
  return air::DailyOfSeries(ctx.data, series, ctx.standards, ctx.forced);
}

StatusOr<air::DustDays> DustDaysFlag(const Args& args) {
  if (!args.Has("dust-days")) return air::DustDays{};
  return air::ReadDustDays(args.Get("dust-days"));
}

int FinishAir(const AirContext& ctx) {
  return ctx.report.has_problems() ? kExitDataProblems : kExitSuccess;
}

StatusOr<std::unique_ptr<AirOutput>> AirOutput::Open(const std::string& path) {
  FILE* f = path.empty() || path == "-" ? stdout : std::fopen(path.c_str(), "wb");
  if (!f) return NotFoundError(path + ": cannot open for writing");
  return std::unique_ptr<AirOutput>(new AirOutput(f, f != stdout));
}

AirOutput::~AirOutput() {
  Flush();
  if (owned_) std::fclose(file_);
}

void AirOutput::MaybeFlush() {
  if (buffer_.size() > (1 << 20)) Flush();
}

void AirOutput::Flush() {
  std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
  buffer_.clear();
}

PhaseTimer::PhaseTimer() : enabled_(std::getenv("ECOCIV_TIMING") != nullptr), last_(NowSeconds()) {}

void PhaseTimer::Mark(const char* phase) {
  if (!enabled_) return;
  double now = NowSeconds();
  std::fprintf(stderr, "timing: %-10s %7.3f s\n", phase, now - last_);
  last_ = now;
}

}  // namespace ecociv::cli
