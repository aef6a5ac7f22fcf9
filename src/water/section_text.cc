// What a section's fields read as (samples.h): its level's name, its chief
// as one text, its categories joined and split, and a section looked up in a
// sample set. The readers of section lists and samples are in samples.cc.
#include <algorithm>

#include "ecociv/core/text_input.h"
#include "ecociv/water/samples.h"

namespace ecociv::water {

const char* SectionLevelName(SectionLevel level) {
  static const char* const kNames[] = {"national", "provincial", "municipal", "town"};
  return kNames[static_cast<int>(level)];
}

std::string ChiefText(const Section& section) {
  if (!section.chief.empty()) return section.chief;
  std::string detail = section.chief_post;
  if (!section.chief_unit.empty()) detail += (detail.empty() ? "" : "，") + section.chief_unit;
  if (section.chief_name.empty()) return detail;
  return detail.empty() ? section.chief_name : section.chief_name + "（" + detail + "）";
}

std::string JoinCategories(const std::vector<std::string>& categories) {
  std::string out;
  for (const std::string& c : categories) out += (out.empty() ? "" : ";") + c;
  return out;
}

std::vector<std::string> SplitCategories(std::string_view text) {
  std::vector<std::string> out;
  std::string rest(text);
  // The full-width semicolon of Chinese spreadsheets counts as the separator.
  for (size_t at; (at = rest.find("；")) != std::string::npos;) rest.replace(at, 3, ";");
  size_t begin = 0;
  while (begin <= rest.size()) {
    size_t end = rest.find(';', begin);
    if (end == std::string::npos) end = rest.size();
    std::string one(TrimSpaces(std::string_view(rest).substr(begin, end - begin)));
    if (!one.empty() && std::find(out.begin(), out.end(), one) == out.end()) out.push_back(one);
    begin = end + 1;
  }
  return out;
}

int SampleSet::FindSection(std::string_view id) const {
  for (size_t i = 0; i < sections.size(); ++i) {
    if (sections[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace ecociv::water
