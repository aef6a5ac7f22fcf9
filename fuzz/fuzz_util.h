// Helpers shared by the libFuzzer targets: the readers under test take file
// paths (they memory-map or decompress by name), so each input is written to
// a file on tmpfs first, under a name that selects the reader's path.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace ecociv::fuzz {

// A per-process scratch folder on tmpfs (or /tmp when there is none).
inline const std::string& ScratchDir() {
  static const std::string dir = [] {
    std::string base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    std::string d = base + "/ecociv-fuzz-" + std::to_string(getpid());
    std::string command = "mkdir -p '" + d + "'";
    if (std::system(command.c_str()) != 0) std::abort();
    return d;
  }();
  return dir;
}

// Writes `data` to ScratchDir()/name and returns the path.
inline std::string WriteInput(std::string_view name, const uint8_t* data, size_t size) {
  std::string path = ScratchDir() + "/" + std::string(name);
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, f) != size) std::abort();
  std::fclose(f);
  return path;
}

// The first byte chooses a mode; the rest is the input.
struct Split {
  uint8_t mode = 0;
  const uint8_t* data = nullptr;
  size_t size = 0;
};
inline Split SplitMode(const uint8_t* data, size_t size) {
  if (size == 0) return {};
  return {data[0], data + 1, size - 1};
}

}  // namespace ecociv::fuzz
