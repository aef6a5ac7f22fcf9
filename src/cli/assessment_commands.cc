// `ecociv scoring people|values|events|store-run|runs|review|approve|findings|
// evidence`: the assessments in the store (docs/scoring.md, "In the store").
// Every change goes into the change record with --why as the reason.
#include "assessment_commands.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "args.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/scoring/assessment_lists.h"
#include "ecociv/scoring/demo_store.h"
#include "ecociv/scoring/saved_cards.h"
#include "ecociv/store/regions.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

using namespace ecociv::scoring;

constexpr const char* kPeopleUsage =
    "  ecociv scoring people import FILE [--why T] | people list [--format text|json]\n";
constexpr const char* kValuesUsage =
    "  ecociv scoring values import --scheme S --year Y FILE [--why T]   (subject,item,value,"
    "note)\n";
constexpr const char* kEventsUsage =
    "  ecociv scoring events import --scheme S --year Y FILE [--why T]   (subject,item,date,"
    "count,note)\n";
constexpr const char* kStoreRunUsage =
    "  ecociv scoring store-run --scheme S --year Y [--region CODE] [--subject ID...]\n"
    "                           [--replaces RUN] [--format text|json] [--why T]\n";
constexpr const char* kRunsUsage =
    "  ecociv scoring runs [--scheme S] [--year Y] [--format text|json]\n";
constexpr const char* kReviewUsage = "  ecociv scoring review RUN [--why T]\n";
constexpr const char* kApproveUsage = "  ecociv scoring approve RUN [--why T]\n";
constexpr const char* kFindingsUsage =
    R"(  ecociv scoring findings list [--run RUN] [--subject P] [--today YYYY-MM-DD] [--format text|json]
  ecociv scoring findings add --run RUN --subject P --problem T --owner UNIT --deadline YYYY-MM-DD
  ecociv scoring findings update ID --status open|in_progress|closed --progress T
)";
constexpr const char* kEvidenceUsage =
    "  ecociv scoring evidence add --object value:S/Y/SUBJECT/ITEM/POINT|event:ID|finding:ID FILE"
    "\n  ecociv scoring evidence list --object O\n";

constexpr int64_t kMinYear = 2000, kMaxYear = 2100;

store::Actor ActorOf(const Args& args) { return {"", args.Get("why")}; }

StatusOr<int> YearOf(const Args& args) {
  if (!args.Has("year")) return InvalidArgumentError("--year YYYY is required");
  ECOCIV_ASSIGN_OR_RETURN(int64_t y, ParseInteger(args.Get("year"), kMinYear, kMaxYear, "--year"));
  return static_cast<int>(y);
}

StatusOr<Scheme> SchemeOf(const Args& args) {
  if (!args.Has("scheme")) return InvalidArgumentError("--scheme NAME is required");
  return LoadScheme(args.Get("scheme"), args.Get("schemes"));
}

StatusOr<int64_t> IdOf(const std::string& text, const std::string& what) {
  return ParseInteger(text, 1, INT64_MAX, what);
}

// The sub-command (argv[0], one of `allowed`) and the arguments after it.
StatusOr<std::pair<std::string, CommandArgs>> Sub(const CommandArgs& argv,
                                                  std::initializer_list<const char*> allowed) {
  std::string names;
  for (const char* a : allowed) {
    if (!argv.empty() && argv[0] == a)
      return std::make_pair(argv[0], CommandArgs(argv.begin() + 1, argv.end()));
    names += std::string(names.empty() ? "" : " or ") + a;
  }
  return InvalidArgumentError("expected " + names);
}

// Text or JSON on stdout (or --output).
Status Print(const Args& args, const std::string& text, const std::string& json) {
  std::string format = args.Get("format", "text");
  if (format != "text" && format != "json") {
    return InvalidArgumentError("--format: expected text or json");
  }
  return WriteOutput(args.Get("output"), format == "json" ? json : text);
}

int People(const CommandArgs& argv) {
  auto sub = Sub(argv, {"import", "list"});
  if (!sub.ok()) return ReportError(sub.status());
  auto args = Args::Parse(sub->second, {"db", "why", "format", "output"}, {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  if (sub->first == "list") {
    auto people = ListPeople(db->get());
    if (!people.ok()) return ReportError(people.status());
    Status s = Print(*args, PeopleText(*people), PeopleJson(*people));
    return s.ok() ? kExitSuccess : ReportError(s);
  }
  if (args->positional().size() != 1) return ReportError(InvalidArgumentError("one FILE expected"));
  auto n = ImportPeopleFile(db->get(), args->positional()[0], "", ActorOf(*args));
  if (!n.ok()) return ReportError(n.status());
  std::printf("%d people imported from %s\n", *n, args->positional()[0].c_str());
  return kExitSuccess;
}

// values import / events import: all or nothing.
int ImportInputs(const CommandArgs& argv, bool events) {
  auto sub = Sub(argv, {"import"});
  if (!sub.ok()) return ReportError(sub.status());
  auto args = Args::Parse(sub->second, {"db", "why", "scheme", "schemes", "year"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (args->positional().size() != 1) return ReportError(InvalidArgumentError("one FILE expected"));
  auto scheme = SchemeOf(*args);
  if (!scheme.ok()) return ReportError(scheme.status());
  auto year = YearOf(*args);
  if (!year.ok()) return ReportError(year.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  const std::string& file = args->positional()[0];
  auto n = events ? ImportAssessmentEventsFile(db->get(), *scheme, *year, file, "", ActorOf(*args))
                  : ImportAssessmentValuesFile(db->get(), *scheme, *year, file, "", ActorOf(*args));
  if (!n.ok()) return ReportError(n.status());
  std::printf("%d %s of %s %d imported from %s\n", *n, events ? "events" : "values",
              scheme->id.c_str(), *year, file.c_str());
  return kExitSuccess;
}

int Values(const CommandArgs& argv) { return ImportInputs(argv, false); }
int Events(const CommandArgs& argv) { return ImportInputs(argv, true); }

int StoreRun(const CommandArgs& argv) {
  auto args = Args::Parse(
      argv,
      {"db", "why", "scheme", "schemes", "year", "region", "subject", "replaces", "format",
       "output"},
      {}, {"subject"});
  if (!args.ok()) return ReportError(args.status());
  auto scheme = SchemeOf(*args);
  if (!scheme.ok()) return ReportError(scheme.status());
  auto year = YearOf(*args);
  if (!year.ok()) return ReportError(year.status());
  RunRequest request{*year, args->GetAll("subject"), 0};
  request.region = args->Get("region", store::kRootRegion);
  if (args->Has("replaces")) {
    auto replaces = IdOf(args->Get("replaces"), "--replaces");
    if (!replaces.ok()) return ReportError(replaces.status());
    request.replaces = *replaces;
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto run = CreateRun(db->get(), *scheme, request, ActorOf(*args));
  if (!run.ok()) return ReportError(run.status());
  auto ranking = SavedRanking(db->get(), run->id);
  if (!ranking.ok()) return ReportError(ranking.status());
  std::fprintf(stderr, "run %lld saved as a draft (review, then approve)\n",
               static_cast<long long>(run->id));
  Status s = Print(*args, RankingText(*ranking), RankingJson(*ranking));
  return s.ok() ? kExitSuccess : ReportError(s);
}

int Runs(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "scheme", "year", "format", "output"}, {});
  if (!args.ok()) return ReportError(args.status());
  int year = 0;
  if (args->Has("year")) {
    auto y = YearOf(*args);
    if (!y.ok()) return ReportError(y.status());
    year = *y;
  }
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto runs = ListRuns(db->get(), args->Get("scheme"), year);
  if (!runs.ok()) return ReportError(runs.status());
  Status s = Print(*args, RunsText(*runs), RunsJson(*runs));
  return s.ok() ? kExitSuccess : ReportError(s);
}

// review RUN / approve RUN.
int Step(const CommandArgs& argv, bool approve) {
  auto args = Args::Parse(argv, {"db", "why"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (args->positional().size() != 1) return ReportError(InvalidArgumentError("one RUN expected"));
  auto id = IdOf(args->positional()[0], "RUN");
  if (!id.ok()) return ReportError(id.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  Status s = approve ? ApproveRun(db->get(), *id, ActorOf(*args))
                     : ReviewRun(db->get(), *id, ActorOf(*args));
  if (!s.ok()) return ReportError(s);
  std::printf("run %lld %s\n", static_cast<long long>(*id), approve ? "approved" : "reviewed");
  return kExitSuccess;
}

int Review(const CommandArgs& argv) { return Step(argv, false); }
int Approve(const CommandArgs& argv) { return Step(argv, true); }

int FindingsList(const Args& args, store::Database* db) {
  int64_t run = 0;
  if (args.Has("run")) {
    auto id = IdOf(args.Get("run"), "--run");
    if (!id.ok()) return ReportError(id.status());
    run = *id;
  }
  std::string today = args.Get("today", store::BeijingToday());
  if (!ParseDate(today).ok()) return ReportError(InvalidArgumentError("--today: YYYY-MM-DD"));
  auto findings = ListFindings(db, run, args.Get("subject"), today);
  if (!findings.ok()) return ReportError(findings.status());
  auto counts = FindingEvidenceCounts(db, *findings);
  if (!counts.ok()) return ReportError(counts.status());
  Status s = Print(args, FindingsText(*findings, *counts), FindingsJson(*findings, today, *counts));
  return s.ok() ? kExitSuccess : ReportError(s);
}

int FindingsAdd(const Args& args, store::Database* db) {
  Finding f;
  auto run = IdOf(args.Get("run"), "--run");
  if (!run.ok()) return ReportError(run.status());
  f.run_id = *run;
  f.subject = args.Get("subject");
  f.problem = args.Get("problem");
  f.owner = args.Get("owner");
  f.deadline = args.Get("deadline");
  auto id = AddFinding(db, f, ActorOf(args));
  if (!id.ok()) return ReportError(id.status());
  std::printf("finding %lld recorded\n", static_cast<long long>(*id));
  return kExitSuccess;
}

int FindingsUpdate(const Args& args, store::Database* db) {
  if (args.positional().size() != 1) return ReportError(InvalidArgumentError("one ID expected"));
  auto id = IdOf(args.positional()[0], "ID");
  if (!id.ok()) return ReportError(id.status());
  Status s = UpdateFinding(db, *id, args.Get("status"), args.Get("progress"), ActorOf(args));
  if (!s.ok()) return ReportError(s);
  std::printf("finding %lld: %s\n", static_cast<long long>(*id), args.Get("status").c_str());
  return kExitSuccess;
}

int Findings(const CommandArgs& argv) {
  auto sub = Sub(argv, {"list", "add", "update"});
  if (!sub.ok()) return ReportError(sub.status());
  auto args = Args::Parse(sub->second,
                          {"db", "why", "run", "subject", "today", "format", "output", "problem",
                           "owner", "deadline", "status", "progress"},
                          {});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  if (sub->first == "list") return FindingsList(*args, db->get());
  if (sub->first == "add") return FindingsAdd(*args, db->get());
  return FindingsUpdate(*args, db->get());
}

// A file's bytes as they are (evidence is never decompressed or converted).
StatusOr<std::string> ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

int Evidence(const CommandArgs& argv) {
  auto sub = Sub(argv, {"add", "list"});
  if (!sub.ok()) return ReportError(sub.status());
  auto args = Args::Parse(sub->second, {"db", "why", "object", "name"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (!args->Has("object")) return ReportError(InvalidArgumentError("--object is required"));
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  const std::string object = args->Get("object");
  if (sub->first == "list") {
    auto files = ListAssessmentEvidence(db->get(), object);
    if (!files.ok()) return ReportError(files.status());
    std::printf("file\tobject\tname\tsize\tsha256\n");
    for (const EvidenceInfo& e : *files) {
      if (e.object != object) continue;
      std::printf("%lld\t%s\t%s\t%lld\t%s\n", static_cast<long long>(e.id), e.object.c_str(),
                  e.file_name.c_str(), static_cast<long long>(e.size), e.sha256.c_str());
    }
    return kExitSuccess;
  }
  if (args->positional().size() != 1) return ReportError(InvalidArgumentError("one FILE expected"));
  const std::string& path = args->positional()[0];
  auto bytes = ReadBytes(path);
  if (!bytes.ok()) return ReportError(bytes.status());
  std::string name = args->Get("name", path.substr(path.find_last_of('/') + 1));
  auto sha = AddAssessmentEvidence(db->get(), object, name, *bytes, ActorOf(*args));
  if (!sha.ok()) return ReportError(sha.status());
  std::printf("%s attached to %s (sha256 %s)\n", name.c_str(), object.c_str(), sha->c_str());
  return kExitSuccess;
}

const Command kCommands[] = {{"people", kPeopleUsage, People},
                             {"values", kValuesUsage, Values},
                             {"events", kEventsUsage, Events},
                             {"store-run", kStoreRunUsage, StoreRun},
                             {"runs", kRunsUsage, Runs},
                             {"review", kReviewUsage, Review},
                             {"approve", kApproveUsage, Approve},
                             {"findings", kFindingsUsage, Findings},
                             {"evidence", kEvidenceUsage, Evidence}};

}  // namespace

std::span<const Command> AssessmentEntryCommands() { return kCommands; }

int LoadScoringDemoCommand(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "today", "why"}, {});
  if (!args.ok()) return ReportError(args.status());
  std::string today = args->Get("today", store::BeijingToday());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto demo = LoadScoringDemo(db->get(), today, {"", args->Get("why", "SYNTHETIC demo data")});
  if (!demo.ok()) return ReportError(demo.status());
  std::printf(
      "SYNTHETIC assessments loaded: approved runs %lld-%lld (town-1000, dept-100; 2024, 2025), "
      "departure audit run %lld with %zu findings\n",
      static_cast<long long>(demo->approved.front()), static_cast<long long>(demo->approved.back()),
      static_cast<long long>(demo->departure_audit), demo->findings.size());
  return kExitSuccess;
}

}  // namespace ecociv::cli
