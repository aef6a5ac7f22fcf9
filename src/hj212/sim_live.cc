// Live simulated loggers for the demo (see simulator.h, RunLiveSimulation):
// blocking sockets, one per logger, on one thread — a handful of loggers
// sending every few seconds need no event loop.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <span>
#include <thread>

#include "ecociv/hj212/answer.h"
#include "ecociv/hj212/packet.h"
#include "ecociv/hj212/simulator.h"

namespace ecociv::hj212 {

namespace {

struct Item {
  const char* code;
  double base, swing;  // value = base + swing · daily cycle
  int decimals;
};
const Item kAir[] = {{"a21026", 8, 3, 1},   {"a21004", 28, 12, 1}, {"a21005", 0.7, 0.2, 2},
                     {"a05024", 70, 45, 1}, {"a34002", 55, 20, 1}, {"a34004", 32, 14, 1}};
const Item kWater[] = {{"w01001", 7.6, 0.3, 2},
                       {"w01009", 7.5, 1.5, 2},
                       {"w01019", 3.2, 0.6, 2},
                       {"w21003", 0.35, 0.15, 3},
                       {"w21011", 0.09, 0.03, 3}};

// A smooth daily cycle (peak mid-afternoon) with a small per-logger offset.
double ValueAt(const Item& item, int64_t beijing, size_t device) {
  double day = double(beijing % 86400) / 86400.0;
  double cycle = std::sin((day - 0.375) * 2 * M_PI) + 0.15 * std::sin(double(beijing) / 517.0);
  return std::max(0.0, item.base + item.swing * (cycle + 0.2 * double(device % 4)));
}

std::string LivePacket(const LiveDevice& d, size_t index, int cn, int64_t data_time, int64_t now,
                       int seq) {
  const char* suffix = cn == kCnRealTime ? "Rtd" : "Avg";
  char qn[8];
  std::snprintf(qn, sizeof qn, "%03d", seq % 1000);
  std::string data = "QN=" + FormatCompactTime(now) + qn + ";ST=" + (d.water ? "21" : "22") +
                     ";CN=" + std::to_string(cn) + ";PW=" + d.password + ";MN=" + d.mn +
                     ";Flag=5;CP=&&DataTime=" + FormatCompactTime(data_time);
  // A mean over an interval is taken at its middle.
  int64_t at = cn == kCnMinute ? data_time + 30 : cn == kCnHourly ? data_time + 1800 : data_time;
  for (const Item& item : d.water ? std::span<const Item>(kWater) : std::span<const Item>(kAir)) {
    char field[96];
    std::snprintf(field, sizeof field, ";%s-%s=%.*f,%s-Flag=N", item.code, suffix, item.decimals,
                  ValueAt(item, at, index), item.code);
    data += field;
  }
  return Frame(data + "&&", CrcVariant::kHj212);
}

int Connect(const std::string& host, int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  if (fd < 0 || inet_pton(AF_INET, host.c_str(), &a.sin_addr) != 1 ||
      connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    if (fd >= 0) close(fd);
    return -1;
  }
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  return fd;
}

// Sends a packet and waits for its 9014 (the answer after the commit).
bool SendAndWait(int fd, const std::string& frame) {
  if (send(fd, frame.data(), frame.size(), MSG_NOSIGNAL) != ssize_t(frame.size())) return false;
  std::string buffer;
  char chunk[512];
  while (buffer.find("\r\n") == std::string::npos) {
    ssize_t n = recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, size_t(n));
  }
  return true;
}

}  // namespace

StatusOr<int64_t> RunLiveSimulation(const LiveOptions& options) {
  using Clock = std::chrono::system_clock;
  auto beijing_now = [] { return BeijingSecondsOfUnix(std::time(nullptr)); };
  std::vector<int> fds(options.devices.size(), -1);
  for (size_t i = 0; i < fds.size(); ++i) fds[i] = Connect(options.host, options.port);
  for (int fd : fds) {
    if (fd < 0) {
      return UnavailableError("cannot connect to " + options.host + ":" +
                              std::to_string(options.port));
    }
  }
  int64_t sent = 0;
  int seq = 0;
  auto send = [&](size_t i, int cn, int64_t data_time) {
    if (fds[i] < 0) fds[i] = Connect(options.host, options.port);
    if (fds[i] < 0) return;
    int64_t now = beijing_now();
    if (SendAndWait(fds[i], LivePacket(options.devices[i], i, cn, data_time, now, ++seq))) {
      ++sent;
    } else {
      close(fds[i]);
      fds[i] = -1;
    }
  };
  const int64_t start = beijing_now();
  // Catching up: the last hour of an air logger, yesterday's and today's
  // 4-hourly packets of a water logger.
  for (size_t i = 0; i < fds.size(); ++i) {
    if (!options.devices[i].water) {
      send(i, kCnHourly, start / 3600 * 3600 - 3600);
      continue;
    }
    for (int64_t t = (start / 86400 - 1) * 86400; t + 4 * 3600 <= start; t += 4 * 3600) {
      send(i, kCnHourly, t);
    }
  }
  int64_t last_minute = start / 60, last_hour = start / 3600;
  for (;;) {
    int64_t now = beijing_now();
    if (options.duration_seconds > 0 && now - start >= options.duration_seconds) break;
    for (size_t i = 0; i < fds.size(); ++i) {
      bool water = options.devices[i].water;
      send(i, kCnRealTime, now);
      if (!water && now / 60 > last_minute) send(i, kCnMinute, now / 60 * 60 - 60);
      if (now / 3600 > last_hour && (!water || (now / 3600) % 4 == 0)) {
        send(i, kCnHourly, now / 3600 * 3600 - (water ? 4 * 3600 : 3600));
      }
    }
    last_minute = now / 60;
    last_hour = now / 3600;
    std::this_thread::sleep_until(Clock::now() + std::chrono::seconds(options.interval_seconds));
  }
  for (int fd : fds) {
    if (fd >= 0) close(fd);
  }
  return sent;
}

}  // namespace ecociv::hj212
