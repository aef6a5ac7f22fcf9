// Water notice and allowance commands (tests/golden/README.md, "Water notices
// and allowance"):
//   water-trend points=<day>:<value>;… limit=<L> => slope_per_day= fitted_last=
//       crossing_day=                 the least-squares line and where it passes L
//   water-notices as_of=<date> [periods=<block>] => <section>=<codes> <section>.<code>.<item>.<arg>=…
//       the `rules` block (a water warning rule file) evaluated on the
//       `sections` and `samples` blocks; only its notices are reported
//   water-allowance year=<Y> as_of=<date> => <section>.month.<m>=<class>
//       <section>.<item>.{ytd_mean,limit,remaining,allowance (as printed),
//       allowance_exact (p/q),inclusive,state}
//   water-campaign id=<campaign> as_of=<date> => <section>.<phase>.{class,months,
//       months_III,months_worse_than_V} <phase>.{sections,III,share,worse_than_V,
//       months,months_III,month_share,share_text}   the `periods` block's campaign
//       on the `sections` and `samples` blocks (water/campaign_report.h);
//       <phase> is before or during; share and month_share as p/q, share_text as printed
#include <optional>

#include "command_table.h"
#include "ecociv/warning/air_targets.h"
#include "ecociv/warning/water_allowance.h"
#include "ecociv/warning/water_notices.h"
#include "ecociv/water/campaign_report.h"
#include "ecociv/water/report.h"

namespace ecociv::golden {
namespace {

StatusOr<const water::WaterRules*> Rules() {
  static const StatusOr<water::WaterRules> rules = water::WaterRules::Load("");
  if (!rules.ok()) return rules.status();
  return &*rules;
}

StatusOr<water::SampleSet> Samples(Context& ctx, const water::WaterRules& rules) {
  auto sections = ctx.Block("sections");
  auto samples = ctx.Block("samples");
  if (!sections.ok()) return sections.status();
  if (!samples.ok()) return samples.status();
  water::SampleSet set;
  auto parsed = water::ParseSections(*sections, ctx.BlockSource("sections"));
  if (!parsed.ok()) return parsed.status();
  set.sections = std::move(*parsed);
  if (Status s = water::ParseSamples(*samples, ctx.BlockSource("samples"), rules, &set); !s.ok()) {
    return s;
  }
  return set;
}

StatusOr<Results> TrendLine(const Record& r, Context&) {
  auto in = ArgPairs(r);
  if (!in.ok()) return in.status();
  if (Status s = KnownKeys(*in, {"points", "limit"}); !s.ok()) return s;
  if (!in->count("points") || !in->count("limit")) return InvalidArgumentError("points= limit=");
  std::vector<warning::TrendPoint> points;
  for (const std::string& p : SplitList(in->at("points"))) {
    size_t colon = p.find(':');
    if (colon == std::string::npos) return InvalidArgumentError("a point is <date>:<value>");
    auto day = ParseDate(p.substr(0, colon));
    auto value = ParseExact(p.substr(colon + 1));
    if (!day.ok()) return day.status();
    if (!value.ok()) return value.status();
    Ratio scaled = *value * Ratio::Integer(water::kWaterScale);
    if (scaled.den != 1) return InvalidArgumentError("at most 6 decimals: " + p);
    points.push_back({*day, static_cast<int64_t>(scaled.num)});
  }
  auto limit = ParseExact(in->at("limit"));
  if (!limit.ok()) return limit.status();
  Ratio scaled_limit = *limit * Ratio::Integer(water::kWaterScale);
  auto p = warning::ProjectTrend(points, static_cast<int64_t>(scaled_limit.num));
  Results out;
  out.absent = "-";
  if (!p) return out;
  out.values["slope_per_day"] = Value::Exact(p->slope_per_day);
  out.values["fitted_last"] = Value::Exact(p->fitted_last);
  if (p->crossing_day) out.values["crossing_day"] = Value::Text(FormatDate(*p->crossing_day));
  return out;
}

StatusOr<Results> NoticesLine(const Record& r, Context& ctx) {
  auto in = ArgPairs(r);
  if (!in.ok()) return in.status();
  if (Status s = KnownKeys(*in, {"as_of", "periods"}); !s.ok()) return s;
  if (!in->count("as_of")) return InvalidArgumentError("as_of= is needed");
  // periods=<block>: the water periods (config/water-periods.toml's shape) that
  // tighten the notice rules while they last.
  std::optional<water::WaterPeriods> periods;
  if (in->count("periods")) {
    auto text = ctx.Block(in->at("periods"));
    if (!text.ok()) return text.status();
    auto parsed = water::ParseWaterPeriods(*text, ctx.BlockSource(in->at("periods")));
    if (!parsed.ok()) return parsed.status();
    periods = std::move(*parsed);
  }
  auto as_of = ParseDate(in->at("as_of"));
  if (!as_of.ok()) return as_of.status();
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  auto set = Samples(ctx, **rules);
  if (!set.ok()) return set.status();
  auto text = ctx.Block("rules");
  if (!text.ok()) return text.status();
  auto rule_set = warning::ParseWarningRules(*text, ctx.BlockSource("rules"));
  if (!rule_set.ok()) return rule_set.status();
  rule_set->early_notice = false;  // the notice rules alone
  water::SectionSamples index = water::IndexSamples(*set);
  warning::WaterEvaluation e;
  warning::AddLimitNotices(**rules, *rule_set, *set, index, *as_of, &e,
                           periods ? &*periods : nullptr);
  Results out;
  out.absent = "-";
  for (const warning::WaterFinding& f : e.early_notices) {
    std::vector<std::string> codes;
    for (const warning::Message& m : f.trigger) {
      codes.push_back(m.code);
      std::string item;
      for (const auto& [key, value] : m.args) {
        if (key == "item") item = value;
      }
      for (const auto& [key, value] : m.args) {
        if (key != "item") out.values[f.section_id + "." + m.code + "." + item + "." + key] =
            Value::Text(value);
      }
    }
    out.values[f.section_id] = Value::Text(JoinList(codes));
    out.values[f.section_id + ".level"] = Value::Text(f.level_id);
  }
  return out;
}

StatusOr<Results> AllowanceLine(const Record& r, Context& ctx) {
  auto in = ArgPairs(r);
  if (!in.ok()) return in.status();
  if (Status s = KnownKeys(*in, {"year", "as_of"}); !s.ok()) return s;
  if (!in->count("year") || !in->count("as_of")) return InvalidArgumentError("year= as_of=");
  auto year = ParseInteger(in->at("year"), 2000, 2100, "year");
  auto as_of = ParseDate(in->at("as_of"));
  if (!year.ok()) return year.status();
  if (!as_of.ok()) return as_of.status();
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  auto set = Samples(ctx, **rules);
  if (!set.ok()) return set.status();
  water::SectionSamples index = water::IndexSamples(*set);
  auto report = warning::ComputeWaterAllowance(**rules, *set, index, static_cast<int>(*year),
                                               *as_of);
  if (!report.ok()) return report.status();
  Results out;
  out.absent = "-";
  out.values["months_left"] = Value::Text(std::to_string(report->months_left));
  for (const warning::SectionAllowance& s : report->sections) {
    const std::string id = set->sections[s.section].id;
    for (const warning::MonthProgress& m : s.months) {
      out.values[id + ".month." + std::to_string(m.month)] =
          Value::Text(m.ytd_class ? water::ClassLabel(*m.ytd_class) : "-");
    }
    for (const warning::ItemAllowance& a : s.items) {
      const water::WaterItem& item = (*rules)->item(a.item);
      const std::string p = id + "." + item.id + ".";
      out.values[p + "ytd_mean"] = Value::Exact(a.ytd_mean);
      out.values[p + "limit"] = Value::Exact(water::WaterValue(a.limit));
      out.values[p + "remaining"] = Value::Text(std::to_string(a.remaining));
      out.values[p + "state"] = Value::Text(a.state);
      if (a.allowance) {
        out.values[p + "allowance"] = Value::Text(warning::AllowanceDisplay(**rules, a));
        out.values[p + "allowance_exact"] = Value::Text(warning::ExactFraction(*a.allowance));
        out.values[p + "inclusive"] = Value::Text(a.inclusive ? "yes" : "no");
      }
    }
  }
  return out;
}

StatusOr<Results> CampaignLine(const Record& r, Context& ctx) {
  auto in = ArgPairs(r);
  if (!in.ok()) return in.status();
  if (Status s = KnownKeys(*in, {"id", "as_of"}); !s.ok()) return s;
  if (!in->count("id") || !in->count("as_of")) return InvalidArgumentError("id= as_of=");
  auto as_of = ParseDate(in->at("as_of"));
  if (!as_of.ok()) return as_of.status();
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  auto set = Samples(ctx, **rules);
  if (!set.ok()) return set.status();
  auto text = ctx.Block("periods");
  if (!text.ok()) return text.status();
  auto periods = water::ParseWaterPeriods(*text, ctx.BlockSource("periods"));
  if (!periods.ok()) return periods.status();
  auto campaign = periods->FindCampaign(in->at("id"));
  if (!campaign.ok()) return campaign.status();
  water::SectionSamples index = water::IndexSamples(*set);
  auto report = water::ComputeCampaignReport(**rules, *set, index, **campaign, *as_of);
  if (!report.ok()) return report.status();
  Results out;
  out.absent = "-";
  auto phase = [&](const std::string& p, const water::CampaignPhase& f) {
    if (!f.started) return;
    out.values[p + ".class"] = Value::Text(f.cls ? water::ClassLabel(*f.cls) : "-");
    out.values[p + ".months"] = Value::Text(std::to_string(f.months));
    out.values[p + ".months_III"] = Value::Text(std::to_string(f.months_good));
    out.values[p + ".months_worse_than_V"] = Value::Text(std::to_string(f.months_worse_than_v));
  };
  for (const water::CampaignSectionRow& row : report->rows) {
    const std::string id = set->sections[row.section].id;
    phase(id + ".before", row.before);
    phase(id + ".during", row.during);
  }
  auto total = [&](const std::string& p, const water::CampaignTotals& t) {
    out.values[p + ".sections"] = Value::Text(std::to_string(t.sections));
    out.values[p + ".III"] = Value::Text(std::to_string(t.good));
    out.values[p + ".worse_than_V"] = Value::Text(std::to_string(t.worse_than_v));
    out.values[p + ".months"] = Value::Text(std::to_string(t.months));
    out.values[p + ".months_III"] = Value::Text(std::to_string(t.months_good));
    if (t.share_good) {
      out.values[p + ".share"] = Value::Text(warning::ExactFraction(*t.share_good));
      out.values[p + ".share_text"] = Value::Text(
          FormatRounded(*t.share_good, (*rules)->options().share_decimals));
    }
    if (t.month_share_good) {
      out.values[p + ".month_share"] = Value::Text(warning::ExactFraction(*t.month_share_good));
    }
  };
  total("before", report->before_total);
  if (report->started) total("during", report->during_total);
  return out;
}

}  // namespace

void AddWaterNoticeCommands(CommandTable* table) {
  table->Add("water-campaign", {false, CampaignLine});
  table->Add("water-trend", {false, TrendLine});
  table->Add("water-notices", {false, NoticesLine});
  table->Add("water-allowance", {false, AllowanceLine});
}

}  // namespace ecociv::golden
