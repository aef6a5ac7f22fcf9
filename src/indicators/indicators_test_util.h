// What the indicators' tests share: a reported value entered, submitted and accepted; a
// readiness row read now.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "ecociv/indicators/indicator_store.h"

namespace ecociv::indicators::testing_util {

// The actor of the tests' change-record entries.
inline const store::Actor kActor{"tester", "test"};

// `value` of `id` in `year` as a reported value that counts (accepted).
inline void EnterAccepted(Database* db, int year, const std::string& id, const std::string& value,
                          const Actor& actor) {
  ValueInput in;
  in.year = year;
  in.id = id;
  in.value = value;
  ASSERT_TRUE(SetValue(db, in, actor).ok());
  ASSERT_TRUE(SubmitValue(db, year, id, actor).ok());
  ASSERT_TRUE(AcceptValue(db, year, id, actor).ok());
}

// The readiness row of `id` in `year`, read now from `db`; the table is kept in `readiness`
// (the row points into its catalogue).
inline IndicatorResult ReadinessRow(Database* db, int year, const std::string& id,
                                    Readiness* readiness) {
  auto r = ReadinessForYear(db, year);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return {};
  *readiness = *r;
  for (const IndicatorResult& x : readiness->results) {
    if (x.indicator->id == id) return x;
  }
  ADD_FAILURE() << "no row " << id;
  return {};
}

}  // namespace ecociv::indicators::testing_util
