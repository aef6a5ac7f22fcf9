// Report cards and ranking tables of saved runs (saved_cards.h).
#include "ecociv/scoring/saved_cards.h"

#include "ecociv/indicators/indicator_store.h"

namespace ecociv::scoring {
namespace {

// Each subject's rank in last year's approved run of the scheme, if any.
StatusOr<std::optional<PriorRanks>> LastYearRanks(Database* db, const RunInfo& info) {
  ECOCIV_ASSIGN_OR_RETURN(std::optional<RunInfo> last, ApprovedRun(db, info.scheme, info.year - 1, info.region));
  if (!last) return std::optional<PriorRanks>();
  ECOCIV_ASSIGN_OR_RETURN(SavedRun saved, LoadRun(db, last->id));
  ECOCIV_ASSIGN_OR_RETURN(RecordedRun recorded,
                          ReadRunRecord(saved.record, "run " + std::to_string(last->id)));
  PriorRanks ranks{last->year, last->id, {}};
  for (const SubjectResult& r : recorded.assessment.results) ranks.ranks[r.subject.id] = r.rank;
  return std::optional<PriorRanks>(std::move(ranks));
}

// The units, posts and tenures of the people a run judged.
StatusOr<std::map<std::string, CardPerson>> PeopleOf(Database* db, const Assessment& a) {
  std::map<std::string, CardPerson> out;
  if (a.scheme->subject_kind != "official") return out;
  ECOCIV_ASSIGN_OR_RETURN(auto units, indicators::ListUnits(db));
  for (const Subject& s : a.subjects) {
    ECOCIV_ASSIGN_OR_RETURN(std::optional<Person> p, FindPerson(db, s.id));
    if (!p) continue;
    CardPerson person{p->unit, "", p->post, p->tenure_start, p->tenure_end};
    for (const auto& u : units)
      if (u.code == p->unit) person.unit_name = u.name;
    out[s.id] = std::move(person);
  }
  return out;
}

}  // namespace

CardRun CardRunOf(const RunInfo& i) {
  return {i.id,          i.scheme,      i.year,        RunStateName(i.state),
          i.created_by,  i.created_at,  i.reviewed_by, i.reviewed_at,
          i.approved_by, i.approved_at, i.replaces,    i.replaced_by, i.region};
}

StatusOr<SavedAssessment> LoadSavedAssessment(Database* db, int64_t run_id) {
  ECOCIV_ASSIGN_OR_RETURN(SavedRun saved, LoadRun(db, run_id));
  SavedAssessment out;
  out.info = saved.info;
  ECOCIV_ASSIGN_OR_RETURN(out.recorded,
                          ReadRunRecord(saved.record, "run " + std::to_string(run_id)));
  out.context.run = CardRunOf(saved.info);
  if (out.recorded.scheme->period != "tenure") {
    ECOCIV_ASSIGN_OR_RETURN(out.context.last_year, LastYearRanks(db, saved.info));
  }
  ECOCIV_ASSIGN_OR_RETURN(out.context.people, PeopleOf(db, out.recorded.assessment));
  return out;
}

StatusOr<Card> SavedCard(Database* db, int64_t run_id, const std::string& subject) {
  ECOCIV_ASSIGN_OR_RETURN(SavedAssessment saved, LoadSavedAssessment(db, run_id));
  return BuildCard(saved.recorded.assessment, subject, saved.context);
}

StatusOr<Ranking> SavedRanking(Database* db, int64_t run_id) {
  ECOCIV_ASSIGN_OR_RETURN(SavedAssessment saved, LoadSavedAssessment(db, run_id));
  return BuildRanking(saved.recorded.assessment, saved.context);
}

StatusOr<int64_t> ApprovedRunId(Database* db, const std::string& scheme, int year,
                                const std::string& region) {
  ECOCIV_ASSIGN_OR_RETURN(std::optional<RunInfo> run, ApprovedRun(db, scheme, year, region));
  if (!run) {
    return NotFoundError("no approved run of " + scheme + " " + std::to_string(year) +
                         (region == "000000" ? "" : " of region " + region) + " yet");
  }
  return run->id;
}

}  // namespace ecociv::scoring
