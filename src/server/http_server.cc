// The event loop of `ecociv serve` (see http_server.h): one thread owns every
// connection and does all its reading and writing without blocking; workers
// get whole requests and give back whole responses.
#include "ecociv/server/http_server.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <map>

#include "http_answer.h"
#include "http_support.h"
#include "http_wire.h"
#include "static_files.h"

namespace ecociv::server {
namespace {

using Clock = std::chrono::steady_clock;

// File descriptors kept free for the database, files and the like when the
// connection limit is fitted under the process's open-file limit.
constexpr int kReservedDescriptors = 64;
// What one read takes from a socket.
constexpr size_t kReadChunk = 64 << 10;

enum class Phase {
  kHead,    // reading a request head (or waiting for one on a kept-alive connection)
  kAdmit,   // a worker decides the body's limit (Api::AdmitBody)
  kBody,    // reading the body
  kHandle,  // a worker makes the response
  kWrite,   // writing the response
  kLinger,  // after refusing a request: reading and dropping what follows, then closing
  kClosed,
};

struct Connection {
  int fd = -1;
  std::string address;
  Phase phase = Phase::kHead;
  Clock::time_point deadline;
  bool head_started = false;  // a byte of the current request has arrived
  std::string in;             // received, not yet consumed
  wire::RequestHead head;
  HttpRequest request;
  BodyAdmission admission;
  uint64_t body_remaining = 0;  // Content-Length bodies
  wire::ChunkedDecoder chunked;
  std::string out;
  size_t out_sent = 0;
  bool close_after = false;
  bool linger_after = false;
  int served = 0;
};

// What a worker hands back to the event loop.
struct Completion {
  uint64_t id = 0;
  bool admitted = false;  // an AdmitBody result, else a response
  Status admit_status;
  BodyAdmission admission;
  std::string response;
  bool keep_alive = false;
};

class Server : public HttpServer {
 public:
  Server(std::unique_ptr<Api> api, const ServerOptions& options, StaticFiles files)
      : api_(std::move(api)),
        options_(options),
        limits_(options.limits),
        files_(std::move(files)),
        refusals_(kRefusalLogInterval) {
    rlimit open_files{};
    if (getrlimit(RLIMIT_NOFILE, &open_files) == 0 && open_files.rlim_cur != RLIM_INFINITY) {
      int room = static_cast<int>(open_files.rlim_cur) - kReservedDescriptors - options.threads;
      limits_.max_connections = std::max(1, std::min(limits_.max_connections, room));
    }
    wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    pool_ = std::make_unique<WorkerPool>(options.threads);
  }

  ~Server() override {
    pool_.reset();  // finishes the jobs in flight while api_ and files_ live
    for (auto& [id, c] : conns_) CloseSocket(c);
    if (listen_fd_ >= 0) ::close(listen_fd_);
    if (wake_fd_ >= 0) ::close(wake_fd_);
  }

  StatusOr<int> Bind() override {
    int port = options_.port;
    ECOCIV_ASSIGN_OR_RETURN(listen_fd_, Listen(options_.host, &port));
    return port;
  }

  Status Run() override {
    if (listen_fd_ < 0) return FailedPreconditionError("the server is not bound (Bind first)");
    std::thread signals;
    if (options_.install_signal_handlers) {
      signals = std::thread([this] {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGINT);
        int sig = 0;
        sigwait(&set, &sig);
        if (loop_done_) return;  // woken by Run itself
        std::fprintf(stderr, "ecociv serve: signal %d, stopping\n", sig);
        Stop();
      });
    }
    Status status = Loop();
    loop_done_ = true;
    if (signals.joinable()) {
      // Wakes the signal thread unless a signal already did (SIGTERM is
      // blocked in every thread and taken by its sigwait).
      pthread_kill(signals.native_handle(), SIGTERM);
      signals.join();
    }
    return status;
  }

  void Stop() override {
    if (stopping_.exchange(true)) return;
    api_->Shutdown();
    Wake();
  }

 private:
  void Wake() {
    uint64_t one = 1;
    ssize_t ignored = ::write(wake_fd_, &one, sizeof one);
    (void)ignored;
  }

  Status Loop();
  void Accept();
  void OnReadable(uint64_t id, Connection& c);
  void Advance(uint64_t id, Connection& c);
  void ConsumeBody(uint64_t id, Connection& c);
  void StartHandling(uint64_t id, Connection& c);
  void Admitted(uint64_t id, Connection& c, Completion& done);
  void Respond(Connection& c, std::string bytes, bool keep_alive);
  void Refuse(Connection& c, int status, const std::string& message, bool linger);
  void WriteSome(uint64_t id, Connection& c);
  void ExpireDeadlines(Clock::time_point now);
  void BeginDrain(Clock::time_point now);
  void ApplyCompletions();
  void CloseSocket(Connection& c);
  int PollTimeoutMs(Clock::time_point now) const;

  // Runs on a worker: the response to a whole request.
  std::string Handle(const HttpRequest& request, bool keep_alive) const;

  std::unique_ptr<Api> api_;
  const ServerOptions options_;
  ServerLimits limits_;
  const StaticFiles files_;
  RefusalLog refusals_;
  std::unique_ptr<WorkerPool> pool_;
  int listen_fd_ = -1;
  int wake_fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> loop_done_{false};
  bool draining_ = false;
  Clock::time_point drain_deadline_;
  Clock::time_point accept_paused_until_;
  std::map<uint64_t, Connection> conns_;
  std::map<std::string, int> per_address_;
  uint64_t next_id_ = 1;
  std::mutex done_mu_;
  std::vector<Completion> done_;
};

Status Server::Loop() {
  std::vector<pollfd> fds;
  std::vector<uint64_t> ids;  // 0: the wake-up or listening socket
  while (true) {
    Clock::time_point now = Clock::now();
    if (stopping_ && !draining_) BeginDrain(now);
    if (draining_ && (conns_.empty() || now >= drain_deadline_)) break;
    fds.clear();
    ids.clear();
    fds.push_back({wake_fd_, POLLIN, 0});
    ids.push_back(0);
    if (listen_fd_ >= 0 && !draining_ && now >= accept_paused_until_) {
      fds.push_back({listen_fd_, POLLIN, 0});
      ids.push_back(0);
    }
    for (auto& [id, c] : conns_) {
      short events = 0;
      if (c.phase == Phase::kHead || c.phase == Phase::kBody || c.phase == Phase::kLinger) {
        events = POLLIN;
      } else if (c.phase == Phase::kWrite) {
        events = POLLOUT;
      } else {
        continue;  // a worker has it, or it is closed
      }
      fds.push_back({c.fd, events, 0});
      ids.push_back(id);
    }
    int n = ::poll(fds.data(), fds.size(), PollTimeoutMs(now));
    if (n < 0 && errno != EINTR) return InternalError("the server's poll failed");
    for (size_t i = 0; n > 0 && i < fds.size(); ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == wake_fd_) {
        uint64_t count;
        while (::read(wake_fd_, &count, sizeof count) > 0) {
        }
        continue;
      }
      if (ids[i] == 0) {
        Accept();
        continue;
      }
      auto it = conns_.find(ids[i]);
      if (it == conns_.end() || it->second.phase == Phase::kClosed) continue;
      if (it->second.phase == Phase::kWrite) {
        WriteSome(it->first, it->second);
      } else {
        OnReadable(it->first, it->second);
      }
    }
    ApplyCompletions();
    now = Clock::now();
    ExpireDeadlines(now);
    refusals_.MaybeFlush(now);
    for (auto it = conns_.begin(); it != conns_.end();) {
      if (it->second.phase != Phase::kClosed) {
        ++it;
        continue;
      }
      auto count = per_address_.find(it->second.address);
      if (count != per_address_.end() && --count->second <= 0) per_address_.erase(count);
      it = conns_.erase(it);
    }
  }
  for (auto& [id, c] : conns_) CloseSocket(c);
  conns_.clear();
  per_address_.clear();
  refusals_.MaybeFlush(Clock::now(), /*force=*/true);
  return Status::Ok();
}

int Server::PollTimeoutMs(Clock::time_point now) const {
  Clock::time_point next = now + Millis(1000);
  if (draining_) next = std::min(next, drain_deadline_);
  if (accept_paused_until_ > now) next = std::min(next, accept_paused_until_);
  for (const auto& [id, c] : conns_) {
    if (c.phase != Phase::kAdmit && c.phase != Phase::kHandle) next = std::min(next, c.deadline);
  }
  auto ms = std::chrono::duration_cast<Millis>(next - now).count();
  return static_cast<int>(std::clamp<int64_t>(ms + 1, 0, 1000));
}

void Server::Accept() {
  while (true) {
    sockaddr_storage from{};
    socklen_t length = sizeof from;
    int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&from), &length,
                       SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        accept_paused_until_ = Clock::now() + Millis(100);
        refusals_.Count(RefusalLog::kServerLimit, "?");
      }
      return;  // EAGAIN: none left
    }
    std::string address = AddressText(from);
    auto count = per_address_.find(address);
    int open = count == per_address_.end() ? 0 : count->second;
    bool server_full = static_cast<int>(conns_.size()) >= limits_.max_connections;
    if (server_full || open >= limits_.max_connections_per_address) {
      refusals_.Count(server_full ? RefusalLog::kServerLimit : RefusalLog::kAddressLimit, address);
      std::string busy =
          Serialize(LayerError(503, "UNAVAILABLE",
                               server_full ? "the server has too many connections; try again"
                                           : "too many connections from your address; try again"),
                    false, false);
      ssize_t ignored = ::send(fd, busy.data(), busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      (void)ignored;
      ::close(fd);
      continue;
    }
    per_address_[address] = open + 1;
    int yes = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    Connection c;
    c.fd = fd;
    c.address = std::move(address);
    c.deadline = Clock::now() + limits_.header_timeout;
    conns_.emplace(next_id_++, std::move(c));
  }
}

void Server::OnReadable(uint64_t id, Connection& c) {
  char buffer[kReadChunk];
  ssize_t n;
  do {
    n = ::recv(c.fd, buffer, sizeof buffer, 0);
  } while (n < 0 && errno == EINTR);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
  if (n <= 0) {  // the client closed, or the connection broke
    CloseSocket(c);
    return;
  }
  if (c.phase == Phase::kLinger) return;  // dropped
  c.in.append(buffer, static_cast<size_t>(n));
  Advance(id, c);
}

void Server::Advance(uint64_t id, Connection& c) {
  if (c.phase == Phase::kBody) {
    ConsumeBody(id, c);
    return;
  }
  if (c.phase != Phase::kHead || c.in.empty()) return;
  if (!c.head_started) {
    c.head_started = true;
    c.deadline = Clock::now() + limits_.header_timeout;
  }
  size_t end = wire::FindHeadEnd(std::string_view(c.in).substr(0, wire::kMaxHeadBytes + 4));
  if (end == 0 || end > wire::kMaxHeadBytes) {
    if (c.in.size() > wire::kMaxHeadBytes) {
      refusals_.Count(RefusalLog::kBadRequest, c.address);
      Refuse(c, 431, "request head too large", true);
    }
    return;
  }
  wire::HeadResult parsed = wire::ParseHead(std::string_view(c.in).substr(0, end));
  c.in.erase(0, end);
  if (!parsed.ok()) {
    refusals_.Count(RefusalLog::kBadRequest, c.address);
    Refuse(c, parsed.error_status, parsed.error, true);
    return;
  }
  c.head = std::move(parsed.head);
  HttpRequest& r = c.request;
  r = HttpRequest();
  r.method = c.head.method;
  r.path = c.head.path;
  r.query = c.head.query;
  for (const auto& [name, value] : c.head.headers) {
    if (name == "cookie") r.cookie += (r.cookie.empty() ? "" : "; ") + value;
    // Every X-Forwarded-For header, in order: the API decides whether to
    // believe it (ApiOptions::trusted_proxies).
    if (name == "x-forwarded-for") {
      r.forwarded_for += (r.forwarded_for.empty() ? "" : ", ") + value;
    }
  }
  r.csrf_header = c.head.Header("x-csrf-token");
  r.remote_addr = c.address;
  if (!c.head.has_body()) {
    StartHandling(id, c);
    return;
  }
  c.phase = Phase::kAdmit;
  HttpRequest head = r;  // without a body yet
  pool_->Post([this, id, head = std::move(head)] {
    Completion done;
    done.id = id;
    done.admitted = true;
    auto admission = api_->AdmitBody(head);
    if (admission.ok()) {
      done.admission = std::move(*admission);
    } else {
      done.admit_status = admission.status();
    }
    std::lock_guard<std::mutex> lock(done_mu_);
    done_.push_back(std::move(done));
    Wake();
  });
}

void Server::Admitted(uint64_t id, Connection& c, Completion& done) {
  if (!done.admit_status.ok()) {
    // Answered without reading the body; what follows is dropped.
    Respond(c, Serialize(ErrorResponse(done.admit_status), false, false), false);
    c.linger_after = true;
    return;
  }
  c.admission = std::move(done.admission);
  if (c.head.content_length && *c.head.content_length > c.admission.max_bytes) {
    refusals_.Count(RefusalLog::kTooLarge, c.address);
    Refuse(c, 413, c.admission.too_large, true);
    return;
  }
  if (c.head.expect_continue) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    ssize_t n = ::send(c.fd, kContinue.data(), kContinue.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n != static_cast<ssize_t>(kContinue.size())) {
      CloseSocket(c);
      return;
    }
  }
  c.body_remaining = c.head.content_length.value_or(0);
  if (c.head.content_length) c.request.body.reserve(static_cast<size_t>(*c.head.content_length));
  c.phase = Phase::kBody;
  c.deadline = Clock::now() + limits_.body_timeout;
  ConsumeBody(id, c);
}

void Server::ConsumeBody(uint64_t id, Connection& c) {
  std::string& body = c.request.body;
  if (c.head.chunked) {
    size_t used = 0;
    auto result = c.chunked.Feed(c.in, &used, &body);
    c.in.erase(0, used);
    if (body.size() > c.admission.max_bytes) {
      refusals_.Count(RefusalLog::kTooLarge, c.address);
      Refuse(c, 413, c.admission.too_large, true);
      return;
    }
    if (result == wire::ChunkedDecoder::Result::kError) {
      refusals_.Count(RefusalLog::kBadRequest, c.address);
      Refuse(c, 400, c.chunked.error(), true);
      return;
    }
    if (result == wire::ChunkedDecoder::Result::kNeedMore) return;
  } else {
    size_t take = static_cast<size_t>(std::min<uint64_t>(c.body_remaining, c.in.size()));
    body.append(c.in, 0, take);
    c.in.erase(0, take);
    c.body_remaining -= take;
    if (c.body_remaining > 0) return;
  }
  StartHandling(id, c);
}

void Server::StartHandling(uint64_t id, Connection& c) {
  c.phase = Phase::kHandle;
  bool keep_alive =
      c.head.keep_alive && !draining_ && c.served + 1 < limits_.max_requests_per_connection;
  pool_->Post([this, id, keep_alive, request = std::move(c.request)] {
    Completion done;
    done.id = id;
    done.keep_alive = keep_alive;
    try {
      done.response = Handle(request, keep_alive);
    } catch (const std::exception&) {
      done.keep_alive = false;
      done.response = Serialize(LayerError(500, "INTERNAL", "unexpected error"), false, false);
    }
    std::lock_guard<std::mutex> lock(done_mu_);
    done_.push_back(std::move(done));
    Wake();
  });
  c.request = HttpRequest();
}

std::string Server::Handle(const HttpRequest& request, bool keep_alive) const {
  return Answer(*api_, files_, request, keep_alive);
}

void Server::ApplyCompletions() {
  std::vector<Completion> done;
  {
    std::lock_guard<std::mutex> lock(done_mu_);
    done.swap(done_);
  }
  for (Completion& d : done) {
    auto it = conns_.find(d.id);
    if (it == conns_.end() || it->second.phase == Phase::kClosed) continue;
    Connection& c = it->second;
    if (d.admitted) {
      Admitted(d.id, c, d);
    } else {
      Respond(c, std::move(d.response), d.keep_alive);
    }
    if (c.phase == Phase::kWrite) WriteSome(d.id, c);
  }
}

void Server::Respond(Connection& c, std::string bytes, bool keep_alive) {
  c.out = std::move(bytes);
  c.out_sent = 0;
  c.close_after = !keep_alive;
  c.linger_after = false;
  c.phase = Phase::kWrite;
  c.deadline = Clock::now() + limits_.write_timeout;
}

void Server::Refuse(Connection& c, int status, const std::string& message, bool linger) {
  Respond(c, Serialize(LayerError(status, LayerCode(status), message), false, false), false);
  c.linger_after = linger;
}

void Server::WriteSome(uint64_t id, Connection& c) {
  while (c.out_sent < c.out.size()) {
    ssize_t n = ::send(c.fd, c.out.data() + c.out_sent, c.out.size() - c.out_sent,
                       MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    if (n <= 0) {
      CloseSocket(c);
      return;
    }
    c.out_sent += static_cast<size_t>(n);
  }
  c.out.clear();
  c.out.shrink_to_fit();
  c.out_sent = 0;
  ++c.served;
  if (c.close_after) {
    if (c.linger_after) {
      // Closing with unread input would reset the connection and could
      // destroy the answer before the client reads it: read and drop what
      // follows for a while first.
      ::shutdown(c.fd, SHUT_WR);
      c.phase = Phase::kLinger;
      c.in.clear();
      c.deadline = Clock::now() + limits_.linger_timeout;
    } else {
      CloseSocket(c);
    }
    return;
  }
  if (draining_) {
    CloseSocket(c);
    return;
  }
  c.phase = Phase::kHead;
  c.head_started = false;
  c.head = wire::RequestHead();
  c.chunked = wire::ChunkedDecoder();
  c.admission = BodyAdmission();
  c.deadline = Clock::now() + limits_.idle_timeout;
  Advance(id, c);  // a request that came in behind this one
}

void Server::ExpireDeadlines(Clock::time_point now) {
  for (auto& [id, c] : conns_) {
    if (c.phase == Phase::kAdmit || c.phase == Phase::kHandle || c.phase == Phase::kClosed ||
        now < c.deadline) {
      continue;
    }
    if (c.phase == Phase::kHead && c.head_started) {
      refusals_.Count(RefusalLog::kSlowHead, c.address);
      Refuse(c, 408, "the request head did not arrive in time", false);
      WriteSome(id, c);
    } else if (c.phase == Phase::kBody) {
      refusals_.Count(RefusalLog::kSlowBody, c.address);
      Refuse(c, 408, "the request body did not arrive in time", false);
      WriteSome(id, c);
    } else {
      if (c.phase == Phase::kWrite) refusals_.Count(RefusalLog::kSlowReader, c.address);
      CloseSocket(c);  // idle, lingering, or not reading its answer
    }
  }
}

void Server::BeginDrain(Clock::time_point now) {
  draining_ = true;
  drain_deadline_ = now + limits_.shutdown_grace;
  if (listen_fd_ >= 0) {
    ::close(listen_fd_);
    listen_fd_ = -1;
  }
  for (auto& [id, c] : conns_) {
    if ((c.phase == Phase::kHead && !c.head_started) || c.phase == Phase::kLinger) {
      CloseSocket(c);
    }
  }
}

void Server::CloseSocket(Connection& c) {
  if (c.fd >= 0) ::close(c.fd);
  c.fd = -1;
  c.phase = Phase::kClosed;
  c.in.clear();
  c.out.clear();
  c.request = HttpRequest();
}

}  // namespace

StatusOr<std::unique_ptr<HttpServer>> HttpServer::Create(std::unique_ptr<Api> api,
                                                         const ServerOptions& options) {
  ECOCIV_ASSIGN_OR_RETURN(StaticFiles files,
                          StaticFiles::Create(options.public_dir, options.never_serve));
  if (options.install_signal_handlers) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);  // before the pool's threads start
  }
  return std::unique_ptr<HttpServer>(new Server(std::move(api), options, std::move(files)));
}

}  // namespace ecociv::server
