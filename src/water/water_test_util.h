// What the water tests share: the default rules and real-time editions,
// loaded once.
#pragma once

#include <gtest/gtest.h>

#include "ecociv/water/realtime.h"
#include "ecociv/water/rules.h"

namespace ecociv::water::testing_util {

inline const WaterRules& Rules() {
  static const WaterRules rules = [] {
    auto loaded = WaterRules::Load("");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return *loaded;
  }();
  return rules;
}

inline const RealtimeEditions& Editions() {
  static const RealtimeEditions editions = [] {
    auto loaded = RealtimeEditions::Load("", Rules());
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return *loaded;
  }();
  return editions;
}

}  // namespace ecociv::water::testing_util
