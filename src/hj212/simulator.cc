// Simulated data loggers over TCP (see simulator.h).
#include "ecociv/hj212/simulator.h"

#include <uv.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <deque>
#include <memory>

#include "ecociv/hj212/answer.h"
#include "ecociv/hj212/packet.h"

namespace ecociv::hj212 {

namespace {

constexpr size_t kSlowPiece = 16;

int64_t NowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// A deterministic concentration (scaled by 10 for one decimal) per station,
// hour and pollutant.
int ValueOf(int station, HourLabel label, int pollutant) {
  uint32_t x = uint32_t(station) * 2654435761u ^ uint32_t(label) * 40503u ^ uint32_t(pollutant * 7919);
  const int base[] = {80, 300, 8, 700, 700, 400};
  return base[pollutant] / 2 + int(x % uint32_t(base[pollutant]));
}

// A pseudo-random fraction in [0, 1) for packet `n`.
double Fraction(uint64_t n, uint64_t salt) {
  uint64_t x = (n + 1) * 0x9E3779B97F4A7C15ull ^ salt;
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 29;
  return double(x % 1000000) / 1e6;
}

}  // namespace

std::vector<SimDevice> SimulatedDevices(int count) {
  std::vector<SimDevice> devices;
  char text[32];
  for (int i = 0; i < count; ++i) {
    SimDevice d;
    std::snprintf(text, sizeof text, "SIMMN%05d", i);
    d.mn = text;
    std::snprintf(text, sizeof text, "SIM%05d", i);
    d.station = text;
    std::snprintf(text, sizeof text, "pw%05d", i);
    d.password = text;
    d.crc = i % 4 == 3 ? CrcVariant::kModbus : CrcVariant::kHj212;
    devices.push_back(d);
  }
  return devices;
}

std::string SimStationsCsv(const std::vector<SimDevice>& devices) {
  std::string text = "station,name,city,lon,lat\n";
  for (size_t i = 0; i < devices.size(); ++i) {
    text += devices[i].station + ",模拟站" + std::to_string(i) + ",模拟市" +
            std::to_string(i / 50) + ",120." + std::to_string(i % 100) + ",31." +
            std::to_string(i % 97) + "\n";
  }
  return text;
}

std::string SimDevicesCsv(const std::vector<SimDevice>& devices) {
  std::string text = "mn,station,password,crc\n";
  for (const SimDevice& d : devices) {
    text += d.mn + "," + d.station + "," + d.password + "," + CrcVariantName(d.crc) + "\n";
  }
  return text;
}

std::string SimHourlyPacket(const SimDevice& device, HourLabel label, uint64_t sequence,
                            SimFault fault) {
  static const char* kCodes[] = {"a21026", "a21004", "a21005", "a05024", "a34002", "a34004"};
  int station = std::atoi(device.station.c_str() + 3);
  int64_t start = int64_t{label - 1} * 3600;  // DataTime names the hour's start
  char qn[32];
  std::snprintf(qn, sizeof qn, "%s%03d", FormatCompactTime(start + 3600 + 30).c_str(),
                int(sequence % 1000));
  std::string data = "QN=";
  data += qn;
  data += ";ST=22;CN=2061;PW=";
  data += fault == SimFault::kWrongPassword ? "wrong!" : device.password;
  data += ";MN=" + device.mn + ";Flag=5;CP=&&DataTime=" + FormatCompactTime(start);
  for (int p = 0; p < 6; ++p) {
    int v = ValueOf(station, label, p);
    char field[96];
    if (p == 2) {  // CO in mg/m³ with two decimals
      std::snprintf(field, sizeof field, ";%s-Avg=%d.%02d,%s-Flag=N", kCodes[p], v / 100, v % 100,
                    kCodes[p]);
    } else {
      std::snprintf(field, sizeof field, ";%s-Avg=%d.%d,%s-Flag=N", kCodes[p], v / 10, v % 10,
                    kCodes[p]);
    }
    data += field;
  }
  data += "&&";
  std::string frame = Frame(data, device.crc);
  if (fault == SimFault::kBadCrc) {
    char& c = frame[frame.size() - 3];
    c = c == '0' ? '1' : '0';
  }
  return frame;
}

std::string SimReport::Summary() const {
  char text[512];
  std::snprintf(text, sizeof text,
                "sent %lld packets (%lld bad on purpose) in %.2f s: %.0f packets/s\n"
                "answered %lld, unanswered %lld\n"
                "packet-to-answer: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n"
                "connections opened %lld, failed %lld\n",
                (long long)sent, (long long)sent_bad, seconds, seconds > 0 ? sent / seconds : 0.0,
                (long long)answered, (long long)unanswered, p50_ms, p99_ms, max_ms,
                (long long)connects, (long long)connect_failures);
  return text;
}

namespace {

class Simulation;

struct Outgoing {
  std::string bytes;
  bool expects_answer = true;
};

struct SimConn {
  uv_tcp_t handle;
  uv_connect_t connect;
  uv_timer_t slow_timer;
  Simulation* sim = nullptr;
  int station = 0;
  bool connected = false, closing = false, slow = false;
  int written = 0;
  std::deque<Outgoing> queue;       // waiting for the connection
  std::deque<int64_t> pending;      // send times of packets awaiting an answer
  std::string slow_bytes;           // a slow sender's bytes not yet written
  std::deque<bool> slow_marks;      // per packet in slow_bytes: expects an answer
  std::deque<size_t> slow_ends;     // where each packet ends in slow_bytes
  std::string in;
};

struct Write {
  uv_write_t request;
  std::string bytes;
};

class Simulation {
 public:
  explicit Simulation(const SimOptions& o) : options_(o), devices_(SimulatedDevices(o.stations)) {}
  StatusOr<SimReport> Run();

  void OnConnected(SimConn* c, int status);
  void OnRead(SimConn* c, const char* data, size_t size);
  void OnClosed(SimConn* c);
  void Pace();
  void SlowTick(SimConn* c);

 private:
  SimConn* Open(int station);
  void Send(SimConn* c, Outgoing out);
  void Write(SimConn* c, std::string bytes);
  void Retire(SimConn* c);
  bool Finished();

  SimOptions options_;
  std::vector<SimDevice> devices_;
  uv_loop_t loop_;
  uv_timer_t pace_;
  std::vector<SimConn*> conns_;
  int64_t total_ = 0, start_ = 0, last_send_ = 0;
  int live_ = 0;
  SimReport report_;
  std::vector<double> latencies_;
};

SimConn* Simulation::Open(int station) {
  auto* c = new SimConn;
  c->sim = this;
  c->station = station;
  c->slow = station < options_.slow_stations;
  uv_tcp_init(&loop_, &c->handle);
  c->handle.data = c;
  uv_timer_init(&loop_, &c->slow_timer);
  c->slow_timer.data = c;
  ++live_;
  sockaddr_in address{};
  uv_ip4_addr(options_.host.c_str(), options_.port, &address);
  c->connect.data = c;
  ++report_.connects;
  uv_tcp_connect(&c->connect, &c->handle, reinterpret_cast<sockaddr*>(&address),
                 [](uv_connect_t* req, int status) {
                   auto* conn = static_cast<SimConn*>(req->data);
                   conn->sim->OnConnected(conn, status);
                 });
  return c;
}

void Simulation::OnConnected(SimConn* c, int status) {
  if (status != 0) {
    ++report_.connect_failures;
    report_.unanswered += static_cast<int64_t>(
        std::count_if(c->queue.begin(), c->queue.end(), [](const Outgoing& o) {
          return o.expects_answer;
        }));
    c->queue.clear();
    Retire(c);
    return;
  }
  c->connected = true;
  uv_tcp_nodelay(&c->handle, 1);
  uv_read_start(
      reinterpret_cast<uv_stream_t*>(&c->handle),
      [](uv_handle_t*, size_t size, uv_buf_t* buf) {
        static char chunk[65536];
        *buf = uv_buf_init(chunk, sizeof chunk);
      },
      [](uv_stream_t* s, ssize_t n, const uv_buf_t* buf) {
        auto* conn = static_cast<SimConn*>(s->data);
        if (n > 0) {
          conn->sim->OnRead(conn, buf->base, size_t(n));
        } else if (n < 0) {
          conn->sim->OnClosed(conn);
        }
      });
  if (c->slow) {
    uv_timer_start(&c->slow_timer, [](uv_timer_t* t) {
      auto* conn = static_cast<SimConn*>(t->data);
      conn->sim->SlowTick(conn);
    }, options_.slow_interval_ms, options_.slow_interval_ms);
  }
  while (!c->queue.empty()) {
    Outgoing out = std::move(c->queue.front());
    c->queue.pop_front();
    Send(c, std::move(out));
  }
}

void Simulation::Write(SimConn* c, std::string bytes) {
  auto* w = new struct Write;
  w->bytes = std::move(bytes);
  uv_buf_t buf = uv_buf_init(w->bytes.data(), unsigned(w->bytes.size()));
  if (uv_write(&w->request, reinterpret_cast<uv_stream_t*>(&c->handle), &buf, 1,
               [](uv_write_t* r, int) { delete reinterpret_cast<struct Write*>(r); }) != 0) {
    delete w;
  }
}

void Simulation::Send(SimConn* c, Outgoing out) {
  if (!c->connected) {
    c->queue.push_back(std::move(out));
    return;
  }
  ++c->written;
  last_send_ = NowNanos();
  if (c->slow) {
    c->slow_bytes += out.bytes;
    c->slow_ends.push_back(c->slow_bytes.size());
    c->slow_marks.push_back(out.expects_answer);
    return;
  }
  if (out.expects_answer) c->pending.push_back(NowNanos());
  Write(c, std::move(out.bytes));
}

void Simulation::SlowTick(SimConn* c) {
  if (c->slow_bytes.empty() || c->closing) return;
  size_t n = std::min(kSlowPiece, c->slow_bytes.size());
  Write(c, c->slow_bytes.substr(0, n));
  c->slow_bytes.erase(0, n);
  for (size_t& end : c->slow_ends) end = end > n ? end - n : 0;
  while (!c->slow_ends.empty() && c->slow_ends.front() == 0) {
    if (c->slow_marks.front()) c->pending.push_back(NowNanos());
    c->slow_ends.pop_front();
    c->slow_marks.pop_front();
  }
  last_send_ = NowNanos();
}

void Simulation::OnRead(SimConn* c, const char* data, size_t size) {
  c->in.append(data, size);
  for (;;) {
    ScanResult r = ScanFrame(c->in);
    if (r.kind == ScanKind::kNeedMore) break;
    if (r.kind == ScanKind::kFrame && r.frame.find("CN=9014") != std::string_view::npos &&
        !c->pending.empty()) {
      latencies_.push_back(double(NowNanos() - c->pending.front()) / 1e6);
      c->pending.pop_front();
      ++report_.answered;
    }
    c->in.erase(0, r.consumed);
  }
  if (options_.reconnect_every > 0 && c->written >= options_.reconnect_every &&
      c->pending.empty() && c->slow_bytes.empty()) {
    conns_[c->station] = Open(c->station);
    Retire(c);
  }
}

void Simulation::OnClosed(SimConn* c) {
  report_.unanswered += int64_t(c->pending.size());
  c->pending.clear();
  if (conns_[c->station] == c) conns_[c->station] = nullptr;
  Retire(c);
}

void Simulation::Retire(SimConn* c) {
  if (c->closing) return;
  c->closing = true;
  if (conns_[c->station] == c) conns_[c->station] = nullptr;
  uv_timer_stop(&c->slow_timer);
  uv_close(reinterpret_cast<uv_handle_t*>(&c->slow_timer), [](uv_handle_t* h) {
    auto* conn = static_cast<SimConn*>(h->data);
    uv_close(reinterpret_cast<uv_handle_t*>(&conn->handle), [](uv_handle_t* h2) {
      auto* done = static_cast<SimConn*>(h2->data);
      --done->sim->live_;
      delete done;
    });
  });
}

bool Simulation::Finished() {
  if (report_.sent < total_) return false;
  bool waiting = false;
  for (SimConn* c : conns_) {
    if (c && (!c->pending.empty() || !c->slow_bytes.empty() || !c->queue.empty())) waiting = true;
  }
  return !waiting || NowNanos() - last_send_ > int64_t(options_.answer_timeout_ms) * 1000000;
}

void Simulation::Pace() {
  double elapsed = double(NowNanos() - start_) / 1e9;
  int64_t due = std::min<int64_t>(total_, int64_t(options_.rate * elapsed) + 1);
  int hours = options_.to - options_.from + 1;
  while (report_.sent < due) {
    int64_t n = report_.sent++;
    int station = int(n % options_.stations);
    HourLabel label = options_.from + HourLabel((n / options_.stations) % hours);
    SimFault fault = Fraction(n, 1) < options_.bad_crc          ? SimFault::kBadCrc
                     : Fraction(n, 2) < options_.wrong_password ? SimFault::kWrongPassword
                                                                : SimFault::kNone;
    if (fault != SimFault::kNone) ++report_.sent_bad;
    if (conns_[station] == nullptr) conns_[station] = Open(station);
    Send(conns_[station], Outgoing{SimHourlyPacket(devices_[station], label, uint64_t(n), fault),
                                   fault == SimFault::kNone});
  }
  if (Finished()) {
    uv_timer_stop(&pace_);
    uv_close(reinterpret_cast<uv_handle_t*>(&pace_), nullptr);
    for (SimConn*& c : conns_) {
      if (c == nullptr) continue;
      report_.unanswered += int64_t(c->pending.size());
      c->pending.clear();
      Retire(c);
      c = nullptr;
    }
  }
}

StatusOr<SimReport> Simulation::Run() {
  if (options_.stations <= 0 || options_.to < options_.from || options_.rate <= 0) {
    return InvalidArgumentError("the simulation needs stations, an hour range and a rate");
  }
  std::signal(SIGPIPE, SIG_IGN);
  uv_loop_init(&loop_);
  conns_.assign(size_t(options_.stations), nullptr);
  total_ = int64_t(options_.stations) * (options_.to - options_.from + 1);
  start_ = NowNanos();
  uv_timer_init(&loop_, &pace_);
  pace_.data = this;
  uv_timer_start(&pace_, [](uv_timer_t* t) { static_cast<Simulation*>(t->data)->Pace(); }, 0, 1);
  uv_run(&loop_, UV_RUN_DEFAULT);
  uv_loop_close(&loop_);
  report_.seconds = double(NowNanos() - start_) / 1e9;
  std::sort(latencies_.begin(), latencies_.end());
  if (!latencies_.empty()) {
    auto at = [&](double q) { return latencies_[size_t(q * double(latencies_.size() - 1))]; };
    report_.p50_ms = at(0.5);
    report_.p99_ms = at(0.99);
    report_.max_ms = latencies_.back();
  }
  return report_;
}

}  // namespace

StatusOr<SimReport> RunSimulation(const SimOptions& options) {
  Simulation simulation(options);
  return simulation.Run();
}

}  // namespace ecociv::hj212
