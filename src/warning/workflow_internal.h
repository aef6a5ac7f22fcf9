// What the warning workflow's files share (internal): the warnings row and
// its columns, reading and writing it, the content and event digests, and
// recording one step (row, event, change-record entry, outbox) — see
// workflow.h and docs/warning.md. Thread safety: as the Database.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"
#include "ecociv/warning/workflow.h"

namespace ecociv::warning::workflow_internal {

// Warnings matching `where` ("WHERE kind = ? …", "ORDER BY id"), `params`
// bound in order.
StatusOr<std::vector<Warning>> Query(store::Database* db, const std::string& where,
                                     const std::vector<std::string>& params);
// Inserts a warning raised from `f` (state raised) and returns its id.
StatusOr<int64_t> InsertWarning(store::Database* db, const Finding& f, const std::string& at);
// The content of a warning row as a step leaves it (every column but id).
std::string WarningDigest(const Warning& w);
// What an event's change-record entry binds.
std::string EventDigest(const WarningEvent& e);
// Records one step of `w` (already updated to its new state in memory, with
// `from` its previous state): the row, the event, the log entry and, when
// `notify`, the outbox row. Refuses a warning changed outside the program
// since its last step.
Status RecordStep(store::Database* db, Warning* w, const std::string& action,
                  const std::string& from, const std::string& note, const store::Actor& actor,
                  int64_t now_unix, bool notify);

}  // namespace ecociv::warning::workflow_internal
