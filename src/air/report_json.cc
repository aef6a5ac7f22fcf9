#include "report_json.h"

namespace ecociv::air {

std::string MaskNames(IndicatorMask mask, const char* separator) {
  std::string out;
  for (int i = 0; i < kIndicatorCount; ++i) {
    if (!(mask & MaskOf(Indicator(i)))) continue;
    if (!out.empty()) out += separator;
    out += IndicatorDisplay(Indicator(i));
  }
  return out;
}

void AddAqiAndLevel(int aqi, ReportJson* row) {
  if (aqi == kNoIaqi) {
    (*row)["aqi"] = nullptr;
    (*row)["level"] = nullptr;
    return;
  }
  const AqiLevel& level = LevelOf(aqi);
  (*row)["aqi"] = aqi;
  (*row)["level"] = {{"level", level.level},
                     {"category_zh", level.category_zh},
                     {"category_en", level.category_en},
                     {"colour", level.colour_hex}};
}

void AddDeprecatedLevelKeys(const AqiResult& aqi, ReportJson* row) {
  if (aqi.aqi != kNoIaqi) {
    const AqiLevel& level = LevelOf(aqi.aqi);
    (*row)["category"] = level.category_zh;
    (*row)["category_en"] = level.category_en;
    (*row)["colour"] = level.colour_hex;
  }
  (*row)["primary"] = MaskNames(aqi.primary, ",");
}

ReportJson Figure(const std::optional<Ratio>& value, int decimals) {
  if (!value) return nullptr;
  return FormatRounded(*value, decimals);
}

}  // namespace ecociv::air
