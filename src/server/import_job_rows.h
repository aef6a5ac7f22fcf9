// The rows of the web's import jobs in the store (table import_jobs): what
// any server answers about a job another server ran, or one that ran before
// a restart. A job's JSON is shaped here once, for the job a server is
// running (from memory) and for a job read from its row.
//
// Thread safety: functions take a Database the caller owns for the call.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "ecociv/core/status.h"
#include "ecociv/store/database.h"

namespace ecociv::server {

// A running job's heartbeat older than this is a job whose server stopped.
inline constexpr int64_t kImportQuietSeconds = 120;

struct ImportJobRow {
  int64_t id = 0;
  std::string kind, name, who;
  std::string state = "running";  // running | done | failed
  int64_t rows_written = 0;
  // The finished job's outcome: summary, outcome, rejects, problems, error,
  // error_problem and the row counts (an empty object while running).
  nlohmann::json result = nlohmann::json::object();
};

// {id, kind, name, who, state, rows_written, summary, outcome, rejects,
//  problems, error, error_problem, rows_inserted, rows_revised,
//  rows_unchanged, rows_rejected}, absent result fields at their empty values.
nlohmann::json ImportJobJson(const ImportJobRow& job);

// This process's name for the rows it writes ("host:pid").
std::string ImportServerName();

// A new running row (autocommit).
Status InsertRunningImportJob(store::Database* db, const ImportJobRow& job, int64_t now);
// The running row's progress and heartbeat.
Status RenewImportJob(store::Database* db, int64_t id, int64_t rows_written, int64_t now);
// The finished row: state done or failed, with its result.
Status FinishImportJob(store::Database* db, const ImportJobRow& job, int64_t now);
// The job's row as its JSON, or nullopt when there is none. A running row
// whose heartbeat is older than kImportQuietSeconds at `now` is answered as
// failed: its server stopped, and with it its import's transaction.
StatusOr<std::optional<nlohmann::json>> LoadImportJob(store::Database* db, int64_t id,
                                                      int64_t now);

}  // namespace ecociv::server
