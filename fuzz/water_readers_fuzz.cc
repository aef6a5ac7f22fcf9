// The water readers: sections and samples (long and wide CSV), below-detection
// values and units.
#include <cstdint>
#include <string_view>

#include "ecociv/water/rules.h"
#include "ecociv/water/samples.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ecociv;
  static const water::WaterRules* rules = [] {
    auto loaded = water::WaterRules::Load("");
    if (!loaded.ok()) std::abort();
    return new water::WaterRules(std::move(*loaded));
  }();
  fuzz::Split in = fuzz::SplitMode(data, size);
  std::string_view text(reinterpret_cast<const char*>(in.data), in.size);
  if (in.mode % 2 == 0) {
    (void)water::ParseSections(text, "sections.csv");
  } else {
    water::SampleSet set;
    (void)water::ParseSamples(text, "samples.csv", *rules, &set);
  }
  return 0;
}
