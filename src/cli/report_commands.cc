// `ecociv report`: official documents (report/*.h) as HTML, PDF or JSON:
// the monthly and yearly air and water reports, the yearly bulletin and the
// formal report cards.
#include <cstdio>
#include <set>

#include "args.h"
#include "command_table.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/report/air_document.h"
#include "ecociv/report/bulletin.h"
#include "ecociv/report/card_document.h"
#include "ecociv/report/document.h"
#include "ecociv/report/pdf.h"
#include "ecociv/report/profile.h"
#include "ecociv/report/publishing.h"
#include "ecociv/report/water_document.h"
#include "ecociv/scoring/saved_cards.h"
#include "ecociv/store/regions.h"
#include "report_cli.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

using namespace ecociv::report;

constexpr const char* kAirMonthlyUsage =
    "  ecociv report air-monthly --period YYYY-MM [--city C | --region CODE] --db F\n"
    "                            --format html|pdf|json [--lang zh|en] [--output F] [--save]\n"
    "                            [document flags]\n";
constexpr const char* kAirYearlyUsage =
    "  ecociv report air-yearly  --period YYYY [--city C | --region CODE] --db F\n"
    "                            --format html|pdf|json [--lang zh|en] [--output F] [--save]\n"
    "                            [document flags]\n";
constexpr const char* kWaterMonthlyUsage =
    "  ecociv report water-monthly --period YYYY-MM --db F --format html|pdf|json\n"
    "                            [--lang zh|en] [--city NAME | --region CODE] [--output F]\n"
    "                            [--save] [document flags]\n";
constexpr const char* kWaterYearlyUsage =
    "  ecociv report water-yearly --period YYYY --db F --format html|pdf|json\n"
    "                            [--lang zh|en] [--city NAME | --region CODE] [--output F]\n"
    "                            [--save] [document flags]\n";
constexpr const char* kBulletinUsage =
    "  ecociv report bulletin --period YYYY [--city C | --region CODE] --db F\n"
    "                         --format html|pdf|json [--lang zh|en] [--output F] [--save]\n"
    "                         [document flags]\n";
constexpr const char* kCardUsage =
    "  ecociv report card (--run RUN | --scheme S --year Y) --subject ID --db F\n"
    "                     --format html|pdf|json [--lang zh|en] [--city NAME] [--output F]\n"
    "                     [--save] [document flags]\n";
constexpr const char* kApproveUsage = "  ecociv report approve ID --db F [--why T]\n";
constexpr const char* kPublishUsage = "  ecociv report publish ID --db F [--why T]\n";
constexpr const char* kListUsage =
    "  ecociv report list --db F [--published] [--format text|json]\n";
constexpr const char* kGetUsage = "  ecociv report get ID --db F [--format pdf|html] --output F\n";
constexpr const char* kProfilesUsage = "  ecociv report profiles [--check FILE.toml]\n";
constexpr const char* kNotes =
    "Document flags: --profile NAME|FILE.toml (display profile; built in: yearly, monthly,\n"
    "daily, card; default: yearly for a year, monthly for a month, card for a card),\n"
    "--issuer TEXT, --number TEXT (文号), --date YYYY-MM-DD (date of issue; default today,\n"
    "Beijing time), --standards DIR. --format pdf needs --output FILE.pdf and Debian's\n"
    "chromium (scripts/setup). Figures are rounded once (GB/T 8170) from the engines'\n"
    "exact values; year-on-year changes follow the profile (default: from the printed\n"
    "figures). --region CODE makes the document of a region of the store (its stations,\n"
    "sections and warnings, named by the region). --save stores the document (HTML\n"
    "and PDF) as a draft in --db (--replaces ID:\n"
    "a correction of that published document); approve ID and publish ID move it on, each\n"
    "step in the change record. schedule lists the periodic documents due\n"
    "(config/report-schedule.toml, or --schedule FILE); --run drafts those not yet drafted\n"
    "(both languages, idempotent) and notifies the leaders through the outbox. See\n"
    "docs/reports.md.\n";

const std::set<std::string> kDocumentFlags = {
    "db",     "period", "city", "format",    "lang",     "output", "profile",
    "issuer", "number", "date", "standards", "replaces", "why",    "region"};

// --period YYYY or YYYY-MM into (year, month); `monthly` says which is expected.
Status ParsePeriod(const std::string& text, bool monthly, int* year, int* month) {
  const std::string expected = monthly ? "YYYY-MM" : "YYYY";
  if (text.size() != (monthly ? 7u : 4u) || (monthly && text[4] != '-')) {
    return InvalidArgumentError("--period: expected " + expected);
  }
  ECOCIV_ASSIGN_OR_RETURN(int64_t y, ParseInteger(text.substr(0, 4), 2000, 2100, "--period year"));
  *year = static_cast<int>(y);
  *month = 0;
  if (monthly) {
    ECOCIV_ASSIGN_OR_RETURN(int64_t m, ParseInteger(text.substr(5), 1, 12, "--period month"));
    *month = static_cast<int>(m);
  }
  return Status::Ok();
}

StatusOr<DocumentOptions> OptionsOf(const Args& args) {
  DocumentOptions o;
  ECOCIV_ASSIGN_OR_RETURN(o.lang, ParseLang(args.Get("lang", "zh")));
  o.issuer = args.Get("issuer");
  o.number = args.Get("number");
  o.date = args.Get("date");
  return o;
}

// --format and --output checked together; pdf needs a file.
StatusOr<std::string> FormatOf(const Args& args) {
  if (!args.Has("format")) {
    // --save alone stores the document and writes no file.
    if (args.Has("save") && !args.Has("output")) return std::string("none");
    return InvalidArgumentError("--format html|pdf|json is required");
  }
  std::string format = args.Get("format");
  if (format != "html" && format != "pdf" && format != "json") {
    return InvalidArgumentError("--format: expected html, pdf or json");
  }
  if (format == "pdf" && (args.Get("output").empty() || args.Get("output") == "-")) {
    return InvalidArgumentError("--format pdf needs --output FILE.pdf");
  }
  return format;
}

// Renders and writes a document, and with --save stores it as a draft; the
// exit code.
int Emit(const Args& args, const std::string& format, const StatusOr<Document>& document,
         const std::string& period, store::Database* db) {
  if (!document.ok()) return ReportError(document.status());
  if (args.Has("save")) {
    const std::string html = DocumentHtml(*document);
    auto pdf = HtmlToPdf(html);
    if (!pdf.ok()) return ReportError(pdf.status());
    int64_t replaces = 0;
    if (args.Has("replaces")) {
      auto id = ParseInteger(args.Get("replaces"), 1, INT64_MAX, "--replaces");
      if (!id.ok()) return ReportError(id.status());
      replaces = *id;
    }
    auto saved =
        SaveDraft(db, *document, period, html, *pdf, replaces, store::Actor{"", args.Get("why")});
    if (!saved.ok()) return ReportError(saved.status());
    std::fprintf(stderr, "document %lld saved as a draft (approve, then publish)\n",
                 static_cast<long long>(saved->id));
    if (!args.Has("output")) return kExitSuccess;
  }
  StatusOr<std::string> out = format == "json"   ? DocumentJson(*document)
                              : format == "html" ? DocumentHtml(*document)
                                                 : HtmlToPdf(DocumentHtml(*document));
  if (!out.ok()) return ReportError(out.status());
  Status written = WriteOutput(args.Get("output"), *out);
  return written.ok() ? kExitSuccess : ReportError(written);
}

// An air or water report for a month or a year: the two share their flags and
// differ only in the request they fill and the document they make.
template <typename Request, typename MakeDocument>
int PeriodReportCommand(const CommandArgs& argv, bool monthly, MakeDocument make) {
  auto args = Args::Parse(argv, kDocumentFlags, {"save"});
  if (!args.ok()) return ReportError(args.status());
  auto format = FormatOf(*args);
  if (!format.ok()) return ReportError(format.status());
  Request request;
  Status period = ParsePeriod(args->Get("period"), monthly, &request.year, &request.month);
  if (!period.ok()) return ReportError(period);
  request.city = args->Get("city");
  request.region = args->Get("region", store::kRootRegion);
  request.standards_dir = args->Get("standards");
  auto options = OptionsOf(*args);
  if (!options.ok()) return ReportError(options.status());
  auto profile = LoadProfile(args->Get("profile", monthly ? "monthly" : "yearly"));
  if (!profile.ok()) return ReportError(profile.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  return Emit(*args, *format, make(db->get(), request, *profile, *options), args->Get("period"),
              db->get());
}

int AirReportCommand(const CommandArgs& argv, bool monthly) {
  return PeriodReportCommand<AirReportRequest>(argv, monthly, AirReport);
}

int WaterReportCommand(const CommandArgs& argv, bool monthly) {
  return PeriodReportCommand<WaterReportRequest>(argv, monthly, WaterReport);
}

// The yearly environmental bulletin: the air and water parts as the yearly
// reports make them, then the warnings and the ecological space.
int BulletinCommand(const CommandArgs& argv) {
  return PeriodReportCommand<AirReportRequest>(
      argv, false,
      [](store::Database* db, const AirReportRequest& r, const ReportProfile& profile,
         const DocumentOptions& options) {
        return Bulletin(db, BulletinRequest{r.year, r.city, r.standards_dir, r.region}, profile,
                        options);
      });
}

int WaterMonthly(const CommandArgs& argv) { return WaterReportCommand(argv, true); }
int WaterYearly(const CommandArgs& argv) { return WaterReportCommand(argv, false); }

int AirMonthly(const CommandArgs& argv) { return AirReportCommand(argv, true); }
int AirYearly(const CommandArgs& argv) { return AirReportCommand(argv, false); }

// --run, or the approved run of --scheme and --year.
StatusOr<int64_t> RunOf(const Args& args, store::Database* db) {
  if (args.Has("run")) return ParseInteger(args.Get("run"), 1, INT64_MAX, "--run");
  if (!args.Has("scheme") || !args.Has("year")) {
    return InvalidArgumentError("--run RUN, or --scheme S and --year Y, is required");
  }
  ECOCIV_ASSIGN_OR_RETURN(int64_t year, ParseInteger(args.Get("year"), 2000, 2100, "--year"));
  return scoring::ApprovedRunId(db, args.Get("scheme"), static_cast<int>(year));
}

StatusOr<Document> CardOf(const Args& args, const DocumentOptions& options, store::Database* db) {
  if (!args.Has("subject")) return InvalidArgumentError("--subject ID is required");
  ECOCIV_ASSIGN_OR_RETURN(ReportProfile profile, LoadProfile(args.Get("profile", "card")));
  ECOCIV_ASSIGN_OR_RETURN(int64_t run, RunOf(args, db));
  ECOCIV_ASSIGN_OR_RETURN(scoring::Card card, scoring::SavedCard(db, run, args.Get("subject")));
  return CardDocument(card, profile, options, args.Get("city"));
}

int Card(const CommandArgs& argv) {
  std::set<std::string> flags = kDocumentFlags;
  flags.erase("period");
  flags.erase("standards");
  flags.insert({"run", "scheme", "year", "subject"});
  auto args = Args::Parse(argv, flags, {"save"});
  if (!args.ok()) return ReportError(args.status());
  auto format = FormatOf(*args);
  if (!format.ok()) return ReportError(format.status());
  auto options = OptionsOf(*args);
  if (!options.ok()) return ReportError(options.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto document = CardOf(*args, *options, db->get());
  std::string period;
  if (document.ok()) {
    auto run = RunOf(*args, db->get());
    if (!run.ok()) return ReportError(run.status());
    auto info = scoring::LoadRun(db->get(), *run);
    if (!info.ok()) return ReportError(info.status());
    period = info->info.scheme + "/" + std::to_string(info->info.year) + "/" + args->Get("subject");
  }
  return Emit(*args, *format, document, period, db->get());
}

// approve ID / publish ID.
int Step(const CommandArgs& argv, bool publish) {
  auto args = Args::Parse(argv, {"db", "why"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (args->positional().size() != 1)
    return ReportError(InvalidArgumentError("give one document id"));
  auto id = ParseInteger(args->positional()[0], 1, INT64_MAX, "document id");
  if (!id.ok()) return ReportError(id.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  const store::Actor actor{"", args->Get("why")};
  Status s =
      publish ? PublishDocument(db->get(), *id, actor) : ApproveDocument(db->get(), *id, actor);
  if (!s.ok()) return ReportError(s);
  std::printf("document %lld %s\n", static_cast<long long>(*id),
              publish ? "published" : "approved");
  return kExitSuccess;
}
int Approve(const CommandArgs& argv) { return Step(argv, false); }
int Publish(const CommandArgs& argv) { return Step(argv, true); }

int List(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "format"}, {"published"});
  if (!args.ok()) return ReportError(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto list = args->Has("published") ? PublishedDocuments(db->get()) : ListDocuments(db->get());
  if (!list.ok()) return ReportError(list.status());
  if (args->Get("format", "text") == "json") {
    std::fputs(StoredDocumentsJson(*list).c_str(), stdout);
    return kExitSuccess;
  }
  for (const StoredDocument& d : *list) {
    std::printf("%-4lld %-10s %-13s %-18s %s %s  %s\n", static_cast<long long>(d.id),
                d.state.c_str(), d.kind.c_str(), d.period.c_str(), d.lang.c_str(),
                d.pdf_sha256.substr(0, 12).c_str(), d.title.c_str());
  }
  return kExitSuccess;
}

int Get(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "format", "output"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (args->positional().size() != 1 || !args->Has("output")) {
    return ReportError(InvalidArgumentError("give one document id and --output FILE"));
  }
  auto id = ParseInteger(args->positional()[0], 1, INT64_MAX, "document id");
  if (!id.ok()) return ReportError(id.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  auto file = DocumentFile(db->get(), *id, args->Get("format", "pdf"), false);
  if (!file.ok()) return ReportError(file.status());
  Status written = WriteOutput(args->Get("output"), *file);
  return written.ok() ? kExitSuccess : ReportError(written);
}

int Profiles(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"check"}, {});
  if (!args.ok()) return ReportError(args.status());
  if (args->Has("check")) {
    auto profile = LoadProfile(args->Get("check"));
    if (!profile.ok()) return ReportError(profile.status());
    std::printf("%s: profile '%s' is valid\n", args->Get("check").c_str(), profile->id.c_str());
    return kExitSuccess;
  }
  for (const std::string& id : BuiltInProfiles()) {
    auto profile = LoadProfile(id);
    if (!profile.ok()) return ReportError(profile.status());
    std::printf("%-8s %s / %s (PM2.5 %d decimals, changes from %s figures)\n", id.c_str(),
                profile->title_zh.c_str(), profile->title_en.c_str(), profile->Decimals("pm25"),
                profile->basis == ChangeBasis::kPublished ? "published" : "exact");
  }
  return kExitSuccess;
}

const Command kCommands[] = {
    {"air-monthly", kAirMonthlyUsage, AirMonthly},
    {"air-yearly", kAirYearlyUsage, AirYearly},
    {"water-monthly", kWaterMonthlyUsage, WaterMonthly},
    {"water-yearly", kWaterYearlyUsage, WaterYearly},
    {"bulletin", kBulletinUsage, BulletinCommand},
    {"card", kCardUsage, Card},
    {"approve", kApproveUsage, Approve},
    {"publish", kPublishUsage, Publish},
    {"list", kListUsage, List},
    {"get", kGetUsage, Get},
    {"profiles", kProfilesUsage, Profiles},
    {"schedule", kReportScheduleUsage, ReportSchedule},
};

const CommandTable kTable = {"report", kCommands, kNotes};

}  // namespace

int RunReportCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
