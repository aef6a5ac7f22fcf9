// The groups a city reports its sections by: levels and categories
// (Assessment::levels, ::categories; docs/water.md, "Sections as the city
// organises them").
#include <algorithm>

#include "ecociv/water/assessment.h"

namespace ecociv::water {

void EvaluateCityGroups(const WaterRules& rules, const SampleSet& set, Assessment* a) {
  for (auto level : {SectionLevel::kNational, SectionLevel::kProvincial, SectionLevel::kMunicipal,
                     SectionLevel::kTown}) {
    std::vector<int> members;
    for (size_t s = 0; s < set.sections.size(); ++s) {
      if (set.sections[s].level == level) members.push_back(static_cast<int>(s));
    }
    if (members.empty()) continue;
    a->levels.push_back(EvaluateGroup(rules, set, a->sections, members, "level",
                                      SectionLevelName(level), WaterBody::kRiver));
  }
  std::vector<std::pair<std::string, std::vector<int>>> categories;
  for (size_t s = 0; s < set.sections.size(); ++s) {
    for (const std::string& c : set.sections[s].categories) {
      auto it = std::find_if(categories.begin(), categories.end(),
                             [&](const auto& g) { return g.first == c; });
      if (it == categories.end()) it = categories.insert(categories.end(), {c, {}});
      it->second.push_back(static_cast<int>(s));
    }
  }
  for (const auto& [name, members] : categories) {
    a->categories.push_back(
        EvaluateGroup(rules, set, a->sections, members, "category", name, WaterBody::kRiver));
  }
}

}  // namespace ecociv::water
