#include "ecociv/indicators/provider.h"

#include "ecociv/indicators/indicator_store.h"

namespace ecociv::indicators {

std::vector<IndicatorFigure> FiguresOf(const Readiness& readiness) {
  std::vector<IndicatorFigure> out;
  for (const IndicatorResult& r : readiness.results) {
    const Indicator& ind = *r.indicator;
    out.push_back({ind.id, ind.name_zh, ind.domain, r.binding, r.value, r.value_text, r.target,
                   r.target_text, r.verdict, r.owner, ind.unverified()});
  }
  return out;
}

StatusOr<std::vector<IndicatorFigure>> IndicatorFiguresForYear(store::Database* db, int year) {
  ECOCIV_ASSIGN_OR_RETURN(Readiness readiness, ReadinessForYear(db, year));
  return FiguresOf(readiness);
}

StatusOr<std::vector<IndicatorFigure>> IndicatorFiguresForYear(store::Database* db, int year,
                                                               EngineFigureSource& engines) {
  ECOCIV_ASSIGN_OR_RETURN(Readiness readiness, ReadinessForYear(db, year, engines));
  return FiguresOf(readiness);
}

}  // namespace ecociv::indicators
