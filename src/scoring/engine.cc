#include "ecociv/scoring/engine.h"

#include <algorithm>
#include <numeric>
#include <set>

namespace ecociv::scoring {
namespace {

// A figure for the log: up to 6 decimals, trailing zeros dropped ("2.5", "30").
std::string Num(const Ratio& r) {
  std::string text = FormatRounded(r, 6);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}
Ratio Zero() { return Ratio(); }
Ratio Clamp01(const Ratio& r) {
  if (r < Ratio()) return Ratio();
  if (r > Ratio::Integer(1)) return Ratio::Integer(1);
  return r;
}

// The state of one scoring run.
class Run {
 public:
  Run(const Scheme& scheme, const ValueSource& source, const ScoringOptions& options,
      Assessment* out)
      : s_(scheme), source_(source), options_(options), out_(out) {}

  void Score();

 private:
  void Log(const std::string& subject, const char* phase, const std::string& item,
           std::string text) {
    if (options_.keep_log) out_->log.push_back({subject, phase, item, std::move(text)});
  }
  std::optional<Ratio> Fetch(const std::string& subject, const Item& item, ValuePoint point);
  void ReadValues();
  void Weights();
  Ratio Fraction(size_t item_index, size_t subject_index, std::string* reason) const;
  void ScoreItems(size_t subject_index);
  void Deduct(size_t subject_index);
  void AddBonuses();
  void Vetoes(size_t subject_index);
  void RankAndGrade();
  std::vector<Event> EventsOf(const std::string& subject, const std::string& id);

  const Scheme& s_;
  const ValueSource& source_;
  const ScoringOptions& options_;
  Assessment* out_;
  std::vector<Ratio> max_;  // item points after weight factors
  // values_[item][subject]; change items hold end − start.
  std::vector<std::vector<std::optional<Ratio>>> values_;
};

std::optional<Ratio> Run::Fetch(const std::string& subject, const Item& item, ValuePoint point) {
  std::optional<InputValue> v = source_.Value(subject, item, point);
  std::string key = ValueKey(item.id, point);
  if (!v) {
    Log(subject, "input", item.id, key + " = (no data)");
    return std::nullopt;
  }
  Log(subject, "input", item.id,
      key + " = " + v->text + (v->origin.empty() ? "" : "  [" + v->origin + "]") +
          (v->note.empty() ? "" : "  note: " + v->note));
  if (options_.keep_log) out_->used_values.push_back({subject, key, *v});
  return v->value;
}

void Run::ReadValues() {
  values_.assign(s_.items.size(), std::vector<std::optional<Ratio>>(out_->subjects.size()));
  for (size_t j = 0; j < out_->subjects.size(); ++j) {
    const std::string& subject = out_->subjects[j].id;
    for (size_t i = 0; i < s_.items.size(); ++i) {
      const Item& item = s_.items[i];
      ItemResult& r = out_->results[j].items[i];
      r.item = item.id;
      if (item.basis == Basis::kLevel) {
        values_[i][j] = Fetch(subject, item, ValuePoint::kYear);
      } else {
        r.start = Fetch(subject, item, ValuePoint::kTenureStart);
        r.end = Fetch(subject, item, ValuePoint::kTenureEnd);
        if (r.start && r.end) values_[i][j] = *r.end - *r.start;
      }
      r.value = values_[i][j];
    }
  }
}

void Run::Weights() {
  max_.clear();
  Ratio weighted;
  for (const Item& item : s_.items) {
    auto it = options_.weight_factors.find(item.id);
    Ratio factor = it == options_.weight_factors.end() ? Ratio::Integer(1) : it->second;
    max_.push_back(item.points * factor);
    weighted = weighted + max_.back();
  }
  if (options_.weight_factors.empty()) return;
  Ratio scale = s_.total / weighted;
  for (size_t i = 0; i < max_.size(); ++i) {
    max_[i] = max_[i] * scale;
    Log("", "weight", s_.items[i].id,
        "points " + Num(s_.items[i].points) + " × factor × " + Num(scale) + " = " + Num(max_[i]));
  }
}

// The fraction (0..1) of the item's points a present value earns.
Ratio Run::Fraction(size_t i, size_t j, std::string* reason) const {
  const Item& item = s_.items[i];
  const Ratio v = *values_[i][j];
  const bool higher = item.direction == Direction::kHigher;
  switch (item.rule) {
    case RuleKind::kLinear: {
      Ratio f = Clamp01((v - item.floor) / (item.target - item.floor));
      *reason = "linear: (" + Num(v) + " − " + Num(item.floor) + ") / (" + Num(item.target) +
                " − " + Num(item.floor) + "), clamped to 0..1 = " + Num(f);
      return f;
    }
    case RuleKind::kPerUnit: {
      Ratio shortfall = higher ? item.target - v : v - item.target;
      if (shortfall <= Zero()) {
        *reason = "per_unit: target " + Num(item.target) + " met";
        return Ratio::Integer(1);
      }
      Ratio units = shortfall / item.unit_size;
      if (item.unit_count == UnitCount::kWhole)
        units = Ratio::Of(FloorDiv(units.num, units.den), 1);
      if (item.unit_count == UnitCount::kStarted)
        units = Ratio::Of(CeilDiv(units.num, units.den), 1);
      Ratio left = item.points - units * item.per_unit;
      if (left < Zero()) left = Zero();
      *reason = "per_unit: " + Num(shortfall) + " short of " + Num(item.target) + " = " +
                Num(units) + " units × " + Num(item.per_unit) + " off " + Num(item.points) +
                (left == Zero() ? " (扣完为止: exhausted)" : "");
      return left / item.points;
    }
    case RuleKind::kMet: {
      bool met = higher ? v >= item.target : v <= item.target;
      const char* needs = higher ? " ≥ " : " ≤ ";
      *reason = met ? "met: " + Num(v) + needs + Num(item.target)
                    : "not met: " + Num(v) + " (needs" + needs + Num(item.target) + ")";
      return Ratio::Integer(met ? 1 : 0);
    }
    case RuleKind::kRank: {
      int rank = 1;
      for (const auto& other : values_[i]) {
        if (other && (higher ? *other > v : *other < v)) ++rank;
      }
      Ratio pts = rank <= static_cast<int>(item.rank_points.size()) ? item.rank_points[rank - 1]
                                                                    : item.rank_rest;
      if (pts > item.points) pts = item.points;
      *reason = "rank " + std::to_string(rank) + " of the subjects with data → " + Num(pts);
      return pts / item.points;
    }
    case RuleKind::kEfficacy: {
      std::optional<Ratio> lo, hi;
      for (const auto& other : values_[i]) {
        if (!other) continue;
        if (!lo || *other < *lo) lo = *other;
        if (!hi || *other > *hi) hi = *other;
      }
      Ratio position = Ratio::Integer(1);
      if (*hi != *lo) position = (higher ? v - *lo : *hi - v) / (*hi - *lo);
      Ratio index = Ratio::Integer(60) + Ratio::Integer(40) * position;
      *reason = "efficacy: 60 + 40 × " + std::string(higher ? "(x − min)" : "(max − x)") +
                " / (max − min), min " + Num(*lo) + ", max " + Num(*hi) +
                (*hi == *lo ? " (all equal: position 1)" : "") + " → index " + Num(index);
      return index / Ratio::Integer(100);
    }
    case RuleKind::kManual:
      *reason = "manual score " + Num(v) + " of " + Num(item.points);
      return v / item.points;
  }
  return Zero();
}

void Run::ScoreItems(size_t j) {
  SubjectResult& result = out_->results[j];
  const std::string& subject = result.subject.id;
  // Re-weighting: dropped items' points go to the rest of their group; a
  // group with nothing left passes its points to the other groups.
  std::map<std::string, Ratio> group_max, group_available;
  Ratio total_max, total_available;
  for (size_t i = 0; i < s_.items.size(); ++i) {
    bool dropped = !values_[i][j] && s_.items[i].missing == MissingPolicy::kDrop;
    group_max[s_.items[i].group] = group_max[s_.items[i].group] + max_[i];
    if (!dropped) group_available[s_.items[i].group] = group_available[s_.items[i].group] + max_[i];
  }
  for (const auto& [group, max] : group_max) {
    total_max = total_max + max;
    if (group_available[group] > Zero()) total_available = total_available + max;
  }
  for (size_t i = 0; i < s_.items.size(); ++i) {
    const Item& item = s_.items[i];
    ItemResult& r = result.items[i];
    std::string reason;
    Ratio fraction;
    if (values_[i][j]) {
      fraction = Fraction(i, j, &reason);
    } else if (item.missing == MissingPolicy::kDrop) {
      r.outcome = ItemOutcome::kMissingDropped;
      r.max_points = Zero();
      r.points = Zero();
      r.reason = "no data: dropped, its " + Num(max_[i]) + " points spread over the rest";
      Log(subject, "normalise", item.id, r.reason);
      continue;
    } else if (item.missing == MissingPolicy::kMinimum) {
      r.outcome = ItemOutcome::kMissingMinimum;
      fraction = item.minimum / item.points;
      reason = "no data: scored the minimum " + Num(item.minimum) + " of " + Num(item.points);
    } else {
      r.outcome = ItemOutcome::kMissingZero;
      reason = "no data: scored 0";
    }
    Ratio group_available_points = group_available[item.group];
    Ratio scale = (group_max[item.group] / group_available_points) * (total_max / total_available);
    r.max_points = max_[i] * scale;
    r.points = RoundedRatio(fraction * r.max_points, s_.item_decimals);
    if (scale != Ratio::Integer(1)) {
      Log(subject, "weight", item.id,
          "re-weighted for dropped items: " + Num(max_[i]) + " × " + Num(scale) + " = " +
              Num(r.max_points));
    }
    r.reason = reason;
    Log(subject, "normalise", item.id,
        reason + " → " + Num(fraction) + " × " + Num(r.max_points) + " = " +
            FormatRounded(r.points, s_.item_decimals));
    result.groups[item.group] = result.groups[item.group] + r.points;
  }
}

std::vector<Event> Run::EventsOf(const std::string& subject, const std::string& id) {
  std::vector<Event> events = source_.Events(subject, id);
  for (const Event& e : events) {
    Log(subject, "input", id,
        id + " event " + e.date + " ×" + std::to_string(e.count) + "  [" + e.origin + "] " +
            e.note);
    if (options_.keep_log) out_->used_events.push_back({subject, id, e});
  }
  return events;
}

int64_t CountOf(const std::vector<Event>& events) {
  int64_t n = 0;
  for (const Event& e : events) n += e.count;
  return n;
}

void Run::Deduct(size_t j) {
  SubjectResult& result = out_->results[j];
  const std::string& subject = result.subject.id;
  Ratio ungrouped;
  for (const Deduction& d : s_.deductions) {
    int64_t n = CountOf(EventsOf(subject, d.id));
    if (n == 0) continue;
    Ratio amount = Ratio::Integer(n) * d.per_event;
    std::string reason = std::to_string(n) + " × " + Num(d.per_event);
    if (amount > d.cap) {
      amount = d.cap;
      reason += ", capped at " + Num(d.cap);
    }
    if (!d.group.empty()) {
      Ratio& group = result.groups[d.group];
      if (amount > group) {
        amount = group;
        reason += ", limited to the group's remaining " + Num(group) + " (扣完为止)";
      }
      group = group - amount;
    } else {
      ungrouped = ungrouped + amount;
    }
    result.deductions.push_back({d.id, n, amount, reason});
    result.deduction_total = result.deduction_total + amount;
    Log(subject, "deduct", d.id, d.name + ": −" + Num(amount) + " (" + reason + ")");
  }
  for (const Group& g : s_.groups) result.base = result.base + result.groups[g.id];
  Log(subject, "aggregate", "", "groups sum to " + Num(result.base));
  result.total = result.base - ungrouped;
  if (result.total < Zero()) {
    Log(subject, "aggregate", "", "ungrouped deductions exceed the score: total held at 0");
    result.total = Zero();
  }
}

void Run::AddBonuses() {
  std::vector<Ratio> wanted(out_->results.size());
  for (size_t j = 0; j < out_->results.size(); ++j) {
    SubjectResult& result = out_->results[j];
    for (const Bonus& b : s_.bonuses) {
      int64_t n = CountOf(EventsOf(result.subject.id, b.id));
      if (n == 0) continue;
      Ratio amount = Ratio::Integer(n) * b.per_event;
      std::string reason = std::to_string(n) + " × " + Num(b.per_event);
      if (amount > b.cap) {
        amount = b.cap;
        reason += ", capped at " + Num(b.cap);
      }
      result.bonuses.push_back({b.id, n, amount, reason});
      wanted[j] = wanted[j] + amount;
    }
    if (wanted[j] > s_.bonus_total_cap) {
      Log(result.subject.id, "bonus", "",
          "bonus " + Num(wanted[j]) + " capped at the total cap " + Num(s_.bonus_total_cap));
      wanted[j] = s_.bonus_total_cap;
    }
  }
  // Quota: at most QuotaCount(share, n) subjects get a bonus, the largest
  // bonuses first; a tie at the quota edge is refused as a whole.
  std::vector<bool> granted(wanted.size());
  for (size_t j = 0; j < wanted.size(); ++j) granted[j] = wanted[j] > Zero();
  if (s_.bonus_max_share) {
    int64_t quota = QuotaCount(*s_.bonus_max_share, static_cast<int64_t>(wanted.size()),
                               s_.quota_rounding);
    for (size_t j = 0; j < wanted.size(); ++j) {
      if (!granted[j]) continue;
      int64_t better_or_equal = 0;
      for (size_t k = 0; k < wanted.size(); ++k) {
        if (wanted[k] > Zero() && wanted[k] >= wanted[j]) ++better_or_equal;
      }
      if (better_or_equal > quota) {
        granted[j] = false;
        Log(out_->results[j].subject.id, "bonus", "",
            "bonus " + Num(wanted[j]) + " refused: quota of " + std::to_string(quota) +
                " subjects (" + Num(*s_.bonus_max_share) + " × " + std::to_string(wanted.size()) +
                ") would be exceeded");
      }
    }
  }
  for (size_t j = 0; j < wanted.size(); ++j) {
    SubjectResult& result = out_->results[j];
    if (!granted[j]) {
      for (Adjustment& a : result.bonuses) {
        a.reason += "; refused (quota)";
        a.points = Zero();
      }
      continue;
    }
    result.bonus_total = wanted[j];
    result.total = result.total + wanted[j];
    Log(result.subject.id, "bonus", "", "bonus +" + Num(wanted[j]) + " → " + Num(result.total));
  }
}

void Run::Vetoes(size_t j) {
  SubjectResult& result = out_->results[j];
  for (const Veto& v : s_.vetoes) {
    int64_t n = CountOf(EventsOf(result.subject.id, v.id));
    if (n >= v.min_count) {
      result.vetoes.push_back(v.id);
      Log(result.subject.id, "veto", v.id,
          v.name + ": " + std::to_string(n) + " event(s) → one-vote veto (一票否决)");
    }
  }
}

// Ranks by total; with VetoRank::kLast the vetoed subjects come after every
// other subject, ranked among themselves by total.
std::vector<int> RanksOf(const std::vector<SubjectResult>& results, VetoRank veto_rank) {
  std::vector<Ratio> kept, vetoed;
  for (const SubjectResult& r : results) {
    bool last = veto_rank == VetoRank::kLast && !r.vetoes.empty();
    (last ? vetoed : kept).push_back(r.total);
  }
  std::vector<int> kept_ranks = CompetitionRanks(kept), vetoed_ranks = CompetitionRanks(vetoed);
  std::vector<int> ranks;
  size_t k = 0, v = 0;
  for (const SubjectResult& r : results) {
    bool last = veto_rank == VetoRank::kLast && !r.vetoes.empty();
    ranks.push_back(last ? static_cast<int>(kept.size()) + vetoed_ranks[v++] : kept_ranks[k++]);
  }
  return ranks;
}

void Run::RankAndGrade() {
  std::vector<int> ranks = RanksOf(out_->results, s_.veto_rank);
  for (size_t j = 0; j < ranks.size(); ++j) {
    SubjectResult& r = out_->results[j];
    r.rank = ranks[j];
    Log(r.subject.id, "rank", "",
        "total " + Num(r.total) + " → rank " + std::to_string(ranks[j]) + " of " +
            std::to_string(ranks.size()) +
            (!r.vetoes.empty() && s_.veto_rank == VetoRank::kLast
                 ? " (one-vote veto: ranked after every subject not vetoed)"
                 : ""));
  }
  const int n = static_cast<int>(out_->results.size());
  const Grade& lowest = s_.grades.back();
  std::vector<int> used(s_.grades.size());
  std::vector<SubjectResult*> order;
  for (SubjectResult& r : out_->results) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(), [](const SubjectResult* a, const SubjectResult* b) {
    return a->rank != b->rank ? a->rank < b->rank : a->subject.id < b->subject.id;
  });
  for (size_t start = 0; start < order.size();) {
    size_t end = start;  // [start, end): one tie group
    while (end < order.size() && order[end]->rank == order[start]->rank) ++end;
    for (size_t g = 0; g < s_.grades.size(); ++g) {
      const Grade& grade = s_.grades[g];
      std::vector<SubjectResult*> members;
      for (size_t k = start; k < end; ++k) {
        SubjectResult* r = order[k];
        if (r->grade.empty() && r->vetoes.empty() && r->total >= grade.min_score &&
            (grade.max_rank == 0 || r->rank <= grade.max_rank)) {
          members.push_back(r);
        }
      }
      if (members.empty()) continue;
      if (grade.max_share) {
        int64_t quota = QuotaCount(*grade.max_share, n, s_.quota_rounding);
        if (used[g] + static_cast<int64_t>(members.size()) > quota) {
          for (SubjectResult* r : members) {
            r->grade_reason +=
                "not " + grade.name + ": quota " + std::to_string(quota) + " would be exceeded; ";
          }
          continue;
        }
      }
      for (SubjectResult* r : members) {
        r->grade = grade.name;
        r->grade_reason += "score " + Num(r->total) + " ≥ " + Num(grade.min_score) +
                           (grade.max_rank ? ", rank ≤ " + std::to_string(grade.max_rank) : "");
        ++used[g];
      }
    }
    for (size_t k = start; k < end; ++k) {
      SubjectResult* r = order[k];
      if (!r->vetoes.empty()) {
        r->grade = lowest.name;
        r->grade_reason = "one-vote veto: " + r->vetoes.front();
      } else if (r->grade.empty()) {
        r->grade = lowest.name;
      }
      Log(r->subject.id, "grade", "", r->grade + " (" + r->grade_reason + ")");
    }
    start = end;
  }
}

void Run::Score() {
  Log("", "input", "",
      "scheme " + s_.id + " (" + s_.origin + "), year " + std::to_string(options_.year) + ", " +
          std::to_string(out_->subjects.size()) + " subjects");
  Weights();
  ReadValues();
  for (size_t j = 0; j < out_->results.size(); ++j) {
    ScoreItems(j);
    Deduct(j);
    Vetoes(j);
  }
  AddBonuses();
  RankAndGrade();
}

}  // namespace

const char* ItemOutcomeName(ItemOutcome outcome) {
  switch (outcome) {
    case ItemOutcome::kScored:
      return "scored";
    case ItemOutcome::kMissingZero:
      return "missing_zero";
    case ItemOutcome::kMissingMinimum:
      return "missing_minimum";
    case ItemOutcome::kMissingDropped:
      return "missing_dropped";
  }
  return "?";
}

std::vector<int> CompetitionRanks(const std::vector<Ratio>& scores) {
  std::vector<int> ranks(scores.size());
  for (size_t j = 0; j < scores.size(); ++j) {
    int better = 0;
    for (const Ratio& other : scores) better += other > scores[j] ? 1 : 0;
    ranks[j] = better + 1;
  }
  return ranks;
}

const SubjectResult* Assessment::Find(const std::string& subject) const {
  for (const SubjectResult& r : results) {
    if (r.subject.id == subject) return &r;
  }
  return nullptr;
}

std::vector<const SubjectResult*> Assessment::Ranking() const {
  std::vector<const SubjectResult*> order;
  for (const SubjectResult& r : results) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(), [](const SubjectResult* a, const SubjectResult* b) {
    return a->rank != b->rank ? a->rank < b->rank : a->subject.id < b->subject.id;
  });
  return order;
}

namespace {

StatusOr<Assessment> ScoreSchemeExact(const Scheme& scheme, const std::vector<Subject>& subjects,
                                      const ValueSource& source, const ScoringOptions& options) {
  if (subjects.empty()) return InvalidArgumentError("no subjects to score");
  std::set<std::string> ids;
  for (const Subject& s : subjects) {
    if (!ids.insert(s.id).second) return InvalidArgumentError("duplicate subject " + s.id);
  }
  Assessment out;
  out.scheme = &scheme;
  out.options = options;
  out.subjects = subjects;
  for (const Subject& s : subjects) {
    SubjectResult r;
    r.subject = s;
    r.items.resize(scheme.items.size());
    for (const Group& g : scheme.groups) r.groups[g.id] = Ratio();
    out.results.push_back(std::move(r));
  }
  Run(scheme, source, options, &out).Score();
  return out;
}

}  // namespace

StatusOr<Assessment> ScoreScheme(const Scheme& scheme, const std::vector<Subject>& subjects,
                                 const ValueSource& source, const ScoringOptions& options) {
  return WithOverflowCheck("scoring scheme " + scheme.id,
                           [&] { return ScoreSchemeExact(scheme, subjects, source, options); });
}

std::string FormatPoints(const Scheme& scheme, const Ratio& points) {
  return FormatRounded(points, scheme.print_decimals);
}

std::string ExplainSubject(const Assessment& assessment, const std::string& subject) {
  std::string out;
  for (const LogStep& step : assessment.log) {
    if (!step.subject.empty() && step.subject != subject) continue;
    out += "[" + step.phase + "]";
    if (!step.subject.empty()) out += " " + step.subject;
    if (!step.item.empty()) out += " " + step.item;
    out += ": " + step.text + "\n";
  }
  return out;
}

}  // namespace ecociv::scoring
