// China's public holidays and adjusted working days (调休上班日) as the
// State Council's yearly notice sets them: one file per year,
// config/holidays/YYYY.csv (compiled in), for the schedule of documents'
// working-day rules (report/schedule.h).
//
// A file: '#' comment lines (the notice it copies), then the header
// `date,kind,name_zh,name_en` and one row per day of its year: kind
// "holiday" (放假, also on a weekend) or "workday" (a Saturday or Sunday
// that is a working day). Every other day of a year with a file is a working
// day from Monday to Friday. A year without a file is not guessed: its
// working days are Monday to Friday, and the calendar says it does not know
// the year (KnowsYear) so that the schedule can say so.
//
// Thread safety: a HolidayCalendar is read-only after loading.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"

namespace ecociv::report {

struct HolidayDay {
  DayNumber day = 0;
  bool workday = false;  // 调休上班 (a weekend working day); false: a holiday
  std::string name_zh, name_en;
};

class HolidayCalendar {
 public:
  // Adds a year's days; InvalidArgument when the year is there already.
  Status AddYear(int year, const std::vector<HolidayDay>& days);
  bool KnowsYear(int year) const { return years_.count(year) > 0; }
  const std::set<int>& years() const { return years_; }
  // A working day: a listed workday, or Monday to Friday not listed as a holiday.
  bool IsWorkingDay(DayNumber day) const;
  // The listed day, or nullptr.
  const HolidayDay* Find(DayNumber day) const;

 private:
  std::set<int> years_;
  std::map<DayNumber, HolidayDay> days_;
};

// Monday 0 … Saturday 5, Sunday 6.
int Weekday(DayNumber day);

// One year's file; InvalidArgument "source:line: field: what" for a missing
// or wrong header, a bad date or one outside `year`, a day listed twice, an
// unknown kind, a workday on a weekday (it needs no row), an empty name.
StatusOr<std::vector<HolidayDay>> ParseHolidayFile(std::string_view text,
                                                   const std::string& source, int year);

// `dir` "" → the built-in config/holidays/*.csv; else every YYYY.csv in
// `dir` (another name there is an error, so a misnamed file is not missed).
StatusOr<HolidayCalendar> LoadHolidays(const std::string& dir);

}  // namespace ecociv::report
