// The water readers: sections and samples (long and wide CSV), below-detection
// values and units; a real-time release's rows, checked against the release
// rules (release.h, release_check.h); section-types files.
#include <cstdint>
#include <string_view>

#include "ecociv/water/release_check.h"
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
  static const water::RealtimeEditions* editions = [] {
    auto loaded = water::RealtimeEditions::Load("", *rules);
    if (!loaded.ok()) std::abort();
    return new water::RealtimeEditions(std::move(*loaded));
  }();
  fuzz::Split in = fuzz::SplitMode(data, size);
  std::string_view text(reinterpret_cast<const char*>(in.data), in.size);
  switch (in.mode % 4) {
    case 0:
      (void)water::ParseSections(text, "sections.csv");
      break;
    case 1: {
      water::SampleSet set;
      (void)water::ParseSamples(text, "samples.csv", *rules, &set);
      break;
    }
    case 2: {
      water::Release release;
      if (water::ParseRelease(text, "release.csv", *rules, &release).ok()) {
        water::ReleaseCheckOptions options;
        options.values = in.mode & 4 ? water::JudgedValues::kDisplayed : water::JudgedValues::kRaw;
        options.latest = (in.mode & 8) != 0;
        (void)water::CheckRelease(*rules, *editions, release, options).Summary();
      }
      break;
    }
    case 3:
      (void)water::SectionTypes::Parse(text, "types.csv");
      break;
  }
  return 0;
}
