// A replay of a year of the synthetic demo city (`ecociv water demo-data`,
// seed 1, years 2025 and 2026): both rule sets evaluated at every month end
// of 2026 into one database; the warning events, in order, must match
// tests/golden/warning/demo_replay_2026.txt (ECOCIV_UPDATE_GOLDEN=1 rewrites it).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "../store/store_test_util.h"
#include "ecociv/warning/workflow.h"
#include "ecociv/water/demo_city.h"
#include "warning_test_util.h"

namespace ecociv::warning {
namespace {

using store::testing_util::OpenOrDie;
using store::testing_util::ScratchDir;
using testing_util::Rules;

water::SampleSet DemoCity() {
  water::SampleSet set;
  water::DemoCityFiles y2026 = water::GenerateDemoCity(Rules(), 2026, 1);
  set.sections = *water::ParseSections(y2026.sections_csv, "sections.csv");
  water::DemoCityFiles y2025 = water::GenerateDemoCity(Rules(), 2025, 1);
  EXPECT_TRUE(water::ParseSamples(y2025.samples_csv, "2025.csv", Rules(), &set).ok());
  EXPECT_TRUE(water::ParseSamples(y2026.samples_csv, "2026.csv", Rules(), &set).ok());
  return set;
}

std::string EventLog(store::Database* db) {
  auto prepared = db->Prepare(
      "SELECT e.id, w.rule_set, e.action, w.subject, w.id, e.from_state, e.to_state, e.note "
      "FROM warning_events e JOIN warnings w ON w.id = e.warning_id ORDER BY e.id");
  auto& stmt = *prepared;
  std::string out;
  Status status;
  while (stmt->Step(&status)) {
    out += stmt->ColumnText(1) + " " + stmt->ColumnText(2) + " " + stmt->ColumnText(3) + " #" +
           stmt->ColumnText(4) + " " + stmt->ColumnText(5) + "→" + stmt->ColumnText(6) + " | " +
           stmt->ColumnText(7) + "\n";
  }
  EXPECT_TRUE(status.ok());
  return out;
}

TEST(Replay, DemoCityYear2026) {
  water::SampleSet set = DemoCity();
  water::SectionSamples index = water::IndexSamples(set);
  auto db = OpenOrDie(ScratchDir() + "/replay.db");
  std::vector<std::string> sections;
  for (const water::Section& s : set.sections) sections.push_back(s.id);
  std::string summary;
  for (int month = 1; month <= 12; ++month) {
    DayNumber as_of = DaysFromCivil({2026, month, DaysInMonth(2026, month)});
    for (const char* name : {"yangtze", "local-template"}) {
      WarningRuleSet rule_set = *LoadWarningRules(name);
      WaterEvaluation e = EvaluateWaterWarnings(Rules(), rule_set, set, index, as_of);
      auto r = RecordEvaluation(db.get(), rule_set.id, FindingsOf(e), ReleasedOf(e, sections),
                                as_of, {"replay", ""}, 0);
      ASSERT_TRUE(r.ok()) << r.status().message();
      summary += FormatDate(as_of) + " " + rule_set.id + ": " + r->Summary() + "\n";
    }
  }
  std::string text = summary + "\n" + EventLog(db.get());
  const std::string path = "tests/golden/warning/demo_replay_2026.txt";
  if (std::getenv("ECOCIV_UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary) << text;
  std::ifstream in(path, std::ios::binary);
  std::stringstream golden;
  golden << in.rdbuf();
  EXPECT_EQ(text, golden.str());
  // Evaluating the last month again changes nothing.
  int64_t events = *store::QueryInt64(db.get(), "SELECT count(*) FROM warning_events");
  DayNumber last = DaysFromCivil({2026, 12, 31});
  for (const char* name : {"yangtze", "local-template"}) {
    WarningRuleSet rule_set = *LoadWarningRules(name);
    WaterEvaluation e = EvaluateWaterWarnings(Rules(), rule_set, set, index, last);
    ASSERT_TRUE(RecordEvaluation(db.get(), rule_set.id, FindingsOf(e), ReleasedOf(e, sections),
                                 last, {"replay", ""}, 0)
                    .ok());
  }
  EXPECT_EQ(*store::QueryInt64(db.get(), "SELECT count(*) FROM warning_events"), events);
}

}  // namespace
}  // namespace ecociv::warning
