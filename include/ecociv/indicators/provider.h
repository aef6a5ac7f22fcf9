// The indicator provider for the scoring engine: for one year,
// every indicator of the active catalogue with its exact value, effective
// target, verdict and owning unit. The scoring engine's ValueSource can wrap
// this function; docs/indicators.md ("Provider for scoring") describes it.
//
// Thread safety: the function takes a Database the caller owns exclusively;
// the returned values are plain data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ecociv/core/exact.h"
#include "ecociv/core/status.h"
#include "ecociv/indicators/engine_figures.h"
#include "ecociv/indicators/verdict.h"
#include "ecociv/store/database.h"

namespace ecociv::indicators {

struct IndicatorFigure {
  std::string id;  // catalogue id, e.g. "n2019_29"
  std::string name_zh;
  std::string domain;
  std::string binding;         // "binding", "reference", "input"
  std::optional<Ratio> value;  // exact, for numeric indicators with a usable value
  std::string value_text;      // also for qualitative states ("制定实施")
  std::optional<Ratio> target;
  std::string target_text;
  Verdict verdict = Verdict::kNoData;
  std::string owner;  // responsible unit(s)
  bool unverified = false;
};

// From ReadinessForYear (indicator_store.h): engine indicators take the
// engines' figures over the store's current data, from `engines` or, without
// it, computed from `db` now.
StatusOr<std::vector<IndicatorFigure>> IndicatorFiguresForYear(store::Database* db, int year);
StatusOr<std::vector<IndicatorFigure>> IndicatorFiguresForYear(store::Database* db, int year,
                                                               EngineFigureSource& engines);

// The same from an evaluated table (no database).
std::vector<IndicatorFigure> FiguresOf(const Readiness& readiness);

}  // namespace ecociv::indicators
