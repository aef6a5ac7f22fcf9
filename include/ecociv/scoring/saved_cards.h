// Report cards and ranking tables of the runs saved in the store
// (run_store.h), for the command line and the web API alike.
//
// A saved run's record is recomputed (ReadRunRecord, run_log.h) and must
// replay to its own results, else DataLoss; the card then carries the run's
// state and who reviewed and approved it, the people's units, posts and
// tenures (for an "official" scheme), and each subject's rank in last year's
// approved run of the same scheme (none for a "tenure" scheme).
//
// Thread safety: functions take a Database the caller owns exclusively.
#pragma once

#include <cstdint>
#include <string>

#include "ecociv/core/status.h"
#include "ecociv/scoring/card.h"
#include "ecociv/scoring/run_log.h"
#include "ecociv/scoring/run_store.h"

namespace ecociv::scoring {

// A saved run, recomputed, with what its cards need.
struct SavedAssessment {
  RunInfo info;
  RecordedRun recorded;
  CardContext context;
};

// NotFound for an unknown run; DataLoss for a record that does not replay.
StatusOr<SavedAssessment> LoadSavedAssessment(Database* db, int64_t run_id);

// The card of one subject of a saved run (NotFound when it was not judged).
StatusOr<Card> SavedCard(Database* db, int64_t run_id, const std::string& subject);

// The ranking table of a saved run.
StatusOr<Ranking> SavedRanking(Database* db, int64_t run_id);

// The run a ranking of (scheme, year) of `region` is read from: the
// approved one. NotFound naming the scheme and year when none is approved yet.
StatusOr<int64_t> ApprovedRunId(Database* db, const std::string& scheme, int year,
                                const std::string& region = "000000");

// The run's state and who moved it on, as a card shows them.
CardRun CardRunOf(const RunInfo& info);

}  // namespace ecociv::scoring
