// Air target progress (see air_targets.h and docs/warning.md).
#include "ecociv/warning/air_targets.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "air_target_trajectory.h"
#include "ecociv/air/assessment.h"

namespace ecociv::warning {

StatusOr<air::PeriodAssessment> AssessTargetPeriod(const std::vector<air::DailyRecord>& days,
                                                   const air::AirStandards& standards,
                                                   const AirTargetOptions& o, DayNumber from,
                                                   DayNumber to) {
  air::PeriodOptions p;
  p.from = from;
  p.to = to;
  p.area_class = o.area_class;
  p.forced_edition = o.forced_edition;
  p.dust_days = o.dust_days;
  return air::AssessPeriod(days, standards, p);
}

namespace {

using air::Pollutant;
using Json = nlohmann::ordered_json;

DayNumber Shift(DayNumber day, int years) {
  CivilDate d = CivilFromDays(day);
  d.year += years;
  d.day = std::min(d.day, DaysInMonth(d.year, d.month));
  return DaysFromCivil(d);
}

int Decimals(const air::AirStandards& standards, Pollutant p) {
  const air::AssessmentRules& rules = standards.assessment();
  return p == Pollutant::kCO ? rules.co_decimals : rules.concentration_decimals;
}

// Risk of a "lower is better" allowance against what the rest needs.
std::string Risk(const Ratio& allowance, const std::optional<Ratio>& needed) {
  if (allowance.num < 0) return "missed";
  if (!needed) return "unknown";
  if (allowance < *needed) return "high";
  if (allowance < *needed * Ratio::Of(11, 10)) return "medium";
  return "low";
}

struct Periods {
  DayNumber first, as_of, last;
};

Periods PeriodsOf(int year, DayNumber as_of) {
  return {DaysFromCivil({year, 1, 1}), as_of, DaysFromCivil({year, 12, 31})};
}

// Earlier years of the data, latest first: the same period, the rest, the year.
std::vector<int> EarlierYears(const std::vector<air::DailyRecord>& days, int year) {
  std::vector<int> years;
  for (const air::DailyRecord& d : days) {
    int y = CivilFromDays(d.day).year;
    if (y < year && std::find(years.begin(), years.end(), y) == years.end()) years.push_back(y);
  }
  std::sort(years.rbegin(), years.rend());
  return years;
}

Status FillPollutant(const std::vector<air::DailyRecord>& days, const air::AirStandards& standards,
                     const AirTargetOptions& o, const air::PeriodAssessment& ytd, int days_left,
                     AirTargetReport* report) {
  for (Pollutant p : air::kAllPollutants) {
    const air::PollutantAssessment& pa = ytd.pollutants[int(p)];
    if (!pa.mean_limit || pa.valid_days == 0) continue;
    PollutantTarget t;
    t.pollutant = p;
    t.decimals = Decimals(standards, p);
    t.target = p == Pollutant::kPM25 && o.pm25_target ? *o.pm25_target
                                                      : Ratio::Concentration(*pa.mean_limit);
    t.ytd_days = pa.valid_days;
    t.ytd_mean = pa.mean;
    Ratio sum = pa.mean ? *pa.mean * Ratio::Integer(pa.valid_days) : Ratio::Integer(0);
    if (days_left > 0) {
      t.allowance = ComputeMeanAllowance(sum, pa.valid_days, days_left, t.target, t.decimals);
    }
    Ratio rest_sum = Ratio::Integer(0);
    int rest_years = 0;
    for (int y : EarlierYears(days, o.year)) {
      Periods e = PeriodsOf(y, Shift(o.as_of, y - o.year));
      HistoricalYear h;
      h.year = y;
      ECOCIV_ASSIGN_OR_RETURN(auto a, AssessTargetPeriod(days, standards, o, e.first, e.as_of));
      h.ytd = a.pollutants[int(p)].mean;
      if (e.as_of < e.last) {
        ECOCIV_ASSIGN_OR_RETURN(auto r,
                                AssessTargetPeriod(days, standards, o, e.as_of + 1, e.last));
        h.rest = r.pollutants[int(p)].mean;
      }
      ECOCIV_ASSIGN_OR_RETURN(auto full, AssessTargetPeriod(days, standards, o, e.first, e.last));
      h.annual = full.pollutants[int(p)].mean;
      if (h.rest) {
        rest_sum = rest_sum + *h.rest;
        ++rest_years;
      }
      t.history.push_back(h);
    }
    if (rest_years > 0) {
      t.historical_rest = rest_sum / Ratio::Integer(rest_years);
      if (days_left > 0) {
        t.projection = (sum + *t.historical_rest * Ratio::Integer(days_left)) /
                       Ratio::Integer(pa.valid_days + days_left);
      }
    }
    std::string name(air::PollutantDisplay(p));
    if (days_left == 0) {
      t.risk = t.ytd_mean && RoundedRatio(*t.ytd_mean, t.decimals) <= t.target ? "met" : "missed";
    } else {
      // Without history, the rest must at least do as well as the year so far.
      t.risk = Risk(t.allowance->value, t.historical_rest ? t.historical_rest : t.ytd_mean);
      if (t.risk == "missed") {
        report->warnings.push_back(
            {"air_target_missed",
             {{"pollutant", name}, {"target", FormatRounded(t.target, t.decimals)}}});
      } else if (t.historical_rest && t.allowance->value < *t.historical_rest) {
        report->warnings.push_back({"air_allowance_below_history",
                                    {{"pollutant", name},
                                     {"allowance", FloorText(t.allowance->value, 1)},
                                     {"historical", FormatRounded(*t.historical_rest, 1)}}});
      }
    }
    report->pollutants.push_back(std::move(t));
  }
  return Status::Ok();
}

Status FillGoodDays(const std::vector<air::DailyRecord>& days, const air::AirStandards& standards,
                    const AirTargetOptions& o, const air::PeriodAssessment& ytd, int days_left,
                    AirTargetReport* report) {
  const int decimals = standards.assessment().ratio_percent_decimals;
  GoodDayTarget g;
  g.target = *o.good_day_ratio_target;
  g.ytd_valid = ytd.days_valid;
  g.ytd_good = ytd.good_days;
  g.ytd_ratio = ytd.good_day_ratio;
  g.non_good_allowed = NonGoodDaysAllowed(g.ytd_good, g.ytd_valid, days_left, g.target, decimals);
  int rest_sum = 0, rest_years = 0;
  for (int y : EarlierYears(days, o.year)) {
    Periods e = PeriodsOf(y, Shift(o.as_of, y - o.year));
    if (e.as_of >= e.last) continue;
    ECOCIV_ASSIGN_OR_RETURN(auto r, AssessTargetPeriod(days, standards, o, e.as_of + 1, e.last));
    if (r.days_valid == 0) continue;
    HistoricalYear h;
    h.year = y;
    h.rest = r.good_day_ratio;
    // Scaled to the days left this year (earlier rests may have gaps).
    h.rest_non_good =
        static_cast<int>(FloorDiv(int128(r.days_valid - r.good_days) * days_left, r.days_valid));
    rest_sum += h.rest_non_good;
    ++rest_years;
    g.history.push_back(h);
  }
  if (rest_years > 0) {
    g.historical_rest_non_good = rest_sum / rest_years;
    int good = g.ytd_good + days_left - *g.historical_rest_non_good;
    if (g.ytd_valid + days_left > 0) {
      g.projection = Ratio::Of(int64_t(good) * 100, g.ytd_valid + days_left);
    }
  }
  if (g.non_good_allowed < 0) {
    g.risk = "missed";
    report->warnings.push_back(
        {"air_good_days_missed", {{"target", FormatRounded(g.target, decimals)}}});
  } else if (g.historical_rest_non_good) {
    int need = *g.historical_rest_non_good;
    g.risk = g.non_good_allowed < need             ? "high"
             : g.non_good_allowed * 10 < need * 11 ? "medium"
                                                   : "low";
    if (g.non_good_allowed < need) {
      report->warnings.push_back(
          {"air_good_days_below_history",
           {{"allowed", std::to_string(g.non_good_allowed)}, {"need", std::to_string(need)}}});
    }
  } else {
    g.risk = "unknown";
  }
  report->good_days = std::move(g);
  return Status::Ok();
}

// PM2.5's composite term for an annual mean `m` (rounded first when the
// assessment rules say so, as air::AssessPeriod does).
Ratio Pm25Term(const air::AssessmentRules& rules, const Ratio& m) {
  const air::CompositeTerm& term =
      rules.composite_profiles.at(rules.composite_profile)[int(Pollutant::kPM25)];
  Ratio c = rules.composite_round_first ? RoundedRatio(m, rules.concentration_decimals) : m;
  return c * Ratio::Integer(term.weight) / Ratio::Concentration(term.denominator);
}

// The highest PM2.5 annual mean on the report grid (10^-d) whose index
// `others` + term rounds to at most the target; nullopt when even 0 misses.
std::optional<Ratio> HighestPm25(const air::AssessmentRules& rules, const Ratio& others,
                                 const Ratio& target, int index_decimals) {
  const air::CompositeTerm& term =
      rules.composite_profiles.at(rules.composite_profile)[int(Pollutant::kPM25)];
  const int d = rules.concentration_decimals;
  auto meets = [&](const Ratio& m) {
    return RoundedRatio(others + Pm25Term(rules, m), index_decimals) <= target;
  };
  // Continuous bound, then step down the grid from just above it.
  Ratio bound = target + Ratio::Of(5, Pow10(index_decimals + 1));
  Ratio m = (bound - others) * Ratio::Concentration(term.denominator) / Ratio::Integer(term.weight);
  int64_t step = static_cast<int64_t>(FloorDiv(m.num * Pow10(d), m.den)) + 1;
  for (; step >= 0; --step) {
    Ratio candidate = Ratio::Of(step, Pow10(d));
    if (meets(candidate)) return candidate;
  }
  return std::nullopt;
}

void FillComposite(const air::AirStandards& standards, const AirTargetOptions& o,
                   const air::PeriodAssessment& ytd, int days_left, AirTargetReport* report) {
  const air::AssessmentRules& rules = standards.assessment();
  CompositeTarget c;
  c.target = *o.composite_target;
  c.decimals = rules.composite_index_decimals;
  c.ytd = ytd.composite_index;
  const air::PollutantAssessment& pm = ytd.pollutants[int(Pollutant::kPM25)];
  const PollutantTarget* pm25 = nullptr;
  for (const PollutantTarget& t : report->pollutants) {
    if (t.pollutant == Pollutant::kPM25) pm25 = &t;
  }
  if (!c.ytd || !pm.mean || !pm25) {
    c.risk = "unknown";
    report->composite = std::move(c);
    return;
  }
  c.others_ytd = *c.ytd - Pm25Term(rules, *pm.mean);
  c.historical_rest = pm25->historical_rest;
  if (pm25->projection) c.projection = *c.others_ytd + Pm25Term(rules, *pm25->projection);
  Ratio sum = *pm.mean * Ratio::Integer(pm.valid_days);
  if (rules.composite_round_first) {
    // The index moves in steps of the rounded PM2.5 mean: the allowance is
    // that of a PM2.5 annual target, exactly.
    c.pm25_annual_target = HighestPm25(rules, *c.others_ytd, c.target, c.decimals);
    if (c.pm25_annual_target && days_left > 0) {
      c.pm25_allowance = ComputeMeanAllowance(sum, pm.valid_days, days_left, *c.pm25_annual_target,
                                              rules.concentration_decimals);
    }
  } else if (days_left > 0) {
    // The index moves with the exact mean: bound it directly.
    const air::CompositeTerm& term =
        rules.composite_profiles.at(rules.composite_profile)[int(Pollutant::kPM25)];
    Ratio index_bound = c.target + Ratio::Of(5, Pow10(c.decimals + 1));
    Ratio pm_bound = (index_bound - *c.others_ytd) * Ratio::Concentration(term.denominator) /
                     Ratio::Integer(term.weight);
    if (pm_bound.num >= 0) {
      c.pm25_allowance = AllowanceBelow(sum, pm.valid_days, days_left, pm_bound,
                                        RoundedRatio(index_bound, c.decimals) <= c.target);
    }
  }
  if (days_left == 0) {
    c.risk = RoundedRatio(*c.ytd, c.decimals) <= c.target ? "met" : "missed";
  } else if (!c.pm25_allowance) {
    c.risk = "missed";
  } else {
    c.risk = Risk(c.pm25_allowance->value, c.historical_rest ? c.historical_rest : pm.mean);
  }
  std::string target = FormatRounded(c.target, c.decimals);
  if (c.risk == "missed" && days_left > 0) {
    report->warnings.push_back({"composite_target_missed", {{"target", target}}});
  } else if (c.pm25_allowance && c.historical_rest &&
             c.pm25_allowance->value < *c.historical_rest) {
    report->warnings.push_back({"composite_allowance_below_history",
                                {{"allowance", FloorText(c.pm25_allowance->value, 1)},
                                 {"historical", FormatRounded(*c.historical_rest, 1)}}});
  }
  report->composite = std::move(c);
}

Json Num(const std::optional<Ratio>& v, int decimals) {
  return v ? Json(FormatRounded(*v, decimals)) : Json(nullptr);
}

// The allowance as a page prints it: one decimal, rounded down, with "≤" when the printed
// value itself keeps the target (it is below the exact allowance, or equal to an inclusive
// one) and "<" otherwise; null when even a clean rest cannot meet the target.
void AddPublishedAllowance(const MeanAllowance& a, const char* key, Json* j) {
  if (a.value.num < 0) {
    (*j)[key] = nullptr;
    return;
  }
  std::string text = FloorText(a.value, 1);
  int64_t scaled = FloorDiv(a.value.num * Pow10(1), a.value.den);
  bool exact = Ratio::Scaled(scaled, 1) == a.value;
  (*j)[key] = {{"op", exact && !a.inclusive ? "<" : "≤"}, {"value", text}};
}

}  // namespace

std::string FloorText(const Ratio& v, int decimals) {
  return FormatScaled(static_cast<int64_t>(FloorDiv(v.num * Pow10(decimals), v.den)), decimals);
}

std::string ExactFraction(const Ratio& v) {
  return std::to_string(static_cast<long long>(v.num)) + "/" +
         std::to_string(static_cast<long long>(v.den));
}

MeanAllowance AllowanceBelow(const Ratio& sum, int n, int days_left, const Ratio& bound,
                             bool inclusive) {
  MeanAllowance a;
  a.bound = bound;
  a.inclusive = inclusive;
  a.value = (bound * Ratio::Integer(n + days_left) - sum) / Ratio::Integer(days_left);
  return a;
}

MeanAllowance ComputeMeanAllowance(const Ratio& sum, int n, int days_left, const Ratio& target,
                                   int decimals) {
  Ratio bound = target + Ratio::Of(5, Pow10(decimals + 1));
  return AllowanceBelow(sum, n, days_left, bound, RoundedRatio(bound, decimals) <= target);
}

int NonGoodDaysAllowed(int good, int valid, int days_left, const Ratio& target_percent,
                       int decimals) {
  for (int k = days_left; k >= 0; --k) {
    int total = valid + days_left;
    if (total == 0) return -1;
    Ratio ratio = Ratio::Of(int64_t(good + days_left - k) * 100, total);
    if (RoundedRatio(ratio, decimals) >= target_percent) return k;
  }
  return -1;
}

namespace {

StatusOr<AirTargetReport> ComputeAirTargetsExact(const std::vector<air::DailyRecord>& days,
                                                 const air::AirStandards& standards,
                                                 const AirTargetOptions& o) {
  Periods p = PeriodsOf(o.year, o.as_of);
  if (o.as_of < p.first || o.as_of > p.last) {
    return InvalidArgumentError("--as-of must fall in --year " + std::to_string(o.year));
  }
  AirTargetReport report;
  report.year = o.year;
  report.as_of = o.as_of;
  report.days_elapsed = o.as_of - p.first + 1;
  report.days_left = p.last - o.as_of;
  ECOCIV_ASSIGN_OR_RETURN(auto ytd, AssessTargetPeriod(days, standards, o, p.first, o.as_of));
  if (ytd.days_valid == 0) return InvalidArgumentError("no valid day in the year to date");
  report.notes = ytd.notes;
  report.notes.push_back("allowances assume every remaining day is valid");
  ECOCIV_RETURN_IF_ERROR(FillPollutant(days, standards, o, ytd, report.days_left, &report));
  ECOCIV_RETURN_IF_ERROR(AddPercentileTargetsAndTrajectories(days, standards, o, &report));
  if (o.good_day_ratio_target) {
    ECOCIV_RETURN_IF_ERROR(FillGoodDays(days, standards, o, ytd, report.days_left, &report));
  }
  report.composite_ytd = ytd.composite_index;
  if (o.composite_target) FillComposite(standards, o, ytd, report.days_left, &report);
  for (int y : EarlierYears(days, o.year)) {
    Periods e = PeriodsOf(y, Shift(o.as_of, y - o.year));
    ECOCIV_ASSIGN_OR_RETURN(auto a, AssessTargetPeriod(days, standards, o, e.first, e.as_of));
    HistoricalYear h;
    h.year = y;
    h.ytd = a.composite_index;
    report.composite_history.push_back(h);
  }
  return report;
}

}  // namespace

StatusOr<AirTargetReport> ComputeAirTargets(const std::vector<air::DailyRecord>& days,
                                            const air::AirStandards& standards,
                                            const AirTargetOptions& o) {
  return WithOverflowCheck("the air targets",
                           [&] { return ComputeAirTargetsExact(days, standards, o); });
}

std::string AirTargetsText(const AirTargetReport& r) {
  std::string out = r.city + " " + std::to_string(r.year) + " as of " + FormatDate(r.as_of) + ": " +
                    std::to_string(r.days_elapsed) + " days elapsed, " +
                    std::to_string(r.days_left) + " left\n";
  for (const PollutantTarget& t : r.pollutants) {
    out += "  " + std::string(air::PollutantDisplay(t.pollutant)) + ": ytd mean " +
           (t.ytd_mean ? FormatRounded(*t.ytd_mean, 1) : "n/a") + " (" +
           std::to_string(t.ytd_days) + " days), target " + FormatRounded(t.target, t.decimals);
    if (t.allowance) {
      out += ", rest of year " + std::string(t.allowance->inclusive ? "≤ " : "< ") +
             FloorText(t.allowance->value, 2);
    }
    if (t.projection) out += ", projection " + FormatRounded(*t.projection, 1);
    out += ", risk " + t.risk + "\n";
  }
  for (const PercentileTarget& t : r.percentile_targets) {
    std::string name(t.pollutant == air::Pollutant::kO3 ? "O3-8h"
                                                        : air::PollutantDisplay(t.pollutant));
    out += "  " + name + " P" + std::to_string(t.rank) + ": ytd " +
           (t.ytd ? FormatRounded(*t.ytd, t.decimals) : "n/a") + ", target " +
           FormatRounded(t.target, t.decimals) + ", last year same period " +
           (t.last_year_ytd ? FormatRounded(*t.last_year_ytd, t.decimals) : "n/a") + ", risk " +
           t.risk + "\n";
  }
  if (r.good_days) {
    const GoodDayTarget& g = *r.good_days;
    out += "  good days: " + std::to_string(g.ytd_good) + " of " + std::to_string(g.ytd_valid) +
           " (" + (g.ytd_ratio ? FormatRounded(*g.ytd_ratio, 1) : "n/a") + "%), target " +
           FormatRounded(g.target, 1) + "%, non-good days still allowed " +
           (g.non_good_allowed < 0 ? std::string("none (target missed)")
                                   : std::to_string(g.non_good_allowed)) +
           ", risk " + g.risk + "\n";
  }
  out += "  composite index ytd " + (r.composite_ytd ? FormatRounded(*r.composite_ytd, 2) : "n/a");
  for (const HistoricalYear& h : r.composite_history) {
    out += ", " + std::to_string(h.year) + " same period " +
           (h.ytd ? FormatRounded(*h.ytd, 2) : "n/a");
  }
  out += "\n";
  if (r.composite) {
    const CompositeTarget& c = *r.composite;
    out += "  composite index target " + FormatRounded(c.target, c.decimals) + " (" + c.method +
           "): other terms ytd " + (c.others_ytd ? FormatRounded(*c.others_ytd, 3) : "n/a");
    if (c.pm25_annual_target) {
      out += ", PM2.5 annual mean at most " + FormatRounded(*c.pm25_annual_target, 1);
    }
    if (c.pm25_allowance) {
      out += ", PM2.5 rest of year " + std::string(c.pm25_allowance->inclusive ? "≤ " : "< ") +
             FloorText(c.pm25_allowance->value, 2);
    }
    if (c.projection) out += ", projection " + FormatRounded(*c.projection, c.decimals);
    out += ", risk " + c.risk + "\n";
  }
  for (const Message& w : r.warnings) {
    out +=
        "  WARNING: " + Render(w, Language::kEn) + "\n  预警：" + Render(w, Language::kZh) + "\n";
  }
  return out;
}

std::string AirTargetsJson(const AirTargetReport& r) {
  Json doc;
  doc["city"] = r.city;
  doc["year"] = r.year;
  doc["as_of"] = FormatDate(r.as_of);
  doc["days_elapsed"] = r.days_elapsed;
  doc["days_left"] = r.days_left;
  Json pollutants = Json::array();
  for (const PollutantTarget& t : r.pollutants) {
    Json j;
    j["pollutant"] = air::PollutantKey(t.pollutant);
    j["target"] = FormatRounded(t.target, t.decimals);
    j["ytd_days"] = t.ytd_days;
    j["ytd_mean"] = Num(t.ytd_mean, 2);
    // As the assessment publishes it (the report decimals): the figure the
    // overview, the air assessment and the indicators show.
    j["ytd_mean_published"] = Num(t.ytd_mean, t.decimals);
    if (t.allowance) {
      j["allowance"] = FloorText(t.allowance->value, 4);  // rounded down
      j["allowance_exact"] = ExactFraction(t.allowance->value);
      AddPublishedAllowance(*t.allowance, "allowance_published", &j);
      j["allowance_inclusive"] = t.allowance->inclusive;
      j["annual_mean_bound"] = FormatRounded(t.allowance->bound, t.decimals + 1);
    } else {
      j["allowance"] = nullptr;
    }
    Json history = Json::array();
    for (const HistoricalYear& h : t.history) {
      history.push_back({{"year", h.year},
                         {"ytd_mean", Num(h.ytd, 2)},
                         {"rest_mean", Num(h.rest, 2)},
                         {"annual_mean", Num(h.annual, 2)}});
    }
    j["history"] = history;
    j["projection"] = Num(t.projection, 2);
    j["risk"] = t.risk;
    pollutants.push_back(j);
  }
  doc["pollutants"] = pollutants;
  if (r.good_days) {
    const GoodDayTarget& g = *r.good_days;
    doc["good_days"] = {{"target_percent", FormatRounded(g.target, 1)},
                        {"ytd_valid", g.ytd_valid},
                        {"ytd_good", g.ytd_good},
                        {"ytd_ratio", Num(g.ytd_ratio, 1)},
                        {"non_good_allowed", g.non_good_allowed},
                        {"projection", Num(g.projection, 1)},
                        {"risk", g.risk}};
  } else {
    doc["good_days"] = nullptr;
  }
  doc["composite_index_ytd"] = Num(r.composite_ytd, 2);
  Json ch = Json::array();
  for (const HistoricalYear& h : r.composite_history) {
    ch.push_back({{"year", h.year}, {"ytd", Num(h.ytd, 2)}});
  }
  doc["composite_history"] = ch;
  if (r.composite) {
    const CompositeTarget& c = *r.composite;
    Json j = {{"target", FormatRounded(c.target, c.decimals)},
              {"method", c.method},
              {"ytd", Num(c.ytd, c.decimals)},
              {"others_ytd", Num(c.others_ytd, 4)},
              {"pm25_annual_target", Num(c.pm25_annual_target, 1)}};
    if (c.pm25_allowance) {
      const Ratio& a = c.pm25_allowance->value;
      j["pm25_allowance"] = FloorText(a, 4);  // rounded down
      j["pm25_allowance_exact"] = ExactFraction(a);
      AddPublishedAllowance(*c.pm25_allowance, "pm25_allowance_published", &j);
      j["pm25_allowance_inclusive"] = c.pm25_allowance->inclusive;
    } else {
      j["pm25_allowance"] = nullptr;
    }
    j["historical_rest"] = Num(c.historical_rest, 2);
    j["projection"] = Num(c.projection, c.decimals);
    j["risk"] = c.risk;
    doc["composite"] = j;
  } else {
    doc["composite"] = nullptr;
  }
  Json zh = Json::array(), en = Json::array();
  for (const Message& w : r.warnings) {
    zh.push_back(Render(w, Language::kZh));
    en.push_back(Render(w, Language::kEn));
  }
  AddPercentileAndTrajectoryJson(r, &doc);
  doc["warnings"] = zh;
  doc["warnings_en"] = en;
  doc["notes"] = r.notes;
  return doc.dump(2) + "\n";
}

}  // namespace ecociv::warning
