// The real-time (hourly) AQI report of HJ 633: for every hour of a series,
// the IAQI of each indicator the edition's [hourly] section names, the AQI,
// level and primary pollutant(s), under the edition in force for that hour
// (or one forced edition).
//
// Thread safety: pure functions of their arguments.
#pragma once

#include <string>
#include <vector>

#include "ecociv/air/iaqi.h"
#include "ecociv/air/series.h"
#include "ecociv/air/standards.h"

namespace ecociv::air {

struct HourlyResult {
  HourLabel label = 0;
  const AqiEdition* edition = nullptr;
  AqiResult aqi;
};

// `forced_edition`: "" or "auto" to choose by date, else an AQI edition id.
StatusOr<std::vector<HourlyResult>> ComputeHourly(const HourlySeries& series,
                                                  const AirStandards& standards,
                                                  const std::string& forced_edition);

// The indicators an edition's report uses.
IndicatorMask ExpectedIndicators(const std::array<IndicatorRule, kIndicatorCount>& rules);

// The concentration an IAQI is computed from: rounded per GB/T 8170 to the
// edition's decimals when it says so (HJ 633-2026 §4.2.2), else unchanged.
Ratio ConcentrationForIaqi(const AqiEdition& edition, Pollutant p, const Ratio& value);

}  // namespace ecociv::air
