// Air commands (HJ 633 AQI, HJ 663 statistics, GB/T 8170 rounding):
//   edition <id>                           the AQI edition of the lines after it
//   iaqi <table> <C> => <IAQI or NA>
//   hourly <pollutant>=<C>… => aqi= level= category= primary= exceeding= iaqi_<x>=
//   daily <indicator>=<C>… => (the same keys)
//   level <AQI> => level= category= category_en= colour=
//   percentile <p> : <x1> <x2>… => <exact value>
//   composite <pollutant>=<C>… => <index>  (ranking-2014 profile)
//   round <value> <decimals> => <text>
// A concentration is an exact decimal, `NA` missing, `/` not monitored.
#include "command_table.h"
#include "ecociv/air/assessment.h"
#include "ecociv/air/daily.h"
#include "ecociv/air/hourly.h"
#include "ecociv/air/iaqi.h"
#include "ecociv/core/text_input.h"

namespace ecociv::golden {
namespace {

using namespace ecociv::air;

StatusOr<const AirStandards*> Standards() {
  static const StatusOr<AirStandards> standards = AirStandards::Load();
  if (!standards.ok()) return standards.status();
  return &*standards;
}

StatusOr<const AqiEdition*> Edition(const Context& ctx) {
  const std::string* id = ctx.Get("edition");
  if (id == nullptr) return InvalidArgumentError("no 'edition' line before");
  auto standards = Standards();
  if (!standards.ok()) return standards.status();
  return (*standards)->FindAqi(*id);
}

// An exact decimal with at most `decimals` decimals.
StatusOr<Ratio> Decimal(const std::string& text, int decimals) {
  int64_t scaled = 0;
  bool rounded = false;
  if (!ParseScaledDecimal(text, decimals, &scaled, &rounded) || rounded) {
    return InvalidArgumentError("not a decimal with at most " + std::to_string(decimals) +
                                " decimals: '" + text + "'");
  }
  return Ratio::Scaled(scaled, decimals);
}

std::string IaqiText(int16_t iaqi) { return iaqi == kNoIaqi ? "NA" : std::to_string(iaqi); }

std::set<std::string> MaskNames(IndicatorMask mask) {
  std::set<std::string> out;
  for (int i = 0; i < kIndicatorCount; ++i) {
    if (mask & MaskOf(Indicator(i))) out.insert(std::string(IndicatorDisplay(Indicator(i))));
  }
  return out;
}

// The keys of an hourly or daily AQI result. `iaqi_o3` is the O3 1-hour IAQI.
Results AqiResults(const AqiResult& r) {
  Results out;
  out.values["aqi"] = Value::Text(IaqiText(r.aqi));
  if (r.aqi != kNoIaqi) {
    out.values["level"] = Value::Text(std::to_string(LevelOf(r.aqi).level));
    out.values["category"] = Value::Text(std::string(LevelOf(r.aqi).category_zh));
  }
  out.values["primary"] = Value::Set(MaskNames(r.primary));
  out.values["exceeding"] = Value::Set(MaskNames(r.exceeding));
  for (int i = 0; i < kIndicatorCount; ++i) {
    out.values["iaqi_" + std::string(IndicatorKey(Indicator(i)))] =
        Value::Text(IaqiText(r.iaqi[i]));
  }
  out.values["iaqi_o3"] = out.values["iaqi_o3_1h"];
  return out;
}

StatusOr<Results> EditionLine(const Record& r, Context& ctx) {
  if (Status s = ArgCount(r, 1, 1); !s.ok()) return s;
  auto standards = Standards();
  if (!standards.ok()) return standards.status();
  if ((*standards)->FindAqi(r.args[0]) == nullptr) {
    return InvalidArgumentError("unknown AQI edition " + r.args[0]);
  }
  ctx.Set("edition", r.args[0]);
  return Results{};
}

StatusOr<Results> IaqiLine(const Record& r, Context& ctx) {
  if (Status s = ArgCount(r, 2, 2); !s.ok()) return s;
  auto edition = Edition(ctx);
  if (!edition.ok()) return edition.status();
  int table = (*edition)->FindTable(r.args[0]);
  Pollutant p;
  if (table < 0 || !ParsePollutantKey(r.args[0].substr(0, r.args[0].find('_')), &p)) {
    return InvalidArgumentError("unknown IAQI table " + r.args[0]);
  }
  auto c = Decimal(r.args[1], 6);
  if (!c.ok()) return c.status();
  bool above = false;
  Results out;
  out.values[""] = Value::Text(
      IaqiText(IaqiOnTable(**edition, table, ConcentrationForIaqi(**edition, p, *c), &above)));
  return out;
}

// One hour of the real-time report from 1-hour values.
StatusOr<Results> HourlyLine(const Record& r, Context& ctx) {
  auto edition = Edition(ctx);
  auto in = ArgPairs(r);
  if (!edition.ok() || !in.ok()) return edition.ok() ? in.status() : edition.status();
  HourlySeries s;
  s.first_label = (*edition)->applies_from + 24 * 40;  // any hour the edition covers
  s.hours = 1;
  std::set<std::string> known;
  for (Pollutant p : kAllPollutants) {
    std::string key(PollutantKey(p));
    known.insert(key);
    HourlyColumn& c = s.columns[int(p)];
    c.num = {0};
    c.valid = {0};
    c.not_monitored = {0};
    auto it = in->find(key);
    if (it == in->end() || it->second == "NA") continue;
    if (it->second == "/") {
      c.not_monitored[0] = 1;
      continue;
    }
    int64_t scaled = 0;
    bool rounded = false;
    if (!ParseScaledDecimal(it->second, kConcentrationDecimals, &scaled, &rounded) || rounded) {
      return InvalidArgumentError("bad concentration " + key + "=" + it->second);
    }
    c.num[0] = scaled;
    c.valid[0] = 1;
  }
  if (Status k = KnownKeys(*in, known); !k.ok()) return k;
  auto standards = Standards();
  auto results = ComputeHourly(s, **standards, (*edition)->id);
  if (!results.ok()) return results.status();
  return AqiResults((*results)[0].aqi);
}

// One day of the daily report from daily values.
StatusOr<Results> DailyLine(const Record& r, Context& ctx) {
  auto edition = Edition(ctx);
  auto in = ArgPairs(r);
  if (!edition.ok() || !in.ok()) return edition.ok() ? in.status() : edition.status();
  DailyRecord d;
  d.edition = *edition;
  IndicatorMask not_monitored = 0;
  std::set<std::string> known;
  for (int i = 0; i < kIndicatorCount; ++i) {
    std::string key(IndicatorKey(Indicator(i)));
    known.insert(key);
    auto it = in->find(key);
    if (it == in->end() || it->second == "NA") continue;
    if (it->second == "/") {
      not_monitored |= MaskOf(Indicator(i));
      continue;
    }
    auto value = Decimal(it->second, 6);
    if (!value.ok()) return value.status();
    d.value[i] = *value;
  }
  if (Status k = KnownKeys(*in, known); !k.ok()) return k;
  ScoreDailyValues(**edition, not_monitored, &d);
  return AqiResults(d.aqi);
}

StatusOr<Results> LevelLine(const Record& r, Context&) {
  if (Status s = ArgCount(r, 1, 1); !s.ok()) return s;
  auto aqi = ParseInteger(r.args[0], 0, 500, "AQI");
  if (!aqi.ok()) return aqi.status();
  const AqiLevel& level = LevelOf(static_cast<int>(*aqi));
  Results out;
  out.values["level"] = Value::Text(std::to_string(level.level));
  out.values["category"] = Value::Text(std::string(level.category_zh));
  out.values["category_en"] = Value::Text(std::string(level.category_en));
  out.values["colour"] = Value::Text(std::string(level.colour_hex));
  return out;
}

// percentile <p> : <values…>; compared exactly.
StatusOr<Results> PercentileLine(const Record& r, Context&) {
  if (r.args.size() < 3 || r.args[1] != ":") {
    return InvalidArgumentError("expected 'percentile <p> : <x1> <x2> …'");
  }
  auto p = ParseInteger(r.args[0], 0, 100, "percentile");
  if (!p.ok()) return p.status();
  std::vector<Ratio> values;
  for (size_t i = 2; i < r.args.size(); ++i) {
    auto v = Decimal(r.args[i], 6);
    if (!v.ok()) return v.status();
    values.push_back(*v);
  }
  Results out;
  out.values[""] = Value::Exact(Percentile(values, static_cast<int>(*p)));
  return out;
}

StatusOr<Results> CompositeLine(const Record& r, Context&) {
  auto in = ArgPairs(r);
  auto standards = Standards();
  if (!in.ok() || !standards.ok()) return in.ok() ? standards.status() : in.status();
  const AssessmentRules& rules = (*standards)->assessment();
  const auto& profile = rules.composite_profiles.at("ranking-2014");
  Ratio sum = Ratio::Integer(0);
  std::set<std::string> known;
  for (Pollutant p : kAllPollutants) {
    std::string key(PollutantKey(p));
    known.insert(key);
    auto it = in->find(key);
    if (it == in->end()) return InvalidArgumentError("missing " + key);
    auto value = Decimal(it->second, 6);
    if (!value.ok()) return value.status();
    const CompositeTerm& term = profile[int(p)];
    sum = sum + *value * Ratio::Integer(term.weight) / Ratio::Concentration(term.denominator);
  }
  if (Status k = KnownKeys(*in, known); !k.ok()) return k;
  Results out;
  out.values[""] = Value::Text(FormatRounded(sum, rules.composite_index_decimals));
  return out;
}

StatusOr<Results> RoundLine(const Record& r, Context&) {
  if (Status s = ArgCount(r, 2, 2); !s.ok()) return s;
  auto value = Decimal(r.args[0], 12);
  auto decimals = ParseInteger(r.args[1], 0, 12, "decimals");
  if (!value.ok() || !decimals.ok()) return value.ok() ? decimals.status() : value.status();
  Results out;
  out.values[""] = Value::Text(FormatRounded(*value, static_cast<int>(*decimals)));
  return out;
}

}  // namespace

void AddAirCommands(CommandTable* table) {
  table->Add("edition", {true, EditionLine});
  table->Add("iaqi", {false, IaqiLine});
  table->Add("hourly", {false, HourlyLine});
  table->Add("daily", {false, DailyLine});
  table->Add("level", {false, LevelLine});
  table->Add("percentile", {false, PercentileLine});
  table->Add("composite", {false, CompositeLine});
  table->Add("round", {false, RoundLine});
}

}  // namespace ecociv::golden
