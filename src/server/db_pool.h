// DbPool: the API's connections to one store (a SQLite file or a PostgreSQL
// database), reused across requests. Take() hands out an idle connection or
// opens a new one (without migrating: `ecociv serve` runs on a store made by
// `ecociv db init`); Give() returns it, keeping at most max_idle idle
// connections (kMaxIdle, or more when Fill asked for more).
//
// Thread safety: Take and Give may be called from many threads at once; a
// connection taken is used by one thread until it is given back.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/database.h"

namespace ecociv::server {

class DbPool {
 public:
  static constexpr size_t kMaxIdle = 16;

  explicit DbPool(std::string path, int busy_timeout_ms = store::kBusyTimeoutMs)
      : path_(std::move(path)), busy_timeout_ms_(busy_timeout_ms) {}

  StatusOr<std::unique_ptr<store::Database>> Take();
  void Give(std::unique_ptr<store::Database> db);
  // Opens connections until `n` are idle (and keeps up to `n` from then on):
  // a server opens its workers' connections before its first request.
  Status Fill(size_t n);
  // Idle connections now (for tests).
  size_t idle() const;

 private:
  const std::string path_;
  const int busy_timeout_ms_;
  mutable std::mutex mu_;
  size_t max_idle_ = kMaxIdle;
  std::vector<std::unique_ptr<store::Database>> idle_;
};

}  // namespace ecociv::server
