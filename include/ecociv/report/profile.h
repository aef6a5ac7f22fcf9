// A report display profile: how an official document prints its figures.
// Profiles are data (config/report-profiles/*.toml, compiled in; a file path
// may be given instead): the decimals of each figure, whether a year-on-year
// change is computed from the published (rounded) figures or the exact ones,
// and the words for a rise, a fall and no change in Chinese and English.
//
// Loading checks everything: every key is required, decimals are 0..6, the
// basis is "published" or "exact", the words are non-empty, and an unknown
// section or key is refused. Errors are InvalidArgument "<file>:<line>:
// <what>" (the line of the key or section, or of the TOML syntax error).
//
// Thread safety: a loaded profile is a plain value.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv::report {

enum class Lang { kZh, kEn };

// "zh" or "en"; anything else is InvalidArgument.
StatusOr<Lang> ParseLang(std::string_view text);

// The figures a profile gives decimals for, in file order.
inline constexpr const char* kProfileFigures[] = {"pm25",
                                                  "pm10",
                                                  "so2",
                                                  "no2",
                                                  "co",
                                                  "o3",
                                                  "good_day_ratio",
                                                  "composite_index",
                                                  "water_share",
                                                  "area_km2",
                                                  "change_percent",
                                                  "change_points"};

enum class ChangeBasis { kPublished, kExact };

struct ReportProfile {
  std::string id;
  std::string source;  // "built-in yearly.toml" or the file's path
  std::string title_zh, title_en;
  std::string issuer_zh, issuer_en;     // "{city}" is replaced by the document's city
  std::map<std::string, int> decimals;  // every name of kProfileFigures
  ChangeBasis basis = ChangeBasis::kPublished;
  std::string rise_zh, fall_zh, flat_zh, rise_en, fall_en, flat_en;

  // The decimals of a figure named in kProfileFigures (0 for another name).
  int Decimals(std::string_view figure) const;
  // The issuer with "{city}" replaced, in `lang`.
  std::string Issuer(Lang lang, const std::string& city) const;
};

// Parses a profile from TOML text; `source` names it in errors.
StatusOr<ReportProfile> ParseProfile(std::string_view text, const std::string& source);

// A built-in profile by id ("yearly", "monthly", "daily"), or a file when
// `name` contains '/' or ends in ".toml". NotFound names the built-in ids.
StatusOr<ReportProfile> LoadProfile(const std::string& name);

// The ids of the built-in profiles, sorted.
std::vector<std::string> BuiltInProfiles();

}  // namespace ecociv::report
