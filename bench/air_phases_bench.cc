// The phases of `ecociv air hourly` one by one (Google Benchmark), each with
// its bytes per second, so that a regression in one phase shows:
//   BM_Phase1Read     the file's text in blocks of whole records (TextStream, CsvBlocks)
//   BM_Phase2Parse    read + parse into rows (ReadAirRows), bytes of input
//   BM_Phase3Rows     read + parse + keep per station (StationRows), bytes of input
//   BM_Phase4Compute  each station's series and its hourly AQI, station-hours
//   BM_Phase5Format   the CSV rows of those results, bytes of output
//   BM_Phase6Write    the output written to a file, bytes of output
// Input: ECOCIV_BENCH_CNEMC (a decompressed CNEMC month, as scripts/bench sets
// it when the real data are present), else a generated month written once.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "ecociv/air/hourly.h"
#include "ecociv/air/report.h"
#include "ecociv/air/station_rows.h"
#include "ecociv/core/csv_writer.h"
#include "ecociv/core/text_stream.h"

namespace ecociv::air {
namespace {

const std::string& InputFile() {
  static std::string path;
  if (!path.empty()) return path;
  if (const char* real = std::getenv("ECOCIV_BENCH_CNEMC")) return path = real;
  path = "/tmp/ecociv_bench_phases_month.csv";
  std::ofstream out(path);
  out << "station,time,so2,no2,co,o3,pm10,pm25\n";
  DayNumber first = DaysFromCivil({2026, 4, 1});
  for (int h = 1; h <= 720; ++h) {
    std::string time = FormatHourLabel(LabelAt(first, h));
    for (int s = 0; s < 1600; ++s) {
      uint64_t r = uint64_t(h) * 2654435761u ^ uint64_t(s) * 40503u;
      out << 1000 + s << "A," << time << ',' << 3 + r % 20 << ',' << 10 + r % 60 << ",0."
          << 3 + r % 7 << ',' << 20 + r % 150 << ',' << 30 + r % 90 << ',' << 10 + r % 70 << '\n';
    }
  }
  return path;
}

int64_t FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::ate | std::ios::binary);
  return static_cast<int64_t>(in.tellg());
}

const AirStandards& Standards() {
  static const AirStandards standards = *AirStandards::Load();
  return standards;
}

const StationRows& Rows() {
  static std::unique_ptr<StationRows> rows = [] {
    ReadReport report;
    auto read = StationRows::Read({InputFile()}, {}, &report);
    std::unique_ptr<StationRows> kept = std::move(*read);
    return kept;
  }();
  return *rows;
}

void BM_Phase1Read(benchmark::State& state) {
  for (auto _ : state) {
    auto stream = TextStream::Open(InputFile());
    CsvBlocks blocks(std::move(*stream), size_t{16} << 20);
    std::string_view block;
    int64_t line = 0;
    while (*blocks.Next(&block, &line)) benchmark::DoNotOptimize(block);
  }
  state.SetBytesProcessed(state.iterations() * FileBytes(InputFile()));
}
BENCHMARK(BM_Phase1Read)->Unit(benchmark::kMillisecond);

void BM_Phase2Parse(benchmark::State& state) {
  for (auto _ : state) {
    ReadReport report;
    int64_t rows = 0;
    Status s = ReadAirRows({InputFile()}, {}, &report,
                           [&](const std::vector<StationInfo>&, std::vector<AirRow>* block) {
                             rows += int64_t(block->size());
                             return Status::Ok();
                           });
    benchmark::DoNotOptimize(rows);
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
  }
  state.SetBytesProcessed(state.iterations() * FileBytes(InputFile()));
}
BENCHMARK(BM_Phase2Parse)->Unit(benchmark::kMillisecond);

void BM_Phase3Rows(benchmark::State& state) {
  for (auto _ : state) {
    ReadReport report;
    auto rows = StationRows::Read({InputFile()}, {}, &report);
    benchmark::DoNotOptimize(rows);
  }
  state.SetBytesProcessed(state.iterations() * FileBytes(InputFile()));
}
BENCHMARK(BM_Phase3Rows)->Unit(benchmark::kMillisecond);

void BM_Phase4Compute(benchmark::State& state) {
  const StationRows& rows = Rows();
  for (auto _ : state) {
    HourlySeries series;
    for (size_t s = 0; s < rows.stations().size(); ++s) {
      (void)rows.Series(int(s), &series);
      auto results = ComputeHourly(series, Standards(), "auto");
      benchmark::DoNotOptimize(results);
    }
  }
  state.SetItemsProcessed(state.iterations() * int64_t(rows.stations().size()) *
                          rows.hour_count());
  state.SetBytesProcessed(state.iterations() * FileBytes(InputFile()));
}
BENCHMARK(BM_Phase4Compute)->Unit(benchmark::kMillisecond);

// The hourly results of every station, computed once for the two last phases.
struct Computed {
  std::vector<std::string> cells;
  std::vector<std::vector<HourlyResult>> results;
  std::vector<HourlySeries> series;
};
const Computed& AllResults() {
  static const Computed computed = [] {
    Computed c;
    const StationRows& rows = Rows();
    for (size_t s = 0; s < rows.stations().size(); ++s) {
      HourlySeries series;
      (void)rows.Series(int(s), &series);
      c.results.push_back(*ComputeHourly(series, Standards(), "auto"));
      c.cells.push_back(CsvCell(series.id));
      for (auto& column : series.columns) column.num.clear();  // only validity is needed
      c.series.push_back(std::move(series));
    }
    return c;
  }();
  return computed;
}

std::string FormatAll() {
  const Computed& c = AllResults();
  HourlyCsv table(HourlyIaqiColumns(Standards(), "auto"), Rows().first_label(),
                  Rows().hour_count());
  std::string out = table.Header();
  for (size_t s = 0; s < c.results.size(); ++s) {
    for (int32_t h = 0; h < c.series[s].hours; ++h) {
      if (HourHasData(c.series[s], h)) table.AppendRowWithCell(c.cells[s], c.results[s][h], &out);
    }
  }
  return out;
}

void BM_Phase5Format(benchmark::State& state) {
  AllResults();
  int64_t bytes = 0;
  for (auto _ : state) {
    std::string out = FormatAll();
    bytes += int64_t(out.size());
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_Phase5Format)->Unit(benchmark::kMillisecond);

void BM_Phase6Write(benchmark::State& state) {
  static const std::string out = FormatAll();
  const std::string path = "/tmp/ecociv_bench_phases_out.csv";
  for (auto _ : state) {
    FILE* f = std::fopen(path.c_str(), "wb");
    for (size_t at = 0; at < out.size(); at += size_t{1} << 20) {
      std::fwrite(out.data() + at, 1, std::min(out.size() - at, size_t{1} << 20), f);
    }
    std::fclose(f);
  }
  std::remove(path.c_str());
  state.SetBytesProcessed(state.iterations() * int64_t(out.size()));
}
BENCHMARK(BM_Phase6Write)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ecociv::air

BENCHMARK_MAIN();
