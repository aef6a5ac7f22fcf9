#include "ecociv/scoring/sensitivity.h"

#include <algorithm>
#include <random>

namespace ecociv::scoring {

StatusOr<std::vector<RankInterval>> RankSensitivity(const Scheme& scheme,
                                                    const std::vector<Subject>& subjects,
                                                    const ValueSource& source, int year,
                                                    const SensitivityOptions& options) {
  if (options.runs < 1) return InvalidArgumentError("--runs must be at least 1");
  if (options.spread_percent < 0 || options.spread_percent > 99) {
    return InvalidArgumentError("--spread must be 0..99 (percent)");
  }
  ScoringOptions base_options;
  base_options.year = year;
  base_options.keep_log = false;
  ECOCIV_ASSIGN_OR_RETURN(Assessment base, ScoreScheme(scheme, subjects, source, base_options));
  std::vector<RankInterval> intervals;
  std::vector<int> at_base(subjects.size());
  for (const SubjectResult& r : base.results) {
    intervals.push_back({r.subject.id, r.rank, r.rank, r.rank, 0});
  }
  std::mt19937_64 rng(options.seed);
  const uint64_t width = 2 * static_cast<uint64_t>(options.spread_percent) + 1;
  for (int run = 0; run < options.runs; ++run) {
    ScoringOptions o = base_options;
    for (const Item& item : scheme.items) {
      int64_t percent = 100 - options.spread_percent + static_cast<int64_t>(rng() % width);
      o.weight_factors[item.id] = Ratio::Of(percent, 100);
    }
    ECOCIV_ASSIGN_OR_RETURN(Assessment a, ScoreScheme(scheme, subjects, source, o));
    for (size_t j = 0; j < a.results.size(); ++j) {
      int rank = a.results[j].rank;
      intervals[j].best_rank = std::min(intervals[j].best_rank, rank);
      intervals[j].worst_rank = std::max(intervals[j].worst_rank, rank);
      at_base[j] += rank == intervals[j].base_rank ? 1 : 0;
    }
  }
  for (size_t j = 0; j < intervals.size(); ++j) {
    intervals[j].share_at_base = static_cast<double>(at_base[j]) / options.runs;
  }
  std::stable_sort(
      intervals.begin(), intervals.end(), [](const RankInterval& a, const RankInterval& b) {
        return a.base_rank != b.base_rank ? a.base_rank < b.base_rank : a.subject < b.subject;
      });
  return intervals;
}

}  // namespace ecociv::scoring
