// Water commands (GB 3838-2002, the 2011 assessment method, CWQI, TLI):
//   classify <item> <river|lake> <value> => <class>
//   tli <item>=<value>… => tli=<1 decimal or -> trophic=<class>
//   option <key>=<value>     an option of the lines after it (WaterOptions)
//   period <from> <to>       the assessment period (inclusive dates)
//   base <from> <to>         a base period for ΔCWQI
//   data sections / data samples   the sections and samples CSVs
//   assess => <key>=<value>…  results of the assessment; a key without a
//                              result reads "-" (absent). Keys: README.md.
//   realtime <edition> <river|lake|reservoir> [status=<word>] <item>=<value>…
//            => class= no_class= main= missing= judged.<item>= class.<item>=
//                              one sample judged by a real-time rule file
//   data release / data types  a release's rows and a section-types file
//   check-published [values=raw|displayed] [standard=<id>] [latest=yes]
//            => rows= compared= disagreements= unexplained= cause.<name>=
//               line.<n>= computed.<n>= …  the release checked (README.md)
#include <functional>
#include <optional>
#include <set>

#include "command_table.h"
#include "ecociv/core/text_input.h"
#include "ecociv/water/assessment.h"
#include "ecociv/water/realtime.h"
#include "ecociv/water/release_check.h"
#include "ecociv/water/report.h"
#include "ecociv/water/samples.h"

namespace ecociv::golden {
namespace {

using namespace ecociv::water;

StatusOr<const WaterRules*> DefaultRules() {
  static const StatusOr<WaterRules> rules = WaterRules::Load("");
  if (!rules.ok()) return rules.status();
  return &*rules;
}

StatusOr<Ratio> WaterExact(const std::string& text) {
  int64_t scaled = 0;
  bool rounded = false;
  if (!ParseScaledDecimal(text, kWaterDecimals, &scaled, &rounded) || rounded) {
    return InvalidArgumentError("not a decimal with at most 6 decimals: '" + text + "'");
  }
  return WaterValue(scaled);
}

StatusOr<Results> ClassifyLine(const Record& r, Context&) {
  if (Status s = ArgCount(r, 3, 3); !s.ok()) return s;
  auto rules = DefaultRules();
  if (!rules.ok()) return rules.status();
  int index = (*rules)->IndexOf(r.args[0]);
  if (index < 0) return InvalidArgumentError("unknown item " + r.args[0]);
  if (r.args[1] != "river" && r.args[1] != "lake") {
    return InvalidArgumentError("expected river or lake, got " + r.args[1]);
  }
  auto value = WaterExact(r.args[2]);
  if (!value.ok()) return value.status();
  WaterBody body = r.args[1] == "lake" ? WaterBody::kLake : WaterBody::kRiver;
  Results out;
  out.values[""] = Value::Text(ClassLabel(ClassifyValue((*rules)->item(index), *value, body)));
  return out;
}

StatusOr<Results> TliLine(const Record& r, Context&) {
  auto rules = DefaultRules();
  auto in = ArgPairs(r);
  if (!rules.ok() || !in.ok()) return rules.ok() ? in.status() : rules.status();
  std::vector<std::optional<Ratio>> values((*rules)->items().size());
  for (const auto& [item, text] : *in) {
    int index = (*rules)->IndexOf(item);
    if (index < 0) return InvalidArgumentError("unknown item " + item);
    auto value = WaterExact(text);
    if (!value.ok()) return value.status();
    values[index] = *value;
  }
  std::optional<TliResult> tli = ComputeTli(**rules, values);
  Results out;
  out.values["tli"] = Value::Text(tli ? FormatRounded(tli->rounded, 1) : "-");
  out.values["trophic"] = Value::Text(tli ? tli->trophic : "-");
  return out;
}

// ---- Options and periods ---------------------------------------------------

struct Choice {
  std::vector<std::string> names;
  std::function<void(int, WaterOptions*)> set;
};

const std::map<std::string, Choice>& Choices() {
  static const std::map<std::string, Choice> kChoices = {
      {"ph_mean",
       {{"arithmetic", "hydrogen_ion"}, [](int i, WaterOptions* o) { o->ph_mean = PhMean(i); }}},
      {"below_detection_mean",
       {{"half", "zero", "limit"},
        [](int i, WaterOptions* o) { o->below_dl_mean = BelowDetectionMean(i); }}},
      {"main_pollutants_rule",
       {{"multiple", "class_then_multiple"},
        [](int i, WaterOptions* o) { o->main_rule = MainPollutantsRule(i); }}},
      {"cwqi_city",
       {{"section_weighted", "river_only", "pooled"},
        [](int i, WaterOptions* o) { o->cwqi_city = CityCwqi(i); }}},
  };
  return kChoices;
}

int* IntOption(const std::string& key, WaterOptions* o) {
  const std::map<std::string, int*> kInts = {
      {"share_method_min_sections", &o->share_method_min_sections},
      {"excellent_min_share", &o->excellent_min_share},
      {"good_min_share", &o->good_min_share},
      {"light_max_worse_than_v", &o->light_max_worse_than_v},
      {"heavy_min_worse_than_v", &o->heavy_min_worse_than_v},
      {"heavy_max_good_share", &o->heavy_max_good_share}};
  auto it = kInts.find(key);
  return it == kInts.end() ? nullptr : it->second;
}

Status ApplyOption(const std::string& key, const std::string& value, WaterOptions* o) {
  if (int* target = IntOption(key, o)) {
    auto number = ParseInteger(value, 0, 100, key);
    if (!number.ok()) return number.status();
    *target = static_cast<int>(*number);
    return Status::Ok();
  }
  auto choice = Choices().find(key);
  if (choice == Choices().end()) return InvalidArgumentError("unknown water option " + key);
  const std::vector<std::string>& names = choice->second.names;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == value) {
      choice->second.set(static_cast<int>(i), o);
      return Status::Ok();
    }
  }
  return InvalidArgumentError(key + ": expected one of " + JoinList(names, '|'));
}

StatusOr<Results> OptionLine(const Record& r, Context& ctx) {
  if (Status s = ArgCount(r, 1, 1); !s.ok()) return s;
  auto pair = ArgPairs(r);
  if (!pair.ok()) return pair.status();
  const auto& [key, value] = *pair->begin();
  WaterOptions scratch;
  if (Status s = ApplyOption(key, value, &scratch); !s.ok()) return s;
  ctx.Set("water.option." + key, value);
  return Results{};
}

StatusOr<Period> ParsePeriod(const std::string& from, const std::string& to) {
  auto f = ParseDate(from);
  auto t = ParseDate(to);
  if (!f.ok()) return f.status();
  if (!t.ok()) return t.status();
  if (*t < *f) return InvalidArgumentError("the period ends before it starts");
  return RangePeriod(*f, *t);
}

// `period` and `base`: two dates, stored as "FROM TO".
Handler PeriodDirective(const std::string& key) {
  return [key](const Record& r, Context& ctx) -> StatusOr<Results> {
    if (Status s = ArgCount(r, 2, 2); !s.ok()) return s;
    auto period = ParsePeriod(r.args[0], r.args[1]);
    if (!period.ok()) return period.status();
    ctx.Set("water." + key, r.args[0] + " " + r.args[1]);
    return Results{};
  };
}

StatusOr<std::optional<Period>> SetPeriod(const Context& ctx, const std::string& key) {
  const std::string* text = ctx.Get("water." + key);
  if (text == nullptr) return std::optional<Period>();
  auto period = ParsePeriod(text->substr(0, text->find(' ')), text->substr(text->find(' ') + 1));
  if (!period.ok()) return period.status();
  return std::optional<Period>(*period);
}

// ---- Results of an assessment as key → text ----------------------------------

using Flat = std::map<std::string, std::string>;

void FlattenItems(const WaterRules& rules, const std::string& prefix,
                  const std::vector<ItemResult>& items, Flat* out) {
  for (const ItemResult& r : items) {
    const WaterItem& item = rules.item(r.item);
    std::string p = prefix + ".item." + item.id + ".";
    (*out)[p + "mean"] = FormatRounded(r.value, item.decimals);
    if (r.cls) (*out)[p + "class"] = ClassLabel(*r.cls);
    if (r.multiple) {
      (*out)[p + "multiple"] = FormatRounded(*r.multiple, rules.options().multiple_decimals);
    }
  }
}

std::string GroupMain(const WaterRules& rules, const GroupResult& g) {
  const WaterOptions& o = rules.options();
  std::string main;
  for (const GroupResult::Pollutant& p : g.main_pollutants) {
    if (!main.empty()) main += ';';
    main += rules.item(p.item).name;
    if (p.rate) main += "(" + FormatRounded(*p.rate, o.share_decimals) + "%)";
    if (p.multiple) main += "(" + FormatRounded(*p.multiple, o.multiple_decimals) + ")";
  }
  return main;
}

void FlattenGroup(const WaterRules& rules, const std::string& prefix, const GroupResult& g,
                  const GroupResult* base, Flat* out) {
  const WaterOptions& o = rules.options();
  auto put = [&](const std::string& key, std::string value) { (*out)[prefix + key] = value; };
  put(".method", g.share_method ? "class_shares" : "mean_of_items");
  if (g.mean_class) put(".class", ClassLabel(*g.mean_class));
  if (g.status_class) put(".status", rules.Status(*g.status_class).word);
  put(".main", GroupMain(rules, g));
  put(".share_good", FormatRounded(g.share_good, o.share_decimals));
  put(".share_worse", FormatRounded(g.share_worse_than_v, o.share_decimals));
  put(".share_compliant", FormatRounded(g.share_compliant, o.share_decimals));
  if (g.cwqi) put(".cwqi", FormatRounded(g.cwqi->value, o.cwqi_decimals));
  if (g.cwqi_river) put(".cwqi_river", FormatRounded(g.cwqi_river->value, o.cwqi_decimals));
  if (g.cwqi_lake) put(".cwqi_lake", FormatRounded(g.cwqi_lake->value, o.cwqi_decimals));
  if (g.tli) {
    put(".tli", FormatRounded(g.tli->rounded, o.tli_decimals));
    put(".trophic", g.tli->trophic);
  }
  if (base && g.cwqi && base->cwqi) {
    if (auto d = DeltaCwqi(g.cwqi->value, base->cwqi->value)) {
      put(".delta_cwqi", FormatRounded(*d, o.delta_cwqi_decimals));
    }
  }
  FlattenItems(rules, prefix, g.mean_items, out);
}

void FlattenSection(const WaterRules& rules, const std::string& p, const SectionResult& r,
                    const SectionResult* base, Flat* out) {
  const WaterOptions& o = rules.options();
  if (r.cls) {
    (*out)[p + ".class"] = ClassLabel(*r.cls);
    (*out)[p + ".status"] = rules.Status(*r.cls).word;
    (*out)[p + ".colour"] = rules.Status(*r.cls).colour;
    (*out)[p + ".compliant"] = r.compliant ? "yes" : "no";
    (*out)[p + ".main"] = FormatMainPollutants(rules, r.main_pollutants);
    (*out)[p + ".exceeding_target"] = FormatMainPollutants(rules, r.exceeding_target);
  }
  if (r.cwqi) (*out)[p + ".cwqi"] = FormatRounded(r.cwqi->value, o.cwqi_decimals);
  if (r.tli) {
    (*out)[p + ".tli"] = FormatRounded(r.tli->rounded, o.tli_decimals);
    (*out)[p + ".trophic"] = r.tli->trophic;
  }
  if (base && r.cwqi && base->cwqi) {
    if (auto d = DeltaCwqi(r.cwqi->value, base->cwqi->value)) {
      (*out)[p + ".delta_cwqi"] = FormatRounded(*d, o.delta_cwqi_decimals);
    }
  }
  FlattenItems(rules, p, r.items, out);
}

Flat Flatten(const WaterRules& rules, const SampleSet& set, const Assessment& a,
             const Assessment* base) {
  Flat out;
  for (size_t i = 0; i < a.sections.size(); ++i) {
    const SectionResult& r = a.sections[i];
    FlattenSection(rules, "section." + set.sections[r.section].id, r,
                   base ? &base->sections[i] : nullptr, &out);
  }
  auto groups = [&](const char* kind, const std::vector<GroupResult>& now,
                    const std::vector<GroupResult>* before) {
    for (size_t i = 0; i < now.size(); ++i) {
      FlattenGroup(rules, std::string(kind) + "." + now[i].name, now[i],
                   before ? &(*before)[i] : nullptr, &out);
    }
  };
  groups("river", a.rivers, base ? &base->rivers : nullptr);
  groups("basin", a.basins, base ? &base->basins : nullptr);
  groups("lake", a.lakes, base ? &base->lakes : nullptr);
  groups("level", a.levels, base ? &base->levels : nullptr);
  groups("category", a.categories, base ? &base->categories : nullptr);
  for (const auto* list : {&a.levels, &a.categories}) {
    for (const GroupResult& g : *list) {
      const std::string p = std::string(g.kind) + "." + g.name;
      out[p + ".sections"] = std::to_string(g.sections);
      out[p + ".at_III_or_better"] = std::to_string(g.counts[0] + g.counts[1] + g.counts[2]);
    }
  }
  FlattenGroup(rules, "city", a.city, base ? &base->city : nullptr, &out);
  return out;
}

// The assessment of the blocks, options and periods in force, flattened.
StatusOr<Flat> RunAssessment(Context& ctx) {
  auto defaults = DefaultRules();
  if (!defaults.ok()) return defaults.status();
  WaterRules rules = **defaults;
  for (const auto& [key, value] : ctx.WithPrefix("water.option.")) {
    if (Status s = ApplyOption(key, value, &rules.mutable_options()); !s.ok()) return s;
  }
  auto period = SetPeriod(ctx, "period");
  auto base_period = SetPeriod(ctx, "base");
  if (!period.ok() || !base_period.ok())
    return period.ok() ? base_period.status() : period.status();
  if (!*period) return InvalidArgumentError("no 'period' line before");
  auto sections_csv = ctx.Block("sections");
  auto samples_csv = ctx.Block("samples");
  if (!sections_csv.ok()) return sections_csv.status();
  if (!samples_csv.ok()) return samples_csv.status();
  SampleSet set;
  auto sections = ParseSections(*sections_csv, ctx.BlockSource("sections"));
  if (!sections.ok()) return sections.status();
  set.sections = *sections;
  Status parsed = ParseSamples(*samples_csv, ctx.BlockSource("samples"), rules, &set);
  if (!parsed.ok()) return parsed;
  SectionSamples index = IndexSamples(set);
  Assessment now = Assess(rules, set, index, **period);
  std::optional<Assessment> base;
  if (*base_period) base = Assess(rules, set, index, **base_period);
  return Flatten(rules, set, now, base ? &*base : nullptr);
}

StatusOr<Results> AssessLine(const Record& r, Context& ctx) {
  if (Status s = ArgCount(r, 0, 0); !s.ok()) return s;
  const auto* flat = ctx.Memo<StatusOr<Flat>>("water.assess");
  if (flat == nullptr) {
    flat = ctx.PutMemo("water.assess", std::make_shared<StatusOr<Flat>>(RunAssessment(ctx)));
  }
  if (!flat->ok()) return flat->status();
  Results out;
  for (const auto& [key, value] : **flat) out.values[key] = Value::Text(value);
  out.absent = "-";
  return out;
}

// ---- Real-time rules and release checks --------------------------------------

StatusOr<const RealtimeEditions*> DefaultEditions() {
  auto rules = DefaultRules();
  if (!rules.ok()) return rules.status();
  static const StatusOr<RealtimeEditions> editions = RealtimeEditions::Load("", **rules);
  if (!editions.ok()) return editions.status();
  return &*editions;
}

StatusOr<WaterBody> ParseBody(const std::string& text) {
  if (text == "river") return WaterBody::kRiver;
  if (text == "lake") return WaterBody::kLake;
  if (text == "reservoir") return WaterBody::kReservoir;
  return InvalidArgumentError("expected river, lake or reservoir, got " + text);
}

StatusOr<Results> RealtimeLine(const Record& r, Context&) {
  if (r.args.size() < 2) return InvalidArgumentError("expected <edition> <body> <item>=<value>…");
  auto rules = DefaultRules();
  auto editions = DefaultEditions();
  if (!rules.ok() || !editions.ok()) return rules.ok() ? editions.status() : rules.status();
  const RealtimeRules* rt = (*editions)->Find(r.args[0]);
  if (rt == nullptr) return InvalidArgumentError("unknown real-time edition " + r.args[0]);
  auto body = ParseBody(r.args[1]);
  if (!body.ok()) return body.status();
  auto pairs = ArgPairs(r, 2);
  if (!pairs.ok()) return pairs.status();
  SampleValues sample;
  sample.values.resize((*rules)->items().size());
  for (const auto& [key, text] : *pairs) {
    if (key == "status") {
      sample.maintenance = rt->IsMaintenance(text);
      continue;
    }
    int index = (*rules)->IndexOf(key);
    if (index < 0) return InvalidArgumentError("unknown item " + key);
    auto value = ParseExact(text);
    if (!value.ok()) return value.status();
    sample.values[index] = *value;
  }
  SampleJudgement j = JudgeSample(**rules, *rt, *body, sample);
  Results out;
  out.absent = "-";
  out.values["class"] = Value::Text(j.cls ? ClassLabel(*j.cls) : "-");
  out.values["no_class"] = Value::Text(j.cls ? "-" : NoClassReasonName(j.no_class));
  out.values["main"] = Value::Text(FormatMainPollutants(**rules, j.main_pollutants));
  std::set<std::string> missing;
  for (int item : j.missing) missing.insert((*rules)->item(item).id);
  out.values["missing"] = Value::Set(missing);
  for (const ItemResult& item : j.items) {
    const std::string& id = (*rules)->item(item.item).id;
    const int k = rt->JudgedIndex(item.item);
    out.values["judged." + id] =
        Value::Text(rt->rounding == RealtimeRounding::kHalfEven
                        ? FormatRounded(item.value, rt->decimals[k])
                        : FormatExactDecimal(item.value));
    out.values["class." + id] = Value::Text(ClassLabel(*item.cls));
  }
  return out;
}

std::string KeyOf(std::string name) {
  for (char& c : name) {
    if (c == ' ') c = '_';
  }
  return name;
}

StatusOr<Results> CheckPublishedLine(const Record& r, Context& ctx) {
  auto rules = DefaultRules();
  auto editions = DefaultEditions();
  if (!rules.ok() || !editions.ok()) return rules.ok() ? editions.status() : rules.status();
  auto pairs = ArgPairs(r);
  if (!pairs.ok()) return pairs.status();
  if (Status s = KnownKeys(*pairs, {"values", "standard", "latest"}); !s.ok()) return s;
  ReleaseCheckOptions options;
  if (pairs->count("values")) {
    const std::string& v = pairs->at("values");
    if (v != "raw" && v != "displayed") return InvalidArgumentError("values: raw or displayed");
    options.values = v == "raw" ? JudgedValues::kRaw : JudgedValues::kDisplayed;
  }
  if (pairs->count("standard")) options.forced_edition = pairs->at("standard");
  if (Status s = (*editions)->CheckForced(options.forced_edition); !s.ok()) return s;
  if (pairs->count("latest")) options.latest = pairs->at("latest") == "yes";
  auto text = ctx.Block("release");
  if (!text.ok()) return text.status();
  Release release;
  if (Status s = ParseRelease(*text, ctx.BlockSource("release"), **rules, &release); !s.ok()) {
    return s;
  }
  std::optional<SectionTypes> types;
  if (ctx.HasBlock("types")) {
    auto block = ctx.Block("types");
    if (!block.ok()) return block.status();
    auto parsed = SectionTypes::Parse(*block, ctx.BlockSource("types"));
    if (!parsed.ok()) return parsed.status();
    types = std::move(*parsed);
    options.types = &*types;
  }
  ReleaseCheckReport report = CheckRelease(**rules, **editions, release, options);
  Results out;
  out.absent = "-";
  auto number = [&](const std::string& key, int64_t v) {
    out.values[key] = Value::Text(std::to_string(v));
  };
  number("rows", report.rows);
  number("compared", report.distinct_rows);
  number("section_times", report.section_times);
  int64_t published = 0, reproduced = 0;
  for (const ReleaseAgreement& a : report.agreement) {
    published += a.published;
    reproduced += a.equal;
  }
  number("published", published);
  number("reproduced", reproduced);
  number("disagreements", report.disagreements);
  number("unexplained", report.unexplained);
  number("types_decided", report.types_decided);
  number("types_agree", report.types_agree);
  number("lake_sections", report.lake_sections);
  for (const auto& [cause, count] : report.causes) number("cause." + KeyOf(cause), count);
  // Rows are named by their line in the data block (the header is line 1).
  for (const ReleaseDisagreement& d : report.disagreeing_rows) {
    const std::string line = std::to_string(d.line);
    out.values["line." + line] = Value::Text(KeyOf(d.cause));
    out.values["computed." + line] = Value::Text(d.computed ? ClassLabel(*d.computed) : "none");
  }
  return out;
}

}  // namespace

void AddWaterCommands(CommandTable* table) {
  table->Add("realtime", {false, RealtimeLine});
  table->Add("check-published", {false, CheckPublishedLine});
  table->Add("classify", {false, ClassifyLine});
  table->Add("tli", {false, TliLine});
  table->Add("option", {true, OptionLine});
  table->Add("period", {true, PeriodDirective("period")});
  table->Add("base", {true, PeriodDirective("base")});
  table->Add("assess", {false, AssessLine});
}

}  // namespace ecociv::golden
