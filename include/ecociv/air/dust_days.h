// Dust days (扣沙): the days an authority designated as affected by a
// sand-dust process, per city, read from a CSV file
//   date,city          (header; city empty = every city)
//   2026-03-14,张家港市
// for the `--dust-days FILE` option of `ecociv air assess` and `air targets`
// (the rule it serves is UNVERIFIED: see PeriodOptions::dust_days).
//
// Thread safety: a plain value; the reader is a pure function of the file.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/status.h"

namespace ecociv::air {

struct DustDays {
  std::map<std::string, std::vector<DayNumber>> by_city;  // "" = every city
  // The days of `city` (its own and those for every city), sorted, unique.
  std::vector<DayNumber> For(const std::string& city) const;
};

// Errors name the file, line and field ("dust.csv:3: date: not a date ...").
StatusOr<DustDays> ReadDustDays(const std::string& path);

}  // namespace ecociv::air
