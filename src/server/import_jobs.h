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
  // the job id.
  StatusOr<int64_t> Start(const std::string& kind, const std::string& name, std::string bytes,
                          const std::string& who, bool skip_bad_rows);
  // {id, kind, name, who, state: "running"|"done"|"failed", rows_written, summary,
  //  outcome, rejects [first 100], problems, error, error_problem}. NotFound for an
  //  unknown id. `problems` are the rejects as codes the interface words
  //  ({where, line, code, args}, one per reject); `error_problem` is the failed
  //  import's error as one when it names a row problem (else null).
  //  `rejects` and `error` keep the readers' English sentences.
  StatusOr<nlohmann::json> Get(int64_t id);

 private:
  struct Job {
    int64_t id = 0;
    std::string kind, name, who, state = "running", summary, outcome, error;
    std::atomic<int64_t> rows_written{0};
    // The result's counts, for a plain "imported N rows" (set when done).
    int64_t rows_inserted = 0, rows_revised = 0, rows_unchanged = 0, rows_rejected = 0;
    std::vector<std::string> rejects;
    nlohmann::json problems = nlohmann::json::array(), error_problem;
  };
  void Run(std::shared_ptr<Job> job, std::string path, bool skip_bad_rows);

  std::string db_path_;
  std::mutex mu_;
  int64_t next_id_ = 1;
  int running_ = 0;
  std::map<int64_t, std::shared_ptr<Job>> jobs_;
  std::vector<std::thread> threads_;
};

}  // namespace ecociv::server
