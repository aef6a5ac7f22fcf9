// JSON pieces shared by the air report's files (report.cc,
// assessment_report.cc); see ecociv/air/report.h for the shape.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "ecociv/air/iaqi.h"
#include "ecociv/core/exact.h"

namespace ecociv::air {

using ReportJson = nlohmann::ordered_json;

// Display names of the indicators in `mask`, joined by `separator` ("PM10;PM2.5").
std::string MaskNames(IndicatorMask mask, const char* separator);

// "aqi" (integer or null) and "level" ({level, category_zh, category_en,
// colour} or null).
void AddAqiAndLevel(int aqi, ReportJson* row);

// The keys older readers used, kept for one release: category, category_en
// and colour (when the AQI is published) and primary (names joined by ',').
void AddDeprecatedLevelKeys(const AqiResult& aqi, ReportJson* row);

// An official figure as an exact decimal string, or null.
ReportJson Figure(const std::optional<Ratio>& value, int decimals);

}  // namespace ecociv::air
