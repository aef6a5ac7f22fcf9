// `ecociv report`: official documents (report/*.h) as HTML, PDF or JSON:
// the monthly and yearly air and water reports and the formal report cards.
#include <cstdio>
#include <set>

#include "args.h"
#include "command_table.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/report/air_document.h"
#include "ecociv/report/card_document.h"
#include "ecociv/report/document.h"
#include "ecociv/report/pdf.h"
#include "ecociv/report/profile.h"
#include "ecociv/report/water_document.h"
#include "ecociv/scoring/saved_cards.h"
#include "store_cli.h"

namespace ecociv::cli {
namespace {

using namespace ecociv::report;

constexpr const char* kAirMonthlyUsage =
    "  ecociv report air-monthly --period YYYY-MM [--city C] --db F --format html|pdf|json\n"
    "                            [--lang zh|en] [--output F] [document flags]\n";
constexpr const char* kAirYearlyUsage =
    "  ecociv report air-yearly  --period YYYY [--city C] --db F --format html|pdf|json\n"
    "                            [--lang zh|en] [--output F] [document flags]\n";
constexpr const char* kWaterMonthlyUsage =
    "  ecociv report water-monthly --period YYYY-MM --db F --format html|pdf|json\n"
    "                            [--lang zh|en] [--city NAME] [--output F] [document flags]\n";
constexpr const char* kWaterYearlyUsage =
    "  ecociv report water-yearly --period YYYY --db F --format html|pdf|json\n"
    "                            [--lang zh|en] [--city NAME] [--output F] [document flags]\n";
constexpr const char* kCardUsage =
    "  ecociv report card (--run RUN | --scheme S --year Y) --subject ID --db F\n"
    "                     --format html|pdf|json [--lang zh|en] [--city NAME] [--output F]\n"
    "                     [document flags]\n";
constexpr const char* kProfilesUsage =
    "  ecociv report profiles [--check FILE.toml]\n";
constexpr const char* kNotes =
    "Document flags: --profile NAME|FILE.toml (display profile; built in: yearly, monthly,\n"
    "daily, card; default: yearly for a year, monthly for a month, card for a card),\n"
    "--issuer TEXT, --number TEXT (文号), --date YYYY-MM-DD (date of issue; default today,\n"
    "Beijing time), --standards DIR. --format pdf needs --output FILE.pdf and Debian's\n"
    "chromium (scripts/setup). Figures are rounded once (GB/T 8170) from the engines'\n"
    "exact values; year-on-year changes follow the profile (default: from the printed\n"
    "figures). See docs/reports.md.\n";

const std::set<std::string> kDocumentFlags = {"db",     "period", "city",   "format",
                                              "lang",   "output", "profile", "issuer",
                                              "number", "date",   "standards"};

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
  if (!args.Has("format")) return InvalidArgumentError("--format html|pdf|json is required");
  std::string format = args.Get("format");
  if (format != "html" && format != "pdf" && format != "json") {
    return InvalidArgumentError("--format: expected html, pdf or json");
  }
  if (format == "pdf" && (args.Get("output").empty() || args.Get("output") == "-")) {
    return InvalidArgumentError("--format pdf needs --output FILE.pdf");
  }
  return format;
}

// Renders and writes a document; the exit code.
int Emit(const Args& args, const std::string& format, const StatusOr<Document>& document) {
  if (!document.ok()) return ReportError(document.status());
  StatusOr<std::string> out = format == "json" ? DocumentJson(*document)
                              : format == "html" ? DocumentHtml(*document)
                                                 : HtmlToPdf(DocumentHtml(*document));
  if (!out.ok()) return ReportError(out.status());
  Status written = WriteOutput(args.Get("output"), *out);
  return written.ok() ? kExitSuccess : ReportError(written);
}

int AirReportCommand(const CommandArgs& argv, bool monthly) {
  auto args = Args::Parse(argv, kDocumentFlags, {});
  if (!args.ok()) return ReportError(args.status());
  auto format = FormatOf(*args);
  if (!format.ok()) return ReportError(format.status());
  AirReportRequest request;
  Status period = ParsePeriod(args->Get("period"), monthly, &request.year, &request.month);
  if (!period.ok()) return ReportError(period);
  request.city = args->Get("city");
  request.standards_dir = args->Get("standards");
  auto options = OptionsOf(*args);
  if (!options.ok()) return ReportError(options.status());
  auto profile = LoadProfile(args->Get("profile", monthly ? "monthly" : "yearly"));
  if (!profile.ok()) return ReportError(profile.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  return Emit(*args, *format, AirReport(db->get(), request, *profile, *options));
}

int WaterReportCommand(const CommandArgs& argv, bool monthly) {
  auto args = Args::Parse(argv, kDocumentFlags, {});
  if (!args.ok()) return ReportError(args.status());
  auto format = FormatOf(*args);
  if (!format.ok()) return ReportError(format.status());
  WaterReportRequest request;
  Status period = ParsePeriod(args->Get("period"), monthly, &request.year, &request.month);
  if (!period.ok()) return ReportError(period);
  request.city = args->Get("city");
  request.standards_dir = args->Get("standards");
  auto options = OptionsOf(*args);
  if (!options.ok()) return ReportError(options.status());
  auto profile = LoadProfile(args->Get("profile", monthly ? "monthly" : "yearly"));
  if (!profile.ok()) return ReportError(profile.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return ReportError(db.status());
  return Emit(*args, *format, WaterReport(db->get(), request, *profile, *options));
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

StatusOr<Document> CardOf(const Args& args, const DocumentOptions& options) {
  if (!args.Has("subject")) return InvalidArgumentError("--subject ID is required");
  ECOCIV_ASSIGN_OR_RETURN(ReportProfile profile, LoadProfile(args.Get("profile", "card")));
  ECOCIV_ASSIGN_OR_RETURN(auto db, OpenStoreFromArgs(args));
  ECOCIV_ASSIGN_OR_RETURN(int64_t run, RunOf(args, db.get()));
  ECOCIV_ASSIGN_OR_RETURN(scoring::Card card, scoring::SavedCard(db.get(), run, args.Get("subject")));
  return CardDocument(card, profile, options, args.Get("city"));
}

int Card(const CommandArgs& argv) {
  std::set<std::string> flags = kDocumentFlags;
  flags.erase("period");
  flags.erase("standards");
  flags.insert({"run", "scheme", "year", "subject"});
  auto args = Args::Parse(argv, flags, {});
  if (!args.ok()) return ReportError(args.status());
  auto format = FormatOf(*args);
  if (!format.ok()) return ReportError(format.status());
  auto options = OptionsOf(*args);
  if (!options.ok()) return ReportError(options.status());
  return Emit(*args, *format, CardOf(*args, *options));
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
    {"card", kCardUsage, Card},
    {"profiles", kProfilesUsage, Profiles},
};

const CommandTable kTable = {"report", kCommands, kNotes};

}  // namespace

int RunReportCommand(const CommandArgs& args) { return Dispatch(kTable, args); }

}  // namespace ecociv::cli
