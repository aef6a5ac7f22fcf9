// ImportJobs: imports started from the web interface (POST /api/v1/imports),
// run in the background so that the page can show their progress, with the
// store's own import functions (one transaction per file, the change record
// entry written by the store with the user as actor).
//
// An uploaded file is written under a private temporary folder as "upload"
// with the ending of its name (the name itself is never a path: any printable
// name without a folder, not starting with '.', ending in .csv, .xlsx, .gz or
// .xz in any case), imported, then deleted; results name the file by its name.
//
// A job is a row of the store (import_job_rows.h) from the moment its thread
// starts, so any server on the same store answers for it; while it runs, the
// server running it answers from memory with its progress (on SQLite the
// import's transaction holds the write lock, so its row is written only at
// the start and the end; on PostgreSQL the row's progress and heartbeat are
// renewed every few seconds). At most two jobs run at once in one server.
//
// Thread safety: all methods may be called concurrently. The destructor waits
// for running jobs.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/database.h"
#include "import_job_rows.h"

namespace ecociv::server {

inline constexpr size_t kMaxImportBytes = 64 << 20;  // 64 MiB

// True for a plain file name the importers accept (see above).
bool ValidUploadName(const std::string& name);

class ImportJobs {
 public:
  explicit ImportJobs(std::string db_path) : db_path_(std::move(db_path)) {}
  ~ImportJobs();

  // kind: "stations", "air", "sections", "water" (store imports), "units",
  // "plan", "projects", "values" (the demonstration-zone tables) or "people"
  // (the people the official schemes judge); tables all or nothing. Returns
  // the job id (random, below 2^53).
  StatusOr<int64_t> Start(const std::string& kind, const std::string& name, std::string bytes,
                          const std::string& who, bool skip_bad_rows);
  // The job's JSON (ImportJobJson): this server's running job from memory,
  // any other from its row read through `db`. `problems` are the rejects as
  // codes the interface words ({where, line, code, args}, one per reject);
  // `error_problem` is the failed import's error as one when it names a row
  // problem, or `import_interrupted` for a job whose server stopped (else
  // null). `rejects` and `error` keep the readers' English sentences.
  // NotFound for an unknown id.
  StatusOr<nlohmann::json> Get(store::Database* db, int64_t id);

 private:
  struct Job {
    ImportJobRow row;
    std::atomic<int64_t> rows_written{0};
  };
  void Run(std::shared_ptr<Job> job, std::string path, bool skip_bad_rows);
  // Records the finished job; keeps it in memory when its row could not be written.
  void Finish(std::shared_ptr<Job> job, ImportJobRow finished, store::Database* db,
              bool row_written);

  std::string db_path_;
  std::mutex mu_;
  int running_ = 0;
  // This server's running jobs, and finished ones whose row could not be written.
  std::map<int64_t, std::shared_ptr<Job>> jobs_;
  std::vector<std::thread> threads_;
};

}  // namespace ecociv::server
