// Air target progress: the targets judged by a percentile (O3-8h, CO) and the
// year-to-date trajectory of every target (see air_targets.h).
#include "air_target_trajectory.h"

#include <algorithm>

#include "ecociv/air/assessment.h"

namespace ecociv::warning {
namespace {

using air::Pollutant;
using Json = nlohmann::ordered_json;

DayNumber SameDayIn(DayNumber day, int year) {
  CivilDate d = CivilFromDays(day);
  d.year = year;
  d.day = std::min(d.day, DaysInMonth(d.year, d.month));
  return DaysFromCivil(d);
}

bool HasDataIn(const std::vector<air::DailyRecord>& days, int year) {
  return std::any_of(days.begin(), days.end(),
                     [&](const air::DailyRecord& d) { return CivilFromDays(d.day).year == year; });
}

// The figure a target is judged on, from an assessment.
std::optional<Ratio> FigureOf(const air::PeriodAssessment& a, Pollutant p, bool percentile) {
  const air::PollutantAssessment& pa = a.pollutants[int(p)];
  return percentile ? pa.percentile : pa.mean;
}

// The year-to-date figure of each target on every day from January 1 of `year` to `last`.
Status Grow(const std::vector<air::DailyRecord>& days, const air::AirStandards& standards,
            const AirTargetOptions& o, int year, DayNumber last, std::vector<TargetTrajectory>* out,
            bool this_year) {
  DayNumber first = DaysFromCivil({year, 1, 1});
  for (DayNumber d = first; d <= last; ++d) {
    ECOCIV_ASSIGN_OR_RETURN(air::PeriodAssessment a,
                            AssessTargetPeriod(days, standards, o, first, d));
    for (TargetTrajectory& t : *out) {
      (this_year ? t.this_year : t.last_year).push_back(FigureOf(a, t.pollutant, t.percentile));
    }
  }
  return Status::Ok();
}

Json Num(const std::optional<Ratio>& v, int decimals) {
  return v ? Json(FormatRounded(*v, decimals)) : Json(nullptr);
}

}  // namespace

Status AddPercentileTargetsAndTrajectories(const std::vector<air::DailyRecord>& days,
                                           const air::AirStandards& standards,
                                           const AirTargetOptions& o, AirTargetReport* report) {
  const air::AssessmentRules& rules = standards.assessment();
  DayNumber first = DaysFromCivil({o.year, 1, 1});
  DayNumber year_end = DaysFromCivil({o.year, 12, 31});
  ECOCIV_ASSIGN_OR_RETURN(air::PeriodAssessment ytd,
                          AssessTargetPeriod(days, standards, o, first, o.as_of));
  const int last_year = o.year - 1;
  const bool history = HasDataIn(days, last_year);
  std::optional<air::PeriodAssessment> last_ytd, last_full;
  if (history) {
    DayNumber lf = DaysFromCivil({last_year, 1, 1});
    ECOCIV_ASSIGN_OR_RETURN(
        last_ytd, AssessTargetPeriod(days, standards, o, lf, SameDayIn(o.as_of, last_year)));
    ECOCIV_ASSIGN_OR_RETURN(
        last_full, AssessTargetPeriod(days, standards, o, lf, DaysFromCivil({last_year, 12, 31})));
  }
  for (Pollutant p : air::kAllPollutants) {
    const air::PollutantAssessment& pa = ytd.pollutants[int(p)];
    if (pa.mean_limit || !pa.percentile_limit || pa.valid_days == 0) continue;
    PercentileTarget t;
    t.pollutant = p;
    t.rank = pa.percentile_rank;
    t.decimals = p == Pollutant::kCO ? rules.co_decimals : rules.concentration_decimals;
    t.target = Ratio::Concentration(*pa.percentile_limit);
    t.ytd_days = pa.valid_days;
    t.ytd = pa.percentile;
    t.exceedance_days = pa.exceedance_days;
    if (last_ytd) t.last_year_ytd = last_ytd->pollutants[int(p)].percentile;
    if (last_full) t.last_year_annual = last_full->pollutants[int(p)].percentile;
    const bool over = t.ytd && RoundedRatio(*t.ytd, t.decimals) > t.target;
    if (o.as_of == year_end) {
      t.risk = t.ytd ? (over ? "missed" : "met") : "unknown";
    } else {
      t.risk =
          !t.ytd ? "unknown"
          : over ? "high"
          : RoundedRatio(*t.ytd, t.decimals) * Ratio::Integer(10) > t.target * Ratio::Integer(9)
              ? "medium"
              : "low";
    }
    report->percentile_targets.push_back(std::move(t));
  }
  for (const PollutantTarget& t : report->pollutants) {
    report->trajectories.push_back({t.pollutant, false, t.decimals, t.target, {}, {}});
  }
  for (const PercentileTarget& t : report->percentile_targets) {
    report->trajectories.push_back({t.pollutant, true, t.decimals, t.target, {}, {}});
  }
  ECOCIV_RETURN_IF_ERROR(Grow(days, standards, o, o.year, o.as_of, &report->trajectories, true));
  if (history) {
    ECOCIV_RETURN_IF_ERROR(Grow(days, standards, o, last_year, DaysFromCivil({last_year, 12, 31}),
                                &report->trajectories, false));
  }
  return Status::Ok();
}

void AddPercentileAndTrajectoryJson(const AirTargetReport& r, Json* doc) {
  Json targets = Json::array();
  for (const PercentileTarget& t : r.percentile_targets) {
    targets.push_back({{"pollutant", air::PollutantKey(t.pollutant)},
                       {"percentile", t.rank},
                       {"target", FormatRounded(t.target, t.decimals)},
                       {"ytd_days", t.ytd_days},
                       {"ytd", Num(t.ytd, t.decimals)},
                       {"last_year_ytd", Num(t.last_year_ytd, t.decimals)},
                       {"last_year_annual", Num(t.last_year_annual, t.decimals)},
                       {"exceedance_days", t.exceedance_days},
                       {"risk", t.risk}});
  }
  (*doc)["percentile_targets"] = targets;
  Json trajectories = Json::array();
  for (const TargetTrajectory& t : r.trajectories) {
    Json now = Json::array(), before = Json::array();
    for (const auto& v : t.this_year) now.push_back(Num(v, t.decimals));
    for (const auto& v : t.last_year) before.push_back(Num(v, t.decimals));
    trajectories.push_back({{"pollutant", air::PollutantKey(t.pollutant)},
                            {"figure", t.percentile ? "percentile" : "mean"},
                            {"target", FormatRounded(t.target, t.decimals)},
                            {"this_year", now},
                            {"last_year", before}});
  }
  (*doc)["trajectories"] = trajectories;
}

}  // namespace ecociv::warning
