// Surface-water engine benchmarks (figures in docs/performance.md):
//   BM_ClassifyValue        single values through GB 3838 classification
//   BM_ClassifyMonthly      `water classify` core: 3,641 sections × 12 months
//   BM_NationalAssessment   `water assess` core: 3,641 sections, one year
//   BM_ParseLongCsv         reading the national year as a long CSV
// The data are generated (GenerateScaledSampleSet): 3,641 river sections,
// 12 monthly samples of the 21 evaluated items = 917,532 samples.
#include <benchmark/benchmark.h>

#include <cstdio>

#include "ecociv/core/civil_time.h"
#include "ecociv/water/demo_city.h"
#include "ecociv/water/report.h"

namespace ecociv::water {
namespace {

constexpr int kNationalSections = 3641;

const WaterRules& Rules() {
  static const WaterRules* rules = new WaterRules(*WaterRules::Load(""));
  return *rules;
}

const SampleSet& National() {
  static const SampleSet* set =
      new SampleSet(GenerateScaledSampleSet(Rules(), kNationalSections, 2025, 42));
  return *set;
}

void BM_ClassifyValue(benchmark::State& state) {
  const WaterRules& rules = Rules();
  const SampleSet& set = National();
  size_t i = 0;
  for (auto _ : state) {
    const Sample& s = set.samples[i];
    benchmark::DoNotOptimize(
        ClassifyValue(rules.item(s.item), WaterValue(s.value), WaterBody::kRiver));
    if (++i == set.samples.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ClassifyValue);

void BM_ClassifyMonthly(benchmark::State& state) {
  const WaterRules& rules = Rules();
  const SampleSet& set = National();
  SectionSamples index = IndexSamples(set);
  DayNumber from = *ParseDate("2025-01-01"), to = *ParseDate("2025-12-31");
  for (auto _ : state) {
    auto rows = ClassifyPeriods(rules, set, index, from, to, PeriodKind::kMonth);
    benchmark::DoNotOptimize(rows.data());
  }
  state.SetItemsProcessed(state.iterations() * set.samples.size());
  state.SetLabel("items = samples (with previous-month and year-earlier classes)");
}
BENCHMARK(BM_ClassifyMonthly)->Unit(benchmark::kMillisecond);

// `json` = 0: indexing and assessment only; 1: also the JSON document.
void BM_NationalAssessment(benchmark::State& state) {
  const WaterRules& rules = Rules();
  const SampleSet& set = National();
  DayNumber from = *ParseDate("2025-01-01"), to = *ParseDate("2025-12-31");
  size_t json_bytes = 0;
  for (auto _ : state) {
    SectionSamples index = IndexSamples(set);
    Assessment a = Assess(rules, set, index, RangePeriod(from, to));
    if (state.range(0)) {
      std::string json = AssessmentJson(rules, set, a, nullptr);
      json_bytes = json.size();
      benchmark::DoNotOptimize(json.data());
    }
    benchmark::DoNotOptimize(a.sections.data());
  }
  state.SetItemsProcessed(state.iterations() * set.samples.size());
  state.counters["json_MB"] = json_bytes / 1e6;
}
BENCHMARK(BM_NationalAssessment)->ArgName("json")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_ParseLongCsv(benchmark::State& state) {
  const WaterRules& rules = Rules();
  const SampleSet& national = National();
  std::string csv = "section,time,item,value,flag\n";
  char line[128];
  for (const Sample& s : national.samples) {
    std::snprintf(line, sizeof line, "%s,%s,%s,%lld.%06lld,%s\n",
                  national.sections[s.section].id.c_str(), FormatDate(s.day).c_str(),
                  rules.item(s.item).name.c_str(), static_cast<long long>(s.value / kWaterScale),
                  static_cast<long long>(s.value % kWaterScale), s.below_detection ? "L" : "");
    csv += line;
  }
  for (auto _ : state) {
    SampleSet set;
    set.sections = national.sections;
    Status status = ParseSamples(csv, "national.csv", rules, &set);
    if (!status.ok()) state.SkipWithError(status.message().c_str());
    benchmark::DoNotOptimize(set.samples.data());
  }
  state.SetItemsProcessed(state.iterations() * national.samples.size());
  state.SetBytesProcessed(state.iterations() * csv.size());
}
BENCHMARK(BM_ParseLongCsv)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ecociv::water

BENCHMARK_MAIN();
