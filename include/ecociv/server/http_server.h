// The HTTP server of `ecociv serve`: cpp-httplib with its thread pool,
// request size and time limits, the JSON API (api.h) under /api/v1/ and the
// built web interface (embedded in the binary) everywhere else.
//
// Thread safety: Run blocks the calling thread until Stop is called (from
// any thread, or by SIGTERM/SIGINT when install_signal_handlers is set).
#pragma once

#include <memory>
#include <string>

#include "ecociv/core/status.h"
#include "ecociv/server/api.h"

namespace ecociv::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: pick a free port (tests)
  // Serve the interface from this folder instead of the embedded copy.
  std::string public_dir;
  int threads = 16;
  bool install_signal_handlers = false;
};

class HttpServer {
 public:
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
