#include "ecociv/air/pollutant.h"

#include <cctype>
#include <string>

namespace ecociv::air {

std::string_view PollutantKey(Pollutant p) {
  static constexpr std::string_view kKeys[] = {"so2", "no2", "co", "o3", "pm10", "pm25"};
  return kKeys[int(p)];
}

std::string_view PollutantDisplay(Pollutant p) {
  static constexpr std::string_view kNames[] = {"SO2", "NO2", "CO", "O3", "PM10", "PM2.5"};
  return kNames[int(p)];
}

std::string_view PollutantUnit(Pollutant p) { return p == Pollutant::kCO ? "mg/m³" : "µg/m³"; }

int ReportDecimals(Pollutant p) { return p == Pollutant::kCO ? 1 : 0; }

bool ParsePollutantKey(std::string_view text, Pollutant* out) {
  std::string key;
  for (char c : text) {
    if (c == '.' || c == '_' || c == ' ') continue;
    key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  for (Pollutant p : kAllPollutants) {
    if (key == PollutantKey(p)) {
      *out = p;
      return true;
    }
  }
  return false;
}

std::string_view IndicatorKey(Indicator i) {
  static constexpr std::string_view kKeys[] = {"so2",   "no2",  "co",  "o3_1h",
                                               "o3_8h", "pm10", "pm25"};
  return kKeys[int(i)];
}

std::string_view IndicatorDisplay(Indicator i) {
  static constexpr std::string_view kNames[] = {"SO2",   "NO2",  "CO",   "O3_1h",
                                                "O3_8h", "PM10", "PM2.5"};
  return kNames[int(i)];
}

Pollutant PollutantOf(Indicator i) {
  static constexpr Pollutant kOf[] = {Pollutant::kSO2, Pollutant::kNO2, Pollutant::kCO,
                                      Pollutant::kO3,  Pollutant::kO3,  Pollutant::kPM10,
                                      Pollutant::kPM25};
  return kOf[int(i)];
}

}  // namespace ecociv::air
