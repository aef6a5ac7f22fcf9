#include "ecociv/water/release_check.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_map>

namespace ecociv::water {
namespace {

using SectionKey = std::pair<std::string, std::string>;  // province, section

// One distinct row as judged: its edition, type, the values judged and where
// each came from.
struct Judged {
  const ReleaseRow* row = nullptr;
  const RealtimeRules* rt = nullptr;
  WaterBody body = WaterBody::kRiver;
  SampleValues values;
  std::vector<bool> from_display;  // by item: the displayed value stood in
  bool displayed = false;          // a judged item's value is a displayed one
  // The decimals the release displayed each judged item with (parallel to
  // rt->items): those of the layout of the row's date, whatever edition judges.
  std::vector<int> display_decimals;
  SampleJudgement judgement;
};

std::string Exact(const Ratio& value) {
  std::string text = FormatRounded(value, 12);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

// The same published state, whenever it was captured: everything but the
// capture time, the file and the line.
std::string RowKey(const ReleaseRow& r) {
  std::string key = r.province + '\x1f' + r.section + '\x1f' + std::to_string(r.day) + '\x1f' +
                    std::to_string(r.minute) + '\x1f' + r.status + '\x1f' +
                    (r.published ? ClassLabel(*r.published) : r.published_dash ? "--" : "");
  for (const auto* cells : {&r.displayed, &r.raw}) {
    for (const ReleaseCell& c : *cells) {
      key += '\x1f';
      key += static_cast<char>('0' + static_cast<int>(c.mark));
      if (c.has_value()) key += Exact(c.value);
    }
  }
  return key;
}

std::string TimeKey(const ReleaseRow& r) {
  return r.province + '\x1f' + r.section + '\x1f' + std::to_string(r.day) + '\x1f' +
         std::to_string(r.minute);
}

std::string Label(std::optional<WaterClass> c) { return c ? ClassLabel(*c) : "none"; }

// The classes a judged item can take given the value the row shows: one class
// when the value judged is known exactly (a raw value, or a displayed value
// the rules judge at the display's own decimals); otherwise the classes of
// every unrounded value within half a display unit of it.
struct ClassRange {
  WaterClass lo = WaterClass::kI, hi = WaterClass::kI;
  bool ends_only = false;  // pH: only the two ends (in range or not)
  bool Has(WaterClass c) const {
    return c == lo || c == hi || (!ends_only && lo < c && c < hi);
  }
};

ClassRange RangeOf(const WaterRules& rules, const RealtimeRules& rt, int j, WaterBody body,
                   const Ratio& value, bool displayed, int display_decimals) {
  const WaterItem& item = rules.item(rt.items[j]);
  const WaterBody limits = rt.lake_limits == LakeLimitsRule::kByType ? body : WaterBody::kRiver;
  const bool exact = !displayed || (rt.rounding == RealtimeRounding::kHalfEven &&
                                    rt.decimals[j] == display_decimals);
  if (exact) {
    WaterClass c = ClassifyValue(item, rt.Judged(j, value), limits);
    return {c, c, false};
  }
  const Ratio half = Ratio::Of(5, static_cast<int128>(Pow10(display_decimals + 1)));
  Ratio low = value - half;
  if (low < Ratio()) low = Ratio();
  WaterClass a = ClassifyValue(item, rt.Judged(j, low), limits);
  WaterClass b = ClassifyValue(item, rt.Judged(j, value + half), limits);
  return {std::min(a, b), std::max(a, b), item.kind == LimitKind::kRange};
}

// Whether the rules can give `published` to the row, allowing for what the
// display hides.
bool Reachable(const WaterRules& rules, const RealtimeRules& rt, WaterBody body, const Judged& j,
               WaterClass published) {
  if (j.values.maintenance && rt.maintenance == MaintenanceRule::kNoClass) return false;
  bool hit = false, any = false;
  for (size_t k = 0; k < rt.items.size(); ++k) {
    const int item = rt.items[k];
    const std::optional<Ratio>& v = j.values.values[item];
    if (!v) {
      if (rt.missing == MissingItemRule::kNoClass) return false;
      continue;
    }
    any = true;
    const int layout = rt.items == j.rt->items ? j.display_decimals[k] : rt.display_decimals[k];
    ClassRange range =
        RangeOf(rules, rt, static_cast<int>(k), body, *v, j.from_display[item], layout);
    if (range.lo > published) return false;
    hit = hit || range.Has(published);
  }
  return any && hit;
}

WaterBody OtherBody(WaterBody body) {
  return IsLakeLike(body) ? WaterBody::kRiver : WaterBody::kLake;
}

class Checker {
 public:
  Checker(const WaterRules& rules, const RealtimeEditions& editions, const Release& release,
          const ReleaseCheckOptions& options)
      : rules_(rules), editions_(editions), release_(release), options_(options) {}

  ReleaseCheckReport Run();

 private:
  WaterBody TypeOf(const ReleaseRow& row, const RealtimeRules& rt);
  Judged Judge(const ReleaseRow& row, const RealtimeRules& rt);
  std::vector<std::vector<int>> RoundingsToTry(const Judged& j) const;
  std::string ValueCause(const Judged& j, const RealtimeRules& base) const;
  std::string Cause(const Judged& j, const std::vector<const Judged*>& same_time) const;
  std::string Example(const Judged& j) const;
  void Tally(const Judged& j);
  void DecideType(const Judged& j);

  const WaterRules& rules_;
  const RealtimeEditions& editions_;
  const Release& release_;
  const ReleaseCheckOptions& options_;
  ReleaseCheckReport report_;
  std::map<SectionKey, std::string> rivers_;  // the first river name given for a section
  std::map<std::pair<SectionKey, const RealtimeRules*>, WaterBody> types_;
  std::map<SectionKey, bool> type_from_file_;
  std::map<SectionKey, std::pair<int, int>> decided_;  // rows deciding the type used / the other
  std::map<std::pair<std::string, std::string>, ReleaseAgreement> agreement_;
};

WaterBody Checker::TypeOf(const ReleaseRow& row, const RealtimeRules& rt) {
  SectionKey key{row.province, row.section};
  auto it = types_.find({key, &rt});
  if (it != types_.end()) return it->second;
  std::optional<WaterBody> body;
  if (options_.types) body = options_.types->Find(row.province, row.section);
  type_from_file_[key] = body.has_value();
  if (!body) body = GuessWaterBody(rt.section_type, rivers_[key], row.section);
  types_[{key, &rt}] = *body;
  return *body;
}

Judged Checker::Judge(const ReleaseRow& row, const RealtimeRules& rt) {
  Judged j;
  j.row = &row;
  j.rt = &rt;
  j.body = TypeOf(row, rt);
  const size_t n = rules_.items().size();
  j.values.values.resize(n);
  j.from_display.assign(n, false);
  j.values.maintenance = rt.IsMaintenance(row.status);
  for (size_t i = 0; i < n; ++i) {
    const ReleaseCell& raw = row.raw[i];
    const ReleaseCell& shown = row.displayed[i];
    if (options_.values == JudgedValues::kRaw && raw.mark != CellMark::kEmpty) {
      if (raw.has_value()) j.values.values[i] = raw.value;
    } else if (shown.has_value()) {
      j.values.values[i] = shown.value;
      j.from_display[i] = true;
      if (rt.JudgedIndex(static_cast<int>(i)) >= 0) j.displayed = true;
    }
  }
  // Rows without raw values (a layout or capture that has none) are judged
  // from what was displayed.
  bool raw_given = false;
  for (int item : rt.items) raw_given = raw_given || row.raw[item].mark != CellMark::kEmpty;
  if (options_.values == JudgedValues::kDisplayed || !raw_given) j.displayed = true;
  j.display_decimals = rt.display_decimals;
  auto layout = editions_.For(row.day, "");
  if (layout.ok()) {
    for (size_t k = 0; k < rt.items.size(); ++k) {
      int at = (*layout)->JudgedIndex(rt.items[k]);
      if (at >= 0) j.display_decimals[k] = (*layout)->display_decimals[at];
    }
  }
  j.judgement = JudgeSample(rules_, rt, j.body, j.values);
  return j;
}

// The judging decimals the rounding cause tries: the layout's display, every
// edition's judging and display decimals, and the 2011 method's item decimals.
std::vector<std::vector<int>> Checker::RoundingsToTry(const Judged& j) const {
  const std::vector<int>& items = j.rt->items;
  std::vector<std::vector<int>> out = {j.display_decimals};
  for (const RealtimeRules& e : editions_.editions()) {
    for (const std::vector<int>* source : {&e.decimals, &e.display_decimals}) {
      if (e.rounding == RealtimeRounding::kNone && source == &e.decimals) continue;
      std::vector<int> d = j.rt->decimals;
      for (size_t k = 0; k < items.size(); ++k) {
        int at = e.JudgedIndex(items[k]);
        if (at >= 0) d[k] = (*source)[at];
      }
      out.push_back(d);
    }
  }
  std::vector<int> method;
  for (int item : items) method.push_back(rules_.item(item).decimals);
  out.push_back(method);
  return out;
}

// The value causes under `base`: rounding, lake type, item set; "" for none.
std::string Checker::ValueCause(const Judged& j, const RealtimeRules& base) const {
  const std::optional<WaterClass> published = j.row->published;
  auto gives = [&](const RealtimeRules& rt, WaterBody body) {
    return JudgeSample(rules_, rt, body, j.values).cls == published;
  };
  RealtimeRules alt = base;
  // The rules in force can give the published class to a value the display
  // rounded away: the disagreement is the display's, not the rules'.
  if (published && j.displayed && Reachable(rules_, base, j.body, j, *published)) {
    return "hidden by the display";
  }
  alt.rounding = RealtimeRounding::kNone;
  if (gives(alt, j.body)) return "rounding";
  if (published && j.displayed && Reachable(rules_, alt, j.body, j, *published)) {
    return "rounding";
  }
  alt.rounding = RealtimeRounding::kHalfEven;
  for (std::vector<int>& decimals : RoundingsToTry(j)) {
    alt.decimals = std::move(decimals);
    if (gives(alt, j.body)) return "rounding";
  }
  if (gives(base, OtherBody(j.body))) return "lake type";
  alt = base;
  alt.lake_limits = alt.lake_limits == LakeLimitsRule::kByType ? LakeLimitsRule::kRiver
                                                               : LakeLimitsRule::kByType;
  if (gives(alt, j.body)) return "lake type";
  const int tn = rules_.IndexOf("tn");
  alt = base;
  if (tn >= 0 && alt.JudgedIndex(tn) < 0) {
    alt.items.push_back(tn);
    alt.decimals.push_back(rules_.item(tn).decimals);
    alt.display_decimals.push_back(rules_.item(tn).decimals);
    if (gives(alt, j.body)) return "item set";
  }
  for (size_t k = 0; k < base.items.size(); ++k) {
    alt = base;
    alt.items.erase(alt.items.begin() + static_cast<std::ptrdiff_t>(k));
    alt.decimals.erase(alt.decimals.begin() + static_cast<std::ptrdiff_t>(k));
    alt.display_decimals.erase(alt.display_decimals.begin() + static_cast<std::ptrdiff_t>(k));
    if (gives(alt, j.body)) return "item set";
  }
  return "";
}

std::string Checker::Cause(const Judged& j, const std::vector<const Judged*>& same_time) const {
  const std::optional<WaterClass> published = j.row->published;
  // The rules that decide whether a row has a class at all come first; when
  // flipping one leaves the class wrong, a value cause may complete it.
  if (!j.judgement.missing.empty()) {
    RealtimeRules alt = *j.rt;
    alt.missing = alt.missing == MissingItemRule::kNoClass ? MissingItemRule::kPresentItems
                                                           : MissingItemRule::kNoClass;
    if (JudgeSample(rules_, alt, j.body, j.values).cls == published) return "missing item";
    std::string then = ValueCause(j, alt);
    if (!then.empty()) return "missing item + " + then;
  }
  if (j.values.maintenance) {
    RealtimeRules alt = *j.rt;
    alt.maintenance = alt.maintenance == MaintenanceRule::kClassify ? MaintenanceRule::kNoClass
                                                                    : MaintenanceRule::kClassify;
    if (JudgeSample(rules_, alt, j.body, j.values).cls == published) return "maintenance";
    std::string then = ValueCause(j, alt);
    if (!then.empty()) return "maintenance + " + then;
  }
  std::string cause = ValueCause(j, *j.rt);
  if (!cause.empty()) return cause;
  for (const Judged* other : same_time) {
    if (other != &j && other->values.values != j.values.values &&
        other->judgement.cls == published) {
      return "revision";
    }
  }
  return "unexplained";
}

std::string Checker::Example(const Judged& j) const {
  const ReleaseRow& r = *j.row;
  std::string s = r.province + " " + r.section + " " + FormatSampleTime(r.day, r.minute) + " (" +
                  release_.files[r.file] + ":" + std::to_string(r.line) + ", " +
                  WaterBodyName(j.body) + (r.status.empty() ? "" : ", " + r.status) +
                  "): published " + Label(r.published) + ", computed " +
                  Label(j.judgement.cls) + " by " + j.rt->id + " from " +
                  (j.displayed ? "displayed" : "raw") + " values:";
  for (size_t k = 0; k < j.rt->items.size(); ++k) {
    const int item = j.rt->items[k];
    s += " " + rules_.item(item).symbol + " ";
    const std::optional<Ratio>& v = j.values.values[item];
    if (!v) {
      s += "-";
      continue;
    }
    s += Exact(*v);
    const Ratio judged = j.rt->Judged(static_cast<int>(k), *v);
    if (judged != *v) s += "→" + Exact(judged);
  }
  // What the display can hide: the classes of the values within half a
  // display unit of each displayed value, judged unrounded.
  RealtimeRules unrounded = *j.rt;
  unrounded.rounding = RealtimeRounding::kNone;
  for (size_t k = 0; k < j.rt->items.size(); ++k) {
    const int item = j.rt->items[k];
    const std::optional<Ratio>& v = j.values.values[item];
    if (!v || !j.from_display[item]) continue;
    ClassRange range = RangeOf(rules_, unrounded, static_cast<int>(k), j.body, *v, true,
                               j.display_decimals[k]);
    if (range.lo == range.hi) continue;
    s += "; " + rules_.item(item).symbol + " shown with " + std::to_string(j.display_decimals[k]) +
         " decimals can be " + ClassLabel(range.lo) + " or " + ClassLabel(range.hi);
  }
  return s;
}

void Checker::Tally(const Judged& j) {
  const std::string values = j.displayed ? "displayed" : "raw";
  ReleaseAgreement& a = agreement_[{j.rt->id, values}];
  a.edition = j.rt->id;
  a.values = values;
  const bool equal = j.judgement.cls == j.row->published;
  if (j.row->published) {
    ++a.published;
    if (equal) ++a.equal;
  } else {
    ++a.unpublished;
    if (equal) ++a.unpublished_equal;
  }
}

// A row decides the section's type when the published class is reachable with
// one water body and not with the other.
void Checker::DecideType(const Judged& j) {
  if (!j.row->published) return;
  const bool used = Reachable(rules_, *j.rt, j.body, j, *j.row->published);
  const bool other = Reachable(rules_, *j.rt, OtherBody(j.body), j, *j.row->published);
  if (used == other) return;
  auto& counts = decided_[{j.row->province, j.row->section}];
  (used ? counts.first : counts.second)++;
}

ReleaseCheckReport Checker::Run() {
  report_.rows = static_cast<int64_t>(release_.rows.size());
  for (const ReleaseRow& row : release_.rows) {
    std::string& river = rivers_[{row.province, row.section}];
    if (river.empty()) river = row.river;
  }
  report_.sections = static_cast<int64_t>(rivers_.size());
  // The rows compared: identical states once; with --latest, the last row of
  // each section and time.
  std::vector<const ReleaseRow*> rows;
  std::unordered_map<std::string, size_t> latest;
  std::set<std::string> seen;
  for (const ReleaseRow& row : release_.rows) {
    if (!row.has_time) {
      ++report_.rows_without_time;
      if (!row.published) continue;  // published class without a time: compared below
    }
    if (options_.latest && row.has_time) {
      auto [it, fresh] = latest.emplace(TimeKey(row), rows.size());
      if (!fresh) {
        rows[it->second] = &row;
        continue;
      }
    } else if (!seen.insert(RowKey(row)).second) {
      continue;
    }
    rows.push_back(&row);
  }
  if (options_.latest) {
    std::set<std::string> kept;
    std::vector<const ReleaseRow*> unique;
    for (const ReleaseRow* row : rows) {
      if (kept.insert(RowKey(*row)).second) unique.push_back(row);
    }
    rows = std::move(unique);
  }
  std::vector<Judged> judged;
  judged.reserve(rows.size());
  for (const ReleaseRow* row : rows) {
    if (!row->has_time) {
      report_.disagreeing_rows.push_back({row->file, row->line, std::nullopt, "unexplained"});
      ++report_.disagreements;
      ++report_.unexplained;
      ++report_.causes["unexplained"];
      report_.examples["unexplained"].push_back(release_.files[row->file] + ":" +
                                                std::to_string(row->line) +
                                                ": a class without a monitoring time");
      continue;
    }
    auto rt = editions_.For(row->day, options_.forced_edition);
    if (!rt.ok()) {
      report_.disagreeing_rows.push_back({row->file, row->line, std::nullopt, "unexplained"});
      ++report_.disagreements;
      ++report_.unexplained;
      ++report_.causes["unexplained"];
      report_.examples["unexplained"].push_back(rt.status().message());
      continue;
    }
    judged.push_back(Judge(*row, **rt));
  }
  report_.distinct_rows = static_cast<int64_t>(judged.size());
  std::map<std::string, std::vector<const Judged*>> by_time;
  for (const Judged& j : judged) by_time[TimeKey(*j.row)].push_back(&j);
  report_.section_times = static_cast<int64_t>(by_time.size());
  for (const auto& [key, group] : by_time) {
    bool published = false, all_equal = true;
    for (const Judged* j : group) {
      published = published || j->row->published.has_value();
      all_equal = all_equal && j->judgement.cls == j->row->published;
    }
    if (published) {
      ++report_.section_times_published;
      if (all_equal) ++report_.section_times_equal;
    }
  }
  for (const Judged& j : judged) {
    Tally(j);
    DecideType(j);
    for (const auto& [item, scaled] : j.rt->written_below_detection) {
      const std::optional<Ratio>& v = j.values.values[item];
      if (v && *v == WaterValue(scaled)) {
        ++report_.written_below_detection[rules_.item(item).symbol + " " +
                                          Exact(WaterValue(scaled))];
      }
    }
    if (j.judgement.cls == j.row->published) continue;
    std::string cause = Cause(j, by_time[TimeKey(*j.row)]);
    report_.disagreeing_rows.push_back({j.row->file, j.row->line, j.judgement.cls, cause});
    ++report_.disagreements;
    ++report_.causes[cause];
    if (cause == "unexplained") ++report_.unexplained;
    auto& examples = report_.examples[cause];
    if (static_cast<int>(examples.size()) < options_.examples_per_cause) {
      examples.push_back(Example(j));
    }
  }
  for (auto& [key, a] : agreement_) report_.agreement.push_back(a);
  for (const auto& [key, from_file] : type_from_file_) {
    (from_file ? report_.types_from_file : report_.types_guessed)++;
  }
  std::set<SectionKey> lakes;
  for (const auto& [key, body] : types_) {
    if (IsLakeLike(body)) lakes.insert(key.first);
  }
  report_.lake_sections = static_cast<int64_t>(lakes.size());
  for (const auto& [key, counts] : decided_) {
    ++report_.types_decided;
    const bool used_lake = lakes.count(key) > 0;
    if (counts.first >= counts.second ? used_lake : !used_lake) ++report_.types_decided_lake;
    if (counts.second == 0) {
      ++report_.types_agree;
    } else if (report_.type_disagreements.size() < 20) {
      report_.type_disagreements.push_back(
          key.first + " " + key.second + " (" + (lakes.count(key) ? "lake" : "river") +
          " used; rows for it " + std::to_string(counts.first) + ", for the other type " +
          std::to_string(counts.second) + ")");
    }
  }
  return std::move(report_);
}

std::string PercentText(int64_t part, int64_t whole) {
  if (whole == 0) return "n/a";
  char buf[32];
  // Exact to the printed digits: part/whole as a rounded exact ratio.
  std::snprintf(buf, sizeof buf, "%s %%",
                FormatRounded(Ratio::Of(static_cast<int128>(part) * 100, whole), 3).c_str());
  return buf;
}

}  // namespace

ReleaseCheckReport CheckRelease(const WaterRules& rules, const RealtimeEditions& editions,
                                const Release& release, const ReleaseCheckOptions& options) {
  return Checker(rules, editions, release, options).Run();
}

std::string ReleaseCheckReport::Summary() const {
  auto n = [](int64_t v) { return std::to_string(v); };
  std::string s;
  s += "rows read: " + n(rows) + " (without a monitoring time, not compared: " +
       n(rows_without_time) + ")\n";
  s += "rows compared: " + n(distinct_rows) + " (identical captures counted once); section-times: " +
       n(section_times) + "; sections: " + n(sections) + "\n";
  s += "section types: " + n(types_from_file) + " from the sections file, " + n(types_guessed) +
       " guessed from names; " + n(lake_sections) + " lake or reservoir\n";
  s += "section types decided by the published classes: " + n(types_decided) + " sections (" +
       n(types_decided_lake) + " lake or reservoir); the type used agrees for " + n(types_agree) +
       "\n";
  for (const std::string& d : type_disagreements) s += "  type disagrees: " + d + "\n";
  if (!written_below_detection.empty()) {
    s += "below-detection numbers as written:";
    for (const auto& [name, count] : written_below_detection) s += " " + name + ": " + n(count) + ";";
    s.back() = '\n';
  }
  s += "edition values published reproduced no_class also_none\n";
  for (const ReleaseAgreement& a : agreement) {
    s += a.edition + " " + a.values + " " + n(a.published) + " " + n(a.equal) + " (" +
         PercentText(a.equal, a.published) + ") " + n(a.unpublished) + " " + n(a.unpublished_equal) +
         "\n";
  }
  s += "section-times with a published class: " + n(section_times_published) +
       "; every row reproduced: " + n(section_times_equal) + " (" +
       PercentText(section_times_equal, section_times_published) + ")\n";
  s += "disagreements: " + n(disagreements) + " (unexplained: " + n(unexplained) + ")\n";
  for (const auto& [cause, count] : causes) {
    s += "  " + cause + ": " + n(count) + "\n";
    auto it = examples.find(cause);
    if (it == examples.end()) continue;
    for (const std::string& e : it->second) s += "    e.g. " + e + "\n";
  }
  return s;
}

}  // namespace ecociv::water
