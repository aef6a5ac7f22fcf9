// Figures as an official document prints them, and year-on-year changes a
// reader can recompute from the printed figures.
//
// A figure is rounded once, by GB/T 8170 (half to even on the exact value,
// core/exact.h), from the engine's exact result: never from a value that was
// already rounded to more decimals (2.449 → 2.4 at one decimal, not 2.45 →
// 2.5). A change is computed, by the profile's basis, from the two published
// (rounded) figures or from the exact ones, and then rounded once to the
// profile's change decimals: with the published basis 30.0 against 33.6 is
// (30.0 − 33.6)/33.6 = −10.714… → −10.7 %, whatever the unrounded means were.
// The direction word follows the rounded change: a change that rounds to zero
// is "flat" (同比持平).
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "ecociv/core/exact.h"
#include "ecociv/report/profile.h"

namespace ecociv::report {

struct Published {
  Ratio exact;    // the engine's value
  Ratio rounded;  // as printed
  int decimals = 0;
  std::string text;  // FormatRounded(exact, decimals)
};

Published Publish(const Ratio& exact, int decimals);

enum class ChangeKind {
  kPercent,  // (now − before)/before × 100
  kPoints,   // now − before, for figures that are percentages themselves
};

struct Change {
  ChangeKind kind = ChangeKind::kPercent;
  Ratio rounded;            // signed, rounded to the profile's change decimals
  int direction = 0;        // −1 fall, 0 flat, 1 rise (of the rounded change)
  std::string magnitude;    // the absolute rounded change, printed ("10.7")
  std::string signed_text;  // "-10.7", "+2.1", "0.0"
};

// None when a percent change has a zero base (of the basis used).
std::optional<Change> ChangeOf(const Published& now, const Published& before, ChangeKind kind,
                               const ReportProfile& profile);

// The change in words: "同比下降10.7%", "同比上升2.1个百分点", "同比持平";
// "fell 10.7% year on year", "rose 2.1 percentage points year on year",
// "unchanged year on year".
std::string ChangeWords(const Change& change, const ReportProfile& profile, Lang lang);

// The same for a table cell: "下降10.7%", "上升2.1个百分点", "持平" (the
// profile's words without a leading 同比); English as ChangeWords without
// "year on year".
std::string ChangeCell(const Change& change, const ReportProfile& profile, Lang lang);

}  // namespace ecociv::report
