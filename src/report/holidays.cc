// The public-holiday files (report/holidays.h): config/holidays/YYYY.csv.
#include "ecociv/report/holidays.h"

#include <filesystem>

#include "ecociv/core/embedded_files.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/text_input.h"

const ecociv::EmbeddedFile* EmbeddedHolidays(size_t* count);

namespace ecociv::report {
namespace {

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (true) {
    size_t comma = line.find(',', pos);
    out.push_back(TrimSpaces(line.substr(pos, comma == std::string_view::npos ? comma : comma - pos)));
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return out;
}

// "2026.csv" → 2026; 0 for any other name.
int YearOfName(std::string_view name) {
  if (name.size() != 8 || name.substr(4) != ".csv") return 0;
  int year = 0;
  for (char c : name.substr(0, 4)) {
    if (c < '0' || c > '9') return 0;
    year = year * 10 + (c - '0');
  }
  return year >= 2000 && year <= 2100 ? year : 0;
}

}  // namespace

int Weekday(DayNumber day) {
  // 1970-01-01 was a Thursday.
  const int64_t since = day - DaysFromCivil(CivilDate{1970, 1, 1});
  return static_cast<int>(((since + 3) % 7 + 7) % 7);
}

Status HolidayCalendar::AddYear(int year, const std::vector<HolidayDay>& days) {
  if (!years_.insert(year).second) {
    return InvalidArgumentError("public holidays of " + std::to_string(year) + " given twice");
  }
  for (const HolidayDay& d : days) days_[d.day] = d;
  return Status::Ok();
}

bool HolidayCalendar::IsWorkingDay(DayNumber day) const {
  if (const HolidayDay* listed = Find(day)) return listed->workday;
  return Weekday(day) < 5;
}

const HolidayDay* HolidayCalendar::Find(DayNumber day) const {
  auto it = days_.find(day);
  return it == days_.end() ? nullptr : &it->second;
}

StatusOr<std::vector<HolidayDay>> ParseHolidayFile(std::string_view text,
                                                   const std::string& source, int year) {
  std::vector<HolidayDay> days;
  std::set<DayNumber> seen;
  bool header = false;
  int line_number = 0;
  size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // a spreadsheet's byte-order mark
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string at = source + ":" + std::to_string(line_number) + ": ";
    std::string_view trimmed = TrimSpaces(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    std::vector<std::string_view> f = SplitFields(trimmed);
    if (!header) {
      if (f.size() != 4 || f[0] != "date" || f[1] != "kind" || f[2] != "name_zh" ||
          f[3] != "name_en") {
        return InvalidArgumentError(at + "header: expected date,kind,name_zh,name_en");
      }
      header = true;
      continue;
    }
    if (f.size() != 4) {
      return InvalidArgumentError(at + "row: expected 4 fields (date,kind,name_zh,name_en), got " +
                                  std::to_string(f.size()));
    }
    HolidayDay d;
    auto day = ParseDate(f[0]);
    if (!day.ok()) return InvalidArgumentError(at + "date: " + day.status().message());
    d.day = *day;
    if (CivilFromDays(d.day).year != year) {
      return InvalidArgumentError(at + "date: " + std::string(f[0]) + " is not in " +
                                  std::to_string(year) + " (the file's year)");
    }
    if (!seen.insert(d.day).second) {
      return InvalidArgumentError(at + "date: " + std::string(f[0]) + " listed twice");
    }
    if (f[1] == "workday") {
      d.workday = true;
      if (Weekday(d.day) < 5) {
        return InvalidArgumentError(at + "kind: " + std::string(f[0]) +
                                    " is a weekday, a working day anyway (a workday row is a "
                                    "Saturday or Sunday worked)");
      }
    } else if (f[1] != "holiday") {
      return InvalidArgumentError(at + "kind: expected holiday or workday, got " +
                                  QuoteForMessage(f[1]));
    }
    if (f[2].empty()) return InvalidArgumentError(at + "name_zh: empty");
    if (f[3].empty()) return InvalidArgumentError(at + "name_en: empty");
    d.name_zh = std::string(f[2]);
    d.name_en = std::string(f[3]);
    days.push_back(std::move(d));
  }
  if (!header) {
    return InvalidArgumentError(source + ":" + std::to_string(line_number) +
                                ": header: expected date,kind,name_zh,name_en");
  }
  return days;
}

namespace {

// The compiled-in config/holidays/*.csv.
StatusOr<HolidayCalendar> LoadBuiltIn() {
  HolidayCalendar calendar;
  size_t count = 0;
  const EmbeddedFile* files = EmbeddedHolidays(&count);
  for (size_t i = 0; i < count; ++i) {
    const int year = YearOfName(files[i].path);
    if (year == 0) continue;
    ECOCIV_ASSIGN_OR_RETURN(
        auto days, ParseHolidayFile(std::string_view(files[i].data, files[i].size),
                                    std::string("built-in holidays/") + files[i].path, year));
    ECOCIV_RETURN_IF_ERROR(calendar.AddYear(year, days));
  }
  return calendar;
}

}  // namespace

StatusOr<HolidayCalendar> LoadHolidays(const std::string& dir) {
  if (dir.empty()) {
    // The compiled-in files do not change: read once.
    static const StatusOr<HolidayCalendar> built_in = LoadBuiltIn();
    return built_in;
  }
  HolidayCalendar calendar;
  std::error_code error;
  std::filesystem::directory_iterator it(dir, error);
  if (error) return NotFoundError(dir + ": " + error.message());
  for (const auto& entry : it) {
    const std::string name = entry.path().filename().string();
    const int year = YearOfName(name);
    if (year == 0) {
      return InvalidArgumentError(entry.path().string() +
                                  ": not a holiday file (one YYYY.csv per year)");
    }
    ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(entry.path().string()));
    ECOCIV_ASSIGN_OR_RETURN(auto days, ParseHolidayFile(text, entry.path().string(), year));
    ECOCIV_RETURN_IF_ERROR(calendar.AddYear(year, days));
  }
  return calendar;
}

}  // namespace ecociv::report
