// Shared by the receiver's tests over TCP on loopback: connect, send, read
// answers.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/hj212/packet.h"

namespace ecociv::hj212::testing_util {

inline int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

inline void SendAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

// Reads until `count` frames came, the peer closed, or `timeout_ms` passed.
// *closed tells whether the peer closed the connection.
inline std::vector<std::string> ReadFrames(int fd, size_t count, int timeout_ms,
                                           bool* closed = nullptr) {
  std::vector<std::string> frames;
  std::string buffer;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  if (closed) *closed = false;
  while (frames.size() < count) {
    int left = int(std::chrono::duration_cast<std::chrono::milliseconds>(
                       deadline - std::chrono::steady_clock::now())
                       .count());
    if (left <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, left) <= 0) break;
    char chunk[4096];
    ssize_t n = recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) {
      if (closed) *closed = true;
      break;
    }
    buffer.append(chunk, static_cast<size_t>(n));
    for (;;) {
      ScanResult r = ScanFrame(buffer);
      if (r.kind == ScanKind::kNeedMore) break;
      if (r.kind == ScanKind::kFrame) frames.emplace_back(r.frame);
      buffer.erase(0, r.consumed);
    }
  }
  return frames;
}

}  // namespace ecociv::hj212::testing_util
