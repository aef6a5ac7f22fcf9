// The HJ 212 receiver: one libuv event loop serving many TCP connections of
// data loggers, and one writer thread that stores what the loop accepted.
//
// Per connection (docs/hj212.md, "The receiver"):
//   - bytes are cut into frames (packet.h); a connection keeps at most one
//     unfinished frame (< kMaxFrameBytes), so a sender that never sends
//     "\r\n" cannot grow memory, and a frame not finished within
//     frame_timeout_seconds is refused and the connection closed;
//   - a connection silent for idle_timeout_seconds is closed;
//   - at most max_in_flight packets wait for their commit; beyond that the
//     loop stops reading the connection until answers go out;
//   - a connection that sends max_refusals_in_a_row refused frames in a row
//     is closed.
// Every frame is judged on the loop (ingest.h); what must be stored goes to
// the writer thread, which commits groups of up to max_group packets (one
// transaction, a savepoint per packet) and hands the answers back: a 9014 is
// written to the connection only after its packet's transaction committed,
// so a kill at any moment loses no acknowledged value. Refusals are counted
// per MN and day, stored (at most max_refusals_logged_per_second, the rest
// only counted) and logged with the peer address and the reason.
//
// The writer thread also reloads the device registry every
// registry_reload_seconds, prunes old recent data and refusals, and, when
// silence_seconds > 0, raises a warning notice for each station or section
// silent that long and lifts it when it reports again (station_status.h).
//
// Thread safety: Run blocks the calling thread until Stop, which any thread
// (or SIGINT/SIGTERM with install_signal_handlers) may call; stats() may be
// read from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "ecociv/core/status.h"
#include "ecociv/hj212/ingest.h"

namespace ecociv::hj212 {

struct ReceiverOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port (tests)
  std::string db_path;
  std::string standards_dir;
  WriterOptions writer;
  int max_connections = 10000;
  int idle_timeout_seconds = 600;
  int frame_timeout_seconds = 60;
  int max_in_flight = 64;
  int max_refusals_in_a_row = 100;
  int max_group = 512;
  int max_refusals_logged_per_second = 200;
  int registry_reload_seconds = 10;
  int prune_every_seconds = 600;
  int silence_seconds = 0;  // 0: no notices
  bool install_signal_handlers = false;
  // Where log lines go (refusals, errors); stderr when empty.
  std::function<void(const std::string&)> log;
};

struct ReceiverStats {
  std::atomic<int64_t> connections_accepted{0}, connections_open{0}, connections_refused{0};
  std::atomic<int64_t> frames{0}, stored{0}, answered{0}, replied{0}, refused{0};
  std::atomic<int64_t> groups{0}, group_failures{0};
  // Time the writer spent on groups (write and commit) and screening, and
  // the slowest group, in microseconds.
  std::atomic<int64_t> group_micros{0}, slowest_group_micros{0}, screening_micros{0};
};

class Receiver {
 public:
  static StatusOr<std::unique_ptr<Receiver>> Create(const ReceiverOptions& options);
  virtual ~Receiver() = default;
  // Binds and listens; returns the port. FailedPrecondition when in use.
  virtual StatusOr<int> Bind() = 0;
  // Serves until Stop; then stores what was accepted, sends its answers and
  // closes every connection before returning.
  virtual Status Run() = 0;
  virtual void Stop() = 0;
  virtual const ReceiverStats& stats() const = 0;
};

}  // namespace ecociv::hj212
