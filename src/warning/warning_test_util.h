// Helpers shared by the warning tests: a one-item section set built month by
// month (ammonia nitrogen decides the class: II 0.4, III 0.8, IV 1.2, V 1.8,
// 劣V 2.5 mg/L), and the built-in water rules.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ecociv/warning/workflow.h"
#include "ecociv/water/assessment.h"
#include "ecociv/water/rules.h"
#include "ecociv/water/samples.h"

namespace ecociv::warning::testing_util {

// `count` yellow water warnings of rule set `rule_set` on sections S1..Sn of
// 2026-03, for the tests of the outbox (one message per warning).
inline std::vector<Finding> YellowWaterFindings(int count, const std::string& rule_set) {
  std::vector<Finding> findings;
  for (int i = 1; i <= count; ++i) {
    Finding f;
    f.kind = "water";
    f.rule_set = rule_set;
    f.subject = "S" + std::to_string(i);
    f.subject_name = f.subject;
    f.level = "yellow";
    f.level_name = "黄色预警";
    f.rank = 1;
    f.trigger = "t";
    f.figures = "{}";
    f.period = "2026-03";
    findings.push_back(f);
  }
  return findings;
}

inline const water::WaterRules& Rules() {
  static const water::WaterRules rules = *water::WaterRules::Load("");
  return rules;
}

// The NH3-N value (scaled) that puts a section in class `c`.
inline int64_t ValueOfClass(water::WaterClass c) {
  switch (c) {
    case water::WaterClass::kI:
      return 100000;
    case water::WaterClass::kII:
      return 400000;
    case water::WaterClass::kIII:
      return 800000;
    case water::WaterClass::kIV:
      return 1200000;
    case water::WaterClass::kV:
      return 1800000;
    default:
      return 2500000;
  }
}

inline water::Section MakeSection(const std::string& id, water::WaterClass target) {
  water::Section s;
  s.id = id;
  s.name = id + "断面";
  s.river = "测试河";
  s.target = target;
  s.chief = "张三（测试镇）";
  return s;
}

// One NH3-N sample on the 10th of the month for section `section`.
inline void AddMonth(water::SampleSet* set, int section, int year, int month, water::WaterClass c,
                     int day = 10) {
  water::Sample s;
  s.section = section;
  s.day = DaysFromCivil({year, month, day});
  s.item = static_cast<int16_t>(Rules().IndexOf("nh3n"));
  s.value = ValueOfClass(c);
  set->samples.push_back(s);
}

// A whole year of one class.
inline void AddYear(water::SampleSet* set, int section, int year, water::WaterClass c) {
  for (int m = 1; m <= 12; ++m) AddMonth(set, section, year, m, c);
}

}  // namespace ecociv::warning::testing_util
