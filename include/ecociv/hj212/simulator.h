// A simulator of field data loggers (`ecociv sim212`, the receiver's bench):
// generated stations send hourly packets over TCP at a set rate and measure
// the time from a packet's last byte to its 9014 answer.
//
// Devices: station i is "SIM%05d" (MN "SIMMN%05d", password "pw%05d", every
// fourth one with the Modbus CRC); its values are a deterministic function
// of the station and the hour. Options make some packets bad (a wrong CRC, a
// wrong password: the receiver must refuse them, so no answer is expected),
// make connections reconnect every K packets (a reconnect storm), and make
// some stations send their bytes in small pieces with pauses (slow senders).
//
// Thread safety: RunSimulation runs its own event loop on the calling thread;
// the packet functions are pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"
#include "ecociv/hj212/crc.h"

namespace ecociv::hj212 {

struct SimDevice {
  std::string mn, station, password;
  CrcVariant crc = CrcVariant::kHj212;
};

std::vector<SimDevice> SimulatedDevices(int count);
// "station,name,city,lon,lat" rows for `ecociv import stations`.
std::string SimStationsCsv(const std::vector<SimDevice>& devices);
// "mn,station,password,crc" rows for `ecociv hj212 register --file`.
std::string SimDevicesCsv(const std::vector<SimDevice>& devices);

enum class SimFault { kNone, kBadCrc, kWrongPassword };

// The hourly (CN 2061) packet of `device` for the hour labelled `label`
// (hour-ending; DataTime names the hour's start), answer wanted. `sequence`
// makes the QN unique.
std::string SimHourlyPacket(const SimDevice& device, HourLabel label, uint64_t sequence,
                            SimFault fault = SimFault::kNone);

struct SimOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  int stations = 10;
  HourLabel from = 0, to = 0;  // inclusive hour labels: each station sends every hour
  double rate = 1000;          // packets per second over all stations
  double bad_crc = 0, wrong_password = 0;  // fractions of packets
  int reconnect_every = 0;     // packets per connection before reconnecting (0: never)
  int slow_stations = 0;       // stations sending 16-byte pieces every slow_interval_ms
  int slow_interval_ms = 50;
  int answer_timeout_ms = 10000;
};

struct SimReport {
  int64_t sent = 0, sent_bad = 0, answered = 0, unanswered = 0, connects = 0,
          connect_failures = 0;
  double seconds = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  std::string Summary() const;  // one line per figure
};

StatusOr<SimReport> RunSimulation(const SimOptions& options);

// Live mode (`ecociv sim212 --live`, the demo): registered loggers send, at
// the receiver's clock, real-time packets (CN 2011) every `interval_seconds`,
// an air logger's minute packet (2051) after each minute and its hourly
// packet (2061) after each hour, a water logger's hourly packet every 4 hours
// (and at the start those of yesterday and of today so far, as a logger
// catching up after a restart does). Values are SYNTHETIC, a smooth daily
// cycle per logger. One connection per logger, reconnected when it drops.
struct LiveDevice {
  std::string mn, password;
  bool water = false;  // ST 21 surface water, else ST 22 ambient air
};
struct LiveOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  std::vector<LiveDevice> devices;
  int interval_seconds = 10;
  int duration_seconds = 0;  // 0: until the process is stopped
};
// Returns the packets sent; an error only when no connection could be made
// at the start.
StatusOr<int64_t> RunLiveSimulation(const LiveOptions& options);

}  // namespace ecociv::hj212
