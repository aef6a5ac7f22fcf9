// `ecociv warn`: water warnings evaluated into the store, the workflow steps,
// and webhook delivery (see docs/warning.md).
#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>

#include "args.h"
#include "command_table.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/store/water_store.h"
#include "ecociv/warning/water_warning.h"
#include "ecociv/warning/webhook.h"
#include "ecociv/warning/workflow.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

using namespace ecociv::warning;
using Json = nlohmann::ordered_json;

constexpr const char* kEvaluateUsage =
    "  ecociv warn evaluate --rules NAME|FILE --as-of YYYY-MM-DD [--db PATH]\n"
    "                       [--samples F... --sections F] [--standards DIR] [--why TEXT]\n"
    "                       [--periods F]\n"
    "       (without --samples: the water samples in the database; the periods of\n"
    "        config/water-periods.toml, or of --periods F, tighten the notice rules while they last)\n";
constexpr const char* kListUsage =
    "  ecociv warn list [--all] [--id N] [--format text|json] [--db PATH]\n";
constexpr const char* kAckUsage = "  ecociv warn ack --id N [--note TEXT]\n";
constexpr const char* kAssignUsage =
    "  ecociv warn assign --id N --unit U --person P --deadline YYYY-MM-DD --plan TEXT\n";
constexpr const char* kFeedbackUsage = "  ecociv warn feedback --id N --text TEXT\n";
constexpr const char* kCloseUsage = "  ecociv warn close --id N [--note TEXT]\n";
constexpr const char* kEscalateUsage =
    "  ecociv warn escalate --as-of YYYY-MM-DD [--db PATH] [--why TEXT]\n"
    "       (assigned warnings past their deadline, and the open water warnings of a\n"
    "        section whose plan has a measure not done past its deadline: once per measure)\n";
constexpr const char* kDeliverUsage =
    "  ecociv warn deliver --url http(s)://HOST[:PORT]/PATH [--now YYYY-MM-DDTHH:MMZ] [--backoff "
    "S]\n"
    "                      [--secret-file F (DingTalk 加签)] [--ca-file PEM (https, intranet "
    "CA)]\n";
constexpr const char* kQuietUsage =
    "  ecociv warn quiet --from YYYY-MM-DDTHH:MMZ --to YYYY-MM-DDTHH:MMZ --reason TEXT\n"
    "  ecociv warn quiet --end N   (ends quiet period N now; one not yet begun is cancelled)\n";
constexpr const char* kVerifyUsage =
    "  ecociv warn verify   (warnings and their steps against the change record; exit 1)\n";
constexpr const char* kNotes =
    "Built-in rule sets: yangtze (national), local-template (TEMPLATE). All commands take --db.\n";

int64_t NowUnix() { return static_cast<int64_t>(std::time(nullptr)); }

store::Actor ActorOf(const Args& args) { return {"", args.Get("why")}; }

StatusOr<int64_t> IdFlag(const Args& args) {
  if (!args.Has("id")) return InvalidArgumentError("--id N is required (a warning number)");
  return ParseInteger(args.Get("id"), 1, INT64_MAX, "--id (a warning number)");
}

StatusOr<DayNumber> AsOf(const Args& args) {
  if (!args.Has("as-of")) return InvalidArgumentError("--as-of YYYY-MM-DD is required");
  auto day = ParseDate(args.Get("as-of"));
  if (!day.ok()) return InvalidArgumentError("--as-of: " + day.status().message());
  return day;
}

// Sections and samples from files (all read before anything is stored) or the store.
StatusOr<water::SampleSet> LoadSamples(const Args& args, const water::WaterRules& rules,
                                       store::Database* db) {
  if (!args.Has("samples")) return store::LoadWaterSamples(db, store::WaterQuery{}, rules);
  if (!args.Has("sections")) return InvalidArgumentError("--samples needs --sections F");
  water::SampleSet set;
  ECOCIV_ASSIGN_OR_RETURN(set.sections, water::ReadSections(args.Get("sections")));
  for (const std::string& path : args.GetAll("samples")) {
    ECOCIV_RETURN_IF_ERROR(water::ReadSamples(path, rules, &set));
  }
  return set;
}

std::string FindingLine(const WaterFinding& f) {
  std::string line = f.section_id + " " + f.section_name + " " + f.level_id + " " + f.level_name +
                     ": " + RenderAll(f.trigger, Language::kZh);
  if (!f.facts.main_pollutants.empty()) {
    line += " [main:";
    for (const std::string& p : f.facts.main_pollutants) line += " " + p;
    line += "]";
  }
  return line;
}

int Evaluate(const CommandArgs& argv) {
  auto args = Args::Parse(
      argv, {"db", "rules", "as-of", "samples", "sections", "standards", "periods", "why"}, {},
      {"samples"});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("rules"))
    return ReportError(InvalidArgumentError("--rules NAME|FILE is required"));
  auto as_of = AsOf(*args);
  if (!as_of.ok()) return ReportError(as_of.status());
  auto rule_set = LoadWarningRules(args->Get("rules"));
  if (!rule_set.ok()) return ReportError(rule_set.status());
  auto rules = water::WaterRules::Load(args->Get("standards"));
  if (!rules.ok()) return ReportError(rules.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto set = LoadSamples(*args, *rules, db->get());
  if (!set.ok()) return ReportError(set.status());
  water::SectionSamples index = water::IndexSamples(*set);
  // The periods (flood season, campaigns) tighten the notice rules while they last.
  auto periods = water::LoadWaterPeriods(args->Get("periods"));
  if (!periods.ok()) return ReportError(periods.status());
  // The water engine returns plain values: overflows are checked here (exact.h).
  auto evaluated = WithOverflowCheck("the water warnings", [&]() -> StatusOr<WaterEvaluation> {
    return EvaluateWaterWarnings(*rules, *rule_set, *set, index, *as_of, &*periods);
  });
  if (!evaluated.ok()) return ReportError(evaluated.status());
  const WaterEvaluation& evaluation = *evaluated;
  std::vector<std::string> sections;
  for (const water::Section& s : set->sections) sections.push_back(s.id);
  auto report =
      RecordEvaluation(db->get(), rule_set->id, FindingsOf(evaluation),
                       ReleasedOf(evaluation, sections), *as_of, ActorOf(*args), NowUnix());
  if (!report.ok()) return ReportError(report.status());
  std::printf("%s (%s%s) as of %s, month %s: %s\n", rule_set->id.c_str(), rule_set->status.c_str(),
              rule_set->status == "template" ? ", TEMPLATE: not the city's rule text" : "",
              FormatDate(*as_of).c_str(), evaluation.month.c_str(), report->Summary().c_str());
  for (const WaterFinding& f : evaluation.findings) std::printf("  %s\n", FindingLine(f).c_str());
  for (const WaterFinding& f : evaluation.early_notices) {
    std::printf("  %s\n", FindingLine(f).c_str());
  }
  return kExitSuccess;
}

int List(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "format", "id"}, {"all"});
  if (!args.ok()) return ReportError(args.status());
  std::string format = args->Get("format", "text");
  if (format != "text" && format != "json") {
    return ReportError(InvalidArgumentError("--format must be text or json"));
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  std::vector<Warning> rows;
  if (args->Has("id")) {
    auto id = IdFlag(*args);
    if (!id.ok()) return ReportError(id.status());
    auto w = GetWarning(db->get(), *id);
    if (!w.ok()) return ReportError(w.status());
    rows.push_back(*w);
  } else {
    auto all = ListWarnings(db->get(), !args->Has("all"));
    if (!all.ok()) return ReportError(all.status());
    rows = std::move(*all);
  }
  if (format == "json") {
    Json out = Json::array();
    for (const Warning& w : rows) {
      Json j = Json::parse(WarningJson(w));
      auto events = ListEvents(db->get(), w.id);
      if (!events.ok()) return ReportError(events.status());
      j["events"] = Json::array();
      for (const WarningEvent& e : *events) {
        j["events"].push_back({{"at", e.at},
                               {"who", e.who},
                               {"action", e.action},
                               {"from", e.from_state},
                               {"to", e.to_state},
                               {"note", e.note},
                               {"change_record_seq", e.log_seq}});
      }
      out.push_back(j);
    }
    std::printf("%s\n", out.dump(2).c_str());
    return kExitSuccess;
  }
  std::printf("id\tstate\tlevel\trule_set\tsubject\tname\tperiod\towner\ttrigger\n");
  for (const Warning& w : rows) {
    std::printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s..%s\t%s\t%s\n", static_cast<long long>(w.id),
                w.state.c_str(), w.level_name.c_str(), w.rule_set.c_str(), w.subject.c_str(),
                w.subject_name.c_str(), w.first_period.c_str(), w.last_period.c_str(),
                w.owner.c_str(), w.trigger.c_str());
  }
  return kExitSuccess;
}

// ack / assign / feedback / close: one warning, one step.
int Step(const std::string& step, const CommandArgs& argv) {
  auto args = Args::Parse(
      argv, {"db", "id", "note", "unit", "person", "deadline", "plan", "text", "why"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto id = IdFlag(*args);
  if (!id.ok()) return ReportError(id.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  store::Actor actor = ActorOf(*args);
  Status status;
  if (step == "ack") {
    status = Acknowledge(db->get(), *id, args->Get("note"), actor, NowUnix());
  } else if (step == "assign") {
    Assignment a{args->Get("unit"), args->Get("person"), args->Get("deadline"), args->Get("plan")};
    status = Assign(db->get(), *id, a, actor, NowUnix());
  } else if (step == "feedback") {
    status = GiveFeedback(db->get(), *id, args->Get("text"), actor, NowUnix());
  } else {
    status = Close(db->get(), *id, args->Get("note"), actor, NowUnix());
  }
  if (!status.ok()) {
    std::fprintf(stderr, "ecociv: %s\n", status.message().c_str());
    return kExitBadInput;  // an illegal transition is a usage error: nothing changed
  }
  auto w = GetWarning(db->get(), *id);
  if (!w.ok()) return ReportError(w.status());
  std::printf("warning %lld: %s\n", static_cast<long long>(*id), w->state.c_str());
  return kExitSuccess;
}

int Escalate(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "as-of", "why"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto as_of = AsOf(*args);
  if (!as_of.ok()) return ReportError(as_of.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto n = EscalateOverdue(db->get(), *as_of, ActorOf(*args), NowUnix());
  if (!n.ok()) return ReportError(n.status());
  std::printf("%d escalated, %d escalated for overdue plan measures\n", n->escalated,
              n->measures);
  return kExitSuccess;
}

StatusOr<int64_t> UtcFlag(const Args& args, const std::string& flag) {
  auto t = ParseUtc(args.Get(flag));
  if (!t.ok()) return InvalidArgumentError("--" + flag + ": " + t.status().message());
  return t;
}

int Deliver(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "url", "now", "backoff", "secret-file", "ca-file"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("url")) return ReportError(InvalidArgumentError("--url is required"));
  DeliveryOptions options;
  options.url = args->Get("url");
  Status url_ok = CheckWebhookUrl(options.url, "--url");
  if (!url_ok.ok()) return ReportError(url_ok);
  if (args->Has("ca-file")) {
    Status ca = CheckCaFile(args->Get("ca-file"), "--ca-file");
    if (!ca.ok()) return ReportError(ca);
  }
  if (args->Has("secret-file")) {
    auto secret = ReadWebhookSecret(args->Get("secret-file"));
    if (!secret.ok()) return ReportError(secret.status());
    options.dingtalk_secret = *secret;
  }
  options.now_unix = NowUnix();
  if (args->Has("now")) {
    auto now = UtcFlag(*args, "now");
    if (!now.ok()) return ReportError(now.status());
    options.now_unix = *now;
  }
  if (args->Has("backoff")) {
    // The delay is capped at max_backoff_seconds, so a longer base means nothing.
    auto backoff =
        ParseInteger(args->Get("backoff"), 1, options.max_backoff_seconds, "--backoff (seconds)");
    if (!backoff.ok()) return ReportError(backoff.status());
    options.base_backoff_seconds = *backoff;
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto sender = MakeHttpSender(args->Get("ca-file"));
  auto report = DeliverOutbox(db->get(), options, sender.get());
  if (!report.ok()) return ReportError(report.status());
  std::printf("%s\n", report->Summary().c_str());
  return report->failed > 0 ? kExitDataProblems : kExitSuccess;
}

int Verify(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto problems = VerifyWarnings(db->get());
  if (!problems.ok()) return ReportError(problems.status());
  for (const std::string& p : *problems) std::printf("%s\n", p.c_str());
  std::printf("warnings vs change record: %zu problem(s)\n", problems->size());
  return problems->empty() ? kExitSuccess : kExitDataProblems;
}

int Quiet(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "from", "to", "reason", "end"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (args->Has("end")) {
    auto id_or = ParseInteger(args->Get("end"), 1, INT64_MAX, "--end (a quiet period number)");
    if (!id_or.ok()) return ReportError(id_or.status());
    const int64_t id = *id_or;
    auto db = OpenStoreFromArgs(*args);
    if (!db.ok()) return ReportError(db.status());
    Status s = EndQuietPeriod(db->get(), id, NowUnix(), ActorOf(*args));
    if (!s.ok()) return ReportError(s);
    std::printf("quiet period %lld ended\n", static_cast<long long>(id));
    return kExitSuccess;
  }
  auto from = UtcFlag(*args, "from");
  if (!from.ok()) return ReportError(from.status());
  auto to = UtcFlag(*args, "to");
  if (!to.ok()) return ReportError(to.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  Status s = AddQuietPeriod(db->get(), *from, *to, args->Get("reason"));
  if (!s.ok()) return ReportError(s);
  std::printf("quiet period %s .. %s recorded\n", args->Get("from").c_str(),
              args->Get("to").c_str());
  return kExitSuccess;
}

int RunAck(const CommandArgs& argv) { return Step("ack", argv); }
int RunAssign(const CommandArgs& argv) { return Step("assign", argv); }
int RunFeedback(const CommandArgs& argv) { return Step("feedback", argv); }
int RunClose(const CommandArgs& argv) { return Step("close", argv); }

const Command kCommands[] = {{"evaluate", kEvaluateUsage, Evaluate},
                             {"list", kListUsage, List},
                             {"ack", kAckUsage, RunAck},
                             {"assign", kAssignUsage, RunAssign},
                             {"feedback", kFeedbackUsage, RunFeedback},
                             {"close", kCloseUsage, RunClose},
                             {"escalate", kEscalateUsage, Escalate},
                             {"deliver", kDeliverUsage, Deliver},
                             {"quiet", kQuietUsage, Quiet},
                             {"verify", kVerifyUsage, Verify}};
const CommandTable kTable = {"warn", kCommands, kNotes};

}  // namespace

int RunWarnCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
