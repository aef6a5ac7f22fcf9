// Indicator catalogues of the demonstration zone (生态文明建设示范区): one
// versioned table of indicators with their domain, names, targets for city
// and county level, direction, binding/reference type, applicability, data
// source (engine / reported / derived formula), default owner and evidence tag.
// Catalogues are data: CSV (or .xlsx, same columns) files under catalogues/,
// compiled into the binary and importable into the store; docs/formats.md
// ("## Indicators") documents the columns.
//
// Thread safety: Catalogue and Indicator are plain values; the functions are
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/exact.h"
#include "ecociv/core/status.h"

namespace ecociv::indicators {

enum class Direction {
  kAtLeast,  // ">=": value ≥ target
  kAtMost,   // "<=": value ≤ target
  kEqual,    // "=": value = target (100 %)
  kState,    // "state": a qualitative state (制定实施, 建立, 全面实施, 有效开展, ...)
  kUp,       // "up": meet the (plan) target if any AND not lower than last year
  kDown,     // "down": meet the (plan) target if any AND not higher than last year
  kAtLeastOrUp,   // ">=|up": value ≥ target OR higher than last year (2024: ≥90 % or rising)
  kAtMostOrDown,  // "<=|down": value ≤ target OR lower than last year
  kInput,         // "input": a figure other indicators' formulas use; not judged
};
enum class Source { kEngine, kReported, kDerived };

const char* DirectionName(Direction direction);  // the catalogue spelling
const char* SourceName(Source source);
bool IsNumeric(Direction direction);  // every direction but kState

struct Indicator {
  std::string id;  // [a-z][a-z0-9_]*, used in formulas
  std::string domain;
  std::string name_zh;
  std::string name_en;
  std::string unit;
  // Target text per level: a number, a state, "plain=18|hill=40|mountain=60"
  // (keyed by terrain), "" (none: only for up/down/input) or "n/a" (the
  // indicator does not apply at that level).
  std::string target_city;
  std::string target_county;
  Direction direction = Direction::kAtLeast;
  // "binding", "reference", or keyed by level: "city=reference|county=binding".
  std::string binding;
  // Conditions for the indicator to apply, all must hold: "city", "county",
  // "coastal", "plain", "hill", "mountain" (a list of terrains: any of them).
  std::vector<std::string> applies;
  Source source = Source::kReported;
  std::string engine_figure;  // source "engine": which computed figure
  std::string formula;        // source "derived": e.g. "water_use / gdp * 10000"
  std::string responsible;    // default responsible unit
  std::string evidence;       // "confirmed", "partial" or "UNVERIFIED"
  std::string notes;
  int64_t line = 0;  // line in the catalogue file

  bool unverified() const { return evidence == "UNVERIFIED"; }
};

struct Catalogue {
  std::string name;  // "national-2019", from the file name
  std::vector<Indicator> indicators;
  std::string csv;  // the catalogue as CSV text (what the store keeps)

  const Indicator* Find(std::string_view id) const;
};

// Parses catalogue CSV text. Errors are InvalidArgument "file:line: reason".
StatusOr<Catalogue> ParseCatalogue(std::string_view csv, const std::string& name,
                                   const std::string& file_name);
// Reads a .csv or .xlsx (first sheet) catalogue; the name is the file's stem.
StatusOr<Catalogue> LoadCatalogueFile(const std::string& path);
// The catalogues compiled into the binary: "national-2019", "city-2024".
std::vector<std::string> BuiltInCatalogueNames();
StatusOr<Catalogue> BuiltInCatalogue(const std::string& name);

// A target value for a level ("city"/"county") and terrain: std::nullopt with
// *applies false when the text is "n/a" (or has no entry for the terrain).
// For numeric directions *number is set (when the text is non-empty).
struct Target {
  bool applies = true;
  std::string text;  // after selecting the terrain key
  std::optional<Ratio> number;
};
StatusOr<Target> ResolveTarget(const Indicator& indicator, const std::string& level,
                               const std::string& terrain);
// "binding" or "reference" of the indicator at `level`.
std::string ResolveBinding(const Indicator& indicator, const std::string& level);

// Exact decimal ("12.5", "-3", "0.001") → Ratio; false when not a decimal,
// when |value| ≥ 10^13 or when it has more than 15 decimals (the input bound
// of exact arithmetic, ParseScaledDecimal in core/text_input.h).
bool ParseExactDecimal(std::string_view text, Ratio* out);
// A Ratio as decimal text with up to `decimals` places (GB/T 8170), trailing zeros trimmed.
std::string FormatRatio(const Ratio& value, int decimals = 4);

}  // namespace ecociv::indicators
