#include "db_pool.h"

namespace ecociv::server {

StatusOr<std::unique_ptr<store::Database>> DbPool::Take() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return db;
    }
  }
  store::OpenOptions options;
  options.migrate = false;
  options.busy_timeout_ms = busy_timeout_ms_;
  return store::OpenDatabase(path_, options);
}

void DbPool::Give(std::unique_ptr<store::Database> db) {
  if (!db) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(db));
}

size_t DbPool::idle() const {
  std::lock_guard<std::mutex> lock(mu_);
  return idle_.size();
}

}  // namespace ecociv::server
