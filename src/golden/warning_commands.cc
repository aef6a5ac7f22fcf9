// Warning commands:
//   data days                       from,days,pm25,aqi: runs of equal daily records
//                                   (PM2.5 µg/m³ and the day's AQI) of one city,
//                                   under the AQI edition of the `edition` line
//   air-targets city= year= as_of= [pm25_target=] [good_days_target=] [composite_target=]
//       => @<snapshot>              the air target report (AirTargetsText)
//   water-warning-replay seed= data_years=<y;…> year= rule_sets=<name;…>
//       => @<snapshot> repeat_new_events=<n>
//     The synthetic demo city (`ecociv water demo-data`) of the data years
//     (the sections of the last one);
//     every rule set evaluated at each month end of `year` into one fresh
//     database. The main result is the evaluation summaries, a blank line and
//     the warning events in order; repeat_new_events counts the events a
//     second evaluation of the last month adds.
#include <cctype>
#include <cstdint>
#include <filesystem>

#include "command_table.h"
#include "ecociv/air/standards.h"
#include "ecociv/store/database.h"
#include "ecociv/warning/air_targets.h"
#include "ecociv/warning/workflow.h"
#include "ecociv/water/demo_city.h"

namespace ecociv::golden {
namespace {

StatusOr<const air::AirStandards*> Standards() {
  static const StatusOr<air::AirStandards> standards = air::AirStandards::Load();
  if (!standards.ok()) return standards.status();
  return &*standards;
}

StatusOr<const water::WaterRules*> WaterRules() {
  static const StatusOr<water::WaterRules> rules = water::WaterRules::Load("");
  if (!rules.ok()) return rules.status();
  return &*rules;
}

// The `days` block expanded to daily records.
StatusOr<std::vector<air::DailyRecord>> Days(Context& ctx, const air::AqiEdition* edition) {
  auto rows = CsvRows(ctx, "days", {"from", "days", "pm25", "aqi"});
  if (!rows.ok()) return rows.status();
  std::vector<air::DailyRecord> out;
  for (const auto& f : *rows) {
    auto from = ParseDate(f[0]);
    auto count = ParseInteger(f[1], 1, 3660, "days");
    auto pm25 = ParseExact(f[2]);
    auto aqi = ParseInteger(f[3], 0, 500, "aqi");
    for (const Status& s : {from.status(), count.status(), pm25.status(), aqi.status()}) {
      if (!s.ok()) return s.WithContext(ctx.BlockSource("days"));
    }
    for (int64_t i = 0; i < *count; ++i) {
      air::DailyRecord d;
      d.day = *from + static_cast<DayNumber>(i);
      d.edition = edition;
      d.value[int(air::Indicator::kPM25)] = *pm25;
      d.aqi.aqi = static_cast<int16_t>(*aqi);
      out.push_back(d);
    }
  }
  return out;
}

StatusOr<warning::AirTargetOptions> TargetOptions(const std::map<std::string, std::string>& in) {
  static const std::set<std::string> kKeys = {
      "city", "year", "as_of", "pm25_target", "good_days_target", "composite_target"};
  if (Status s = KnownKeys(in, kKeys); !s.ok()) return s;
  if (!in.count("year") || !in.count("as_of"))
    return InvalidArgumentError("year= and as_of= needed");
  warning::AirTargetOptions o;
  auto year = ParseInteger(in.at("year"), 1900, 2200, "year");
  auto as_of = ParseDate(in.at("as_of"));
  if (!year.ok()) return year.status();
  if (!as_of.ok()) return as_of.status();
  o.year = static_cast<int>(*year);
  o.as_of = *as_of;
  const std::pair<const char*, std::optional<Ratio>*> kTargets[] = {
      {"pm25_target", &o.pm25_target},
      {"good_days_target", &o.good_day_ratio_target},
      {"composite_target", &o.composite_target}};
  for (const auto& [key, target] : kTargets) {
    if (!in.count(key)) continue;
    auto value = ParseExact(in.at(key));
    if (!value.ok()) return value.status().WithContext(key);
    *target = *value;
  }
  return o;
}

StatusOr<Results> AirTargetsLine(const Record& r, Context& ctx) {
  auto in = ArgPairs(r);
  if (!in.ok()) return in.status();
  auto options = TargetOptions(*in);
  if (!options.ok()) return options.status();
  auto standards = Standards();
  if (!standards.ok()) return standards.status();
  const std::string* edition = ctx.Get("edition");
  if (edition == nullptr) return InvalidArgumentError("no 'edition' line before");
  auto days = Days(ctx, (*standards)->FindAqi(*edition));
  if (!days.ok()) return days.status();
  auto report = warning::ComputeAirTargets(*days, **standards, *options);
  if (!report.ok()) return report.status();
  report->city = in->count("city") ? in->at("city") : "";
  Results out;
  out.values[""] = Value::Text(warning::AirTargetsText(*report));
  return out;
}

// ---- The water warning replay -----------------------------------------------

struct ReplayRequest {
  int64_t seed = 0;
  std::vector<int> data_years;
  int year = 0;
  std::vector<std::string> rule_sets;
};

StatusOr<ReplayRequest> ReplayOf(const Record& r) {
  auto in = ArgPairs(r);
  if (!in.ok()) return in.status();
  if (Status s = KnownKeys(*in, {"seed", "data_years", "year", "rule_sets"}); !s.ok()) return s;
  if (in->size() != 4) return InvalidArgumentError("seed=, data_years=, year=, rule_sets= needed");
  ReplayRequest q;
  auto seed = ParseInteger(in->at("seed"), 0, INT64_MAX, "seed");
  auto year = ParseInteger(in->at("year"), 1900, 2200, "year");
  if (!seed.ok() || !year.ok()) return seed.ok() ? year.status() : seed.status();
  q.seed = *seed;
  q.year = static_cast<int>(*year);
  for (const std::string& y : SplitList(in->at("data_years"))) {
    auto data_year = ParseInteger(y, 1900, 2200, "data year");
    if (!data_year.ok()) return data_year.status();
    q.data_years.push_back(static_cast<int>(*data_year));
  }
  q.rule_sets = SplitList(in->at("rule_sets"));
  return q;
}

StatusOr<water::SampleSet> DemoCity(const water::WaterRules& rules, const ReplayRequest& q) {
  if (q.data_years.empty()) return InvalidArgumentError("data_years= names no year");
  water::SampleSet set;
  auto sections = water::ParseSections(
      water::GenerateDemoCity(rules, q.data_years.back(), q.seed).sections_csv, "sections.csv");
  if (!sections.ok()) return sections.status();
  set.sections = *sections;
  for (int year : q.data_years) {
    water::DemoCityFiles files = water::GenerateDemoCity(rules, year, q.seed);
    std::string name = std::to_string(year) + ".csv";
    if (Status s = water::ParseSamples(files.samples_csv, name, rules, &set); !s.ok()) return s;
  }
  return set;
}

StatusOr<std::string> EventLog(store::Database* db) {
  auto stmt = db->Prepare(
      "SELECT e.id, w.rule_set, e.action, w.subject, w.id, e.from_state, e.to_state, e.note "
      "FROM warning_events e JOIN warnings w ON w.id = e.warning_id ORDER BY e.id");
  if (!stmt.ok()) return stmt.status();
  std::string out;
  Status status;
  while ((*stmt)->Step(&status)) {
    auto col = [&](int i) { return (*stmt)->ColumnText(i); };
    out += col(1) + " " + col(2) + " " + col(3) + " #" + col(4) + " " + col(5) + "→" + col(6) +
           " | " + col(7) + "\n";
  }
  if (!status.ok()) return status;
  return out;
}

// Evaluates every rule set at `as_of`; appends "DATE rule-set: summary" lines.
Status EvaluateAt(store::Database* db, const water::WaterRules& rules, const ReplayRequest& q,
                  const water::SampleSet& set, const water::SectionSamples& index, DayNumber as_of,
                  std::string* summary) {
  std::vector<std::string> sections;
  for (const water::Section& s : set.sections) sections.push_back(s.id);
  for (const std::string& name : q.rule_sets) {
    auto rule_set = warning::LoadWarningRules(name);
    if (!rule_set.ok()) return rule_set.status();
    warning::WaterEvaluation e =
        warning::EvaluateWaterWarnings(rules, *rule_set, set, index, as_of);
    auto report =
        warning::RecordEvaluation(db, rule_set->id, warning::FindingsOf(e),
                                  warning::ReleasedOf(e, sections), as_of, {"replay", ""}, 0);
    if (!report.ok()) return report.status();
    *summary += FormatDate(as_of) + " " + rule_set->id + ": " + report->Summary() + "\n";
  }
  return Status::Ok();
}

StatusOr<std::unique_ptr<store::Database>> FreshDatabase(const Context& ctx) {
  std::string id = ctx.path() + ".replay.db";
  for (char& c : id) c = std::isalnum(static_cast<unsigned char>(c)) || c == '.' ? c : '_';
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "ecociv_golden";
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  std::filesystem::remove(dir / id, error);
  store::OpenOptions options;
  options.create = true;
  return store::OpenSqliteDatabase((dir / id).string(), options);
}

StatusOr<Results> ReplayLine(const Record& r, Context& ctx) {
  auto q = ReplayOf(r);
  auto rules = WaterRules();
  if (!q.ok() || !rules.ok()) return q.ok() ? rules.status() : q.status();
  auto set = DemoCity(**rules, *q);
  if (!set.ok()) return set.status();
  water::SectionSamples index = water::IndexSamples(*set);
  auto db = FreshDatabase(ctx);
  if (!db.ok()) return db.status();
  std::string summary;
  for (int month = 1; month <= 12; ++month) {
    DayNumber as_of = DaysFromCivil({q->year, month, DaysInMonth(q->year, month)});
    if (Status s = EvaluateAt(db->get(), **rules, *q, *set, index, as_of, &summary); !s.ok()) {
      return s;
    }
  }
  auto log = EventLog(db->get());
  if (!log.ok()) return log.status();
  // Evaluating the last month again must add nothing.
  auto before = store::QueryInt64(db->get(), "SELECT count(*) FROM warning_events");
  std::string again;
  DayNumber last = DaysFromCivil({q->year, 12, 31});
  if (Status s = EvaluateAt(db->get(), **rules, *q, *set, index, last, &again); !s.ok()) return s;
  auto after = store::QueryInt64(db->get(), "SELECT count(*) FROM warning_events");
  if (!before.ok() || !after.ok()) return before.ok() ? after.status() : before.status();
  Results out;
  out.values[""] = Value::Text(summary + "\n" + *log);
  out.values["repeat_new_events"] = Value::Text(std::to_string(*after - *before));
  return out;
}

}  // namespace

void AddWarningCommands(CommandTable* table) {
  table->Add("air-targets", {false, AirTargetsLine});
  table->Add("water-warning-replay", {false, ReplayLine});
}

}  // namespace ecociv::golden
