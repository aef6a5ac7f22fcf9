// `ecociv water plan` (one plan per section: docs/water.md, "One plan per
// section") and `ecociv water chief` (the chiefs' links to their sections).
#include <cstdio>

#include "args.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/warning/chief_links.h"
#include "ecociv/warning/section_plan.h"
#include "store_cli.h"
#include "water_cli.h"

namespace ecociv::cli {

const char* const kWaterPlanUsage =
    "  ecociv water plan show --section S [--format text|json] [--as-of D] [--db P]\n"
    "  ecociv water plan list [--format text|json] [--as-of D] [--db P]\n"
    "  ecociv water plan save --section S --title T [--effect TEXT]\n"
    "                         [--cause source|outfall|other:TEXT]... [--why W] [--db P]\n"
    "  ecociv water plan measure --section S --text T --unit U --deadline D [--items I]\n"
    "  ecociv water plan measure-state --section S --id N --state planned|in_progress|done\n"
    "  ecociv water plan progress --section S --date D --note T [--measure N]\n"
    "                         [--evidence TEXT] [--who NAME]\n"
    "  ecociv water plan submit|approve|return --section S [--why W] [--db P]\n"
    "      one plan per section (一断面一方案): causes, measures with their unit, deadline\n"
    "      and state, progress; a water warning is closed only against an approved plan;\n"
    "      every change is in the change record (--as-of: the day overdue is judged on,\n"
    "      default today in Beijing time)\n";

const char* const kWaterChiefUsage =
    "  ecociv water chief --user NAME (--section-chief NAME | --river NAME) [--remove]\n"
    "                     [--why W] [--db P]\n"
    "  ecociv water chief --list [--user NAME] [--db P]\n"
    "      links a web user to the sections whose chief_name (断面长) or river (河长)\n"
    "      is given; the chiefs' page shows a linked user those sections\n";

namespace {

using namespace ecociv::warning;

int Fail(const Status& s) { return ReportError(s); }

StatusOr<std::string> Today(const Args& args) {
  if (!args.Has("as-of")) return store::BeijingToday();
  const std::string text = args.Get("as-of");
  auto day = ParseDate(text);
  if (!day.ok() || text.size() != 10) {
    return InvalidArgumentError("--as-of must be a date YYYY-MM-DD");
  }
  return text;
}

int Show(const Args& args, store::Database* db, bool all) {
  const std::string format = args.Get("format", "text");
  if (format != "text" && format != "json") {
    return Fail(InvalidArgumentError("--format must be text or json"));
  }
  auto today = Today(args);
  if (!today.ok()) return Fail(today.status());
  std::vector<SectionPlan> plans;
  if (all) {
    auto list = ListPlans(db);
    if (!list.ok()) return Fail(list.status());
    plans = std::move(*list);
  } else {
    auto plan = GetPlan(db, args.Get("section"));
    if (!plan.ok()) return Fail(plan.status());
    plans.push_back(std::move(*plan));
  }
  std::string out;
  if (format == "json") {
    if (!all) {
      out = PlanJson(plans[0], *today) + "\n";
    } else {
      out = "[";
      for (size_t i = 0; i < plans.size(); ++i) out += (i ? "," : "") + PlanJson(plans[i], *today);
      out += "]\n";
    }
  } else {
    for (size_t i = 0; i < plans.size(); ++i) out += (i ? "\n" : "") + PlanText(plans[i], *today);
  }
  Status s = WriteOutput("", out);
  return s.ok() ? kExitSuccess : Fail(s);
}

StatusOr<int64_t> IdOf(const Args& args, const char* flag) {
  return ParseInteger(args.Get(flag), 1, INT64_MAX, (std::string("--") + flag).c_str());
}

}  // namespace

int RunWaterPlan(const CommandArgs& argv) {
  if (argv.empty()) {
    return Fail(InvalidArgumentError(
        "water plan needs an action: show, list, save, measure, measure-state, progress, "
        "submit, approve or return"));
  }
  const std::string action = argv[0];
  const CommandArgs rest(argv.begin() + 1, argv.end());
  auto args = Args::Parse(rest,
                          {"db", "section", "format", "as-of", "title", "effect", "cause", "why",
                           "text", "unit", "deadline", "items", "id", "state", "date", "note",
                           "measure", "evidence", "who"},
                          {});
  if (!args.ok()) return Fail(args.status());
  if (action != "list" && !args->Has("section")) {
    return Fail(InvalidArgumentError("--section CODE is required"));
  }
  auto db_or = OpenStoreFromArgs(*args);
  if (!db_or.ok()) return Fail(db_or.status());
  store::Database* db = db_or->get();
  const store::Actor actor{"", args->Get("why")};
  const std::string section = args->Get("section");
  if (action == "show" || action == "list") return Show(*args, db, action == "list");
  Status status;
  std::string done;
  if (action == "save") {
    PlanDraft draft{args->Get("title"), args->Get("effect"), {}};
    for (const std::string& cause : args->GetAll("cause")) {
      size_t colon = cause.find(':');
      if (colon == std::string::npos) {
        return Fail(InvalidArgumentError("--cause must be KIND:TEXT (source, outfall or other)"));
      }
      draft.causes.push_back({cause.substr(0, colon), cause.substr(colon + 1)});
    }
    status = SavePlan(db, section, draft, actor);
    done = "plan of " + section + " saved (draft)";
  } else if (action == "measure") {
    PlanMeasure m{0, args->Get("text"), args->Get("unit"), args->Get("deadline"),
                  args->Get("items"), ""};
    auto id = AddMeasure(db, section, m, actor);
    status = id.status();
    if (id.ok()) done = "plan of " + section + ": measure " + std::to_string(*id) + " added";
  } else if (action == "measure-state") {
    auto id = IdOf(*args, "id");
    if (!id.ok()) return Fail(id.status());
    status = SetMeasureState(db, section, *id, args->Get("state"), actor);
    done = "plan of " + section + ": measure " + std::to_string(*id) + " " + args->Get("state");
  } else if (action == "progress") {
    int64_t measure = 0;
    if (args->Has("measure")) {
      auto id = IdOf(*args, "measure");
      if (!id.ok()) return Fail(id.status());
      measure = *id;
    }
    PlanProgress p{0, measure, args->Get("date"), args->Get("who"), args->Get("note"),
                   args->Get("evidence"), ""};
    auto id = AddProgress(db, section, p, actor);
    status = id.status();
    if (id.ok()) done = "plan of " + section + ": progress " + std::to_string(*id) + " recorded";
  } else if (action == "submit" || action == "approve" || action == "return") {
    status = ChangeApproval(db, section, action, actor);
    done = "plan of " + section + ": " + action;
  } else {
    return Fail(InvalidArgumentError("unknown water plan action '" + action + "'"));
  }
  if (!status.ok()) return Fail(status);
  std::printf("%s\n", done.c_str());
  return kExitSuccess;
}

int RunWaterChief(const CommandArgs& argv) {
  auto args = Args::Parse(argv, {"db", "user", "section-chief", "river", "why"}, {"remove", "list"});
  if (!args.ok()) return Fail(args.status());
  auto db = OpenStoreFromArgs(*args);
  if (!db.ok()) return Fail(db.status());
  if (args->Has("list")) {
    auto links = ListChiefLinks(db->get(), args->Get("user"));
    if (!links.ok()) return Fail(links.status());
    std::printf("user\tkind\tvalue\tsections\n");
    for (const ChiefLink& l : *links) {
      auto sections = ChiefSections(db->get(), l.user);
      if (!sections.ok()) return Fail(sections.status());
      std::string codes;
      for (const std::string& c : *sections) codes += (codes.empty() ? "" : " ") + c;
      std::printf("%s\t%s\t%s\t%s\n", l.user.c_str(), l.kind.c_str(), l.value.c_str(),
                  codes.c_str());
    }
    return kExitSuccess;
  }
  if (!args->Has("user") || args->Has("section-chief") == args->Has("river")) {
    return Fail(InvalidArgumentError("give --user and one of --section-chief NAME or --river NAME"));
  }
  ChiefLink link{args->Get("user"), args->Has("river") ? "river" : "section",
                 args->Has("river") ? args->Get("river") : args->Get("section-chief")};
  const bool remove = args->Has("remove");
  Status s = SetChiefLink(db->get(), link, remove, store::Actor{"", args->Get("why")});
  if (!s.ok()) return Fail(s);
  auto sections = ChiefSections(db->get(), link.user);
  if (!sections.ok()) return Fail(sections.status());
  std::printf("%s %s %s %s: %zu sections\n", link.user.c_str(), remove ? "unlinked from" : "linked to",
              link.kind.c_str(), link.value.c_str(), sections->size());
  return kExitSuccess;
}

}  // namespace ecociv::cli
