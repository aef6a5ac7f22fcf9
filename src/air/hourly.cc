#include "ecociv/air/hourly.h"

namespace ecociv::air {
namespace {

const Validity kDefaultValidity;

const Validity& ValidityOf(const AirStandards& standards, const AqiEdition& edition) {
  const LimitsEdition* limits = standards.FindLimits(edition.paired_limits);
  return limits ? limits->validity : kDefaultValidity;
}

// The value an indicator rule reads at hour h, if valid.
bool SourceValue(const HourlyColumn& column, ValueSource source, int32_t h,
                 const Validity& validity, Ratio* out) {
  switch (source) {
    case ValueSource::kHour:
      if (!column.valid[h]) return false;
      *out = column.At(h);
      return true;
    case ValueSource::kMoving24h:
      return column.MovingMean(h, 24, validity.min_hours_per_day, out);
    case ValueSource::kMoving8h:
      return column.MovingMean(h, 8, validity.min_hours_per_8h, out);
    default:
      return false;  // daily sources are not used in the hourly report
  }
}

int16_t HourlyIaqi(const HourlySeries& series, const AqiEdition& edition, const Validity& validity,
                   Indicator indicator, int32_t h, const AqiResult& so_far) {
  const IndicatorRule& rule = edition.hourly[int(indicator)];
  Pollutant p = PollutantOf(indicator);
  Ratio value;
  if (!SourceValue(series.columns[int(p)], rule.source, h, validity, &value)) return kNoIaqi;
  bool above = false;
  int16_t iaqi = IaqiOnTable(edition, rule.table, ConcentrationForIaqi(edition, p, value), &above);
  if (!above) return iaqi;
  if (indicator == Indicator::kSO2) {
    switch (edition.so2_1h_above_table) {
      case So2HighRule::kFixed200:
        return 200;
      case So2HighRule::kFallback1hOn24hTable: {
        int table = edition.FindTable("so2_24h");
        if (table < 0) return kNoIaqi;
        return IaqiOnTable(edition, table, ConcentrationForIaqi(edition, p, value), &above);
      }
      case So2HighRule::kFallback24hMoving: {
        int table = edition.FindTable("so2_24h");
        Ratio mean;
        if (table < 0 ||
            !series.columns[int(p)].MovingMean(h, 24, validity.min_hours_per_day, &mean)) {
          return kNoIaqi;
        }
        return IaqiOnTable(edition, table, ConcentrationForIaqi(edition, p, mean), &above);
      }
      case So2HighRule::kNa:
        return kNoIaqi;
    }
  }
  if (indicator == Indicator::kO3_8h) {
    switch (edition.o3_8h_above_table) {
      case O3HighRule::kFixed300:
        return 300;
      case O3HighRule::kFallbackO3_1h:
        return so_far.iaqi[int(Indicator::kO3_1h)];
      case O3HighRule::kNa:
        return kNoIaqi;
    }
  }
  return kNoIaqi;
}

}  // namespace

IndicatorMask ExpectedIndicators(const std::array<IndicatorRule, kIndicatorCount>& rules) {
  IndicatorMask mask = 0;
  for (int i = 0; i < kIndicatorCount; ++i) {
    if (rules[i].source != ValueSource::kNone) mask |= MaskOf(Indicator(i));
  }
  return mask;
}

Ratio ConcentrationForIaqi(const AqiEdition& edition, Pollutant p, const Ratio& value) {
  if (!edition.round_concentrations) return value;
  int decimals = edition.decimals[int(p)];
  return Ratio::Unreduced(RoundHalfEven(value, decimals), Pow10(decimals));
}

namespace {

StatusOr<std::vector<HourlyResult>> ComputeHourlyExact(const HourlySeries& series,
                                                       const AirStandards& standards,
                                                       const std::string& forced_edition) {
  std::vector<HourlyResult> out(series.hours);
  const AqiEdition* edition = nullptr;
  IndicatorMask expected = 0;
  const Validity* validity = &kDefaultValidity;
  // O3 8-h may fall back on O3 1-h, so O3 1-h is computed first.
  static constexpr Indicator kOrder[] = {Indicator::kSO2,   Indicator::kNO2,   Indicator::kCO,
                                         Indicator::kO3_1h, Indicator::kO3_8h, Indicator::kPM10,
                                         Indicator::kPM25};
  for (int32_t h = 0; h < series.hours; ++h) {
    HourLabel label = series.first_label + h;
    if (!edition || label < edition->applies_from || label >= edition->applies_until ||
        (!forced_edition.empty() && forced_edition != "auto")) {
      if (!edition || forced_edition.empty() || forced_edition == "auto") {
        ECOCIV_ASSIGN_OR_RETURN(edition, standards.AqiFor(label, forced_edition));
        expected = ExpectedIndicators(edition->hourly);
        validity = &ValidityOf(standards, *edition);
      }
    }
    HourlyResult& r = out[h];
    r.label = label;
    r.edition = edition;
    IndicatorMask expected_now = expected;
    if (edition->not_in_plan_exempt) {
      for (Indicator indicator : kOrder) {
        const HourlyColumn& c = series.columns[int(PollutantOf(indicator))];
        if (!c.not_monitored.empty() && c.not_monitored[h]) expected_now &= ~MaskOf(indicator);
      }
    }
    for (Indicator indicator : kOrder) {
      if (!(expected_now & MaskOf(indicator))) continue;
      r.aqi.iaqi[int(indicator)] = HourlyIaqi(series, *edition, *validity, indicator, h, r.aqi);
    }
    CombineIaqi(*edition, expected_now, &r.aqi);
  }
  return out;
}

}  // namespace

StatusOr<std::vector<HourlyResult>> ComputeHourly(const HourlySeries& series,
                                                  const AirStandards& standards,
                                                  const std::string& forced_edition) {
  return WithOverflowCheck("hourly AQI of " + series.id,
                           [&] { return ComputeHourlyExact(series, standards, forced_edition); });
}

}  // namespace ecociv::air
