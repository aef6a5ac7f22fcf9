// Lists of the assessment store as the command line and the web API show
// them: saved runs, people, and a departure audit's findings, as JSON
// (docs/formats.md, "Assessment lists") and as text (tab-separated, with a
// header line).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ecociv/scoring/assessment_store.h"
#include "ecociv/scoring/card.h"
#include "ecociv/scoring/run_store.h"

namespace ecociv::scoring {

// {"runs": [{id, scheme, year, state, created_by, ..., replaces, replaced_by}]}
std::string RunsJson(const std::vector<RunInfo>& runs);
std::string RunsText(const std::vector<RunInfo>& runs);

// {"people": [{id, name, unit, post, tenure_start, tenure_end}]}
std::string PeopleJson(const std::vector<Person>& people);
std::string PeopleText(const std::vector<Person>& people);

// {"today", "findings": [{id, run, subject, problem, owner, deadline, status,
// progress, closed_at, entered_by, entered_at, overdue, evidence_files}]};
// `evidence` counts each finding's files (by id), 0 when absent.
std::string FindingsJson(const std::vector<Finding>& findings, const std::string& today,
                         const std::map<int64_t, int>& evidence);
std::string FindingsText(const std::vector<Finding>& findings,
                         const std::map<int64_t, int>& evidence);

// The number of evidence files of each finding listed.
StatusOr<std::map<int64_t, int>> FindingEvidenceCounts(Database* db,
                                                       const std::vector<Finding>& findings);

}  // namespace ecociv::scoring
