#include "db_pool.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace ecociv::server {
namespace {

std::string NewDatabase() {
  std::string path = (std::filesystem::path(::testing::TempDir()) /
                      ("ecociv_pool." + std::to_string(getpid()) + ".db"))
                         .string();
  std::filesystem::remove(path);
  store::OpenOptions open;
  open.create = true;
  EXPECT_TRUE(store::OpenSqliteDatabase(path, open).ok());
  return path;
}

TEST(DbPool, ReusesGivenConnectionsAndKeepsAtMostTheLimit) {
  DbPool pool(NewDatabase());
  auto first = pool.Take();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  store::Database* raw = first->get();
  EXPECT_EQ(pool.idle(), 0u);
  pool.Give(std::move(*first));
  EXPECT_EQ(pool.idle(), 1u);
  auto again = pool.Take();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->get(), raw);  // the idle connection, not a new one
  std::vector<std::unique_ptr<store::Database>> many;
  for (size_t i = 0; i < DbPool::kMaxIdle + 3; ++i) many.push_back(pool.Take().value());
  for (auto& db : many) pool.Give(std::move(db));
  EXPECT_EQ(pool.idle(), DbPool::kMaxIdle);
  pool.Give(nullptr);  // ignored
  EXPECT_EQ(pool.idle(), DbPool::kMaxIdle);
}

// A server opens its workers' connections before its first request, and
// keeps that many from then on, even beyond kMaxIdle.
TEST(DbPool, FillOpensConnectionsAheadAndKeepsThatMany) {
  DbPool pool(NewDatabase());
  const size_t workers = DbPool::kMaxIdle + 4;
  ASSERT_TRUE(pool.Fill(workers).ok());
  EXPECT_EQ(pool.idle(), workers);
  std::vector<std::unique_ptr<store::Database>> busy;
  for (size_t i = 0; i < workers; ++i) busy.push_back(pool.Take().value());
  EXPECT_EQ(pool.idle(), 0u);
  for (auto& db : busy) pool.Give(std::move(db));
  EXPECT_EQ(pool.idle(), workers);
  EXPECT_TRUE(pool.Fill(2).ok());  // already that many: nothing opened or closed
  EXPECT_EQ(pool.idle(), workers);
  DbPool missing((std::filesystem::path(::testing::TempDir()) / "no-such-dir" / "y.db").string());
  EXPECT_FALSE(missing.Fill(1).ok());
}

TEST(DbPool, AMissingDatabaseIsAnErrorAndNotCreated) {
  std::string path = (std::filesystem::path(::testing::TempDir()) / "no-such-dir" / "x.db").string();
  DbPool pool(path);
  EXPECT_FALSE(pool.Take().ok());
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace ecociv::server
