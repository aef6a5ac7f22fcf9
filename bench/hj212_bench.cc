// HJ 212 receiver benchmarks (figures in docs/performance.md):
//   BM_Hj212ParsePacket   ScanFrame + ParsePacket + CRC check of an hourly air
//                         packet (6 pollutants with flags, ~330 bytes): the
//                         parser alone, one core (goal ≥ 200,000 packets/s)
//   BM_Hj212JudgeFrame    everything the event loop does per frame: parse,
//                         device lookup, password digest, values, content digest
//   BM_Hj212WriteGroup/N/S  PacketWriter: groups of N hourly packets into a
//                         store of 200 registered stations (import path,
//                         change record; screening when S = 1), packets per second
// The end-to-end run over loopback (receiver + simulated stations) is
// bench/hj212_e2e.sh.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "ecociv/hj212/ingest.h"
#include "ecociv/hj212/simulator.h"
#include "ecociv/store/import.h"

namespace ecociv::hj212 {
namespace {

constexpr int kDevices = 200;

std::vector<std::string> Frames(int count) {
  std::vector<SimDevice> devices = SimulatedDevices(kDevices);
  std::vector<std::string> frames;
  HourLabel first = LabelAt(DaysFromCivil({2026, 3, 1}), 1);
  for (int i = 0; i < count; ++i) {
    frames.push_back(SimHourlyPacket(devices[i % kDevices], first + i / kDevices, uint64_t(i)));
  }
  return frames;
}

const Readings& SharedReadings() {
  static const Readings* readings = new Readings(Readings::Load("").value());
  return *readings;
}

void BM_Hj212ParsePacket(benchmark::State& state) {
  std::vector<std::string> frames = Frames(1000);
  Packet packet;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& f = frames[i];
    ScanResult r = ScanFrame(f);
    Status s = ParsePacket(r.frame, &packet);
    bool crc = CrcMatches(packet, i % 4 == 3 ? CrcVariant::kModbus : CrcVariant::kHj212);
    benchmark::DoNotOptimize(s.ok() && crc);
    bytes += f.size();
    if (++i == frames.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(int64_t(bytes));
}
BENCHMARK(BM_Hj212ParsePacket);

Registry SimRegistry() {
  std::vector<Device> devices;
  for (const SimDevice& s : SimulatedDevices(kDevices)) {
    Device d;
    d.mn = s.mn;
    d.kind = "station";
    d.code = s.station;
    d.password_sha256 = PasswordDigest(s.mn, s.password);
    d.crc = s.crc;
    devices.push_back(d);
  }
  return Registry(std::move(devices));
}

void BM_Hj212JudgeFrame(benchmark::State& state) {
  std::vector<std::string> frames = Frames(1000);
  Registry registry = SimRegistry();
  Judge judge(SharedReadings());
  int64_t now = int64_t{1772330430} * 1000;
  size_t i = 0;
  for (auto _ : state) {
    Judgement j = judge.OnFrame(frames[i], registry, "127.0.0.1:5000", now);
    if (j.action != Judgement::Action::kStore) state.SkipWithError("refused");
    benchmark::DoNotOptimize(j);
    if (++i == frames.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Hj212JudgeFrame);

std::string ScratchDir() {
  auto dir = std::filesystem::temp_directory_path() / ("ecociv_hj212_bench_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

void BM_Hj212WriteGroup(benchmark::State& state) {
  const int group = int(state.range(0));
  WriterOptions writer_options;
  writer_options.screen = state.range(1) != 0;
  std::string dir = ScratchDir();
  std::string path = dir + "/bench.db";
  std::vector<SimDevice> devices = SimulatedDevices(kDevices);
  {
    std::ofstream(dir + "/stations.csv") << SimStationsCsv(devices);
    store::OpenOptions open;
    open.create = true;
    auto db = store::OpenSqliteDatabase(path, open).value();
    (void)store::ImportStationsFile(db.get(), dir + "/stations.csv", {});
    for (const SimDevice& d : devices) {
      (void)RegisterDevice(db.get(), Registration{d.mn, "station", d.station, d.password, d.crc},
                           store::Actor{"bench", "bench"});
    }
  }
  auto writer = PacketWriter::Create(store::OpenSqliteDatabase(path, {}).value(),
                                     SharedReadings(), writer_options)
                    .value();
  auto registry = LoadRegistry(writer->db()).value();
  Judge judge(SharedReadings());
  HourLabel first = LabelAt(DaysFromCivil({2026, 1, 1}), 1);
  int64_t now = int64_t{1772330430} * 1000;
  int64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<StoreWork> works;
    for (int k = 0; k < group; ++k, ++n) {
      std::string frame = SimHourlyPacket(devices[n % kDevices], first + HourLabel(n / kDevices),
                                          uint64_t(n));
      works.push_back(judge.OnFrame(frame, *registry, "127.0.0.1:5000", now).work);
    }
    std::vector<const StoreWork*> pointers;
    for (const StoreWork& w : works) pointers.push_back(&w);
    std::vector<std::string> peers(works.size(), "127.0.0.1:5000");
    std::vector<WriteOutcome> outcomes;
    state.ResumeTiming();
    Status s = writer->WriteGroup(pointers, peers, {}, now / 1000, &outcomes);
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
    auto screened = writer->ScreenPending();
    if (!screened.ok()) state.SkipWithError(screened.status().ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations() * group);
  writer.reset();
  std::filesystem::remove_all(dir);
}
// Args: group size, screening on (1) or off (0).
BENCHMARK(BM_Hj212WriteGroup)
    ->Args({1, 1})
    ->Args({64, 1})
    ->Args({512, 1})
    ->Args({64, 0})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ecociv::hj212

BENCHMARK_MAIN();
