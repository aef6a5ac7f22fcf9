#include "ecociv/scoring/demo_data.h"

#include "demo_rows.h"
#include "ecociv/core/demo_units.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace ecociv::scoring {
namespace {

// The demo subjects are the shared SYNTHETIC units (core/demo_units.h).

// A deterministic pseudo-random number in [0, 1000) from three integers.
int64_t Draw(uint64_t a, uint64_t b, uint64_t c) {
  uint64_t x = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull) * 0xBF58476D1CE4E5B9ull ^
               (c + 1) * 0x94D049BB133111EBull;
  x ^= x >> 31;
  x *= 0xD6E8FEB86659FD93ull;
  x ^= x >> 29;
  return static_cast<int64_t>(x % 1000);
}

// The range demo values are drawn from for an item.
std::pair<Ratio, Ratio> Range(const Item& item) {
  if (item.typical.size() == 2) return {item.typical[0], item.typical[1]};
  if (item.rule == RuleKind::kManual) return {item.points * Ratio::Of(3, 5), item.points};
  if (item.rule == RuleKind::kLinear) {
    Ratio margin = (item.target - item.floor) * Ratio::Of(1, 5);
    return item.direction == Direction::kHigher
               ? std::make_pair(item.floor - margin, item.target + margin)
               : std::make_pair(item.target + margin, item.floor - margin);
  }
  Ratio spread = item.target == Ratio() ? Ratio::Integer(1) : item.target * Ratio::Of(1, 10);
  if (spread < Ratio()) spread = Ratio() - spread;
  return {item.target - spread, item.target + spread};
}

std::string DrawValue(const Item& item, int64_t draw) {
  auto [lo, hi] = Range(item);
  if (hi < lo) std::swap(lo, hi);
  // A higher draw is a better value; skewed toward the better end, so most
  // subjects do fairly well.
  Ratio u = Ratio::Of(draw, 999);
  Ratio one = Ratio::Integer(1);
  Ratio q = one - (one - u) * (one - u);
  Ratio v = item.direction == Direction::kHigher ? lo + (hi - lo) * q : hi - (hi - lo) * q;
  bool counted = item.unit == "个" || item.unit == "起";  // counts are whole numbers
  return FormatRounded(v, counted ? 0 : 2);
}

}  // namespace

namespace demo_rows {

std::vector<SubjectRow> SubjectsFor(const Scheme& s) {
  std::vector<SubjectRow> rows;
  if (s.subject_kind == "department") {
    for (const DemoUnit& d : kDemoDepartments) rows.push_back({d.code, d.name, "department"});
  } else if (s.subject_kind == "official") {
    rows.push_back(
        {"OFF-T06-2021", std::string(kDemoTowns[5].name) + "原镇长（虚构 SYNTHETIC）", "official"});
  } else {
    for (const DemoUnit& t : kDemoTowns) rows.push_back({t.code, t.name, s.subject_kind});
  }
  return rows;
}

std::string ValuesCsv(const Scheme& s, const std::vector<SubjectRow>& subjects, int variant) {
  std::string out = "subject,item,value,note\n";
  for (size_t j = 0; j < subjects.size(); ++j) {
    for (size_t i = 0; i < s.items.size(); ++i) {
      const Item& item = s.items[i];
      // One gap per scheme, on a dropped-or-minimum item, to show the policy.
      if (item.missing != MissingPolicy::kZero && j == 2 && i % 5 == 1) continue;
      std::string note =
          item.rule == RuleKind::kManual ? "SYNTHETIC: 台账资料审核 records reviewed" : "SYNTHETIC";
      if (item.basis == Basis::kChange) {
        int64_t a = Draw(j, i, 1 + 100 * variant);
        out += subjects[j].id + "," + item.id + "@start," + DrawValue(item, a) + "," + note + "\n";
        // The end value moves 40 % of the way toward the best end (mostly
        // an improvement over the tenure), less for every third item.
        int64_t pull = i % 3 == 0 ? 10 : 40;
        int64_t end = a + (999 - a) * pull / 100;
        out += subjects[j].id + "," + item.id + "@end," + DrawValue(item, end) + "," + note + "\n";
      } else {
        // The first subject of a group is a strong performer (draws ≥ 900).
        int64_t draw = Draw(j, i, 100 * variant);
        if (j == 0 && subjects.size() > 1) draw = 900 + draw / 10;
        out += subjects[j].id + "," + item.id + "," + DrawValue(item, draw) + "," + note + "\n";
      }
    }
  }
  return out;
}

std::string EventsCsv(const Scheme& s, const std::vector<SubjectRow>& subjects, int year,
                      int variant) {
  std::string out = "subject,item,date,count,note\n";
  std::string y = std::to_string(year);
  for (size_t j = 0; j < subjects.size(); ++j) {
    for (size_t d = 0; d < s.deductions.size(); ++d) {
      int64_t draw = Draw(j, d, 7 + 100 * variant);
      if (draw < 600) continue;
      int64_t count = 1 + draw % 4;
      out += subjects[j].id + "," + s.deductions[d].id + "," + y + "-0" +
             std::to_string(1 + draw % 9) + "-15," + std::to_string(count) + ",SYNTHETIC\n";
    }
    for (size_t b = 0; b < s.bonuses.size(); ++b) {
      int64_t draw = Draw(j, b, 11 + 100 * variant);
      if (draw < 800) continue;
      out += subjects[j].id + "," + s.bonuses[b].id + "," + y + "-06-30," +
             std::to_string(1 + draw % 2) + ",SYNTHETIC\n";
    }
  }
  // One-vote veto: one town had a major environmental incident (SYNTHETIC).
  if (s.subject_kind == "town" && !s.vetoes.empty() && subjects.size() > 7) {
    out += subjects[7].id + "," + s.vetoes.front().id + "," + y +
           "-08-12,1,SYNTHETIC: 较大突发环境事件 major incident\n";
  }
  return out;
}

}  // namespace demo_rows

namespace {

using namespace demo_rows;

std::string SubjectsCsv(const std::vector<SubjectRow>& subjects) {
  std::string out = "subject,name,kind\n";
  for (const SubjectRow& s : subjects) out += s.id + "," + s.name + "," + s.kind + "\n";
  return out;
}

Status Write(const std::filesystem::path& path, const std::string& text, DemoFiles* files) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return InvalidArgumentError("cannot write " + path.string());
  files->written.push_back(path.string());
  return Status::Ok();
}

}  // namespace

StatusOr<DemoFiles> WriteScoringDemo(const std::string& dir, int year) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return InvalidArgumentError("cannot create " + dir + ": " + ec.message());
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> names, ListSchemes(""));
  DemoFiles files;
  for (const std::string& name : names) {
    ECOCIV_ASSIGN_OR_RETURN(Scheme s, LoadScheme(name, ""));
    std::vector<SubjectRow> subjects = SubjectsFor(s);
    std::filesystem::path base(dir);
    ECOCIV_RETURN_IF_ERROR(Write(base / (name + "-subjects.csv"), SubjectsCsv(subjects), &files));
    ECOCIV_RETURN_IF_ERROR(Write(base / (name + "-values.csv"), ValuesCsv(s, subjects, 0), &files));
    ECOCIV_RETURN_IF_ERROR(
        Write(base / (name + "-events.csv"), EventsCsv(s, subjects, year, 0), &files));
  }
  return files;
}

}  // namespace ecociv::scoring
