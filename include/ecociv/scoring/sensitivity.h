// Sensitivity of ranks to item weights: the scheme is re-scored many times
// with every item's points multiplied by a random factor in
// [1 − spread, 1 + spread] (whole percents, then rescaled to the scheme
// total), and each subject's best and worst rank over the runs is reported.
//
// The random factors come from std::mt19937_64 seeded with `seed` and mapped
// to percents by modulo, so a seed gives the same intervals on every platform.
//
// Thread safety: a pure function of its arguments (see ScoreScheme).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/scoring/engine.h"

namespace ecociv::scoring {

struct SensitivityOptions {
  int runs = 1000;
  uint64_t seed = 1;
  int spread_percent = 20;  // ±20 %
};

struct RankInterval {
  std::string subject;
  int base_rank = 0;
  int best_rank = 0;
  int worst_rank = 0;
  double share_at_base = 0;  // share of runs with the base rank
};

// Rank intervals in the order of the base ranking.
StatusOr<std::vector<RankInterval>> RankSensitivity(const Scheme& scheme,
                                                    const std::vector<Subject>& subjects,
                                                    const ValueSource& source, int year,
                                                    const SensitivityOptions& options);

}  // namespace ecociv::scoring
