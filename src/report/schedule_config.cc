// The schedule file (report/schedule.h): config/report-schedule.toml, or a
// file of its shape; each error names the file and line.
#include <toml++/toml.h>

#include <ctime>
#include <set>

#include "ecociv/core/embedded_files.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/report/make_document.h"
#include "ecociv/report/holidays.h"
#include "ecociv/report/profile.h"
#include "ecociv/report/schedule.h"

const ecociv::EmbeddedFile* EmbeddedReportSettings(size_t* count);

namespace ecociv::report {
namespace {

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  Status At(const toml::node& node, const std::string& what) const {
    return InvalidArgumentError(source_ + ":" + std::to_string(node.source().begin.line) + ": " +
                                what);
  }

  Status OnlyKeys(const toml::table& t, const std::string& where,
                  const std::set<std::string>& keys) const {
    for (const auto& [key, value] : t) {
      if (keys.count(std::string(key.str())) == 0) {
        return At(value, "unknown key '" + std::string(key.str()) + "' in " + where);
      }
    }
    return Status::Ok();
  }

  StatusOr<int> Int(const toml::table& t, const std::string& where, const std::string& key,
                    int lo, int hi) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) return At(t, "[" + where + "] has no '" + key + "'");
    auto value = node->value_exact<int64_t>();
    if (!value || *value < lo || *value > hi) {
      return At(*node, where + "." + key + ": a whole number " + std::to_string(lo) + ".." +
                           std::to_string(hi));
    }
    return static_cast<int>(*value);
  }

  StatusOr<bool> Bool(const toml::table& t, const std::string& where,
                      const std::string& key) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) return At(t, "[" + where + "] has no '" + key + "'");
    auto value = node->value_exact<bool>();
    if (!value) return At(*node, where + "." + key + ": true, false or \"count\"");
    return *value;
  }

 private:
  std::string source_;
};

}  // namespace

StatusOr<ScheduleConfig> ParseScheduleConfig(std::string_view text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(source));
  } catch (const toml::parse_error& e) {
    return InvalidArgumentError(source + ":" + std::to_string(e.source().begin.line) + ": " +
                                std::string(e.description()));
  }
  Reader in(source);
  ECOCIV_RETURN_IF_ERROR(in.OnlyKeys(root, "the file", {"schedule", "document"}));
  const toml::table* head = root["schedule"].as_table();
  if (head == nullptr) return InvalidArgumentError(source + ": missing section [schedule]");
  ECOCIV_RETURN_IF_ERROR(in.OnlyKeys(
      *head, "[schedule]", {"langs", "lookback", "retry_minutes", "claim_minutes"}));
  ScheduleConfig config;
  const toml::array* langs = head->get_as<toml::array>("langs");
  if (langs == nullptr || langs->empty()) {
    return in.At(head->get("langs") ? *head->get("langs") : static_cast<const toml::node&>(*head),
                 "schedule.langs: a list of \"zh\" and/or \"en\"");
  }
  for (const toml::node& item : *langs) {
    auto text_value = item.value<std::string>();
    auto lang = text_value ? ParseLang(*text_value) : StatusOr<Lang>(InvalidArgumentError(""));
    if (!lang.ok()) return in.At(item, "schedule.langs: \"zh\" or \"en\"");
    for (Lang seen : config.langs) {
      if (seen == *lang) return in.At(item, "schedule.langs: \"" + *text_value + "\" twice");
    }
    config.langs.push_back(*lang);
  }
  ECOCIV_ASSIGN_OR_RETURN(config.lookback, in.Int(*head, "schedule", "lookback", 1, 24));
  ECOCIV_ASSIGN_OR_RETURN(config.retry_minutes,
                          in.Int(*head, "schedule", "retry_minutes", 1, 7 * 24 * 60));
  ECOCIV_ASSIGN_OR_RETURN(config.claim_minutes,
                          in.Int(*head, "schedule", "claim_minutes", 5, 24 * 60));
  ECOCIV_ASSIGN_OR_RETURN(config.holidays, LoadHolidays(""));
  const toml::array* documents = root["document"].as_array();
  if (documents == nullptr || documents->empty()) {
    return InvalidArgumentError(source + ": no [[document]]");
  }
  for (const toml::node& node : *documents) {
    const toml::table* t = node.as_table();
    if (t == nullptr) return in.At(node, "[[document]] must be a table");
    ScheduledKind k;
    const toml::node* kind = t->get("kind");
    if (kind == nullptr || !kind->value<std::string>()) {
      return in.At(*t, "[[document]] has no 'kind'");
    }
    k.kind = *kind->value<std::string>();
    bool known = false;
    std::string list;
    for (const std::string& name : PeriodicKinds()) {
      known = known || name == k.kind;
      list += (list.empty() ? "" : ", ") + name;
    }
    if (!known) return in.At(*kind, "document.kind: expected one of " + list);
    for (const ScheduledKind& seen : config.kinds) {
      if (seen.kind == k.kind) return in.At(*kind, "document.kind: \"" + k.kind + "\" twice");
    }
    const bool monthly = IsMonthlyKind(k.kind);
    if (monthly) {
      ECOCIV_RETURN_IF_ERROR(in.OnlyKeys(*t, "[[document]] " + k.kind,
                                         {"kind", "day", "working_day"}));
    } else {
      ECOCIV_RETURN_IF_ERROR(in.OnlyKeys(*t, "[[document]] " + k.kind,
                                         {"kind", "month", "day", "working_day"}));
      ECOCIV_ASSIGN_OR_RETURN(k.month, in.Int(*t, "document", "month", 1, 12));
    }
    const toml::node* rule = t->get("working_day");
    if (rule != nullptr && rule->value_exact<std::string>() == "count") {
      k.working_day = true;
      k.count_working_days = true;
      ECOCIV_ASSIGN_OR_RETURN(k.day, in.Int(*t, "document", "day", 1, 15));
    } else {
      ECOCIV_ASSIGN_OR_RETURN(k.day, in.Int(*t, "document", "day", 1, 28));
      ECOCIV_ASSIGN_OR_RETURN(k.working_day, in.Bool(*t, "document", "working_day"));
    }
    config.kinds.push_back(k);
  }
  return config;
}

StatusOr<ScheduleConfig> LoadScheduleConfig(const std::string& path,
                                            const std::string& holidays_dir) {
  if (!holidays_dir.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(ScheduleConfig config, LoadScheduleConfig(path));
    ECOCIV_ASSIGN_OR_RETURN(config.holidays, LoadHolidays(holidays_dir));
    return config;
  }
  if (!path.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
    return ParseScheduleConfig(text, path);
  }
  size_t count = 0;
  const EmbeddedFile* files = EmbeddedReportSettings(&count);
  for (size_t i = 0; i < count; ++i) {
    if (std::string_view(files[i].path) == "report-schedule.toml") {
      return ParseScheduleConfig(std::string_view(files[i].data, files[i].size),
                                 "built-in report-schedule.toml");
    }
  }
  return InternalError("the built-in report-schedule.toml is missing");
}

StatusOr<DayNumber> DueDay(const ScheduledKind& kind, const std::string& period,
                           const HolidayCalendar& holidays, int* unknown_year) {
  const bool monthly = IsMonthlyKind(kind.kind);
  if (period.size() != (monthly ? 7u : 4u) || (monthly && period[4] != '-')) {
    return InvalidArgumentError("period: expected " + std::string(monthly ? "YYYY-MM" : "YYYY") +
                                ", got \"" + period + "\"");
  }
  ECOCIV_ASSIGN_OR_RETURN(int64_t year, ParseInteger(period.substr(0, 4), 2000, 2100, "year"));
  CivilDate due{static_cast<int>(year) + 1, kind.month, kind.day};
  if (monthly) {
    ECOCIV_ASSIGN_OR_RETURN(int64_t month, ParseInteger(period.substr(5), 1, 12, "month"));
    due = month == 12 ? CivilDate{static_cast<int>(year) + 1, 1, kind.day}
                      : CivilDate{static_cast<int>(year), static_cast<int>(month) + 1, kind.day};
  }
  if (!kind.working_day) return DaysFromCivil(due);
  auto note = [&](DayNumber day) {
    const int y = CivilFromDays(day).year;
    if (unknown_year != nullptr && !holidays.KnowsYear(y)) *unknown_year = y;
  };
  if (kind.count_working_days) {
    // The day-th working day of the due month, counted from its 1st.
    DayNumber day = DaysFromCivil(CivilDate{due.year, due.month, 1});
    note(day);
    for (int n = 0;; ++day) {
      if (CivilFromDays(day).month != due.month) {
        return InvalidArgumentError("no " + std::to_string(kind.day) + "th working day in " +
                                    std::to_string(due.year) + "-" + std::to_string(due.month));
      }
      if (holidays.IsWorkingDay(day) && ++n == kind.day) return day;
    }
  }
  // The due day, or the next working day after it.
  DayNumber day = DaysFromCivil(due);
  note(day);
  for (int guard = 0; !holidays.IsWorkingDay(day) && guard < 31; ++guard) ++day;
  note(day);
  return day;
}

DayNumber TodayInBeijing() {
  const int64_t beijing = static_cast<int64_t>(std::time(nullptr)) + 8 * 3600;
  return DaysFromCivil(CivilDate{1970, 1, 1}) + static_cast<DayNumber>(beijing / 86400);
}

}  // namespace ecociv::report
