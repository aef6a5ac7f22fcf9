// Internal to the server: the parts of http_server.cc that are not the event
// loop — the worker pool, the refusal log and the listening socket.
#pragma once

#include <sys/socket.h>

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv::server {

// A fixed pool of threads running jobs in the order posted.
//
// Thread safety: Post may be called from any thread; the destructor runs
// the jobs already posted, then joins.
class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  void Post(std::function<void()> job);

 private:
  void Work();
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// Counts the requests and connections the server refused, and writes one
// line to stderr per `interval` when there were any: a flood of refusals
// never floods the log. Addresses are the last one seen per kind.
//
// Thread safety: used by the event loop only.
class RefusalLog {
 public:
  enum Kind {
    kAddressLimit,  // over the connections of one address
    kServerLimit,   // over the connections of the server (or out of file descriptors)
    kSlowHead,      // 408: the head did not arrive in time
    kSlowBody,      // 408: the body did not arrive in time
    kSlowReader,    // the answer was not taken in time
    kTooLarge,      // 413
    kBadRequest,    // 400, 431, 501, 505
    kKindCount
  };
  explicit RefusalLog(std::chrono::milliseconds interval) : interval_(interval) {}
  void Count(Kind kind, const std::string& address);
  // Writes the line when `interval` has passed since the last (always when
  // `force`, as the server stops).
  void MaybeFlush(std::chrono::steady_clock::time_point now, bool force = false);

 private:
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point last_flush_ = std::chrono::steady_clock::now();
  std::array<int64_t, kKindCount> counts_{};
  std::array<std::string, kKindCount> last_address_{};
};

// A non-blocking listening socket on host:port (port 0: any free port),
// with SO_REUSEADDR but not SO_REUSEPORT, and a backlog of 1024. `*port`
// is the port bound. FailedPrecondition "HOST:PORT is already in use" when
// another socket listens there, "cannot listen on HOST:PORT" otherwise.
StatusOr<int> Listen(const std::string& host, int* port);

// "127.0.0.1", "::1" (an IPv4-mapped IPv6 address as IPv4).
std::string AddressText(const sockaddr_storage& address);

}  // namespace ecociv::server
