// The units of the SYNTHETIC demo city, a Zhangjiagang-like county-level
// city: the 43 member departments of its eco-civilization committee and its
// 11 town-level units (towns, sub-districts, a development zone). The town
// names are invented. Every demo generator (indicators, scoring, the web
// platform) uses these lists, so the demo names the same units everywhere.
//
// Thread safety: constant data.
#pragma once

#include <cstddef>

namespace ecociv {

struct DemoUnit {
  const char* code;  // "D01".."D43", "T01".."T11"
  const char* name;
  const char* kind;  // "department", "town", "subdistrict", "district"
};

inline constexpr size_t kDemoDepartmentCount = 43;
inline constexpr size_t kDemoTownCount = 11;
extern const DemoUnit kDemoDepartments[kDemoDepartmentCount];
extern const DemoUnit kDemoTowns[kDemoTownCount];

}  // namespace ecociv
