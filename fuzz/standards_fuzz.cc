// A city's own copy of a standard's rule file (--standards DIR): the air and
// water editions load with the file replaced by the fuzzed text, or refuse it
// naming the file and key.
#include <cstdint>
#include <string>

#include "ecociv/air/standards.h"
#include "ecociv/water/realtime.h"
#include "ecociv/water/rules.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ecociv;
  static const char* const kFiles[] = {"hj633-2012.toml", "hj633-2026.toml", "gb3095-2012.toml",
                                       "hj663-2013.toml", "gb3838-2002.toml",
                                       "sw-assessment-2011.toml", "cwqi-2017.toml", "tli.toml",
                                       "cnemc-auto-release-2025.toml",
                                       "cnemc-auto-release-2026.toml"};
  constexpr int kCount = sizeof kFiles / sizeof kFiles[0];
  fuzz::Split in = fuzz::SplitMode(data, size);
  const std::string dir = fuzz::ScratchDir() + "/standards";
  static bool made = std::system(("mkdir -p '" + dir + "'").c_str()) == 0;
  if (!made) std::abort();
  const char* name = kFiles[in.mode % kCount];
  std::string path = fuzz::WriteInput(std::string("standards/") + name, in.data, in.size);
  if (in.mode % kCount < 4) {
    (void)air::AirStandards::Load(dir);
  } else if (in.mode % kCount < 8) {
    (void)water::WaterRules::Load(dir);
  } else if (auto rules = water::WaterRules::Load(dir); rules.ok()) {
    (void)water::RealtimeEditions::Load(dir, *rules);
  }
  std::remove(path.c_str());
  return 0;
}
