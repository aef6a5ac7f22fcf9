// A deterministic, clearly labelled SYNTHETIC dataset of a Zhangjiagang-like
// county-level city: a station list and hourly concentrations with seasonal
// and diurnal shapes, pollution episodes, outages, and a few bad values (so the
// screening and reports have something to show). Used by `make demo` and the
// tests; never presented as real data.
//
// Thread safety: pure function of its options.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ecociv/air/dataset.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"

namespace ecociv::air {

struct DemoAirOptions {
  std::string out_dir;
  uint64_t seed = 20260301;
  DayNumber first_day = DaysFromCivil({2025, 1, 1});
  DayNumber last_day = DaysFromCivil({2026, 11, 27});
  // Other stations than the demo city's five (a province's for the load
  // test, bench/province.sh): each gets emission factors drawn from the
  // seed, and stations.csv is not written (the caller has the list).
  std::vector<StationInfo> stations;
};

// Writes <out_dir>/stations.csv and <out_dir>/synthetic_air_hourly.csv (wide
// format, docs/formats.md). Returns the number of station-hours written.
StatusOr<int64_t> WriteDemoAir(const DemoAirOptions& options);

}  // namespace ecociv::air
