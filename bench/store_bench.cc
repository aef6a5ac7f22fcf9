// Import speed of the store: station-hours per second into a fresh SQLite
// database for a generated national month (1,600 stations × 720 hours =
// 1.15 million station-hours). Goal (issue 4): under 20 s.
//   BM_StoreWriteMonth      ImportAirDataset: the database write path alone
//                           (prepared statements, one transaction, fingerprints)
//   BM_StoreImportMonthFile ImportAirFile on the same month as a wide CSV:
//                           read, parse, write and screen, end to end
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ecociv/store/import.h"

namespace ecociv::store {
namespace {

constexpr int kStations = 1600;
constexpr int kHours = 720;

std::string ScratchPath(const std::string& name) {
  auto dir =
      std::filesystem::temp_directory_path() / ("ecociv_store_bench_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

int32_t Value(int station, int hour, int pollutant) {
  uint32_t x = uint32_t(station) * 2654435761u ^ uint32_t(hour) * 40503u ^ uint32_t(pollutant);
  int base[] = {8, 30, 1, 70, 70, 40};
  int32_t v = base[pollutant] * 10000 + int32_t(x % 200000) - 100000;
  return v < 0 ? -v : v;
}

std::string StationsCsv() {
  std::string text = "station,name,city,lon,lat\n";
  for (int s = 0; s < kStations; ++s) {
    text += "B" + std::to_string(s) + ",站" + std::to_string(s) + ",城" + std::to_string(s / 5) +
            ",110.5,30.5\n";
  }
  return text;
}

air::AirDataset MonthDataset() {
  std::vector<air::StationInfo> infos(kStations);
  for (int s = 0; s < kStations; ++s) {
    infos[s].code = "B" + std::to_string(s);
    infos[s].city = "城" + std::to_string(s / 5);
  }
  HourLabel first = LabelAt(DaysFromCivil({2026, 4, 1}), 1);
  air::AirDataset d = air::AirDataset::Make(first, first + kHours - 1, infos, false);
  for (int s = 0; s < kStations; ++s) {
    for (int p = 0; p < air::kPollutantCount; ++p) {
      for (int h = 0; h < kHours; ++h) d.mutable_stations()[s].values[p][h] = Value(s, h, p);
    }
  }
  return d;
}

std::string MonthCsv(const air::AirDataset& d) {
  std::string text = "station,time,so2,no2,co,o3,pm10,pm25\n";
  text.reserve(size_t(kStations) * kHours * 60);
  char buffer[160];
  for (int h = 0; h < kHours; ++h) {
    std::string time = FormatHourLabel(d.first_label() + h);
    for (const auto& s : d.stations()) {
      const auto& v = s.values;
      std::snprintf(buffer, sizeof buffer, "%s,%s,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f\n",
                    s.info.code.c_str(), time.c_str(), v[0][h] / 1e4, v[1][h] / 1e4, v[2][h] / 1e4,
                    v[3][h] / 1e4, v[4][h] / 1e4, v[5][h] / 1e4);
      text += buffer;
    }
  }
  return text;
}

// A fresh database holding the stations: an SQLite file, or, when
// ECOCIV_TEST_DB names a PostgreSQL database (tests/store/with_postgres.sh
// bench/store_bench), its schema `bench` dropped and made again.
std::unique_ptr<Database> FreshDatabase(const std::string& path) {
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  OpenOptions options;
  options.create = true;
  std::string target = path;
  if (const char* pg = std::getenv("ECOCIV_TEST_DB"); pg != nullptr && pg[0] != '\0') {
    target = std::string(pg) + "&options=-csearch_path%3Dbench";
    auto old = OpenDatabase(target, options);
    if (!old.ok() || !(*old)->Exec("DROP SCHEMA bench CASCADE").ok()) std::abort();
  }
  auto db = OpenDatabase(target, options);
  if (!db.ok()) std::abort();
  std::string stations = ScratchPath("stations.csv");
  std::ofstream(stations) << StationsCsv();
  if (!ImportStationsFile(db->get(), stations, ImportOptions()).ok()) std::abort();
  return std::move(db).value();
}

void BM_StoreWriteMonth(benchmark::State& state) {
  air::AirDataset month = MonthDataset();
  std::string path = ScratchPath("write.db");
  ImportOptions options;
  options.screen = false;
  int64_t rows = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto db = FreshDatabase(path);
    state.ResumeTiming();
    auto result = ImportAirDataset(db.get(), month, "generated", "digest", {}, options);
    if (!result.ok()) state.SkipWithError(result.status().ToString().c_str());
    rows += result.ok() ? result->rows_inserted : 0;
  }
  state.counters["station_hours/s"] = benchmark::Counter(double(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_StoreWriteMonth)->Unit(benchmark::kSecond)->Iterations(2)->UseRealTime();

void BM_StoreImportMonthFile(benchmark::State& state) {
  std::string csv = ScratchPath("month.csv");
  std::ofstream(csv) << MonthCsv(MonthDataset());
  std::string path = ScratchPath("file.db");
  int64_t rows = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto db = FreshDatabase(path);
    state.ResumeTiming();
    auto result = ImportAirFile(db.get(), csv, ImportOptions());
    if (!result.ok()) state.SkipWithError(result.status().ToString().c_str());
    rows += result.ok() ? result->rows_inserted : 0;
  }
  state.counters["station_hours/s"] = benchmark::Counter(double(rows), benchmark::Counter::kIsRate);
  state.counters["MB"] = double(std::filesystem::file_size(csv)) / 1e6;
}
BENCHMARK(BM_StoreImportMonthFile)->Unit(benchmark::kSecond)->Iterations(2)->UseRealTime();

}  // namespace
}  // namespace ecociv::store

BENCHMARK_MAIN();
