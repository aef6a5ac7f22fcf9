// Output forms of the readiness table: JSON (for the web platform and the
// demo), CSV (one row per indicator), and an .xlsx workbook formatted for
// printing in Chinese (title, column widths, met/unmet colours, UNVERIFIED
// marks, landscape A4, repeated header row). docs/formats.md documents them.
//
// Thread safety: pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/core/xlsx_writer.h"
#include "ecociv/indicators/verdict.h"

namespace ecociv::indicators {

std::string ReadinessJson(const Readiness& readiness);
std::string ReadinessCsv(const Readiness& readiness);
// The printable workbook (one sheet, 达标情况) and the same written to `path`.
xlsx::Workbook ReadinessWorkbook(const Readiness& readiness);
Status WriteReadinessXlsx(const Readiness& readiness, const std::string& path);

// `ecociv indicators engine-figures`: the engine figures of a year with the
// indicators of `catalogue` that take each one, as text lines or JSON
// `{year, figures: [{figure, year, value, state, detail, indicators: [id]}]}`.
std::string EngineFiguresText(const std::vector<EngineFigureUse>& figures,
                              const Catalogue& catalogue);
std::string EngineFiguresJson(const std::vector<EngineFigureUse>& figures,
                              const Catalogue& catalogue, int year);

}  // namespace ecociv::indicators
