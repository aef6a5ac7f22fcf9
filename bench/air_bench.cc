// Air engine benchmarks (Google Benchmark). `make bench` runs them; figures
// are recorded in docs/performance.md.
//   BM_ReadCnemcMonth   CSV ingest, MB/s: a CNEMC-format month (1,600 stations × 720 h),
//                       generated; with ECOCIV_BENCH_CNEMC=path also that real file.
//   BM_HourlyAqi        the real-time AQI, station-hours/s.
//   BM_YearAssessment   daily values + HJ 663 year assessment of N stations (200..1,600), to
//                       show the cost as stations double.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "ecociv/air/assessment.h"
#include "ecociv/air/daily.h"
#include "ecociv/air/dataset.h"
#include "ecociv/air/hourly.h"
#include "ecociv/air/series.h"

namespace ecociv::air {
namespace {

uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// A CNEMC-format month of `stations` stations, written once to /tmp.
const std::string& CnemcMonthFile(int stations) {
  static std::string path;
  if (!path.empty()) return path;
  path = "/tmp/ecociv_bench_cnemc_month.csv";
  std::ofstream out(path);
  out << "timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,"
         "pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h\n";
  DayNumber first = DaysFromCivil({2026, 4, 1});
  char row[512];
  for (int h = 1; h <= 720; ++h) {
    std::string time = FormatHourLabel(LabelAt(first, h));
    time.erase(13, 1);  // 2026-04-01T01:00 → 2026-04-01T0100
    for (int s = 0; s < stations; ++s) {
      uint64_t r = Mix(uint64_t(h) * 7919 + s);
      int pm25 = 10 + r % 90, pm10 = pm25 + (r >> 8) % 60, o3 = 20 + (r >> 16) % 150;
      std::snprintf(row, sizeof row,
                    "%s,%dA,116.3%d,39.8%d,城市%d,站点%d,细颗粒物(PM2.5),%d,%d,%d,%d,%d,%d,%d,"
                    "%d,%d,%d,%d,%d,%d,%.1f,%.1f\n",
                    time.c_str(), 1000 + s, s % 10, s % 7, s / 5, s, pm25 + 20, pm10, pm10, pm25,
                    pm25, o3, o3, o3, o3, int(10 + (r >> 24) % 40), 30, int(3 + (r >> 32) % 10), 5,
                    0.1 * double(3 + (r >> 40) % 9), 0.5);
      out << row;
    }
  }
  return path;
}

void ReadFile(benchmark::State& state, const std::string& path) {
  size_t bytes = 0;
  {
    std::ifstream in(path, std::ios::ate | std::ios::binary);
    bytes = static_cast<size_t>(in.tellg());
  }
  for (auto _ : state) {
    ReadReport report;
    auto data = ReadAirFiles({path}, {}, &report);
    if (!data.ok()) state.SkipWithError(data.status().ToString().c_str());
    benchmark::DoNotOptimize(data);
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(bytes));
}

void BM_ReadCnemcMonth(benchmark::State& state) { ReadFile(state, CnemcMonthFile(1600)); }
BENCHMARK(BM_ReadCnemcMonth)->Unit(benchmark::kMillisecond);

void BM_ReadRealCnemcMonth(benchmark::State& state) {
  const char* path = std::getenv("ECOCIV_BENCH_CNEMC");
  if (!path) {
    state.SkipWithError("set ECOCIV_BENCH_CNEMC to a decompressed CNEMC month to run this");
    for (auto _ : state) {
    }
    return;
  }
  ReadFile(state, path);
}
BENCHMARK(BM_ReadRealCnemcMonth)->Unit(benchmark::kMillisecond);

void BM_HourlyAqi(benchmark::State& state) {
  static const AirStandards standards = *AirStandards::Load();
  ReadReport report;
  static const AirDataset data = *ReadAirFiles({CnemcMonthFile(1600)}, {}, &report);
  int64_t station_hours = 0;
  for (auto _ : state) {
    for (size_t s = 0; s < data.stations().size(); ++s) {
      auto results = ComputeHourly(SeriesOfStation(data, int(s)), standards, "auto");
      benchmark::DoNotOptimize(results);
      station_hours += data.hour_count();
    }
  }
  state.SetItemsProcessed(station_hours);
}
BENCHMARK(BM_HourlyAqi)->Unit(benchmark::kMillisecond);

// A year (2025) of hourly values for n stations, filled directly.
AirDataset YearOfStations(int n) {
  std::vector<StationInfo> infos(n);
  for (int s = 0; s < n; ++s) {
    infos[s].code = std::to_string(1000 + s) + "A";
    infos[s].city = "城市" + std::to_string(s / 5);
  }
  DayNumber first = DaysFromCivil({2025, 1, 1});
  AirDataset d = AirDataset::Make(LabelAt(first, 1), LabelAt(first + 364, 24), infos, false);
  for (int s = 0; s < n; ++s) {
    auto& values = d.mutable_stations()[s].values;
    for (int32_t h = 0; h < d.hour_count(); ++h) {
      uint64_t r = Mix(uint64_t(s) * 100003 + h);
      if (r % 100 == 0) continue;  // 1 % missing
      values[int(Pollutant::kSO2)][h] = int32_t((3 + r % 20) * kConcentrationScale);
      values[int(Pollutant::kNO2)][h] = int32_t((10 + (r >> 8) % 60) * kConcentrationScale);
      values[int(Pollutant::kCO)][h] = int32_t((2 + (r >> 16) % 12) * 1000);
      values[int(Pollutant::kO3)][h] = int32_t((10 + (r >> 24) % 200) * kConcentrationScale);
      values[int(Pollutant::kPM10)][h] = int32_t((20 + (r >> 32) % 120) * kConcentrationScale);
      values[int(Pollutant::kPM25)][h] = int32_t((8 + (r >> 40) % 80) * kConcentrationScale);
    }
  }
  return d;
}

void BM_YearAssessment(benchmark::State& state) {
  static const AirStandards standards = *AirStandards::Load();
  const int n = static_cast<int>(state.range(0));
  AirDataset data = YearOfStations(n);
  PeriodOptions options;
  options.from = DaysFromCivil({2025, 1, 1});
  options.to = DaysFromCivil({2025, 12, 31});
  for (auto _ : state) {
    for (int s = 0; s < n; ++s) {
      auto days = ComputeDaily(SeriesOfStation(data, s), standards, "auto");
      auto a = AssessPeriod(*days, standards, options);
      benchmark::DoNotOptimize(a);
    }
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * n * data.hour_count());
  state.counters["stations"] = n;
}
BENCHMARK(BM_YearAssessment)
    ->Arg(200)
    ->Arg(400)
    ->Arg(800)
    ->Arg(1600)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
}  // namespace ecociv::air

BENCHMARK_MAIN();
