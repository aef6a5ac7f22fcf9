// The city's drinking-water sources in an assessment (assessment.h).
#include "ecociv/water/assessment.h"

namespace ecociv::water {

DrinkingSources CountDrinkingSources(const SampleSet& set,
                                     const std::vector<SectionResult>& sections) {
  DrinkingSources out;
  for (const SectionResult& r : sections) {
    if (!set.sections[r.section].drinking_source || !r.cls) continue;
    ++out.sections;
    if (static_cast<int>(*r.cls) <= static_cast<int>(WaterClass::kIII)) ++out.good;
  }
  if (out.sections > 0) out.share = Ratio::Of(int64_t{out.good} * 100, out.sections);
  return out;
}

}  // namespace ecociv::water
