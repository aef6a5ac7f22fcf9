// The SYNTHETIC assessments of the demo city in the store (demo_store.h).
#include "ecociv/scoring/demo_store.h"

#include "demo_rows.h"
#include "ecociv/core/civil_time.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/scoring/run_store.h"

namespace ecociv::scoring {
namespace {

constexpr int kYears[] = {2024, 2025};
constexpr int kAuditYear = 2025;

// Who moves the demo runs on (a leader approves what an analyst reviewed).
const char kReviewer[] = "demo-analyst";
const char kApprover[] = "demo-leader";

constexpr char kPeopleCsv[] =
    "person,name,unit,post,tenure_start,tenure_end\n"
    "OFF-T06-2021,凤鸣镇原镇长（虚构 SYNTHETIC）,T06,镇长,2021-03-01,2025-06-30\n"
    "P-T02-2022,北港镇党委书记（虚构 SYNTHETIC）,T02,党委书记,2022-01-10,\n"
    "P-D15-2020,生态环境局局长（虚构 SYNTHETIC）,D15,局长,2020-05-01,\n";

Status CheckEmpty(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto units, indicators::ListUnits(db));
  bool town = false;
  for (const auto& u : units) town = town || u.code == "T06";
  if (!town) {
    return FailedPreconditionError(
        "the demo assessments need the demo city's units: run `ecociv indicators demo-data` "
        "first");
  }
  ECOCIV_ASSIGN_OR_RETURN(auto runs, ListRuns(db));
  if (!runs.empty()) {
    return FailedPreconditionError(
        "the store already holds assessment runs; the demo is loaded "
        "into a store without any");
  }
  return Status::Ok();
}

// Enters a year's values and events of a scheme; scores, reviews, approves.
StatusOr<RunInfo> EnterAndApprove(Database* db, const Scheme& scheme, int year,
                                  const std::vector<std::string>& subjects, const Actor& actor) {
  auto rows = demo_rows::SubjectsFor(scheme);
  const int variant = kYears[1] - year;  // 2025 draws what the files of demo-data hold
  const std::string tag = "demo:" + scheme.id + "-" + std::to_string(year);
  ECOCIV_RETURN_IF_ERROR(ImportAssessmentValues(db, scheme, year,
                                                demo_rows::ValuesCsv(scheme, rows, variant),
                                                tag + "-values.csv", actor)
                             .status());
  std::string events = demo_rows::EventsCsv(scheme, rows, year, variant);
  if (events.find('\n') + 1 < events.size()) {
    ECOCIV_RETURN_IF_ERROR(
        ImportAssessmentEvents(db, scheme, year, events, tag + "-events.csv", actor).status());
  }
  ECOCIV_ASSIGN_OR_RETURN(RunInfo run, CreateRun(db, scheme, RunRequest{year, subjects, 0}, actor));
  ECOCIV_RETURN_IF_ERROR(ReviewRun(db, run.id, Actor{kReviewer, actor.why}));
  ECOCIV_RETURN_IF_ERROR(ApproveRun(db, run.id, Actor{kApprover, actor.why}));
  return run;
}

std::string DaysFrom(const std::string& today, int days) {
  auto day = ParseDate(today);
  return FormatDate((day.ok() ? *day : 0) + days);
}

// The departure audit's findings: one closed with its evidence, one open,
// one overdue.
StatusOr<std::vector<int64_t>> Findings(Database* db, int64_t run, const std::string& today,
                                        const Actor& actor) {
  struct Spec {
    const char* problem;
    const char* owner;
    int deadline_in_days;
  };
  const Spec specs[] = {
      {"（合成 SYNTHETIC）任期内永久基本农田被占用 12 亩未恢复", "D14", -60},
      {"（合成 SYNTHETIC）镇级污水处理厂提标改造未按期完成", "T06", 180},
      {"（合成 SYNTHETIC）河道“清四乱”问题 3 处未整改到位", "D19", -30},
  };
  std::vector<int64_t> ids;
  for (const Spec& s : specs) {
    Finding f;
    f.run_id = run;
    f.subject = kDemoDepartingPerson;
    f.problem = s.problem;
    f.owner = s.owner;
    f.deadline = DaysFrom(today, s.deadline_in_days);
    ECOCIV_ASSIGN_OR_RETURN(int64_t id, AddFinding(db, f, actor));
    ids.push_back(id);
  }
  const std::string closed = "finding:" + std::to_string(ids[0]);
  ECOCIV_RETURN_IF_ERROR(UpdateFinding(db, ids[0], "in_progress", "（合成）复垦方案已批复", actor));
  ECOCIV_RETURN_IF_ERROR(AddAssessmentEvidence(db, closed, "复垦验收单-合成SYNTHETIC.txt",
                                               "SYNTHETIC demo evidence: 复垦验收合格（虚构）\n",
                                               actor)
                             .status());
  ECOCIV_RETURN_IF_ERROR(UpdateFinding(db, ids[0], "closed", "（合成）已复垦并通过验收", actor));
  ECOCIV_RETURN_IF_ERROR(
      UpdateFinding(db, ids[2], "in_progress", "（合成）已整改 1 处，2 处推进中", actor));
  return ids;
}

}  // namespace

StatusOr<DemoRuns> LoadScoringDemo(Database* db, const std::string& today, const Actor& actor) {
  if (!ParseDate(today).ok()) return InvalidArgumentError("today '" + today + "' is not a date");
  ECOCIV_RETURN_IF_ERROR(CheckEmpty(db));
  ECOCIV_RETURN_IF_ERROR(ImportPeople(db, kPeopleCsv, "demo:people.csv", actor).status());
  DemoRuns out;
  for (const char* name : {"town-1000", "dept-100"}) {
    ECOCIV_ASSIGN_OR_RETURN(Scheme scheme, LoadScheme(name, ""));
    for (int year : kYears) {
      ECOCIV_ASSIGN_OR_RETURN(RunInfo run, EnterAndApprove(db, scheme, year, {}, actor));
      out.approved.push_back(run.id);
    }
  }
  ECOCIV_ASSIGN_OR_RETURN(Scheme audit, LoadScheme("departure-audit", ""));
  ECOCIV_ASSIGN_OR_RETURN(RunInfo run,
                          EnterAndApprove(db, audit, kAuditYear, {kDemoDepartingPerson}, actor));
  out.departure_audit = run.id;
  ECOCIV_ASSIGN_OR_RETURN(out.findings, Findings(db, run.id, today, actor));
  return out;
}

}  // namespace ecociv::scoring
