// HJ 212 commands (tests/golden/README.md, "HJ 212"):
//   water-day item=<id> hours=<hh>:<value>[:<flag>];… [ph_mean=arithmetic|hydrogen_ion]
//       [min_values=N] => value=<exact> used=<n> left_out=<n>
//       the daily value of one item of a section from its hourly packets (water_days.h):
//       hours in the order received (an hour given twice: the last counts); flags other
//       than N are left out; `value` is absent (`-`) when the item gets none.
#include "command_table.h"
#include "ecociv/hj212/water_days.h"

namespace ecociv::golden {
namespace {

StatusOr<const water::WaterRules*> Rules() {
  static const StatusOr<water::WaterRules> rules = water::WaterRules::Load("");
  if (!rules.ok()) return rules.status();
  return &*rules;
}

StatusOr<Results> WaterDayLine(const Record& r, Context&) {
  auto in = ArgPairs(r);
  if (!in.ok()) return in.status();
  if (Status s = KnownKeys(*in, {"item", "hours", "ph_mean", "min_values"}); !s.ok()) return s;
  if (!in->count("item") || !in->count("hours")) return InvalidArgumentError("item= hours=");
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  int item = (*rules)->IndexOf(in->at("item"));
  if (item < 0) return InvalidArgumentError("unknown item " + in->at("item"));
  hj212::WaterDayRules day;
  if (in->count("ph_mean")) {
    const std::string& m = in->at("ph_mean");
    if (m != "arithmetic" && m != "hydrogen_ion") return InvalidArgumentError("ph_mean: " + m);
    day.ph_hydrogen_ion = m == "hydrogen_ion";
  }
  if (in->count("min_values")) {
    auto n = ParseInteger(in->at("min_values"), 1, 24, "min_values");
    if (!n.ok()) return n.status();
    day.min_values = int(*n);
  }
  std::vector<hj212::WaterHourValue> hours;
  for (const std::string& h : SplitList(in->at("hours"))) {
    std::vector<std::string> parts = SplitList(h, ':');
    if (parts.size() < 2 || parts.size() > 3) {
      return InvalidArgumentError("an hour is <hh>:<value>[:<flag>]: " + h);
    }
    auto hour = ParseInteger(parts[0], 0, 23, "hour");
    auto value = ParseExact(parts[1]);
    if (!hour.ok()) return hour.status();
    if (!value.ok()) return value.status();
    Ratio scaled = *value * Ratio::Integer(water::kWaterScale);
    if (scaled.den != 1) return InvalidArgumentError("at most 6 decimals: " + h);
    char flag = parts.size() == 3 && parts[2].size() == 1 ? parts[2][0] : 'N';
    hours.push_back(
        {*hour * 3600, static_cast<int16_t>(item), static_cast<int64_t>(scaled.num), flag});
  }
  auto days = hj212::WaterDayMeans(**rules, day, "N", hours);
  Results out;
  out.absent = "-";
  if (days.empty()) return out;
  out.values["value"] = Value::Exact(Ratio::Scaled(days[0].value, water::kWaterDecimals));
  out.values["used"] = Value::Text(std::to_string(days[0].used));
  out.values["left_out"] = Value::Text(std::to_string(days[0].left_out));
  return out;
}

}  // namespace

void AddHj212Commands(CommandTable* table) { table->Add("water-day", {false, WaterDayLine}); }

}  // namespace ecociv::golden
