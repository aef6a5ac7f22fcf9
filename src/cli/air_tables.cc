// `ecociv air hourly|daily|check-published`: the hourly and daily tables of
// air/report.h over files or the store, and the check against published AQI.
#include <algorithm>
#include <deque>
#include <future>
#include <thread>

#include "air_cli.h"
#include "ecociv/air/conformance.h"
#include "ecociv/air/hourly.h"
#include "ecociv/air/report.h"

namespace ecociv::cli {
namespace {

using air::HourlySeries;

// The CSV rows of series [begin, end), hours without any value left out.
StatusOr<std::string> HourlyCsvBlock(const AirContext& ctx, const std::vector<HourlySeries>& series,
                                     const air::HourlyCsv& table, size_t begin, size_t end) {
  std::string block;
  for (size_t i = begin; i < end; ++i) {
    const HourlySeries& s = series[i];
    ECOCIV_ASSIGN_OR_RETURN(auto results, air::ComputeHourly(s, ctx.standards, ctx.forced));
    for (int32_t h = 0; h < s.hours; ++h) {
      if (air::HourHasData(s, h)) table.AppendRow(s.id, results[h], &block);
    }
  }
  return block;
}

// Blocks of stations are computed and formatted on worker threads and
// written in order, so the output is the same as a sequential run.
Status WriteHourlyCsv(const AirContext& ctx, const std::vector<HourlySeries>& series,
                      air::IndicatorMask columns, AirOutput* out) {
  air::HourlyCsv table(columns, ctx.data.first_label(), ctx.data.hour_count());
  out->buffer() = table.Header();
  constexpr size_t kBlock = 32;
  const size_t workers = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::deque<std::future<StatusOr<std::string>>> in_flight;
  size_t next = 0;
  while (next < series.size() || !in_flight.empty()) {
    while (next < series.size() && in_flight.size() < workers) {
      size_t end = std::min(series.size(), next + kBlock);
      in_flight.push_back(std::async(std::launch::async, HourlyCsvBlock, std::cref(ctx),
                                     std::cref(series), std::cref(table), next, end));
      next = end;
    }
    StatusOr<std::string> block = in_flight.front().get();
    in_flight.pop_front();
    ECOCIV_RETURN_IF_ERROR(block.status());
    out->buffer() += *block;
    out->MaybeFlush();
  }
  return Status::Ok();
}

Status WriteHourlyJson(const AirContext& ctx, const std::vector<HourlySeries>& series,
                       air::IndicatorMask columns, AirOutput* out) {
  std::vector<std::string> rows;
  for (const HourlySeries& s : series) {
    ECOCIV_ASSIGN_OR_RETURN(auto results, air::ComputeHourly(s, ctx.standards, ctx.forced));
    for (int32_t h = 0; h < s.hours; ++h) {
      if (air::HourHasData(s, h)) rows.push_back(air::HourlyJsonRow(s, results[h], columns));
    }
  }
  out->buffer() = air::JsonRows(rows);
  return Status::Ok();
}

}  // namespace

int RunAirHourly(const CommandArgs& argv) {
  PhaseTimer timer;
  auto ctx = PrepareAir(argv, {}, {"csv", "json"});
  timer.Mark("read");
  if (!ctx.ok()) return ReportError(ctx.status());
  auto series = SelectSeries(**ctx);
  if (!series.ok()) return ReportError(series.status());
  auto out = AirOutput::Open((*ctx)->args.Get("output"));
  if (!out.ok()) return ReportError(out.status());
  air::IndicatorMask columns = air::HourlyIaqiColumns((*ctx)->standards, (*ctx)->forced);
  Status written = (*ctx)->format == "csv" ? WriteHourlyCsv(**ctx, *series, columns, out->get())
                                           : WriteHourlyJson(**ctx, *series, columns, out->get());
  if (!written.ok()) return ReportError(written);
  timer.Mark("compute");
  (*out)->Flush();
  timer.Mark("write");
  return FinishAir(**ctx);
}

int RunAirDaily(const CommandArgs& argv) {
  auto ctx = PrepareAir(argv, {}, {"csv", "json"});
  if (!ctx.ok()) return ReportError(ctx.status());
  const bool csv = (*ctx)->format == "csv";
  auto series = SelectSeries(**ctx);
  if (!series.ok()) return ReportError(series.status());
  auto out = AirOutput::Open((*ctx)->args.Get("output"));
  if (!out.ok()) return ReportError(out.status());
  std::string& buf = (*out)->buffer();
  if (csv) buf = air::DailyCsvHeader();
  std::vector<std::string> rows;
  for (const HourlySeries& s : *series) {
    auto days = DailyFor(**ctx, s);
    if (!days.ok()) return ReportError(days.status());
    for (const air::DailyRecord& d : *days) {
      if (!csv) {
        rows.push_back(air::DailyJsonRow(s.id, d));
        continue;
      }
      air::AppendDailyCsvRow(s.id, d, &buf);
      (*out)->MaybeFlush();
    }
  }
  if (!csv) buf = air::JsonRows(rows);
  return FinishAir(**ctx);
}

int RunAirCheckPublished(const CommandArgs& argv) {
  auto ctx = PrepareAir(argv, {}, {"text"}, /*keep_published=*/true);
  if (!ctx.ok()) return ReportError(ctx.status());
  if (!(*ctx)->data.has_published()) {
    return ReportError(InvalidArgumentError("the input has no published AQI to check against"));
  }
  air::ConformanceReport report =
      air::CheckPublishedHourly((*ctx)->data, (*ctx)->standards, (*ctx)->forced);
  std::fputs(report.Summary().c_str(), stdout);
  return FinishAir(**ctx);
}

}  // namespace ecociv::cli
