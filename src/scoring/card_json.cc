// Report cards and ranking tables as JSON and as text (card.h).
#include <nlohmann/json.hpp>

#include "ecociv/scoring/card.h"

namespace ecociv::scoring {
namespace {

using nlohmann::ordered_json;

ordered_json WhyJson(const Why& w) { return {{"zh", w.zh}, {"en", w.en}}; }

template <typename T>
ordered_json Maybe(const std::optional<T>& v) {
  return v ? ordered_json(*v) : ordered_json();
}

ordered_json SchemeJson(const SchemeInfo& s) {
  return {{"id", s.id},         {"name", s.name},     {"name_en", s.name_en},
          {"status", s.status}, {"period", s.period}, {"subject_kind", s.subject_kind},
          {"total", s.total}};
}

ordered_json RunJson(const std::optional<CardRun>& run) {
  if (!run) return nullptr;
  return {{"id", run->id},
          {"scheme", run->scheme},
          {"year", run->year},
          {"region", run->region},
          {"state", run->state},
          {"created_by", run->created_by},
          {"created_at", run->created_at},
          {"reviewed_by", run->reviewed_by},
          {"reviewed_at", run->reviewed_at},
          {"approved_by", run->approved_by},
          {"approved_at", run->approved_at},
          {"replaces", run->replaces ? ordered_json(run->replaces) : ordered_json()},
          {"replaced_by", run->replaced_by ? ordered_json(run->replaced_by) : ordered_json()}};
}

ordered_json LastYearJson(const std::optional<PriorRanks>& last) {
  if (!last) return nullptr;
  return {{"year", last->year}, {"run", last->run}};
}

ordered_json PersonJson(const std::optional<CardPerson>& p) {
  if (!p) return nullptr;
  return {{"unit", p->unit},
          {"unit_name", p->unit_name},
          {"post", p->post},
          {"tenure_start", p->tenure_start},
          {"tenure_end", p->tenure_end}};
}

ordered_json GroupsJson(const std::vector<CardGroup>& groups, bool with_points) {
  ordered_json out = ordered_json::array();
  for (const CardGroup& g : groups) {
    ordered_json j = {
        {"id", g.id}, {"name", g.name}, {"name_en", g.name_en}, {"max_points", g.max_points}};
    if (with_points) j["points"] = g.points;
    out.push_back(std::move(j));
  }
  return out;
}

ordered_json Text(const std::string& s) { return s.empty() ? ordered_json() : ordered_json(s); }

ordered_json ItemsJson(const std::vector<CardItem>& items) {
  ordered_json out = ordered_json::array();
  for (const CardItem& i : items) {
    out.push_back({{"id", i.id},
                   {"name", i.name},
                   {"name_en", i.name_en},
                   {"group", i.group},
                   {"unit", i.unit},
                   {"max_points", i.max_points},
                   {"points", i.points},
                   {"value", Text(i.value)},
                   {"start", Text(i.start)},
                   {"end", Text(i.end)},
                   {"outcome", i.outcome},
                   {"why", WhyJson(i.why)}});
  }
  return out;
}

ordered_json AdjustmentsJson(const std::vector<CardAdjustment>& list, bool bonus) {
  ordered_json out = ordered_json::array();
  for (const CardAdjustment& a : list) {
    ordered_json j = {{"id", a.id},
                      {"name", a.name},
                      {"name_en", a.name_en},
                      {"events", a.events},
                      {"points", a.points}};
    if (bonus) j["refused"] = a.refused;
    j["why"] = WhyJson(a.why);
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

std::string CardJson(const Card& c) {
  ordered_json j;
  j["format"] = "ecociv-scoring-card";
  j["version"] = 1;
  j["scheme"] = SchemeJson(c.scheme);
  j["year"] = c.year;
  j["run"] = RunJson(c.run);
  j["subject"] = {{"id", c.subject.id}, {"name", c.subject.name}, {"kind", c.subject.kind}};
  j["person"] = PersonJson(c.person);
  j["total"] = c.total;
  j["grade"] = c.grade;
  j["grade_en"] = c.grade_en;
  j["grade_why"] = WhyJson(c.grade_why);
  j["rank"] = Maybe(c.rank);
  j["subjects"] = c.subjects;
  j["last_year"] = LastYearJson(c.last_year);
  j["last_rank"] = Maybe(c.last_rank);
  j["rank_change"] = Maybe(c.rank_change);
  j["vetoed"] = c.vetoed;
  j["base"] = c.base;
  j["deduction_total"] = c.deduction_total;
  j["bonus_total"] = c.bonus_total;
  j["groups"] = GroupsJson(c.groups, true);
  j["items"] = ItemsJson(c.items);
  j["deductions"] = AdjustmentsJson(c.deductions, false);
  j["bonuses"] = AdjustmentsJson(c.bonuses, true);
  j["vetoes"] = ordered_json::array();
  for (const CardVeto& v : c.vetoes) {
    j["vetoes"].push_back({{"id", v.id},
                           {"name", v.name},
                           {"name_en", v.name_en},
                           {"events", v.events},
                           {"why", WhyJson(v.why)}});
  }
  return j.dump(2) + "\n";
}

std::string RankingJson(const Ranking& r) {
  ordered_json j;
  j["format"] = "ecociv-scoring-ranking";
  j["version"] = 1;
  j["scheme"] = SchemeJson(r.scheme);
  j["year"] = r.year;
  j["run"] = RunJson(r.run);
  j["ranked"] = r.ranked;
  j["last_year"] = LastYearJson(r.last_year);
  j["groups"] = GroupsJson(r.groups, false);
  j["rows"] = ordered_json::array();
  for (const RankingRow& row : r.rows) {
    ordered_json groups;
    for (size_t g = 0; g < r.groups.size(); ++g) groups[r.groups[g].id] = row.groups[g];
    j["rows"].push_back({{"rank", Maybe(row.rank)},
                         {"subject", row.subject.id},
                         {"name", row.subject.name},
                         {"person", PersonJson(row.person)},
                         {"total", row.total},
                         {"grade", row.grade},
                         {"grade_en", row.grade_en},
                         {"groups", groups},
                         {"vetoed", row.vetoed},
                         {"last_rank", Maybe(row.last_rank)},
                         {"rank_change", Maybe(row.rank_change)}});
  }
  return j.dump(2) + "\n";
}

}  // namespace ecociv::scoring
