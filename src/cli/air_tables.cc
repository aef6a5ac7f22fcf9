// `ecociv air hourly|daily|check-published`: the hourly and daily tables of
// air/report.h over files or the store, and the check against published AQI.
#include <algorithm>
#include <cstdlib>
#include <deque>
#include <functional>
#include <future>
#include <thread>

#include "air_cli.h"
#include "ecociv/air/conformance.h"
#include "ecociv/air/daily.h"
#include "ecociv/air/hourly.h"
#include "ecociv/air/report.h"
#include "ecociv/air/station_rows.h"
#include "ecociv/core/csv_writer.h"

namespace ecociv::cli {
namespace {

using air::HourlySeries;

// The i-th series of a table: one held in memory, or built into `scratch`.
using SeriesAt = std::function<StatusOr<const HourlySeries*>(size_t i, HourlySeries* scratch)>;

// The CSV rows of series [begin, end), hours without any value left out.
StatusOr<std::string> HourlyCsvBlock(const AirContext& ctx, const SeriesAt& series_at,
                                     const air::HourlyCsv& table, size_t begin, size_t end) {
  std::string block;
  HourlySeries scratch;
  for (size_t i = begin; i < end; ++i) {
    ECOCIV_ASSIGN_OR_RETURN(const HourlySeries* s, series_at(i, &scratch));
    ECOCIV_ASSIGN_OR_RETURN(auto results, air::ComputeHourly(*s, ctx.standards, ctx.forced));
    const std::string cell = CsvCell(s->id);  // text from the input: never a formula
    for (int32_t h = 0; h < s->hours; ++h) {
      if (air::HourHasData(*s, h)) table.AppendRowWithCell(cell, results[h], &block);
    }
  }
  return block;
}

// Blocks of stations [begin, end) are computed and formatted on worker
// threads and written in order, so the output is the same as a sequential
// run, and memory holds only the blocks in flight.
using CsvBlock = std::function<StatusOr<std::string>(size_t begin, size_t end)>;

Status WriteBlocksInOrder(size_t count, size_t block_size, const CsvBlock& make_block,
                          AirOutput* out) {
  const size_t workers = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::deque<std::future<StatusOr<std::string>>> in_flight;
  size_t next = 0;
  while (next < count || !in_flight.empty()) {
    while (next < count && in_flight.size() < workers) {
      size_t end = std::min(count, next + block_size);
      in_flight.push_back(std::async(std::launch::async, std::cref(make_block), next, end));
      next = end;
    }
    StatusOr<std::string> block = in_flight.front().get();
    in_flight.pop_front();
    if (!block.ok()) {
      for (auto& f : in_flight) f.wait();
      return block.status();
    }
    out->buffer() += *block;
    out->MaybeFlush();
  }
  return Status::Ok();
}

// The hourly table; a block holds about 4 MB of output, so memory does not
// grow with the hours.
Status WriteHourlyCsv(const AirContext& ctx, size_t count, const SeriesAt& series_at,
                      HourLabel first, int32_t hours, air::IndicatorMask columns,
                      AirOutput* out) {
  air::HourlyCsv table(columns, first, hours);
  out->buffer() = table.Header();
  const size_t block_size =
      std::clamp<size_t>((size_t{4} << 20) / (size_t(std::max(hours, 1)) * 128), 1, 32);
  return WriteBlocksInOrder(
      count, block_size,
      [&](size_t begin, size_t end) { return HourlyCsvBlock(ctx, series_at, table, begin, end); },
      out);
}

// The stations of a streamed table: the one --station names, or all of them.
StatusOr<std::vector<int>> ChosenStations(const AirContext& ctx, const air::StationRows& rows) {
  std::vector<int> chosen;
  if (ctx.args.Has("station")) {
    int s = rows.FindStation(ctx.args.Get("station"));
    if (s < 0) return NotFoundError("--station " + ctx.args.Get("station") + ": not in the data");
    chosen.push_back(s);
  } else {
    for (size_t s = 0; s < rows.stations().size(); ++s) chosen.push_back(int(s));
  }
  return chosen;
}

// Whether a table over files goes station by station in bounded memory
// (StationRows) or through the whole dataset; ECOCIV_AIR_IN_MEMORY=1 takes
// the whole-dataset path, so tests can compare the two
// (tests/cli/hourly_stream_test.sh). --city needs every station of the
// city at once.
bool StreamsStations(const AirContext& ctx) {
  const char* in_memory = std::getenv("ECOCIV_AIR_IN_MEMORY");
  const bool allowed = in_memory == nullptr || std::string_view(in_memory) != "1";
  return allowed && !ctx.inputs.empty() && ctx.format == "csv" && !ctx.args.Has("city");
}

// `air hourly` as CSV over files: read in blocks and kept per station
// (StationRows), so memory stays bounded whatever the files' size; the bytes
// are those of the whole-dataset path.
int RunAirHourlyStream(AirContext& ctx, PhaseTimer& timer) {
  auto rows = air::StationRows::Read(ctx.inputs, AirReadOptions(ctx, false), &ctx.report);
  if (!rows.ok()) return ReportError(rows.status());
  PrintReadReport(ctx.report);
  timer.Mark("read");
  auto chosen_or = ChosenStations(ctx, **rows);
  if (!chosen_or.ok()) return ReportError(chosen_or.status());
  const std::vector<int>& chosen = *chosen_or;
  auto out = AirOutput::Open(ctx.args.Get("output"));
  if (!out.ok()) return ReportError(out.status());
  const air::StationRows& store = **rows;
  SeriesAt series_at = [&](size_t i, HourlySeries* scratch) -> StatusOr<const HourlySeries*> {
    ECOCIV_RETURN_IF_ERROR(store.Series(chosen[i], scratch));
    return scratch;
  };
  Status written =
      WriteHourlyCsv(ctx, chosen.size(), series_at, store.first_label(), store.hour_count(),
                     air::HourlyIaqiColumns(ctx.standards, ctx.forced), out->get());
  if (!written.ok()) return ReportError(written);
  timer.Mark("compute");
  (*out)->Flush();
  timer.Mark("write");
  return FinishAir(ctx);
}

// `air daily` as CSV over files, station by station like the hourly table:
// the bytes are those of the whole-dataset path, in bounded memory.
int RunAirDailyStream(AirContext& ctx) {
  auto rows = air::StationRows::Read(ctx.inputs, AirReadOptions(ctx, false), &ctx.report);
  if (!rows.ok()) return ReportError(rows.status());
  PrintReadReport(ctx.report);
  auto chosen = ChosenStations(ctx, **rows);
  if (!chosen.ok()) return ReportError(chosen.status());
  auto out = AirOutput::Open(ctx.args.Get("output"));
  if (!out.ok()) return ReportError(out.status());
  const air::StationRows& store = **rows;
  (*out)->buffer() = air::DailyCsvHeader();
  auto block = [&](size_t begin, size_t end) -> StatusOr<std::string> {
    std::string text;
    HourlySeries series;
    for (size_t i = begin; i < end; ++i) {
      ECOCIV_RETURN_IF_ERROR(store.Series((*chosen)[i], &series));
      ECOCIV_ASSIGN_OR_RETURN(auto days, air::ComputeDaily(series, ctx.standards, ctx.forced));
      for (const air::DailyRecord& d : days) air::AppendDailyCsvRow(series.id, d, &text);
    }
    return text;
  };
  Status written = WriteBlocksInOrder(chosen->size(), 32, block, out->get());
  if (!written.ok()) return ReportError(written);
  (*out)->Flush();
  return FinishAir(ctx);
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
  auto ctx = PrepareAir(argv, {}, {"csv", "json"}, /*keep_published=*/false, /*defer_files=*/true);
  if (!ctx.ok()) return ReportError(ctx.status());
  AirContext& c = **ctx;
  if (StreamsStations(c)) return RunAirHourlyStream(c, timer);
  if (!c.inputs.empty()) {
    Status read = ReadAirInputs(&c, /*keep_published=*/false);
    if (!read.ok()) return ReportError(read);
  }
  timer.Mark("read");
  auto series = SelectSeries(**ctx);
  if (!series.ok()) return ReportError(series.status());
  auto out = AirOutput::Open((*ctx)->args.Get("output"));
  if (!out.ok()) return ReportError(out.status());
  air::IndicatorMask columns = air::HourlyIaqiColumns((*ctx)->standards, (*ctx)->forced);
  SeriesAt series_at = [&](size_t i, HourlySeries*) -> StatusOr<const HourlySeries*> {
    return &(*series)[i];
  };
  Status written = c.format == "csv"
                       ? WriteHourlyCsv(c, series->size(), series_at, c.data.first_label(),
                                        c.data.hour_count(), columns, out->get())
                       : WriteHourlyJson(c, *series, columns, out->get());
  if (!written.ok()) return ReportError(written);
  timer.Mark("compute");
  (*out)->Flush();
  timer.Mark("write");
  return FinishAir(**ctx);
}

int RunAirDaily(const CommandArgs& argv) {
  auto ctx = PrepareAir(argv, {}, {"csv", "json"}, /*keep_published=*/false, /*defer_files=*/true);
  if (!ctx.ok()) return ReportError(ctx.status());
  if (StreamsStations(**ctx)) return RunAirDailyStream(**ctx);
  if (!(*ctx)->inputs.empty()) {
    Status read = ReadAirInputs(ctx->get(), /*keep_published=*/false);
    if (!read.ok()) return ReportError(read);
  }
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
