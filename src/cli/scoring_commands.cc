// `ecociv scoring`: run, explain, sensitivity, replay, schemes, demo-data on
// files, then the commands over the store (assessment_commands.h); see
// docs/scoring.md.
#include <algorithm>
#include <cstdio>
#include <fstream>

#include "args.h"
#include "assessment_commands.h"
#include "command_table.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/indicators/provider.h"
#include "ecociv/scoring/demo_data.h"
#include "ecociv/scoring/indicator_source.h"
#include "ecociv/scoring/report.h"
#include "ecociv/scoring/run_log.h"
#include "ecociv/scoring/sensitivity.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

using namespace ecociv::scoring;

constexpr const char* kRunUsage =
    "  ecociv scoring run --scheme NAME|F.toml --year Y --values F [--subjects F] [--events F]\n"
    "                     [--format json|csv|html|xlsx] [--output F] [--schemes DIR]\n"
    "                     [--subject S: with --format html, that subject's card only]\n";
constexpr const char* kExplainUsage =
    "  ecociv scoring explain --subject S (--log RUN.json | <the run options>)\n";
constexpr const char* kSensitivityUsage =
    "  ecociv scoring sensitivity --runs N [--seed N] [--spread PERCENT] <the run options>\n";
constexpr const char* kReplayUsage = "  ecociv scoring replay --log RUN.json\n";
constexpr const char* kSchemesUsage = "  ecociv scoring schemes [--schemes DIR]\n";
constexpr const char* kDemoDataUsage =
    "  ecociv scoring demo-data --out DIR [--year Y]   (SYNTHETIC input files)\n"
    "  ecociv scoring demo-data --db PATH [--today YYYY-MM-DD]   (SYNTHETIC assessments in the "
    "store)\n";
constexpr const char* kNotes =
    "--values and --events may be given several times. `run --format json` writes the run\n"
    "record, which `replay` recomputes and `explain --log` reads. With --db PATH and --subjects "
    "F,\n"
    "items that name an indicator take their values from the year's demonstration-zone\n"
    "indicators in the store (docs/scoring.md); the others from --values.\n"
    "The store commands (people ... card) work on the database of --db, $ECOCIV_DB or "
    "./ecociv.db;\n"
    "every change goes into the change record with --why as the reason. A run is saved as a\n"
    "draft, reviewed, then approved; ranking and card show the figures the web API shows.\n";

constexpr int64_t kMinYear = 1900, kMaxYear = 2200;

const std::set<std::string> kRunFlags = {"scheme", "year",   "values",  "subjects", "events",
                                         "format", "output", "schemes", "db"};

std::set<std::string> With(std::set<std::string> flags, std::initializer_list<const char*> more) {
  for (const char* f : more) flags.insert(f);
  return flags;
}

// The whole number given with --flag, in [min, max]; `fallback` without the flag.
StatusOr<int64_t> IntFlag(const Args& args, const std::string& flag, int64_t fallback, int64_t min,
                          int64_t max) {
  if (!args.Has(flag)) return fallback;
  return ParseInteger(args.Get(flag), min, max, "--" + flag);
}

// Everything a run needs, read completely before anything is computed.
struct Inputs {
  Scheme scheme;
  int year = 0;
  std::vector<Subject> subjects;
  // --values / --events; on the heap so the indicator source's pointer to it
  // stays valid when Inputs moves.
  std::unique_ptr<CsvValueSource> csv = std::make_unique<CsvValueSource>();
  std::unique_ptr<IndicatorValueSource> indicators;  // --db: over csv
  const ValueSource& source() const {
    return indicators ? static_cast<const ValueSource&>(*indicators) : *csv;
  }
};

StatusOr<std::vector<Subject>> ChooseSubjects(const Args& args, const Scheme& scheme,
                                              const CsvValueSource& source) {
  std::vector<Subject> subjects;
  if (!args.Has("subjects")) {
    for (const std::string& id : source.subjects_seen()) {
      subjects.push_back({id, id, scheme.subject_kind});
    }
    if (subjects.empty()) return InvalidArgumentError("no subjects in the values file");
    return subjects;
  }
  ECOCIV_ASSIGN_OR_RETURN(std::vector<Subject> all, ReadSubjects(args.Get("subjects")));
  for (const Subject& s : all) {
    if (scheme.subject_kind.empty() || s.kind == scheme.subject_kind) subjects.push_back(s);
  }
  if (subjects.empty()) {
    return InvalidArgumentError(args.Get("subjects") + ": no subjects of kind '" +
                                scheme.subject_kind + "' (scheme " + scheme.id + ")");
  }
  for (const std::string& id : source.subjects_seen()) {
    bool known =
        std::any_of(subjects.begin(), subjects.end(), [&](const Subject& s) { return s.id == id; });
    if (!known) {
      return InvalidArgumentError("values or events name subject '" + id + "', which is not a " +
                                  scheme.subject_kind + " in " + args.Get("subjects"));
    }
  }
  return subjects;
}

StatusOr<Inputs> LoadInputs(const Args& args) {
  const bool from_store = args.Has("db");
  if (!args.Has("scheme") || !args.Has("year") || (!args.Has("values") && !from_store)) {
    return InvalidArgumentError("--scheme, --year and --values (or --db PATH) are required\n" +
                                std::string(kRunUsage));
  }
  if (from_store && !args.Has("subjects")) {
    return InvalidArgumentError("--db needs --subjects FILE (which units are scored)");
  }
  Inputs in;
  ECOCIV_ASSIGN_OR_RETURN(in.scheme, LoadScheme(args.Get("scheme"), args.Get("schemes")));
  ECOCIV_ASSIGN_OR_RETURN(int64_t year, IntFlag(args, "year", 0, kMinYear, kMaxYear));
  in.year = static_cast<int>(year);
  for (const std::string& path : args.GetAll("values")) {
    ECOCIV_RETURN_IF_ERROR(in.csv->ReadValues(path, in.scheme));
  }
  if (args.Has("events")) {
    for (const std::string& path : args.GetAll("events")) {
      ECOCIV_RETURN_IF_ERROR(in.csv->ReadEvents(path, in.scheme, in.year));
    }
  }
  ECOCIV_ASSIGN_OR_RETURN(in.subjects, ChooseSubjects(args, in.scheme, *in.csv));
  if (from_store) {
    // Values the indicators of the year can give; the rest from --values.
    ECOCIV_ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db, OpenStoreFromArgs(args));
    ECOCIV_ASSIGN_OR_RETURN(auto figures, indicators::IndicatorFiguresForYear(db.get(), in.year));
    in.indicators =
        std::make_unique<IndicatorValueSource>(std::move(figures), in.subjects, in.csv.get());
  }
  return in;
}

StatusOr<Assessment> Score(const Inputs& in) {
  ScoringOptions options;
  options.year = in.year;
  return ScoreScheme(in.scheme, in.subjects, in.source(), options);
}

// Reports missing items on stderr; exit 1 when there were any.
int DataExit(const Assessment& a) {
  int missing = 0;
  for (const SubjectResult& r : a.results) {
    for (const ItemResult& i : r.items) missing += i.outcome == ItemOutcome::kScored ? 0 : 1;
  }
  if (missing == 0) return kExitSuccess;
  std::fprintf(stderr,
               "ecociv: %d item value(s) missing; each was handled by the scheme's policy and is "
               "marked in the results (outcome missing_*)\n",
               missing);
  return kExitDataProblems;
}

int Run(const CommandArgs& argv) {
  auto args = Args::Parse(argv, With(kRunFlags, {"subject"}), {});
  if (!args.ok()) return ReportError(args.status());
  const std::string format = args->Get("format", "json");
  if (args->Has("subject") && format != "html") {
    return ReportError(InvalidArgumentError("--subject (one report card) needs --format html"));
  }
  if (format != "json" && format != "csv" && format != "html" && format != "xlsx") {
    return ReportError(InvalidArgumentError("--format: expected json, csv, html or xlsx"));
  }
  if (format == "xlsx" && (args->Get("output").empty() || args->Get("output") == "-")) {
    return ReportError(InvalidArgumentError("--format xlsx needs --output FILE"));
  }
  auto in = LoadInputs(*args);
  if (!in.ok()) return ReportError(in.status());
  auto a = Score(*in);
  if (!a.ok()) return ReportError(a.status());
  if (args->Has("subject") && !a->Find(args->Get("subject"))) {
    return ReportError(NotFoundError("no subject '" + args->Get("subject") + "' in this run"));
  }
  Status written;
  if (format == "xlsx") {
    written = WriteXlsx(*a, args->Get("output"));
  } else {
    std::string text = format == "json"  ? RunRecordJson(*a)
                       : format == "csv" ? RankingCsv(*a)
                                         : ReportHtml(*a, args->Get("subject"));
    written = WriteOutput(args->Get("output"), text);
  }
  if (!written.ok()) return ReportError(written);
  return DataExit(*a);
}

int Explain(const CommandArgs& argv) {
  auto args = Args::Parse(argv, With(kRunFlags, {"subject", "log"}), {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("subject")) return ReportError(InvalidArgumentError("--subject is required"));
  const std::string subject = args->Get("subject");
  std::string text;
  if (args->Has("log")) {
    auto record = ReadTextFile(args->Get("log"));
    if (!record.ok()) return ReportError(record.status());
    auto replay = ExplainRunRecord(*record, args->Get("log"), subject);
    if (!replay.ok()) return ReportError(replay.status());
    text = *replay;
  } else {
    auto in = LoadInputs(*args);
    if (!in.ok()) return ReportError(in.status());
    auto a = Score(*in);
    if (!a.ok()) return ReportError(a.status());
    if (!a->Find(subject)) {
      return ReportError(NotFoundError("no subject '" + subject + "' in this run"));
    }
    text = ExplainSubject(*a, subject);
  }
  Status written = WriteOutput(args->Get("output"), text);
  return written.ok() ? kExitSuccess : ReportError(written);
}

int Sensitivity(const CommandArgs& argv) {
  auto args = Args::Parse(argv, With(kRunFlags, {"runs", "seed", "spread"}), {});
  if (!args.ok()) return ReportError(args.status());
  SensitivityOptions options;
  auto runs = IntFlag(*args, "runs", 1000, 1, 1000000);
  auto seed = IntFlag(*args, "seed", 1, 0, INT64_MAX);
  auto spread = IntFlag(*args, "spread", 20, 0, 99);
  for (const auto* v : {&runs, &seed, &spread}) {
    if (!v->ok()) return ReportError(v->status());
  }
  auto in = LoadInputs(*args);
  if (!in.ok()) return ReportError(in.status());
  options.runs = static_cast<int>(*runs);
  options.seed = static_cast<uint64_t>(*seed);
  options.spread_percent = static_cast<int>(*spread);
  auto intervals = RankSensitivity(in->scheme, in->subjects, in->source(), in->year, options);
  if (!intervals.ok()) return ReportError(intervals.status());
  std::string text = "subject,name,base_rank,best_rank,worst_rank,share_at_base_rank\n";
  for (const RankInterval& r : *intervals) {
    std::string name;
    for (const Subject& s : in->subjects) {
      if (s.id == r.subject) name = s.name;
    }
    char share[32];
    std::snprintf(share, sizeof share, "%.3f", r.share_at_base);
    text += r.subject + "," + name + "," + std::to_string(r.base_rank) + "," +
            std::to_string(r.best_rank) + "," + std::to_string(r.worst_rank) + "," + share + "\n";
  }
  Status written = WriteOutput(args->Get("output"), text);
  return written.ok() ? kExitSuccess : ReportError(written);
}

int Replay(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"log"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("log")) return ReportError(InvalidArgumentError("--log RUN.json is required"));
  auto text = ReadTextFile(args->Get("log"));
  if (!text.ok()) return ReportError(text.status());
  auto report = ReplayRunRecord(*text, args->Get("log"));
  if (!report.ok()) return ReportError(report.status());
  for (const std::string& d : report->differences) std::printf("DIFFERENT: %s\n", d.c_str());
  std::printf("replay %s: %d subjects, %zu differences\n", report->scheme.c_str(), report->subjects,
              report->differences.size());
  return report->differences.empty() ? kExitSuccess : kExitDataProblems;
}

int Schemes(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"schemes"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto names = ListSchemes(args->Get("schemes"));
  if (!names.ok()) return ReportError(names.status());
  for (const std::string& name : *names) {
    auto scheme = LoadScheme(name, args->Get("schemes"));
    if (!scheme.ok()) return ReportError(scheme.status());
    std::printf("%-16s %s · %s (%s)\n", name.c_str(), scheme->name.c_str(), scheme->name_en.c_str(),
                scheme->origin.c_str());
  }
  return kExitSuccess;
}

int DemoData(const CommandArgs& argv) {
  for (const std::string& a : argv) {
    if (a == "--db" || a.rfind("--db=", 0) == 0) return LoadScoringDemoCommand(argv);
  }
  auto args = Args::Parse(argv, {"out", "year"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("out")) return ReportError(InvalidArgumentError("--out DIR is required"));
  auto year = IntFlag(*args, "year", 2025, kMinYear, kMaxYear);
  if (!year.ok()) return ReportError(year.status());
  auto files = WriteScoringDemo(args->Get("out"), static_cast<int>(*year));
  if (!files.ok()) return ReportError(files.status());
  std::printf("wrote %zu SYNTHETIC scoring input files to %s\n", files->written.size(),
              args->Get("out").c_str());
  return kExitSuccess;
}

const Command kFileCommands[] = {{"run", kRunUsage, Run},
                                 {"explain", kExplainUsage, Explain},
                                 {"sensitivity", kSensitivityUsage, Sensitivity},
                                 {"replay", kReplayUsage, Replay},
                                 {"schemes", kSchemesUsage, Schemes},
                                 {"demo-data", kDemoDataUsage, DemoData}};

// The file commands, then the store's.
const std::vector<Command>& Commands() {
  static const std::vector<Command> all = [] {
    std::vector<Command> list(std::begin(kFileCommands), std::end(kFileCommands));
    for (const Command& c : AssessmentEntryCommands()) list.push_back(c);
    for (const Command& c : AssessmentResultCommands()) list.push_back(c);
    return list;
  }();
  return all;
}

}  // namespace

int RunScoringCommand(const CommandArgs& args) {
  return Dispatch(CommandTable{"scoring", Commands(), kNotes}, args);
}

}  // namespace ecociv::cli
