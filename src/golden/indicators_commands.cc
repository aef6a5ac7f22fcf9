// Indicators commands (the demonstration-zone readiness verdict):
//   catalogue <name>          the name of the catalogue in `data catalogue`
//   profile level=<city|county> terrain=<plain|hill|mountain> coastal=<yes|no>
//   year <YYYY>               the year judged
//   data catalogue            a catalogue CSV (docs/indicators.md)
//   data values               indicator,year,value,status,source
//   data plan                 indicator,target,units,deadline
//   readiness => @<snapshot>  the readiness table (FormatReadinessText)
//   readiness => binding_met= binding_total= reference_met= reference_total=
//                no_data= unverified= can_apply=<yes|no>
//   indicator <id> => binding= verdict= value= target= gap= previous= trend= owner=
//                     plan_target=<yes|no>   (a result that is not there reads "-")
#include "command_table.h"
#include "ecociv/indicators/verdict.h"

namespace ecociv::golden {
namespace {

using namespace ecociv::indicators;

StatusOr<Results> CatalogueLine(const Record& r, Context& ctx) {
  if (Status s = ArgCount(r, 1, 1); !s.ok()) return s;
  ctx.Set("indicators.catalogue", r.args[0]);
  return Results{};
}

StatusOr<CityProfile> ProfileOf(const std::map<std::string, std::string>& in) {
  if (Status s = KnownKeys(in, {"level", "terrain", "coastal"}); !s.ok()) return s;
  CityProfile p;
  if (auto it = in.find("level"); it != in.end()) p.level = it->second;
  if (auto it = in.find("terrain"); it != in.end()) p.terrain = it->second;
  if (auto it = in.find("coastal"); it != in.end()) p.coastal = it->second == "yes";
  if (p.level != "city" && p.level != "county") return InvalidArgumentError("level: city|county");
  if (p.terrain != "plain" && p.terrain != "hill" && p.terrain != "mountain") {
    return InvalidArgumentError("terrain: plain|hill|mountain");
  }
  if (in.count("coastal") && in.at("coastal") != "yes" && in.at("coastal") != "no") {
    return InvalidArgumentError("coastal: yes|no");
  }
  return p;
}

StatusOr<Results> ProfileLine(const Record& r, Context& ctx) {
  auto in = ArgPairs(r);
  if (!in.ok()) return in.status();
  auto profile = ProfileOf(*in);
  if (!profile.ok()) return profile.status();
  ctx.Set("indicators.profile", JoinList(r.args, ' '));
  return Results{};
}

StatusOr<ValueTable> Values(Context& ctx) {
  auto rows = CsvRows(ctx, "values", {"indicator", "year", "value", "status", "source"});
  if (!rows.ok()) return rows.status();
  ValueTable t;
  for (const auto& f : *rows) {
    auto year = ParseInteger(f[1], 1900, 2200, "year");
    if (!year.ok()) return year.status().WithContext(ctx.BlockSource("values"));
    t[f[0]][static_cast<int>(*year)] = YearValue{f[2], f[4], f[3], "", "", "", "", ""};
  }
  return t;
}

StatusOr<PlanTable> Plan(Context& ctx) {
  PlanTable plan;
  if (!ctx.HasBlock("plan")) return plan;
  auto rows = CsvRows(ctx, "plan", {"indicator", "target", "units", "deadline"});
  if (!rows.ok()) return rows.status();
  for (const auto& f : *rows) plan[f[0]] = PlanEntry{f[1], f[2], f[3]};
  return plan;
}

struct ReadinessRun {
  Catalogue catalogue;
  Readiness readiness;
};

StatusOr<std::shared_ptr<ReadinessRun>> Evaluate(Context& ctx) {
  const std::string* name = ctx.Get("indicators.catalogue");
  const std::string* year = ctx.Get("year");
  if (name == nullptr || year == nullptr) {
    return InvalidArgumentError("no 'catalogue' or 'year' line before");
  }
  auto csv = ctx.Block("catalogue");
  if (!csv.ok()) return csv.status();
  auto run = std::make_shared<ReadinessRun>();
  auto catalogue = ParseCatalogue(*csv, *name, ctx.BlockSource("catalogue"));
  if (!catalogue.ok()) return catalogue.status();
  run->catalogue = std::move(*catalogue);
  auto values = Values(ctx);
  auto plan = Plan(ctx);
  if (!values.ok() || !plan.ok()) return values.ok() ? plan.status() : values.status();
  CityProfile profile;
  if (const std::string* text = ctx.Get("indicators.profile")) {
    Record words;
    words.args = SplitList(*text, ' ');
    profile = *ProfileOf(*ArgPairs(words));  // checked by `profile`
  }
  int y = static_cast<int>(*ParseInteger(*year, 1900, 2200, "year"));  // checked by `year`
  run->readiness = indicators::Evaluate(run->catalogue, profile, *values, *plan, y);
  return run;
}

StatusOr<const Readiness*> Judged(Context& ctx) {
  using Memo = StatusOr<std::shared_ptr<ReadinessRun>>;
  const Memo* run = ctx.Memo<Memo>("indicators");
  if (run == nullptr) run = ctx.PutMemo("indicators", std::make_shared<Memo>(Evaluate(ctx)));
  if (!run->ok()) return run->status();
  return &(**run)->readiness;
}

std::string YesNo(bool b) { return b ? "yes" : "no"; }

StatusOr<Results> ReadinessLine(const Record& r, Context& ctx) {
  if (Status s = ArgCount(r, 0, 0); !s.ok()) return s;
  auto readiness = Judged(ctx);
  if (!readiness.ok()) return readiness.status();
  const Summary& s = (*readiness)->summary;
  Results out;
  out.values[""] = Value::Text(FormatReadinessText(**readiness));
  out.values["binding_met"] = Value::Text(std::to_string(s.binding_met));
  out.values["binding_total"] = Value::Text(std::to_string(s.binding_total));
  out.values["reference_met"] = Value::Text(std::to_string(s.reference_met));
  out.values["reference_total"] = Value::Text(std::to_string(s.reference_total));
  out.values["no_data"] = Value::Text(std::to_string(s.no_data));
  out.values["unverified"] = Value::Text(std::to_string(s.unverified));
  out.values["can_apply"] = Value::Text(YesNo(s.can_apply));
  return out;
}

Results IndicatorResults(const IndicatorResult& x) {
  Results out;
  out.absent = "-";
  out.values["binding"] = Value::Text(x.binding);
  out.values["verdict"] = Value::Text(VerdictName(x.verdict));
  if (!x.value_text.empty()) out.values["value"] = Value::Text(x.value_text);
  if (x.target) out.values["target"] = Value::Exact(*x.target);
  if (x.gap) out.values["gap"] = Value::Exact(*x.gap);
  if (x.previous) out.values["previous"] = Value::Exact(*x.previous);
  if (!x.trend.empty()) out.values["trend"] = Value::Text(x.trend);
  out.values["owner"] = Value::Text(x.owner);
  out.values["plan_target"] = Value::Text(YesNo(x.plan_target));
  return out;
}

StatusOr<Results> IndicatorLine(const Record& r, Context& ctx) {
  if (Status s = ArgCount(r, 1, 1); !s.ok()) return s;
  auto readiness = Judged(ctx);
  if (!readiness.ok()) return readiness.status();
  for (const IndicatorResult& x : (*readiness)->results) {
    if (x.indicator->id == r.args[0]) return IndicatorResults(x);
  }
  return InvalidArgumentError("no indicator " + r.args[0] + " in the catalogue");
}

}  // namespace

void AddIndicatorsCommands(CommandTable* table) {
  table->Add("catalogue", {true, CatalogueLine});
  table->Add("profile", {true, ProfileLine});
  table->Add("readiness", {false, ReadinessLine});
  table->Add("indicator", {false, IndicatorLine});
}

}  // namespace ecociv::golden
