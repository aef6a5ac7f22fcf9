// Report cards and ranking tables as data (card.h).
#include "ecociv/scoring/card.h"

#include <algorithm>

#include "card_why.h"

namespace ecociv::scoring {
namespace {

using card_internal::Points;

SchemeInfo InfoOf(const Scheme& s) {
  return {s.id, s.name, s.name_en, s.status, s.period, s.subject_kind, Points(s, s.total)};
}

bool Ranked(const Scheme& s) { return s.period != "tenure"; }

// Each group's full points as the subject's items carry them (after any
// re-weighting) and its score after its deductions.
std::vector<CardGroup> GroupsOf(const Scheme& s, const SubjectResult* r) {
  std::vector<CardGroup> out;
  for (const Group& g : s.groups) {
    Ratio max;
    if (r) {
      for (size_t i = 0; i < s.items.size(); ++i)
        if (s.items[i].group == g.id) max = max + r->items[i].max_points;
    } else {
      max = g.points;
    }
    out.push_back(
        {g.id, g.name, g.name_en, Points(s, max), r ? Points(s, r->groups.at(g.id)) : ""});
  }
  return out;
}

CardItem ItemOf(const Assessment& a, size_t j, size_t i) {
  const Scheme& s = *a.scheme;
  const Item& item = s.items[i];
  const ItemResult& r = a.results[j].items[i];
  CardItem out;
  out.id = item.id;
  out.name = item.name;
  out.name_en = item.name_en;
  out.group = item.group;
  out.unit = item.unit;
  out.max_points = Points(s, r.max_points);
  out.points = Points(s, r.points);
  if (r.value) out.value = PrintFigure(*r.value, s.print_decimals);
  if (r.start) out.start = PrintFigure(*r.start, s.print_decimals);
  if (r.end) out.end = PrintFigure(*r.end, s.print_decimals);
  out.outcome = ItemOutcomeName(r.outcome);
  out.why = card_internal::ItemWhy(a, j, i);
  return out;
}

int64_t EventCount(const Assessment& a, const std::string& subject, const std::string& id) {
  int64_t n = 0;
  for (const UsedEvent& e : a.used_events)
    if (e.subject == subject && e.id == id) n += e.event.count;
  return n;
}

void Adjustments(const Assessment& a, const SubjectResult& r, Card* card) {
  const Scheme& s = *a.scheme;
  for (const Adjustment& d : r.deductions) {
    const Deduction& def = *s.FindDeduction(d.id);
    card->deductions.push_back({d.id, def.name, def.name_en, d.events, Points(s, d.points), false,
                                card_internal::DeductionWhy(s, d)});
  }
  // The quota refuses a subject's bonuses as a whole: the engine zeroes them.
  bool refused = s.bonus_max_share.has_value() && !r.bonuses.empty();
  for (const Adjustment& b : r.bonuses) refused = refused && b.points == Ratio();
  for (const Adjustment& b : r.bonuses) {
    const Bonus& def = *s.FindBonus(b.id);
    card->bonuses.push_back({b.id, def.name, def.name_en, b.events, Points(s, b.points), refused,
                             card_internal::BonusWhy(a, r, b, refused)});
  }
  for (const std::string& id : r.vetoes) {
    const Veto& v = *s.FindVeto(id);
    int64_t n = EventCount(a, r.subject.id, id);
    card->vetoes.push_back({id, v.name, v.name_en, n, card_internal::VetoWhy(s, v, n)});
  }
}

// Last year's rank of `subject` and the change (positive: moved up).
void RankChange(const std::optional<PriorRanks>& last, const std::string& subject,
                std::optional<int> rank, std::optional<int>* last_rank,
                std::optional<int>* change) {
  if (!last || !rank) return;
  auto it = last->ranks.find(subject);
  if (it == last->ranks.end()) return;
  *last_rank = it->second;
  *change = it->second - *rank;
}

std::optional<PriorRanks> Header(const std::optional<PriorRanks>& last) {
  if (!last) return std::nullopt;
  return PriorRanks{last->year, last->run, {}};
}

std::optional<CardPerson> PersonOf(const CardContext& c, const std::string& subject) {
  auto it = c.people.find(subject);
  if (it == c.people.end()) return std::nullopt;
  return it->second;
}

}  // namespace

std::string PrintFigure(const Ratio& value, int decimals) {
  if (RoundedRatio(value, 6) != value) return FormatRounded(value, decimals);
  std::string text = FormatRounded(value, 6);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

StatusOr<Card> BuildCard(const Assessment& a, const std::string& subject,
                         const CardContext& context) {
  const Scheme& s = *a.scheme;
  size_t j = 0;
  while (j < a.results.size() && a.results[j].subject.id != subject) ++j;
  if (j == a.results.size()) {
    return NotFoundError("no subject '" + subject + "' in this run of " + s.id);
  }
  const SubjectResult& r = a.results[j];
  const bool ranked = Ranked(s);
  Card card;
  card.scheme = InfoOf(s);
  card.year = a.options.year;
  card.run = context.run;
  card.subject = r.subject;
  card.person = PersonOf(context, subject);
  card.total = Points(s, r.total);
  card.grade = r.grade;
  card.grade_en = card_internal::GradeEnglish(s, r.grade);
  card.grade_why = card_internal::GradeWhy(a, r, ranked);
  if (ranked) card.rank = r.rank;
  card.subjects = static_cast<int>(a.results.size());
  card.last_year = ranked ? Header(context.last_year) : std::nullopt;
  RankChange(context.last_year, subject, card.rank, &card.last_rank, &card.rank_change);
  card.vetoed = !r.vetoes.empty();
  card.base = Points(s, r.base);
  card.deduction_total = Points(s, r.deduction_total);
  card.bonus_total = Points(s, r.bonus_total);
  card.groups = GroupsOf(s, &r);
  for (size_t i = 0; i < s.items.size(); ++i) card.items.push_back(ItemOf(a, j, i));
  Adjustments(a, r, &card);
  return card;
}

Ranking BuildRanking(const Assessment& a, const CardContext& context) {
  const Scheme& s = *a.scheme;
  Ranking out;
  out.scheme = InfoOf(s);
  out.year = a.options.year;
  out.run = context.run;
  out.ranked = Ranked(s);
  out.groups = GroupsOf(s, nullptr);
  out.last_year = out.ranked ? Header(context.last_year) : std::nullopt;
  std::vector<const SubjectResult*> order = a.Ranking();
  if (!out.ranked) {
    std::sort(order.begin(), order.end(), [](const SubjectResult* x, const SubjectResult* y) {
      return x->subject.id < y->subject.id;
    });
  }
  for (const SubjectResult* r : order) {
    RankingRow row;
    if (out.ranked) row.rank = r->rank;
    row.subject = r->subject;
    row.person = PersonOf(context, r->subject.id);
    row.total = Points(s, r->total);
    row.grade = r->grade;
    row.grade_en = card_internal::GradeEnglish(s, r->grade);
    for (const Group& g : s.groups) row.groups.push_back(Points(s, r->groups.at(g.id)));
    row.vetoed = !r->vetoes.empty();
    RankChange(context.last_year, r->subject.id, row.rank, &row.last_rank, &row.rank_change);
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace ecociv::scoring
