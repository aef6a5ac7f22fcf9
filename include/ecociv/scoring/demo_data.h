// SYNTHETIC demo inputs for the scoring engine: a Zhangjiagang-like set of 11
// town-level units and 43 departments, and one official leaving office, with
// values drawn deterministically from each built-in scheme's items (their
// `typical` ranges, targets and floors). Not real data: every file says so.
//
// Thread safety: writes only the files it names.
#pragma once

#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/scoring/scheme.h"

namespace ecociv::scoring {

struct DemoFiles {
  std::vector<std::string> written;  // paths
};

// Writes, for each built-in scheme, <scheme>-subjects.csv, <scheme>-values.csv
// and <scheme>-events.csv under `dir` (created if needed). `year` dates the events.
StatusOr<DemoFiles> WriteScoringDemo(const std::string& dir, int year);

}  // namespace ecociv::scoring
