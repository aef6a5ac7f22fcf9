// The HTTP server of `ecociv serve`: the JSON API (api.h) under /api/ and the
// web interface (embedded in the binary, or --public-dir) everywhere else.
//
// One event-loop thread does all socket work: it accepts, reads request heads
// and bodies, and writes responses, each against a deadline; a fixed pool of
// `threads` workers runs the API and reads the interface's files. So a slow
// client (one that sends its head a line at a time, or reads its answer a
// byte at a time) holds a socket, never a worker, and is cut off at its
// deadline: a request head must arrive within header_timeout (else 408), a
// body within body_timeout, an answer must be taken within write_timeout.
// Each client address may hold max_connections_per_address connections and
// the server max_connections (beyond, the connection is answered 503 with
// Retry-After and closed). A body is admitted from the request head before
// it is read (Api::AdmitBody: the route's limit with a session, 16 KiB
// without): a Content-Length over the limit is answered 413 at once, a
// chunked body is cut off with 413 when it passes the limit. Every 503
// carries Retry-After. Refusals are counted and logged to stderr at most once
// per kRefusalLogInterval. docs/security.md lists the limits.
//
// Thread safety: Run blocks the calling thread until Stop is called (from
// any thread, or by SIGTERM/SIGINT when install_signal_handlers is set).
// Stop asks the Api to stop its background work, stops accepting, lets the
// requests in progress finish and closes idle connections; Run returns
// within shutdown_grace.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/server/api.h"

namespace ecociv::server {

using Millis = std::chrono::milliseconds;

// The limits of the HTTP layer, with their defaults.
inline constexpr Millis kHeaderTimeout{10'000};  // the whole request head
inline constexpr Millis kBodyTimeout{120'000};   // the whole body (64 MiB at ≥ 0.5 MiB/s)
inline constexpr Millis kWriteTimeout{30'000};   // the whole response
inline constexpr Millis kIdleTimeout{5'000};     // a kept-alive connection between requests
inline constexpr Millis kLingerTimeout{5'000};   // reading what follows a refused request
inline constexpr Millis kShutdownGrace{5'000};   // requests in progress when stopping
inline constexpr int kMaxConnections = 1000;     // also kept below the open-file limit
inline constexpr int kMaxConnectionsPerAddress = 64;
inline constexpr int kMaxRequestsPerConnection = 1000;
inline constexpr int kRetryAfterSeconds = 5;  // the Retry-After of every 503
inline constexpr Millis kRefusalLogInterval{10'000};

struct ServerLimits {
  Millis header_timeout = kHeaderTimeout;
  Millis body_timeout = kBodyTimeout;
  Millis write_timeout = kWriteTimeout;
  Millis idle_timeout = kIdleTimeout;
  Millis linger_timeout = kLingerTimeout;
  Millis shutdown_grace = kShutdownGrace;
  int max_connections = kMaxConnections;
  int max_connections_per_address = kMaxConnectionsPerAddress;
  int max_requests_per_connection = kMaxRequestsPerConnection;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: pick a free port (tests)
  // Serve the interface from this folder instead of the embedded copy
  // (static_files rules: regular files inside it only).
  std::string public_dir;
  // Files never served from public_dir (the database; its -wal, -shm and
  // -journal files too). A public_dir that holds one is refused by Create.
  std::vector<std::string> never_serve;
  int threads = 16;
  bool install_signal_handlers = false;
  ServerLimits limits;
};

class HttpServer {
 public:
  // InvalidArgument for a public_dir that is not a folder or holds the database.
  static StatusOr<std::unique_ptr<HttpServer>> Create(std::unique_ptr<Api> api,
                                                      const ServerOptions& options);
  virtual ~HttpServer() = default;
  // Binds; returns the bound port (useful with port 0). A port another
  // socket listens on (a second `ecociv serve`) is never shared:
  // FailedPrecondition "127.0.0.1:8080 is already in use".
  virtual StatusOr<int> Bind() = 0;
  // Serves until Stop.
  virtual Status Run() = 0;
  virtual void Stop() = 0;
};

}  // namespace ecociv::server
