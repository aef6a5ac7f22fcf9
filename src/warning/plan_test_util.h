// The section plans' tests (section_plan_test.cc, plan_escalation_test.cc,
// plan_verify_test.cc): a fresh store with town sections of target class III.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "../store/store_test_util.h"
#include "ecociv/store/water_store.h"

namespace ecociv::warning::testing_util {

// The evaluation time of the plan tests (2026-09-21 UTC).
inline constexpr int64_t kPlanNow = 1790000000;
// "Now" in the tests that need one instant (the same as kPlanNow).
inline constexpr int64_t kNow = kPlanNow;
// The first instant of the webhook tests.
inline constexpr int64_t kT0 = 1790000000;

// A new store `file` in this test's scratch folder with S1 北桥 and S2 南桥 on
// 河一 (chiefs 张三, 李四), plus `extra_rows` of the same sections CSV.
inline std::unique_ptr<store::Database> SectionsStore(const std::string& file,
                                                      const std::string& extra_rows = "") {
  const std::string dir = store::testing_util::ScratchDir();
  auto db = store::testing_util::OpenOrDie(dir + "/" + file);
  store::testing_util::WriteFile(dir + "/sections.csv",
                                 "section,name,river,type,target_class,level,chief_name\n"
                                 "S1,北桥,河一,river,III,town,张三\n"
                                 "S2,南桥,河一,river,III,town,李四\n" +
                                     extra_rows);
  auto r = store::ImportSectionsFile(db.get(), dir + "/sections.csv", store::ImportOptions());
  EXPECT_TRUE(r.ok()) << r.status().message();
  return db;
}

}  // namespace ecociv::warning::testing_util
