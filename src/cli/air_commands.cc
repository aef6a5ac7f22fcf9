// `ecociv air hourly|daily|assess`: the air engine on files.
#include <nlohmann/json.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <thread>

#include "args.h"
#include "command_table.h"
#include "ecociv/air/assessment.h"
#include "ecociv/air/conformance.h"
#include "ecociv/air/daily.h"
#include "ecociv/air/dataset.h"
#include "ecociv/air/dust_days.h"
#include "ecociv/air/hourly.h"
#include "ecociv/air/series.h"
#include "ecociv/air/standards.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/store/air_store.h"
#include "ecociv/warning/air_targets.h"
#include "ecociv/warning/workflow.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

using namespace ecociv::air;
using Json = nlohmann::ordered_json;

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

// Phase timings on stderr when ECOCIV_TIMING is set (for docs/performance.md).
class PhaseTimer {
 public:
  PhaseTimer() : enabled_(std::getenv("ECOCIV_TIMING") != nullptr), last_(Now()) {}
  void Mark(const char* phase) {
    if (!enabled_) return;
    double now = Now();
    std::fprintf(stderr, "timing: %-10s %7.3f s\n", phase, now - last_);
    last_ = now;
  }

 private:
  static double Now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  bool enabled_;
  double last_;
};

// Buffered output to a file or stdout.
class Output {
 public:
  static StatusOr<std::unique_ptr<Output>> Open(const std::string& path) {
    FILE* f = path.empty() || path == "-" ? stdout : std::fopen(path.c_str(), "wb");
    if (!f) return NotFoundError(path + ": cannot open for writing");
    return std::unique_ptr<Output>(new Output(f, f != stdout));
  }
  ~Output() {
    Flush();
    if (owned_) std::fclose(file_);
  }
  std::string& buffer() { return buffer_; }
  void MaybeFlush() {
    if (buffer_.size() > (1 << 20)) Flush();
  }
  void Flush() {
    std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
    buffer_.clear();
  }

 private:
  Output(FILE* f, bool owned) : file_(f), owned_(owned) {}
  FILE* file_;
  bool owned_;
  std::string buffer_;
};

void AppendInt(std::string* out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, static_cast<size_t>(r.ptr - buf));
}

std::string MaskNames(IndicatorMask mask, const char* separator = ";") {
  std::string out;
  for (int i = 0; i < kIndicatorCount; ++i) {
    if (!(mask & MaskOf(Indicator(i)))) continue;
    if (!out.empty()) out += separator;
    out += IndicatorDisplay(Indicator(i));
  }
  return out;
}

// Shared by the three commands: parse flags, load standards, read the data.
struct AirContext {
  Args args;
  AirStandards standards;
  AirDataset data;
  ReadReport report;
  std::string forced;
  std::string format;  // validated against the command's formats
};

// The stations of --city / --station (or all) from the store named by --db.
StatusOr<AirDataset> LoadFromStore(const Args& args) {
  if (args.Has("stations")) {
    return InvalidArgumentError("--stations is for files; the store has its own station list");
  }
  ECOCIV_ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db, OpenStoreFromArgs(args));
  store::AirQuery query;
  if (args.Has("city")) query.cities.push_back(args.Get("city"));
  if (args.Has("station")) query.stations.push_back(args.Get("station"));
  return store::LoadAirDataset(db.get(), query);
}

// `formats`: the --format values the command accepts, the first the default.
StatusOr<std::unique_ptr<AirContext>> Prepare(const CommandArgs& argv,
                                              const std::set<std::string>& extra_flags,
                                              const std::vector<std::string>& formats,
                                              bool keep_published = false) {
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
  if (std::find(formats.begin(), formats.end(), ctx->format) == formats.end()) {
    std::string allowed;
    for (const std::string& f : formats) allowed += (allowed.empty() ? "" : "|") + f;
    return InvalidArgumentError("--format " + ctx->format + ": use " + allowed);
  }
  ECOCIV_ASSIGN_OR_RETURN(ctx->standards, AirStandards::Load(ctx->args.Get("standards")));
  ctx->forced = ctx->args.Get("standard", "auto");
  if (ctx->forced != "auto" && !ctx->standards.FindAqi(ctx->forced)) {
    return InvalidArgumentError("--standard " + ctx->forced + ": unknown edition");
  }
  if (from_store) {
    ECOCIV_ASSIGN_OR_RETURN(ctx->data, LoadFromStore(ctx->args));
    return ctx;
  }
  ReadOptions options;
  options.stations_file = ctx->args.Get("stations");
  options.keep_published = keep_published;
  ECOCIV_ASSIGN_OR_RETURN(ctx->data, ReadAirFiles(inputs, options, &ctx->report));
  for (const std::string& error : ctx->report.row_errors) {
    std::fprintf(stderr, "%s\n", error.c_str());
  }
  std::fprintf(stderr, "ecociv: %s\n", ctx->report.Summary().c_str());
  return ctx;
}

// The series a command works on: one city, one station, or every station.
StatusOr<std::vector<HourlySeries>> SelectSeries(const AirContext& ctx) {
  std::vector<HourlySeries> out;
  if (ctx.args.Has("city")) {
    ECOCIV_ASSIGN_OR_RETURN(HourlySeries city, SeriesOfCity(ctx.data, ctx.args.Get("city"),
                                                            ctx.standards.assessment()));
    out.push_back(std::move(city));
  } else if (ctx.args.Has("station")) {
    int s = ctx.data.FindStation(ctx.args.Get("station"));
    if (s < 0) return NotFoundError("--station " + ctx.args.Get("station") + ": not in the data");
    out.push_back(SeriesOfStation(ctx.data, s));
  } else {
    for (size_t s = 0; s < ctx.data.stations().size(); ++s) {
      out.push_back(SeriesOfStation(ctx.data, static_cast<int>(s)));
    }
  }
  return out;
}

int Finish(const AirContext& ctx) {
  return ctx.report.has_problems() ? kExitDataProblems : kExitSuccess;
}

// ---- hourly ----------------------------------------------------------------

const Indicator kHourlyColumns[] = {Indicator::kSO2,   Indicator::kNO2,   Indicator::kCO,
                                    Indicator::kO3_1h, Indicator::kO3_8h, Indicator::kPM10,
                                    Indicator::kPM25};

std::string HourlyColumnName(Indicator i) {
  return i == Indicator::kO3_1h ? "iaqi_o3" : "iaqi_" + std::string(IndicatorKey(i));
}

// Strings that repeat across rows, formatted once: hour labels and pollutant lists.
struct RowText {
  RowText(HourLabel first, int32_t hours) : first_label(first) {
    for (int32_t h = 0; h < hours; ++h) labels.push_back(FormatHourLabel(first + h));
    for (int m = 0; m < 128; ++m) masks.push_back(MaskNames(IndicatorMask(m)));
  }
  const std::string& Label(HourLabel label) const { return labels[label - first_label]; }
  HourLabel first_label;
  std::vector<std::string> labels, masks;
};

void AppendHourlyCsvRow(const HourlySeries& s, const HourlyResult& r, IndicatorMask columns,
                        const RowText& text, std::string* out) {
  out->append(s.id).push_back(',');
  out->append(text.Label(r.label)).push_back(',');
  if (r.aqi.aqi == kNoIaqi) {
    out->append("NA,NA,NA,");
  } else {
    const AqiLevel& level = LevelOf(r.aqi.aqi);
    AppendInt(out, r.aqi.aqi);
    out->push_back(',');
    AppendInt(out, level.level);
    out->push_back(',');
    out->append(level.category_zh).push_back(',');
  }
  out->append(text.masks[r.aqi.primary]);
  for (Indicator i : kHourlyColumns) {
    if (!(columns & MaskOf(i))) continue;
    out->push_back(',');
    if (r.aqi.iaqi[int(i)] == kNoIaqi) {
      out->append("NA");
    } else {
      AppendInt(out, r.aqi.iaqi[int(i)]);
    }
  }
  out->push_back(',');
  out->append(text.masks[r.aqi.exceeding]);
  out->push_back(',');
  if (r.aqi.aqi != kNoIaqi) {
    const AqiLevel& level = LevelOf(r.aqi.aqi);
    out->append(level.category_en).push_back(',');
    out->append(level.colour_hex);
  } else {
    out->append("NA,NA");
  }
  out->push_back(',');
  out->append(r.edition->id).push_back('\n');
}

Json HourlyJson(const HourlySeries& s, const HourlyResult& r, IndicatorMask columns) {
  Json row;
  row["station"] = s.id;
  row["time"] = FormatHourLabel(r.label);
  if (r.aqi.aqi == kNoIaqi) {
    row["aqi"] = nullptr;
  } else {
    const AqiLevel& level = LevelOf(r.aqi.aqi);
    row["aqi"] = r.aqi.aqi;
    row["level"] = level.level;
    row["category"] = level.category_zh;
    row["category_en"] = level.category_en;
    row["colour"] = level.colour_hex;
  }
  row["primary_pollutants"] = MaskNames(r.aqi.primary);
  for (Indicator i : kHourlyColumns) {
    if (!(columns & MaskOf(i))) continue;
    if (r.aqi.iaqi[int(i)] == kNoIaqi) {
      row[HourlyColumnName(i)] = nullptr;
    } else {
      row[HourlyColumnName(i)] = r.aqi.iaqi[int(i)];
    }
  }
  if (r.edition->report_exceeding) row["exceeding_pollutants"] = MaskNames(r.aqi.exceeding);
  row["edition"] = r.edition->id;
  return row;
}

bool AnyValue(const HourlySeries& s, int32_t h) {
  for (const auto& c : s.columns) {
    if (c.valid[h]) return true;
  }
  return false;
}

int RunHourly(const CommandArgs& argv) {
  PhaseTimer timer;
  auto ctx_or = Prepare(argv, {}, {"csv", "json"});
  timer.Mark("read");
  if (!ctx_or.ok()) return ReportError(ctx_or.status());
  AirContext& ctx = **ctx_or;
  const std::string& format = ctx.format;
  auto series = SelectSeries(ctx);
  if (!series.ok()) return ReportError(series.status());
  IndicatorMask columns = 0;
  for (const AqiEdition& e : ctx.standards.aqi_editions()) {
    if (ctx.forced == "auto" || ctx.forced == e.id) columns |= ExpectedIndicators(e.hourly);
  }
  auto out = Output::Open(ctx.args.Get("output"));
  if (!out.ok()) return ReportError(out.status());
  std::string& buf = (*out)->buffer();
  if (format == "csv") {
    buf = "station,time,aqi,level,category,primary_pollutants";
    for (Indicator i : kHourlyColumns) {
      if (columns & MaskOf(i)) buf += "," + HourlyColumnName(i);
    }
    buf += ",exceeding_pollutants,category_en,colour,edition\n";
  }
  Json rows = Json::array();
  RowText text(ctx.data.first_label(), ctx.data.hour_count());
  if (format == "csv") {
    // Blocks of stations are computed and formatted on worker threads and
    // written in order, so the output is the same as a sequential run.
    auto format_block = [&](size_t begin, size_t end) -> StatusOr<std::string> {
      std::string block;
      for (size_t i = begin; i < end; ++i) {
        const HourlySeries& s = (*series)[i];
        ECOCIV_ASSIGN_OR_RETURN(auto results, ComputeHourly(s, ctx.standards, ctx.forced));
        for (int32_t h = 0; h < s.hours; ++h) {
          if (!AnyValue(s, h)) continue;  // no data at all in this hour: no row
          AppendHourlyCsvRow(s, results[h], columns, text, &block);
        }
      }
      return block;
    };
    constexpr size_t kBlock = 32;
    const size_t workers = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    std::deque<std::future<StatusOr<std::string>>> in_flight;
    size_t next = 0;
    while (next < series->size() || !in_flight.empty()) {
      while (next < series->size() && in_flight.size() < workers) {
        size_t end = std::min(series->size(), next + kBlock);
        in_flight.push_back(std::async(std::launch::async, format_block, next, end));
        next = end;
      }
      StatusOr<std::string> block = in_flight.front().get();
      in_flight.pop_front();
      if (!block.ok()) return ReportError(block.status());
      buf += *block;
      (*out)->MaybeFlush();
    }
  } else {
    for (const HourlySeries& s : *series) {
      auto results = ComputeHourly(s, ctx.standards, ctx.forced);
      if (!results.ok()) return ReportError(results.status());
      for (int32_t h = 0; h < s.hours; ++h) {
        if (AnyValue(s, h)) rows.push_back(HourlyJson(s, (*results)[h], columns));
      }
    }
  }
  if (format == "json") buf = rows.dump(1) + "\n";
  timer.Mark("compute");
  (*out)->Flush();
  timer.Mark("write");
  return Finish(ctx);
}

// ---- daily -----------------------------------------------------------------

const Indicator kDailyColumns[] = {Indicator::kSO2,   Indicator::kNO2,   Indicator::kCO,
                                   Indicator::kO3_1h, Indicator::kO3_8h, Indicator::kPM10,
                                   Indicator::kPM25};

std::string DailyColumnName(Indicator i) {
  if (i == Indicator::kO3_1h) return "o3_1h_max";
  if (i == Indicator::kO3_8h) return "o3_8h_max";
  return std::string(IndicatorKey(i));
}

std::string DailyValueText(const DailyRecord& d, Indicator i) {
  if (!d.value[int(i)]) return "NA";
  return FormatRounded(*d.value[int(i)], ReportDecimals(PollutantOf(i)));
}

StatusOr<std::vector<DailyRecord>> DailyFor(const AirContext& ctx, const HourlySeries& s) {
  return DailyOfSeries(ctx.data, s, ctx.standards, ctx.forced);
}

int RunDaily(const CommandArgs& argv) {
  auto ctx_or = Prepare(argv, {}, {"csv", "json"});
  if (!ctx_or.ok()) return ReportError(ctx_or.status());
  AirContext& ctx = **ctx_or;
  const std::string& format = ctx.format;
  auto series = SelectSeries(ctx);
  if (!series.ok()) return ReportError(series.status());
  auto out = Output::Open(ctx.args.Get("output"));
  if (!out.ok()) return ReportError(out.status());
  std::string& buf = (*out)->buffer();
  if (format == "csv") {
    buf = "station,date";
    for (Indicator i : kDailyColumns) buf += "," + DailyColumnName(i);
    buf += ",aqi,level,category,primary_pollutants,valid,exceeding_pollutants,edition\n";
  }
  Json rows = Json::array();
  for (const HourlySeries& s : *series) {
    auto days = DailyFor(ctx, s);
    if (!days.ok()) return ReportError(days.status());
    for (const DailyRecord& d : *days) {
      bool na = d.aqi.aqi == kNoIaqi;
      const AqiLevel& level = LevelOf(na ? 0 : d.aqi.aqi);
      if (format == "csv") {
        buf += s.id + "," + FormatDate(d.day);
        for (Indicator i : kDailyColumns) buf += "," + DailyValueText(d, i);
        buf += na ? ",NA,NA,NA,"
                  : "," + std::to_string(d.aqi.aqi) + "," + std::to_string(level.level) + "," +
                        std::string(level.category_zh) + ",";
        buf += MaskNames(d.aqi.primary) + (na ? ",0," : ",1,") + MaskNames(d.aqi.exceeding) + "," +
               d.edition->id + "\n";
        (*out)->MaybeFlush();
      } else {
        Json row;
        row["station"] = s.id;
        row["date"] = FormatDate(d.day);
        for (Indicator i : kDailyColumns) {
          if (d.value[int(i)]) {
            row[DailyColumnName(i)] = std::stod(DailyValueText(d, i));
          } else {
            row[DailyColumnName(i)] = nullptr;
          }
        }
        if (na) {
          row["aqi"] = nullptr;
        } else {
          row["aqi"] = d.aqi.aqi;
          row["level"] = level.level;
          row["category"] = level.category_zh;
          row["category_en"] = level.category_en;
        }
        row["primary_pollutants"] = MaskNames(d.aqi.primary);
        row["valid"] = !na;
        row["edition"] = d.edition->id;
        rows.push_back(row);
      }
    }
  }
  if (format == "json") buf = rows.dump(1) + "\n";
  return Finish(ctx);
}

// ---- assess ----------------------------------------------------------------

Json Number(const std::optional<Ratio>& v, int decimals) {
  if (!v) return nullptr;
  int64_t scaled = RoundHalfEven(*v, decimals);
  if (decimals == 0) return scaled;
  return static_cast<double>(scaled) / static_cast<double>(Pow10(decimals));
}

Json AssessmentJson(const PeriodAssessment& a, const AssessmentRules& rules,
                    const std::optional<PeriodChange>& change) {
  Json j;
  j["id"] = a.id;
  j["name"] = a.name;
  j["type"] = a.is_city ? "city" : "station";
  j["from"] = FormatDate(a.from);
  j["to"] = FormatDate(a.to);
  j["days_in_period"] = a.days_in_period;
  j["days_valid"] = a.days_valid;
  j["good_days"] = a.good_days;
  j["good_day_ratio"] = Number(a.good_day_ratio, rules.ratio_percent_decimals);
  j["heavy_pollution_days"] = a.heavy_pollution_days;
  Json levels;
  static const char* kLevelKeys[] = {"1", "2", "3", "4", "5", "6"};
  for (int i = 0; i < 6; ++i) levels[kLevelKeys[i]] = a.days_by_level[i];
  j["days_by_level"] = levels;
  Json pollutants;
  for (const PollutantAssessment& p : a.pollutants) {
    int decimals = p.pollutant == Pollutant::kCO ? rules.co_decimals : rules.concentration_decimals;
    Json pj;
    pj["unit"] = PollutantUnit(p.pollutant);
    pj["valid_days"] = p.valid_days;
    pj["enough_data"] = p.enough_data;
    pj["mean"] = Number(p.mean, decimals);
    pj["percentile_rank"] = p.percentile_rank;
    pj["percentile"] = Number(p.percentile, decimals);
    auto limit = [&](const std::optional<int64_t>& l) -> Json {
      if (!l) return nullptr;
      return Number(Ratio::Concentration(*l), decimals);
    };
    pj["mean_limit"] = limit(p.mean_limit);
    pj["percentile_limit"] = limit(p.percentile_limit);
    pj["compliant"] = p.compliant ? Json(*p.compliant) : Json(nullptr);
    pj["exceedance_days"] = p.exceedance_days;
    pollutants[std::string(p.pollutant == Pollutant::kO3 ? "o3_8h" : PollutantKey(p.pollutant))] =
        pj;
  }
  j["pollutants"] = pollutants;
  j["composite_index"] = Number(a.composite_index, rules.composite_index_decimals);
  j["composite_profile"] = a.composite_profile;
  j["limits"] = {{"edition", a.limits_edition}, {"stage", a.limits_stage}, {"class", a.area_class}};
  if (change) {
    Json c;
    c["composite_index_percent"] = Number(change->composite_index_percent, 1);
    c["good_day_ratio_points"] =
        Number(change->good_day_ratio_points, rules.ratio_percent_decimals);
    c["pm25_mean_percent"] = Number(change->pm25_mean_percent, 1);
    j["change_vs_year_earlier"] = c;
  }
  j["notes"] = a.notes;
  return j;
}

std::string AssessmentText(const PeriodAssessment& a, const AssessmentRules& rules,
                           const std::optional<PeriodChange>& change) {
  auto num = [](const std::optional<Ratio>& v, int d) { return v ? FormatRounded(*v, d) : "NA"; };
  std::string t;
  t += (a.is_city ? "城市 City: " : "站点 Station: ") + a.name + " (" + a.id + ")  " +
       FormatDate(a.from) + " .. " + FormatDate(a.to) + "\n";
  t += "  有效天数 valid days: " + std::to_string(a.days_valid) + " / " +
       std::to_string(a.days_in_period) + "   优良天数 good days: " + std::to_string(a.good_days) +
       "   优良天数比例 good-day ratio: " + num(a.good_day_ratio, rules.ratio_percent_decimals) +
       "%   重污染天数 heavy-pollution days: " + std::to_string(a.heavy_pollution_days) + "\n";
  t += "  days by level 1..6:";
  for (int n : a.days_by_level) t += " " + std::to_string(n);
  t += "\n  pollutant   mean   percentile        limits (mean / pct)   compliant  exceed-days\n";
  for (const PollutantAssessment& p : a.pollutants) {
    int d = p.pollutant == Pollutant::kCO ? rules.co_decimals : rules.concentration_decimals;
    char line[200];
    std::string lim_mean =
        p.mean_limit ? FormatRounded(Ratio::Concentration(*p.mean_limit), d) : "-";
    std::string lim_pct =
        p.percentile_limit ? FormatRounded(Ratio::Concentration(*p.percentile_limit), d) : "-";
    std::snprintf(
        line, sizeof line, "  %-9s %6s   P%-2d %8s   %8s / %-8s      %-9s %d\n",
        std::string(p.pollutant == Pollutant::kO3 ? "O3-8h" : PollutantDisplay(p.pollutant))
            .c_str(),
        num(p.mean, d).c_str(), p.percentile_rank, num(p.percentile, d).c_str(), lim_mean.c_str(),
        lim_pct.c_str(), p.compliant ? (*p.compliant ? "yes 达标" : "NO 超标") : "NA",
        p.exceedance_days);
    t += line;
  }
  t += "  综合指数 composite index: " + num(a.composite_index, rules.composite_index_decimals) +
       " (" + a.composite_profile + ")   limits: " + a.limits_edition + " " + a.limits_stage +
       ", class " + std::to_string(a.area_class) + "\n";
  if (change) {
    t += "  同比 vs a year earlier: composite " + num(change->composite_index_percent, 1) +
         "%, good-day ratio " + num(change->good_day_ratio_points, 1) + " points, PM2.5 " +
         num(change->pm25_mean_percent, 1) + "%\n";
  }
  for (const std::string& note : a.notes) t += "  note: " + note + "\n";
  return t;
}

// --dust-days FILE (扣沙; empty without the flag).
StatusOr<DustDays> DustDaysFlag(const Args& args) {
  if (!args.Has("dust-days")) return DustDays{};
  return ReadDustDays(args.Get("dust-days"));
}

int RunAssess(const CommandArgs& argv) {
  auto ctx_or = Prepare(argv, {"from", "to", "class", "dust-days"}, {"json", "text"});
  if (!ctx_or.ok()) return ReportError(ctx_or.status());
  AirContext& ctx = **ctx_or;
  PeriodOptions options;
  auto from = ParseDate(ctx.args.Get("from"));
  auto to = ParseDate(ctx.args.Get("to"));
  if (!from.ok() || !to.ok()) {
    return ReportError(InvalidArgumentError("--from and --to are required dates (YYYY-MM-DD)"));
  }
  options.from = *from;
  options.to = *to;
  std::string area = ctx.args.Get("class", "2");
  if (area != "1" && area != "2")
    return ReportError(InvalidArgumentError("--class must be 1 or 2"));
  options.area_class = area == "1" ? 1 : 2;
  options.forced_edition = ctx.forced;
  auto dust = DustDaysFlag(ctx.args);
  if (!dust.ok()) return ReportError(dust.status());
  const std::string& format = ctx.format;
  // Stations (of the city, or all), then the city (or every city).
  std::vector<HourlySeries> series;
  std::vector<std::string> cities;
  const AssessmentRules& rules = ctx.standards.assessment();
  if (ctx.args.Has("city")) {
    cities.push_back(ctx.args.Get("city"));
    for (int s : StationsOfCity(ctx.data, cities[0], rules)) {
      series.push_back(SeriesOfStation(ctx.data, s));
    }
    if (series.empty()) {
      return ReportError(NotFoundError("no station belongs to city '" + cities[0] + "'"));
    }
  } else {
    for (size_t s = 0; s < ctx.data.stations().size(); ++s) {
      series.push_back(SeriesOfStation(ctx.data, static_cast<int>(s)));
      const std::string& city = ctx.data.stations()[s].info.city;
      if (!city.empty() && std::find(cities.begin(), cities.end(), city) == cities.end()) {
        cities.push_back(city);
      }
    }
  }
  for (const std::string& city : cities) {
    auto c = SeriesOfCity(ctx.data, city, rules);
    if (c.ok()) series.push_back(std::move(*c));
  }
  PeriodOptions earlier = options;
  CivilDate f = CivilFromDays(options.from), t = CivilFromDays(options.to);
  f.year -= 1;
  t.year -= 1;
  if (t.month == 2 && t.day == 29) t.day = 28;
  if (f.month == 2 && f.day == 29) f.day = 28;
  earlier.from = DaysFromCivil(f);
  earlier.to = DaysFromCivil(t);
  bool has_earlier = DayOfLabel(ctx.data.first_label()) <= earlier.from;
  Json stations = Json::array(), city_results = Json::array();
  std::string text;
  for (const HourlySeries& s : series) {
    auto days = DailyFor(ctx, s);
    if (!days.ok()) return ReportError(days.status());
    options.dust_days = dust->For(s.city.empty() ? s.id : s.city);
    auto a = AssessPeriod(*days, ctx.standards, options);
    if (!a.ok()) return ReportError(a.status());
    a->id = s.id;
    a->name = s.name;
    a->is_city = s.is_city;
    std::optional<PeriodChange> change;
    if (has_earlier) {
      earlier.dust_days = options.dust_days;
      auto before = AssessPeriod(*days, ctx.standards, earlier);
      if (before.ok() && before->days_valid > 0) change = CompareWithEarlier(*a, *before);
    }
    (s.is_city ? city_results : stations).push_back(AssessmentJson(*a, rules, change));
    text += AssessmentText(*a, rules, change) + "\n";
  }
  auto out = Output::Open(ctx.args.Get("output"));
  if (!out.ok()) return ReportError(out.status());
  if (format == "json") {
    Json doc;
    doc["from"] = FormatDate(options.from);
    doc["to"] = FormatDate(options.to);
    doc["standard"] = ctx.forced;
    doc["assessment_rules"] = rules.id;
    doc["cities"] = city_results;
    doc["stations"] = stations;
    (*out)->buffer() = doc.dump(2) + "\n";
  } else {
    (*out)->buffer() = text;
  }
  return Finish(ctx);
}

// ---- check-published ---------------------------------------------------------

int RunCheckPublished(const CommandArgs& argv) {
  auto ctx_or = Prepare(argv, {}, {"text"}, /*keep_published=*/true);
  if (!ctx_or.ok()) return ReportError(ctx_or.status());
  AirContext& ctx = **ctx_or;
  if (!ctx.data.has_published()) {
    return ReportError(InvalidArgumentError("the input has no published AQI to check against"));
  }
  ConformanceReport report = CheckPublishedHourly(ctx.data, ctx.standards, ctx.forced);
  std::fputs(report.Summary().c_str(), stdout);
  return Finish(ctx);
}

// ---- targets -------------------------------------------------------------------

// Parses an optional exact decimal flag (targets) into *out.
Status TargetFlag(const Args& args, const std::string& flag, std::optional<Ratio>* out) {
  if (!args.Has(flag)) return Status::Ok();
  int64_t scaled = 0;
  if (!ParseScaledDecimal(args.Get(flag), 4, &scaled) || scaled <= 0) {
    return InvalidArgumentError("--" + flag + " must be a positive number");
  }
  *out = Ratio::Scaled(scaled, 4);
  return Status::Ok();
}

// --record DB: the targets at risk become workflow warnings in DB (kind "air").
Status RecordTargetWarnings(const std::string& path, const warning::AirTargetReport& report) {
  store::OpenOptions open;
  ECOCIV_ASSIGN_OR_RETURN(auto db, store::OpenSqliteDatabase(path, open));
  std::vector<warning::Finding> findings;
  std::vector<warning::Released> released;
  warning::AirFindingsOf(report, &findings, &released);
  ECOCIV_ASSIGN_OR_RETURN(
      warning::RecordReport recorded,
      warning::RecordEvaluation(db.get(), "air-targets-" + std::to_string(report.year), findings,
                                released, report.as_of, {},
                                static_cast<int64_t>(std::time(nullptr))));
  std::fprintf(stderr, "ecociv: air target warnings in %s: %s\n", path.c_str(),
               recorded.Summary().c_str());
  return Status::Ok();
}

int RunTargets(const CommandArgs& argv) {
  auto ctx_or = Prepare(
      argv,
      {"year", "as-of", "pm25", "good-day-ratio", "composite", "class", "record", "dust-days"},
      {"text", "json"});
  if (!ctx_or.ok()) return ReportError(ctx_or.status());
  AirContext& ctx = **ctx_or;
  warning::AirTargetOptions options;
  auto as_of = ParseDate(ctx.args.Get("as-of"));
  if (!ctx.args.Has("year") || !as_of.ok()) {
    return ReportError(InvalidArgumentError("--year Y and --as-of YYYY-MM-DD are required"));
  }
  auto year = ParseInteger(ctx.args.Get("year"), 1990, 2100, "--year");
  if (!year.ok()) return ReportError(year.status());
  options.year = static_cast<int>(*year);
  options.as_of = *as_of;
  options.forced_edition = ctx.forced;
  options.area_class = ctx.args.Get("class", "2") == "1" ? 1 : 2;
  Status s = TargetFlag(ctx.args, "pm25", &options.pm25_target);
  if (s.ok()) s = TargetFlag(ctx.args, "good-day-ratio", &options.good_day_ratio_target);
  if (s.ok()) s = TargetFlag(ctx.args, "composite", &options.composite_target);
  if (!s.ok()) return ReportError(s);
  std::string city = ctx.args.Get("city");
  if (city.empty() && !ctx.data.stations().empty()) city = ctx.data.stations()[0].info.city;
  auto dust = DustDaysFlag(ctx.args);
  if (!dust.ok()) return ReportError(dust.status());
  options.dust_days = dust->For(city);
  auto series = SeriesOfCity(ctx.data, city, ctx.standards.assessment());
  if (!series.ok()) return ReportError(series.status());
  auto days = DailyFor(ctx, *series);
  if (!days.ok()) return ReportError(days.status());
  auto report = warning::ComputeAirTargets(*days, ctx.standards, options);
  if (!report.ok()) return ReportError(report.status());
  report->city = city;
  if (ctx.args.Has("record")) {
    Status recorded = RecordTargetWarnings(ctx.args.Get("record"), *report);
    if (!recorded.ok()) return ReportError(recorded);
  }
  auto out = Output::Open(ctx.args.Get("output"));
  if (!out.ok()) return ReportError(out.status());
  (*out)->buffer() =
      ctx.format == "json" ? warning::AirTargetsJson(*report) : warning::AirTargetsText(*report);
  return Finish(ctx);
}

const Command kCommands[] = {{"hourly", kHourlyUsage, RunHourly},
                             {"daily", kDailyUsage, RunDaily},
                             {"check-published", kCheckPublishedUsage, RunCheckPublished},
                             {"assess", kAssessUsage, RunAssess},
                             {"targets", kTargetsUsage, RunTargets}};
const CommandTable kTable = {"air", kCommands, kNotes};

}  // namespace

int RunAirCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
