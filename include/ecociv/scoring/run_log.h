// The run record: an Assessment as JSON (results, the explanation log, and
// everything needed to recompute it — the scheme text, the year, the
// subjects, every input value and event, the weight factors), and its replay.
// `ecociv scoring run --format json` writes it; `ecociv scoring replay --log F`
// recomputes every subject from the record alone and lists any difference, so
// an appeal can be checked without the original files.
//
// Thread safety: pure functions.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/scoring/engine.h"

namespace ecociv::scoring {

// The run record as pretty-printed JSON (format version 1, docs/formats.md).
std::string RunRecordJson(const Assessment& assessment);

struct ReplayReport {
  std::string scheme;
  int subjects = 0;
  std::vector<std::string> differences;  // empty: the record replays to the same result
};

// Recomputes a run record (`file` names it in errors).
StatusOr<ReplayReport> ReplayRunRecord(const std::string& json_text, const std::string& file);

// Recomputes a run record and returns the explanation of one subject (the
// record's log is not trusted: the steps are re-derived from its inputs).
StatusOr<std::string> ExplainRunRecord(const std::string& json_text, const std::string& file,
                                       const std::string& subject);

// The subjects a run record judged, as it lists them (no recomputation).
StatusOr<std::vector<Subject>> RecordSubjects(const std::string& json_text,
                                              const std::string& file);

// A run record recomputed: the scheme it carries and the Assessment it
// replays to. The Assessment points into `scheme`, which lives on the heap,
// so a moved RecordedRun stays valid.
struct RecordedRun {
  std::unique_ptr<Scheme> scheme;
  Assessment assessment;
};

// Recomputes a run record and checks it against what the record says. A
// record that no longer replays to its own results (an edited record, an
// engine that changed) is DataLoss listing the first differences: figures
// are never shown from a record that cannot be reproduced.
StatusOr<RecordedRun> ReadRunRecord(const std::string& json_text, const std::string& file);

}  // namespace ecociv::scoring
