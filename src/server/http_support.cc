#include "http_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

namespace ecociv::server {

WorkerPool::WorkerPool(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerPool::Post(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(std::move(job));
  }
  ready_.notify_one();
}

void WorkerPool::Work() {
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, nothing left
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

void RefusalLog::Count(Kind kind, const std::string& address) {
  ++counts_[kind];
  last_address_[kind] = address;
}

void RefusalLog::MaybeFlush(std::chrono::steady_clock::time_point now, bool force) {
  const auto elapsed = now - last_flush_;
  if (!force && elapsed < interval_) return;
  last_flush_ = now;
  static constexpr const char* kWhat[kKindCount] = {"connections over the per-address limit",
                                                    "connections over the server's limit",
                                                    "request heads not received in time (408)",
                                                    "request bodies not received in time (408)",
                                                    "answers not taken in time",
                                                    "request bodies too large (413)",
                                                    "malformed requests"};
  std::string line;
  for (int k = 0; k < kKindCount; ++k) {
    if (counts_[k] == 0) continue;
    line += (line.empty() ? "" : "; ") + std::to_string(counts_[k]) + " " + kWhat[k] +
            " (last from " + last_address_[k] + ")";
    counts_[k] = 0;
  }
  if (!line.empty()) {
    long long seconds = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
    std::fprintf(stderr, "ecociv serve: refused in the last %lld s: %s\n",
                 std::max(seconds, 1LL), line.c_str());
  }
}

std::string AddressText(const sockaddr_storage& address) {
  char text[INET6_ADDRSTRLEN] = "?";
  if (address.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
    inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
  } else if (address.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
    if (IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr)) {
      inet_ntop(AF_INET, &v6->sin6_addr.s6_addr[12], text, sizeof text);
    } else {
      inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    }
  }
  return text;
}

StatusOr<int> Listen(const std::string& host, int* port) {
  bool v6 = host.find(':') != std::string::npos;
  std::string address = (v6 ? "[" + host + "]" : host) + ":" + std::to_string(*port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(*port).c_str(), &hints, &found) != 0) {
    return FailedPreconditionError("cannot listen on " + address + " (unknown host)");
  }
  bool in_use = false;
  int fd = -1;
  for (addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, 1024) != 0) {
      in_use = in_use || errno == EADDRINUSE;
      ::close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  if (fd < 0) {
    return FailedPreconditionError(in_use ? address + " is already in use"
                                          : "cannot listen on " + address);
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length) == 0) {
    *port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                              : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  }
  return fd;
}

}  // namespace ecociv::server
