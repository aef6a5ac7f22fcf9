#include "ecociv/server/http_server.h"

#include <httplib.h>
#include <netdb.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "ecociv/core/embedded_files.h"
#include "import_jobs.h"

const ecociv::EmbeddedFile* EmbeddedWebUi(size_t* count);

namespace ecociv::server {
namespace {

const char* MimeType(const std::string& path) {
  static const std::map<std::string, const char*> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"}};
  size_t dot = path.rfind('.');
  if (dot != std::string::npos) {
    auto it = kTypes.find(path.substr(dot));
    if (it != kTypes.end()) return it->second;
  }
  return "application/octet-stream";
}

// A path safe to look up: no "..", no backslash, no NUL.
bool SafePath(const std::string& path) {
  if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) return false;
  std::stringstream parts(path);
  std::string part;
  while (std::getline(parts, part, '/')) {
    if (part == "..") return false;
  }
  return true;
}

void SecurityHeaders(httplib::Response* res) {
  res->set_header("X-Content-Type-Options", "nosniff");
  res->set_header("X-Frame-Options", "DENY");
  res->set_header("Referrer-Policy", "no-referrer");
  res->set_header("Content-Security-Policy",
                  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: "
                  "blob:; connect-src 'self'; frame-ancestors 'none'");
}

// Every X-Forwarded-For header of the request, in order, joined by ", ": the
// API decides whether to believe it (ApiOptions::trusted_proxies).
std::string ForwardedFor(const httplib::Request& req) {
  std::string joined;
  size_t n = req.get_header_value_count("X-Forwarded-For");
  for (size_t i = 0; i < n; ++i) {
    joined += (i ? ", " : "") + req.get_header_value("X-Forwarded-For", i);
  }
  return joined;
}

// "127.0.0.1:8080", "[::1]:8080".
std::string HostPort(const std::string& host, int port) {
  bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// Whether another socket listens on host:port: a bind as the server's own
// (SO_REUSEADDR, which lets a restart pass old connections but not a
// listener) fails with EADDRINUSE.
bool AddressInUse(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return false;
  bool in_use = false;
  for (addrinfo* a = found; a != nullptr && !in_use; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) continue;
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    in_use = ::bind(fd, a->ai_addr, a->ai_addrlen) != 0 && errno == EADDRINUSE;
    ::close(fd);
  }
  freeaddrinfo(found);
  return in_use;
}

class Server : public HttpServer {
 public:
  Server(std::unique_ptr<Api> api, const ServerOptions& options)
      : api_(std::move(api)), options_(options) {
    size_t n = 0;
    const EmbeddedFile* files = EmbeddedWebUi(&n);
    for (size_t i = 0; i < n; ++i)
      ui_[files[i].path] = std::string_view(files[i].data, files[i].size);
    int threads = options_.threads;
    svr_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    svr_.set_payload_max_length(kMaxImportBytes + 1);  // uploads; the API checks each route
    svr_.set_read_timeout(10, 0);
    svr_.set_write_timeout(10, 0);
    svr_.set_keep_alive_max_count(4);  // rotate connections over the pool fairly
    svr_.set_tcp_nodelay(true);  // else Nagle + delayed ACK add 40 ms to every response
    // The listening socket takes SO_REUSEADDR (a restart may bind while old
    // connections linger) but not httplib's default SO_REUSEPORT, under which
    // a second server on the same port would start and share the requests.
    // It is remembered: Debian's libcpp-httplib listens with a backlog of 5,
    // too short for a burst of connections (SYNs dropped, 1 s retries);
    // Bind() raises it.
    svr_.set_socket_options([this](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
      listen_fd_ = sock;
    });
    auto api_handler = [this](const httplib::Request& req, httplib::Response& res) {
      HandleApi(req, &res);
    };
    svr_.Get("/api/.*", api_handler);
    svr_.Post("/api/.*", api_handler);
    svr_.Put("/api/.*", api_handler);
    svr_.Delete("/api/.*", api_handler);
    svr_.Patch("/api/.*", api_handler);  // the API answers 405 with the methods allowed
    svr_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      HandleStatic(req, &res);
    });
  }

  StatusOr<int> Bind() override {
    int port = options_.port == 0
                   ? svr_.bind_to_any_port(options_.host)
                   : (svr_.bind_to_port(options_.host, options_.port) ? options_.port : -1);
    if (port >= 0 && listen_fd_ >= 0) ::listen(listen_fd_, 1024);
    if (port < 0) {
      std::string address = HostPort(options_.host, options_.port);
      if (AddressInUse(options_.host, options_.port)) {
        return FailedPreconditionError(address + " is already in use");
      }
      return FailedPreconditionError("cannot listen on " + address);
    }
    return port;
  }

  Status Run() override {
    std::thread signals;
    if (options_.install_signal_handlers) {
      signals = std::thread([this] {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGINT);
        int sig = 0;
        sigwait(&set, &sig);
        if (sig != 0) std::fprintf(stderr, "ecociv serve: signal %d, stopping\n", sig);
        Stop();
      });
    }
    bool ok = svr_.listen_after_bind();
    if (signals.joinable()) {
      if (!stopping_) pthread_kill(signals.native_handle(), SIGTERM);
      signals.join();
    }
    return ok || stopping_ ? Status::Ok() : InternalError("the server stopped unexpectedly");
  }

  void Stop() override {
    stopping_ = true;
    svr_.stop();
  }

 private:
  void HandleApi(const httplib::Request& req, httplib::Response* res) {
    HttpRequest r;
    r.method = req.method;
    r.path = req.path;
    for (const auto& [k, v] : req.params) r.query.emplace_back(k, v);
    r.body = req.body;
    r.cookie = req.get_header_value("Cookie");
    r.csrf_header = req.get_header_value("X-CSRF-Token");
    r.remote_addr = req.remote_addr;
    r.forwarded_for = ForwardedFor(req);
    HttpResponse out = api_->Handle(r);
    res->status = out.status;
    for (const auto& [k, v] : out.headers) res->set_header(k, v);
    SecurityHeaders(res);
    res->set_content(out.body, out.content_type);
  }

  void HandleStatic(const httplib::Request& req, httplib::Response* res) {
    SecurityHeaders(res);
    std::string path = req.path.empty() || req.path == "/" ? "index.html" : req.path.substr(1);
    if (!SafePath(path)) {
      res->status = 400;
      res->set_content("bad path", "text/plain");
      return;
    }
    std::string body;
    if (!Lookup(path, &body)) {
      // The interface routes in the browser: unknown paths get the page.
      path = "index.html";
      if (!Lookup(path, &body)) {
        res->status = 404;
        res->set_content("the web interface is not built into this binary (make web)",
                         "text/plain");
        return;
      }
    }
    if (path.rfind("assets/", 0) == 0) res->set_header("Cache-Control", "max-age=3600");
    res->set_content(body, MimeType(path));
  }

  bool Lookup(const std::string& path, std::string* body) {
    if (!options_.public_dir.empty()) {
      std::ifstream in(std::filesystem::path(options_.public_dir) / path, std::ios::binary);
      if (!in) return false;
      std::stringstream s;
      s << in.rdbuf();
      *body = s.str();
      return true;
    }
    auto it = ui_.find(path);
    if (it == ui_.end()) return false;
    body->assign(it->second);
    return true;
  }

  std::unique_ptr<Api> api_;
  ServerOptions options_;
  httplib::Server svr_;
  std::map<std::string, std::string_view> ui_;
  std::atomic<bool> stopping_{false};
  int listen_fd_ = -1;
};

}  // namespace

StatusOr<std::unique_ptr<HttpServer>> HttpServer::Create(std::unique_ptr<Api> api,
                                                         const ServerOptions& options) {
  if (options.install_signal_handlers) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);  // before the pool's threads start
  }
  return std::unique_ptr<HttpServer>(new Server(std::move(api), options));
}

}  // namespace ecociv::server
