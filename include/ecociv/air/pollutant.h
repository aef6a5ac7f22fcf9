// The six pollutants of the Chinese air-quality standards and the seven
// indicators the AQI is built from (O3 enters as a 1-hour and an 8-hour value).
#pragma once

#include <cstdint>
#include <string_view>

namespace ecociv::air {

// Measured pollutants, in the order of the storage columns.
enum class Pollutant : uint8_t { kSO2 = 0, kNO2, kCO, kO3, kPM10, kPM25 };
inline constexpr int kPollutantCount = 6;
inline constexpr Pollutant kAllPollutants[] = {Pollutant::kSO2, Pollutant::kNO2,  Pollutant::kCO,
                                               Pollutant::kO3,  Pollutant::kPM10, Pollutant::kPM25};

// Column key in files: "so2", "no2", "co", "o3", "pm10", "pm25".
std::string_view PollutantKey(Pollutant p);
// Display name: "SO2", "NO2", "CO", "O3", "PM10", "PM2.5".
std::string_view PollutantDisplay(Pollutant p);
// Unit: "µg/m³", or "mg/m³" for CO.
std::string_view PollutantUnit(Pollutant p);
// Decimals of a published concentration (integers; CO one decimal).
int ReportDecimals(Pollutant p);
// Parses a key (case-insensitive; also "pm2.5", "pm2_5").
bool ParsePollutantKey(std::string_view text, Pollutant* out);

// The AQI indicators. O3 appears twice: its 1-hour value (in the daily report
// of 2012, the daily maximum 1-hour value) and its 8-hour value (in the daily
// report, the MDA8).
enum class Indicator : uint8_t { kSO2 = 0, kNO2, kCO, kO3_1h, kO3_8h, kPM10, kPM25 };
inline constexpr int kIndicatorCount = 7;

// "so2", "no2", "co", "o3_1h", "o3_8h", "pm10", "pm25".
std::string_view IndicatorKey(Indicator i);
// Display names as published: "SO2", "NO2", "CO", "O3_1h", "O3_8h", "PM10", "PM2.5".
std::string_view IndicatorDisplay(Indicator i);
Pollutant PollutantOf(Indicator i);

// A set of indicators (primary or exceeding pollutants) as a bit mask.
using IndicatorMask = uint8_t;
inline constexpr IndicatorMask MaskOf(Indicator i) { return IndicatorMask(1u << int(i)); }

}  // namespace ecociv::air
