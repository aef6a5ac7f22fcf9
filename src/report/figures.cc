// Published figures and year-on-year changes (report/figures.h).
#include "ecociv/report/figures.h"

namespace ecociv::report {

Published Publish(const Ratio& exact, int decimals) {
  Published p;
  p.exact = exact;
  p.decimals = decimals;
  p.rounded = RoundedRatio(exact, decimals);
  p.text = FormatRounded(exact, decimals);
  return p;
}

std::optional<Change> ChangeOf(const Published& now, const Published& before, ChangeKind kind,
                               const ReportProfile& profile) {
  const bool published = profile.basis == ChangeBasis::kPublished;
  const Ratio& a = published ? now.rounded : now.exact;
  const Ratio& b = published ? before.rounded : before.exact;
  Change c;
  c.kind = kind;
  const int decimals =
      profile.Decimals(kind == ChangeKind::kPercent ? "change_percent" : "change_points");
  OverflowCheck check;
  Ratio value;
  if (kind == ChangeKind::kPercent) {
    if (b.num == 0) return std::nullopt;
    value = (a - b) / b * Ratio::Integer(100);
  } else {
    value = a - b;
  }
  // One rounding, of the exact change.
  c.rounded = RoundedRatio(value, decimals);
  if (check.overflowed()) return std::nullopt;
  c.direction = c.rounded.num > 0 ? 1 : (c.rounded.num < 0 ? -1 : 0);
  const Ratio magnitude = c.direction < 0 ? Ratio::Integer(0) - c.rounded : c.rounded;
  c.magnitude = FormatRounded(magnitude, decimals);
  c.signed_text = (c.direction > 0 ? "+" : (c.direction < 0 ? "-" : "")) + c.magnitude;
  return c;
}

namespace {

// "同比上升" without "同比" for a table cell.
std::string WithoutYoy(const std::string& words) {
  const std::string yoy = "同比";
  return words.starts_with(yoy) ? words.substr(yoy.size()) : words;
}

}  // namespace

std::string ChangeCell(const Change& change, const ReportProfile& profile, Lang lang) {
  const bool points = change.kind == ChangeKind::kPoints;
  if (lang == Lang::kZh) {
    if (change.direction == 0) return WithoutYoy(profile.flat_zh);
    return WithoutYoy(change.direction > 0 ? profile.rise_zh : profile.fall_zh) + change.magnitude +
           (points ? "个百分点" : "%");
  }
  if (change.direction == 0) return profile.flat_en;
  return (change.direction > 0 ? profile.rise_en : profile.fall_en) + " " + change.magnitude +
         (points ? " percentage points" : "%");
}

std::string ChangeWords(const Change& change, const ReportProfile& profile, Lang lang) {
  const bool points = change.kind == ChangeKind::kPoints;
  if (lang == Lang::kZh) {
    if (change.direction == 0) return profile.flat_zh;
    return (change.direction > 0 ? profile.rise_zh : profile.fall_zh) + change.magnitude +
           (points ? "个百分点" : "%");
  }
  return ChangeCell(change, profile, lang) + " year on year";
}

}  // namespace ecociv::report
