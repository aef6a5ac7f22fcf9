// What the schedule (schedule.cc) shares with publishing.cc (internal): a
// draft saved in the caller's transaction, so that the schedule stores its
// drafts, their notices and the period's state together or not at all.
#pragma once

#include <cstdint>
#include <string>

#include "ecociv/report/publishing.h"

namespace ecociv::report {

// SaveDraft without its own transaction: the caller has begun one.
StatusOr<StoredDocument> SaveDraftInTransaction(store::Database* db, const Document& document,
                                                const std::string& period,
                                                const std::string& html, const std::string& pdf,
                                                int64_t replaces, const store::Actor& actor);

}  // namespace ecociv::report
