// `ecociv indicators ...`: the demonstration-zone indicators — readiness
// table, catalogue import, values and their review, plan, projects, units,
// and the synthetic demo data. See docs/indicators.md.
#include <cstdio>
#include <fstream>

#include "args.h"
#include "command_table.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/indicators/demo_city.h"
#include "ecociv/indicators/engine_figures.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/indicators/report.h"
#include "ecociv/store/xlsx.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

namespace ind = ecociv::indicators;

constexpr const char* kStatusUsage =
    R"(  ecociv indicators status --year Y [--format text|json|csv|xlsx] [--output F]
                           [--min-reference PCT] [--db PATH]
)";
constexpr const char* kImportCatalogueUsage =
    "  ecociv indicators import-catalogue FILE.csv|FILE.xlsx [--no-activate] [--why TEXT]\n";
constexpr const char* kCatalogueUsage =
    "  ecociv indicators catalogue [--builtin NAME]   (the active one, or a built-in one)\n";
constexpr const char* kProfileUsage =
    R"(  ecociv indicators profile [--level city|county] [--terrain plain|hill|mountain]
                            [--coastal yes|no] [--city NAME]   (--city "": the store's only city)
)";
constexpr const char* kSetValueUsage =
    R"(  ecociv indicators set-value --year Y --id ID --value V [--note T] [--unit CODE]
                              [--source reported|engine] [--inputs T] [--evidence FILE...]
)";
constexpr const char* kEngineFiguresUsage =
    "  ecociv indicators engine-figures --year Y [--format text|json] [--output F]   (never "
    "stored)\n";
constexpr const char* kImportValuesUsage =
    "  ecociv indicators import-values FILE.csv|FILE.xlsx   (year,indicator,value,note,unit; "
    "drafts)\n";
constexpr const char* kSubmitUsage = "  ecociv indicators submit --year Y --id ID\n";
constexpr const char* kReviewUsage =
    "  ecociv indicators review accept|return --year Y --id ID [--reason TEXT]\n";
constexpr const char* kEvidenceUsage = "  ecociv indicators evidence list\n";
constexpr const char* kUnitsUsage = "  ecociv indicators units import FILE | units list\n";
constexpr const char* kPlanUsage = "  ecociv indicators plan import FILE | plan show --year Y\n";
constexpr const char* kProjectsUsage =
    "  ecociv indicators projects import FILE | projects list [--year Y] [--today YYYY-MM-DD]\n";
constexpr const char* kDemoDataUsage = "  ecociv indicators demo-data --db PATH\n";
constexpr const char* kNotes =
    R"(Every command but demo-data needs a database made by `ecociv db init` (--db, $ECOCIV_DB or
./ecociv.db); every change goes into the change record (`ecociv audit log`), with --why as the
reason. Bad input: "file:line: reason", exit 2, nothing stored. status exits 1 when a derived
formula or an engine figure failed. Rows marked UNVERIFIED in a catalogue are not official text.
Engine indicators (source engine:FIGURE) take the air and water engines' figures over the
store's data each time they are read; stored engine values are ignored (docs/indicators.md).
)";

int Fail(const Status& status) { return ReportError(status); }

ind::Actor ActorOf(const Args& args) { return {"", args.Get("why")}; }

// Parses --year (2000..2100).
StatusOr<int> YearOf(const Args& args) {
  if (!args.Has("year")) return InvalidArgumentError("--year YYYY is required");
  ECOCIV_ASSIGN_OR_RETURN(int64_t year, ParseInteger(args.Get("year"), 2000, 2100, "--year"));
  return static_cast<int>(year);
}

// A CSV file, or the first sheet of an .xlsx, as CSV text.
int RunStatus(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "year", "format", "output", "min-reference"}, {});
  if (!args.ok()) return Fail(args.status());
  auto year = YearOf(*args);
  if (!year.ok()) return Fail(year.status());
  std::string format = args->Get("format", "text");
  if (format != "text" && format != "json" && format != "csv" && format != "xlsx") {
    return Fail(InvalidArgumentError("--format must be text, json, csv or xlsx"));
  }
  std::string output = args->Get("output");
  if (format == "xlsx" && output.empty()) {
    return Fail(InvalidArgumentError("--format xlsx needs --output FILE.xlsx"));
  }
  ind::ApplyRule rule;
  if (args->Has("min-reference")) {
    auto pct = ParseInteger(args->Get("min-reference"), 0, 100, "--min-reference (a percentage)");
    if (!pct.ok()) return Fail(pct.status());
    rule.min_reference_percent = static_cast<int>(*pct);
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return Fail(db.status());
  auto readiness = ind::ReadinessForYear(db->get(), *year, rule);
  if (!readiness.ok()) return Fail(readiness.status());
  Status written = format == "xlsx"   ? ind::WriteReadinessXlsx(*readiness, output)
                   : format == "json" ? WriteOutput(output, ind::ReadinessJson(*readiness))
                   : format == "csv"  ? WriteOutput(output, ind::ReadinessCsv(*readiness))
                                      : WriteOutput(output, ind::FormatReadinessText(*readiness));
  if (!written.ok()) return Fail(written);
  for (const auto& r : readiness->results) {
    if (r.verdict == ind::Verdict::kError) {
      std::fprintf(stderr, "ecociv: %s\n", r.reason.c_str());
      return kExitDataProblems;
    }
  }
  return kExitSuccess;
}

int RunImportCatalogue(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "why"}, {"no-activate"});
  if (!args.ok()) return Fail(args.status());
  if (args->positional().size() != 1) return Fail(InvalidArgumentError("one FILE expected"));
  auto cat = ind::LoadCatalogueFile(args->positional()[0]);
  if (!cat.ok()) return Fail(cat.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return Fail(db.status());
  bool activate = !args->Has("no-activate");
  Status status = ind::ImportCatalogue(db->get(), *cat, activate, ActorOf(*args));
  if (!status.ok()) return Fail(status);
  int unverified = 0;
  for (const auto& i : cat->indicators) unverified += i.unverified();
  std::printf("catalogue %s: %zu indicators (%d UNVERIFIED)%s\n", cat->name.c_str(),
              cat->indicators.size(), unverified, activate ? ", active" : "");
  return kExitSuccess;
}

int RunCatalogue(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "builtin"}, {});
  if (!args.ok()) return Fail(args.status());
  StatusOr<ind::Catalogue> cat = InvalidArgumentError("no catalogue");
  if (args->Has("builtin")) {
    cat = ind::BuiltInCatalogue(args->Get("builtin"));
  } else {
    auto db = OpenStoreFromArgs(*args);
    if (!db.ok()) return Fail(db.status());
    cat = ind::ActiveCatalogue(db->get());
  }
  if (!cat.ok()) return Fail(cat.status());
  std::printf(
      "catalogue %s\nid\tdomain\tname\tbinding\tdirection\ttarget city\ttarget county\t"
      "applies\tsource\tresponsible\tevidence\n",
      cat->name.c_str());
  for (const auto& i : cat->indicators) {
    std::string applies;
    for (const auto& a : i.applies) applies += (applies.empty() ? "" : ";") + a;
    std::string source = ind::SourceName(i.source);
    if (!i.engine_figure.empty()) source += ":" + i.engine_figure;
    if (!i.formula.empty()) source += ": " + i.formula;
    std::printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i.id.c_str(), i.domain.c_str(),
                i.name_zh.c_str(), i.binding.c_str(), ind::DirectionName(i.direction),
                i.target_city.c_str(), i.target_county.c_str(), applies.c_str(), source.c_str(),
                i.responsible.c_str(), i.evidence.c_str());
  }
  return kExitSuccess;
}

int RunProfile(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "why", "level", "terrain", "coastal", "city"}, {});
  if (!args.ok()) return Fail(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return Fail(db.status());
  auto profile = ind::LoadProfile(db->get());
  if (!profile.ok()) return Fail(profile.status());
  profile->level = args->Get("level", profile->level);
  profile->terrain = args->Get("terrain", profile->terrain);
  std::string coastal = args->Get("coastal", profile->coastal ? "yes" : "no");
  if (coastal != "yes" && coastal != "no") return Fail(InvalidArgumentError("--coastal yes|no"));
  profile->coastal = coastal == "yes";
  if (args->Has("city")) profile->city = args->Get("city");
  Status status = ind::SaveProfile(db->get(), *profile, ActorOf(*args));
  if (!status.ok()) return Fail(status);
  std::printf("profile: %s, %s, %s, air city %s\n", profile->level.c_str(),
              profile->terrain.c_str(), profile->coastal ? "coastal" : "not coastal",
              profile->city.empty() ? "(the store's only city)" : profile->city.c_str());
  return kExitSuccess;
}

int RunSetValue(const CommandArgs& argv) {
  auto args = Args::Parse(
      argv, {"db", "why", "year", "id", "value", "note", "unit", "source", "inputs", "evidence"},
      {});
  if (!args.ok()) return Fail(args.status());
  auto year = YearOf(*args);
  if (!year.ok()) return Fail(year.status());
  ind::ValueInput in;
  in.year = *year;
  in.id = args->Get("id");
  in.value = args->Get("value");
  in.note = args->Get("note");
  in.unit = args->Get("unit");
  in.source = args->Get("source", "reported");
  in.inputs = args->Get("inputs");
  for (const std::string& path : args->GetAll("evidence")) {
    if (!std::ifstream(path)) return Fail(NotFoundError(path + ": cannot open"));
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return Fail(db.status());
  Status status = ind::SetValue(db->get(), in, ActorOf(*args));
  if (!status.ok()) return Fail(status);
  std::printf("%d %s = %s (%s)\n", in.year, in.id.c_str(), in.value.c_str(),
              in.source == "engine" ? "engine, accepted" : "draft");
  for (const std::string& path : args->GetAll("evidence")) {
    auto sha = ind::AddEvidence(db->get(), in.year, in.id, path, ActorOf(*args));
    if (!sha.ok()) return Fail(sha.status());
    std::printf("evidence %s sha256 %s\n", path.c_str(), sha->c_str());
  }
  return kExitSuccess;
}

// submit, review accept, review return.
int RunStep(const std::string& step, const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "why", "year", "id", "reason"}, {});
  if (!args.ok()) return Fail(args.status());
  auto year = YearOf(*args);
  if (!year.ok()) return Fail(year.status());
  std::string id = args->Get("id");
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return Fail(db.status());
  ind::Actor actor = ActorOf(*args);
  Status status = step == "submit" ? ind::SubmitValue(db->get(), *year, id, actor)
                  : step == "accept"
                      ? ind::AcceptValue(db->get(), *year, id, actor)
                      : ind::ReturnValue(db->get(), *year, id, args->Get("reason"), actor);
  if (!status.ok()) return Fail(status);
  std::printf("%d %s: %s\n", *year, id.c_str(),
              step == "submit"   ? "submitted"
              : step == "accept" ? "accepted"
                                 : "returned");
  return kExitSuccess;
}

int RunEvidence(const CommandArgs& argv) {
  if (argv.empty() || argv[0] != "list") return Fail(InvalidArgumentError("evidence list"));
  auto args = Args::Parse(CommandArgs(argv.begin() + 1, argv.end()), {"db"}, {});
  if (!args.ok()) return Fail(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return Fail(db.status());
  auto list = ind::ListEvidence(db->get());
  if (!list.ok()) return Fail(list.status());
  bool all_intact = true;
  for (const auto& e : *list) {
    std::printf("%lld %d %s %s %lld bytes sha256 %s %s\n", static_cast<long long>(e.id), e.year,
                e.indicator.c_str(), e.file_name.c_str(), static_cast<long long>(e.size),
                e.sha256.c_str(), e.intact ? "intact" : "CHANGED");
    all_intact = all_intact && e.intact;
  }
  return all_intact ? kExitSuccess : kExitDataProblems;
}

// units|plan|projects import FILE, and their listings.
int RunTable(const std::string& table, const CommandArgs& argv) {
  if (argv.empty()) return Fail(InvalidArgumentError(table + ": import or list/show expected"));
  auto args =
      Args::Parse(CommandArgs(argv.begin() + 1, argv.end()), {"db", "why", "year", "today"}, {});
  if (!args.ok()) return Fail(args.status());
  if (argv[0] == "import") {
    if (args->positional().size() != 1) return Fail(InvalidArgumentError("one FILE expected"));
    const std::string& path = args->positional()[0];
    auto db = OpenStoreFromArgs(*args);
    if (!db.ok()) return Fail(db.status());
    auto n = ind::ImportTableFile(db->get(), table, path, "", ActorOf(*args));
    if (!n.ok()) return Fail(n.status());
    std::printf("%s: %d stored from %s\n", table.c_str(), *n, path.c_str());
    return kExitSuccess;
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return Fail(db.status());
  if (table == "units" && argv[0] == "list") {
    auto units = ind::ListUnits(db->get());
    if (!units.ok()) return Fail(units.status());
    for (const auto& u : *units) {
      std::printf("%s\t%s\t%s\t%s\t%s\t%s\n", u.code.c_str(), u.name.c_str(), u.kind.c_str(),
                  u.contact.c_str(), u.phone.c_str(), u.note.c_str());
    }
    return kExitSuccess;
  }
  if (table == "plan" && argv[0] == "show") {
    auto year = YearOf(*args);
    if (!year.ok()) return Fail(year.status());
    auto plan = ind::LoadPlan(db->get(), *year);
    if (!plan.ok()) return Fail(plan.status());
    for (const auto& [id, p] : *plan) {
      std::printf("%s\ttarget %s\tunits %s\tdeadline %s\n", id.c_str(),
                  p.target.empty() ? "(catalogue)" : p.target.c_str(), p.units.c_str(),
                  p.deadline.c_str());
    }
    return kExitSuccess;
  }
  if (table == "projects" && argv[0] == "list") {
    int year = 0;
    if (args->Has("year")) {
      auto y = YearOf(*args);
      if (!y.ok()) return Fail(y.status());
      year = *y;
    }
    std::string today = args->Get("today", store::BeijingToday());
    if (!ParseDate(today).ok()) return Fail(InvalidArgumentError("--today YYYY-MM-DD"));
    auto projects = ind::ListProjects(db->get(), year, today);
    if (!projects.ok()) return Fail(projects.status());
    for (const auto& p : *projects) {
      std::printf("%s %s [%s] %s 万元 %d%% %s%s\n", p.code.c_str(), p.name.c_str(), p.unit.c_str(),
                  p.budget.c_str(), p.progress, p.status.c_str(),
                  p.overdue > 0
                      ? (" — " + std::to_string(p.overdue) + " milestone(s) OVERDUE").c_str()
                      : "");
      for (const auto& m : p.milestones) {
        std::printf("  %s due %s %s\n", m.title.c_str(), m.due.c_str(),
                    !m.done.empty() ? ("done " + m.done).c_str()
                    : m.overdue     ? "OVERDUE"
                                    : "open");
      }
    }
    return kExitSuccess;
  }
  return Fail(InvalidArgumentError("unknown " + table + " command '" + argv[0] + "'"));
}

// The engine figures of a year over the store's current data: what the
// readiness table takes for the engine indicators. Nothing is stored.
int RunEngineFigures(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "year", "format", "output"}, {});
  if (!args.ok()) return Fail(args.status());
  auto year = YearOf(*args);
  if (!year.ok()) return Fail(year.status());
  std::string format = args->Get("format", "text");
  if (format != "text" && format != "json") {
    return Fail(InvalidArgumentError("--format must be text or json"));
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return Fail(db.status());
  auto cat = ind::ActiveCatalogue(db->get());
  if (!cat.ok()) return Fail(cat.status());
  ind::StoreEngineFigures engines(db->get());
  auto figures = ind::EngineFiguresOfYear(engines, *year);
  Status written = WriteOutput(args->Get("output"),
                               format == "json" ? ind::EngineFiguresJson(figures, *cat, *year)
                                                : ind::EngineFiguresText(figures, *cat));
  if (!written.ok()) return Fail(written);
  for (const auto& f : figures) {
    if (f.state == "error") {
      std::fprintf(stderr, "ecociv: %s: %s\n", f.figure.c_str(), f.detail.c_str());
      return kExitDataProblems;
    }
  }
  return kExitSuccess;
}

int RunDemoData(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db"}, {});
  if (!args.ok()) return Fail(args.status());
  if (!args->Has("db")) return Fail(InvalidArgumentError("--db PATH is required"));
  store::OpenOptions options;
  options.create = true;
  auto db = store::OpenDatabase(args->Get("db"), options);
  if (!db.ok()) return Fail(db.status());
  Status status = ind::LoadDemoCity(db->get(), {"demo", "SYNTHETIC demo data"});
  if (!status.ok()) return Fail(status);
  std::printf("SYNTHETIC demo indicators loaded into %s (latest year %d)\n",
              args->Get("db").c_str(), ind::kDemoLatestYear);
  return kExitSuccess;
}

int RunSubmit(const CommandArgs& argv) { return RunStep("submit", argv); }

// review accept|return ...
int RunReview(const CommandArgs& argv) {
  if (argv.empty() || (argv[0] != "accept" && argv[0] != "return")) {
    return Fail(InvalidArgumentError("review accept|return expected"));
  }
  return RunStep(argv[0], CommandArgs(argv.begin() + 1, argv.end()));
}

int RunUnits(const CommandArgs& argv) { return RunTable("units", argv); }
int RunPlan(const CommandArgs& argv) { return RunTable("plan", argv); }
int RunProjects(const CommandArgs& argv) { return RunTable("projects", argv); }

int RunImportValues(const CommandArgs& argv) {
  CommandArgs with_verb = {"import"};
  with_verb.insert(with_verb.end(), argv.begin(), argv.end());
  return RunTable("values", with_verb);
}

const Command kCommands[] = {{"status", kStatusUsage, RunStatus},
                             {"import-catalogue", kImportCatalogueUsage, RunImportCatalogue},
                             {"catalogue", kCatalogueUsage, RunCatalogue},
                             {"profile", kProfileUsage, RunProfile},
                             {"set-value", kSetValueUsage, RunSetValue},
                             {"engine-figures", kEngineFiguresUsage, RunEngineFigures},
                             {"import-values", kImportValuesUsage, RunImportValues},
                             {"submit", kSubmitUsage, RunSubmit},
                             {"review", kReviewUsage, RunReview},
                             {"evidence", kEvidenceUsage, RunEvidence},
                             {"units", kUnitsUsage, RunUnits},
                             {"plan", kPlanUsage, RunPlan},
                             {"projects", kProjectsUsage, RunProjects},
                             {"demo-data", kDemoDataUsage, RunDemoData}};
const CommandTable kTable = {"indicators", kCommands, kNotes};

}  // namespace

int RunIndicatorsCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
