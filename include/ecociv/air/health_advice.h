// Health effects and advice for each AQI level, and the sensitive groups of
// each pollutant, as the public page shows them beside the current AQI. The
// text is data (config/aqi-health-advice.toml, compiled in): a city that must
// print another wording replaces the file, not the code.
//
// Thread safety: BuiltInHealthAdvice() is parsed once and immutable after;
// ParseHealthAdvice is a pure function.
#pragma once
#include <array>
#include <map>
#include <string>
#include <string_view>

#include "ecociv/core/status.h"

namespace ecociv::air {

struct LevelAdvice {
  std::string effect_zh, advice_zh, effect_en, advice_en;
};

struct HealthAdvice {
  std::string title_zh, title_en;
  std::array<LevelAdvice, 6> levels;  // [0] is level 1 (优) … [5] level 6 (严重污染)
  // Pollutant ("PM2.5", "O3" …) → its sensitive groups {zh, en}.
  std::map<std::string, std::array<std::string, 2>> groups;
};

// Every level 1..6 must be given once, with all four texts; `source` names the
// file in errors ("config/aqi-health-advice.toml: level 3: advice_en is missing").
StatusOr<HealthAdvice> ParseHealthAdvice(std::string_view toml_text, std::string_view source);

// The compiled-in config/aqi-health-advice.toml.
const HealthAdvice& BuiltInHealthAdvice();

}  // namespace ecociv::air
