// Helpers of the accounts' tests (accounts_test.cc, login_throttle_test.cc,
// account_verify_test.cc): a fresh database per test.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "../store/store_test_util.h"
#include "ecociv/store/database.h"

namespace ecociv::server::testing_util {

// The actor and a password good enough for the accounts' tests.
inline const store::Actor kTest{"test", ""};
inline constexpr const char* kPw = "a long enough password";

// A new database in TempDir()/ecociv_accounts.<pid>/<suite>.<test>.db (on
// PostgreSQL, a schema named after that path; `path_out` then gets the target).
inline std::unique_ptr<store::Database> FreshDatabase(std::string* path_out = nullptr) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / ("ecociv_accounts." + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::path path =
      dir / (std::string(info->test_suite_name()) + "." + info->name() + ".db");
  std::filesystem::remove(path);
  store::OpenOptions options;
  options.create = true;
  const std::string target = store::testing_util::TestDatabase(path.string());
  auto db = store::OpenDatabase(target, options);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  if (path_out) *path_out = target;
  return db.ok() ? std::move(db).value() : nullptr;
}

}  // namespace ecociv::server::testing_util
