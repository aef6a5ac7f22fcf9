// The time model of ecociv: hour-ending labels in Beijing time (UTC+8).
//
// Chinese monitoring data label each hourly value by the END of its hour: the
// value labelled 16:00 is the mean over 15:00–16:00. A calendar day holds the
// hours labelled 01:00 .. 24:00, where 24:00 is written 00:00 of the next day.
// So the 00:00 value belongs to the PREVIOUS calendar day. Every value knows
// its interval: label L covers [L − 1 h, L).
//
// HourLabel counts hours since 2000-01-01 00:00 Beijing time; DayNumber counts
// days since 2000-01-01. Both are plain integers so that a station's series is
// a dense array indexed by label − first label. All functions are pure and
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ecociv/core/status.h"

namespace ecociv {

using HourLabel = int32_t;
using DayNumber = int32_t;

struct CivilDate {
  int year = 2000;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// The years a date may have (IsValidCivilDate, the parsers).
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2200;

DayNumber DaysFromCivil(CivilDate date);
CivilDate CivilFromDays(DayNumber days);
bool IsValidCivilDate(CivilDate date);
int DaysInMonth(int year, int month);
// The first day of the month and of the year `day` falls in.
DayNumber MonthFirstDay(DayNumber day);
DayNumber YearFirstDay(DayNumber day);

// The label whose hour ends at `hour` (0..24) on `date`; 24 means 00:00 of the
// next day.
inline HourLabel LabelAt(DayNumber day, int hour) { return day * 24 + hour; }

// The calendar day a labelled hour belongs to (00:00 → the previous day).
inline DayNumber DayOfLabel(HourLabel label) {
  HourLabel shifted = label - 1;
  return shifted >= 0 ? shifted / 24 : -((-shifted + 23) / 24);
}
// 1..24: the hour's position in its calendar day (00:00 is 24).
inline int HourOfDay(HourLabel label) { return label - DayOfLabel(label) * 24; }

// Parses the forms found in real exports; minutes and seconds must be zero:
//   2026-03-01T16:00   2026-03-01T1600   2026-03-01 16:00:00   2026-03-01 16:00
//   2026/3/1 16:00     and hour 24 (2026-03-01T24:00 == 2026-03-02T00:00).
// A bare date (2026-03-02) is read as its 00:00, as spreadsheet and pandas
// exports write midnight. Errors quote the text (QuoteForMessage) and say
// what is wrong: the form, a date that does not exist ("no such date:
// 2026-02 has 28 days"), a time that does not exist (25:00, 24:30, 10:61),
// a year outside kMinYear..kMaxYear, minutes that are not 00.
StatusOr<HourLabel> ParseHourLabel(std::string_view text);
// "2026-03-01" (also "2026/3/1").
StatusOr<DayNumber> ParseDate(std::string_view text);
// Is `text` a date written YYYY-MM-DD (the one form stored and printed)?
bool IsIsoDate(std::string_view text);

// "2026-03-01T16:00".
std::string FormatHourLabel(HourLabel label);
// "2026-03-01".
std::string FormatDate(DayNumber day);

}  // namespace ecociv
