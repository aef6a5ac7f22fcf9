#include "db_pool.h"

#include <algorithm>

namespace ecociv::server {

namespace {

StatusOr<std::unique_ptr<store::Database>> Open(const std::string& path, int busy_timeout_ms) {
  store::OpenOptions options;
  options.migrate = false;
  options.busy_timeout_ms = busy_timeout_ms;
  return store::OpenDatabase(path, options);
}

}  // namespace

StatusOr<std::unique_ptr<store::Database>> DbPool::Take() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return db;
    }
  }
  return Open(path_, busy_timeout_ms_);
}

void DbPool::Give(std::unique_ptr<store::Database> db) {
  if (!db) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(db));
}

Status DbPool::Fill(size_t n) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    max_idle_ = std::max(max_idle_, n);
  }
  while (idle() < n) {
    ECOCIV_ASSIGN_OR_RETURN(auto db, Open(path_, busy_timeout_ms_));
    Give(std::move(db));
  }
  return Status::Ok();
}

size_t DbPool::idle() const {
  std::lock_guard<std::mutex> lock(mu_);
  return idle_.size();
}

}  // namespace ecociv::server
