#include "ecociv/core/civil_time.h"

#include <cstdio>

#include "ecociv/core/message_text.h"

namespace ecociv {
namespace {

constexpr DayNumber kEpochShift = 730425;  // days from 0000-03-01 to 2000-01-01

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Reads an unsigned decimal of 1..max_digits digits at text[*pos].
bool ReadNumber(std::string_view text, size_t* pos, int max_digits, int* out) {
  int value = 0, digits = 0;
  while (*pos < text.size() && digits < max_digits && text[*pos] >= '0' && text[*pos] <= '9') {
    value = value * 10 + (text[*pos] - '0');
    ++*pos;
    ++digits;
  }
  *out = value;
  return digits > 0;
}

// Reads the form Y-M-D (or Y/M/D) at text[*pos] without judging the date
// (CheckDate does, to say what is wrong with it).
bool ReadDateForm(std::string_view text, size_t* pos, CivilDate* date) {
  if (!ReadNumber(text, pos, 4, &date->year) || *pos >= text.size()) return false;
  char sep = text[*pos];
  if (sep != '-' && sep != '/') return false;
  ++*pos;
  if (!ReadNumber(text, pos, 2, &date->month) || *pos >= text.size() || text[*pos] != sep) {
    return false;
  }
  ++*pos;
  return ReadNumber(text, pos, 2, &date->day);
}

Status BadTime(std::string_view text, const std::string& why) {
  return InvalidArgumentError("bad time " + QuoteForMessage(text) + ": " + why);
}

// The date of a text in the right form, or what is impossible about it.
Status CheckDate(std::string_view text, CivilDate d) {
  if (d.year < kMinYear || d.year > kMaxYear) {
    return BadTime(text, "year " + std::to_string(d.year) + " outside " + std::to_string(kMinYear) +
                             ".." + std::to_string(kMaxYear));
  }
  if (d.month < 1 || d.month > 12) {
    return BadTime(text, "no such date: there is no month " + std::to_string(d.month));
  }
  if (d.day < 1 || d.day > DaysInMonth(d.year, d.month)) {
    char month[16];
    std::snprintf(month, sizeof month, "%04d-%02d", d.year, d.month);
    return BadTime(text, "no such date: " + std::string(month) + " has " +
                             std::to_string(DaysInMonth(d.year, d.month)) + " days");
  }
  return Status::Ok();
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeap(year)) return 29;
  return kDays[month - 1];
}

bool IsValidCivilDate(CivilDate d) {
  return d.year >= kMinYear && d.year <= kMaxYear && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= DaysInMonth(d.year, d.month);
}

DayNumber MonthFirstDay(DayNumber day) {
  CivilDate d = CivilFromDays(day);
  d.day = 1;
  return DaysFromCivil(d);
}

DayNumber YearFirstDay(DayNumber day) { return DaysFromCivil({CivilFromDays(day).year, 1, 1}); }

bool IsIsoDate(std::string_view text) {
  auto day = ParseDate(text);
  return day.ok() && FormatDate(*day) == text;
}

DayNumber DaysFromCivil(CivilDate date) {
  // Count from a March-based year so the leap day is the last day of the year.
  int y = date.year - (date.month <= 2 ? 1 : 0);
  int era = y / 400;
  int year_of_era = y - era * 400;
  int month_from_march = (date.month + 9) % 12;
  int day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;
  int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - kEpochShift;
}

CivilDate CivilFromDays(DayNumber days) {
  int z = days + kEpochShift;
  int era = z / 146097;
  int day_of_era = z - era * 146097;
  int year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int month_from_march = (5 * day_of_year + 2) / 153;
  CivilDate out;
  out.day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
  out.month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
  out.year = year_of_era + era * 400 + (out.month <= 2 ? 1 : 0);
  return out;
}

StatusOr<DayNumber> ParseDate(std::string_view text) {
  size_t pos = 0;
  CivilDate date;
  if (!ReadDateForm(text, &pos, &date) || pos != text.size()) {
    return BadTime(text, "expected a date YYYY-MM-DD");
  }
  ECOCIV_RETURN_IF_ERROR(CheckDate(text, date));
  return DaysFromCivil(date);
}

StatusOr<HourLabel> ParseHourLabel(std::string_view text) {
  size_t pos = 0;
  CivilDate date;
  if (!ReadDateForm(text, &pos, &date)) return BadTime(text, "expected YYYY-MM-DDTHH:MM");
  if (pos < text.size() && text[pos] != 'T' && text[pos] != ' ') {
    return BadTime(text, "expected YYYY-MM-DDTHH:MM");
  }
  ECOCIV_RETURN_IF_ERROR(CheckDate(text, date));
  // A bare date is midnight: spreadsheet and pandas exports drop "00:00:00".
  if (pos == text.size()) return LabelAt(DaysFromCivil(date), 0);
  ++pos;
  size_t hour_start = pos;
  int hour = 0, minute = 0, second = 0;
  if (!ReadNumber(text, &pos, 2, &hour)) return BadTime(text, "missing hour");
  if (pos - hour_start == 2 && pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    // Compact form HHMM (CNEMC: 2026-02-26T2000).
    if (!ReadNumber(text, &pos, 2, &minute)) return BadTime(text, "bad minutes");
  } else if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!ReadNumber(text, &pos, 2, &minute)) return BadTime(text, "bad minutes");
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!ReadNumber(text, &pos, 2, &second)) return BadTime(text, "bad seconds");
    }
  }
  if (pos != text.size()) return BadTime(text, "unexpected trailing characters");
  if (hour > 24) {
    return BadTime(
        text, "no such time: there is no hour " + std::to_string(hour) + " (hours run 00 to 24)");
  }
  if (minute > 59 || second > 59) {
    return BadTime(text, "no such time: minutes and seconds run 00 to 59");
  }
  if (hour == 24 && (minute != 0 || second != 0)) {
    return BadTime(text, "no such time: hour 24 is only 24:00 (00:00 of the next day)");
  }
  if (minute != 0 || second != 0) {
    return BadTime(text, "hourly values must be labelled on the hour (minutes 00)");
  }
  return LabelAt(DaysFromCivil(date), hour);
}

std::string FormatDate(DayNumber day) {
  CivilDate d = CivilFromDays(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string FormatHourLabel(HourLabel label) {
  // Written with the next day's 00:00, as the platforms publish it.
  DayNumber day = label >= 0 ? label / 24 : -((-label + 23) / 24);
  int hour = label - day * 24;
  char buf[24];
  CivilDate d = CivilFromDays(day);
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:00", d.year, d.month, d.day, hour);
  return buf;
}

}  // namespace ecociv
