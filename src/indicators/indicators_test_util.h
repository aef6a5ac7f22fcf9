// What the indicators' tests share: a reported value entered, submitted and accepted.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "ecociv/indicators/indicator_store.h"

namespace ecociv::indicators::testing_util {

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

}  // namespace ecociv::indicators::testing_util
