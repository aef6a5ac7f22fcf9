// Report cards (成绩单) and ranking tables of an Assessment: CSV (the ranking
// table), self-contained printable HTML (Chinese first with English labels,
// no external resources) and xlsx (core/xlsx_writer.h: a ranking sheet, then one
// report-card sheet per subject). JSON is the run record (run_log.h).
//
// Thread safety: pure functions; WriteXlsx writes only its own file.
#pragma once

#include <string>

#include "ecociv/core/status.h"
#include "ecociv/scoring/engine.h"

namespace ecociv::scoring {

// rank,subject,name,total,grade,base,deductions,bonus,vetoes,<group ids...>
std::string RankingCsv(const Assessment& assessment);

// The ranking table followed by one report card per subject (page break
// between cards when printed). `only_subject` limits the cards to one subject.
std::string ReportHtml(const Assessment& assessment, const std::string& only_subject = "");

// Writes an .xlsx workbook to `path`.
Status WriteXlsx(const Assessment& assessment, const std::string& path);

}  // namespace ecociv::scoring
