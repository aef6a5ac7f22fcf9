// Checking the engine against officially published numbers: recomputes the
// hourly AQI (and, where the release has them, each IAQI and the primary
// pollutant) of a dataset read from a CNEMC, Zhejiang or Jinan release and
// compares with what the platform published, classifying every mismatch.
//
// Thread safety: pure function of its arguments.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ecociv/air/dataset.h"
#include "ecociv/air/standards.h"

namespace ecociv::air {

struct ConformanceReport {
  int64_t hours_with_published_aqi = 0;
  int64_t aqi_compared = 0;  // published and computed both present
  int64_t aqi_equal = 0;
  int64_t primary_compared = 0;
  int64_t primary_equal = 0;
  int64_t computed_na = 0;                                // published a value, engine says NA
  std::map<std::string, int64_t> computed_na_by_missing;  // by the indicators absent
  // Per indicator (Jinan): IAQIs compared and equal.
  std::map<std::string, std::pair<int64_t, int64_t>> iaqi_by_indicator;
  // Mismatch class → count (see docs/conformance.md for the classes).
  std::map<std::string, int64_t> mismatch_classes;
  std::vector<std::string> examples;  // the first mismatches, for the eye

  // Text summary with percentages.
  std::string Summary() const;
};

ConformanceReport CheckPublishedHourly(const AirDataset& data, const AirStandards& standards,
                                       const std::string& forced_edition, int max_examples = 20);

}  // namespace ecociv::air
