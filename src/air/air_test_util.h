// Helpers the air tests share.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace ecociv::air {

// `text` written to the file `name` in the test's temporary folder; its path.
inline std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace ecociv::air
