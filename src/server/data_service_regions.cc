// DataService: results over a region's part of the store (data_service.h):
// the water assessment of a region's sections, made by the engine and shaped
// exactly as the store-wide one, over a sample set that holds those sections
// alone (so the shares are the region's).
#include "data_service.h"
#include "ecociv/core/exact.h"
#include "ecociv/water/assessment.h"
#include "ecociv/water/report.h"
#include "snapshot.h"

namespace ecociv::server {

namespace {

// The sections of `all` named in `keep`, with their samples (section indexes
// renumbered).
water::SampleSet SubsetOf(const water::SampleSet& all, const std::set<std::string>& keep) {
  water::SampleSet out;
  std::vector<int32_t> index(all.sections.size(), -1);
  for (size_t i = 0; i < all.sections.size(); ++i) {
    if (!keep.count(all.sections[i].id)) continue;
    index[i] = static_cast<int32_t>(out.sections.size());
    out.sections.push_back(all.sections[i]);
  }
  for (const water::Sample& sample : all.samples) {
    if (index[sample.section] < 0) continue;
    out.samples.push_back(sample);
    out.samples.back().section = index[sample.section];
  }
  return out;
}

}  // namespace

StatusOr<ResultPtr> DataService::WaterAssessmentOf(const Snapshot& s, const std::string& from,
                                                   const std::string& to, const std::string& region,
                                                   const std::set<std::string>& sections) {
  ECOCIV_ASSIGN_OR_RETURN(DayNumber from_day, DayParam(from, 0, "from"));
  ECOCIV_ASSIGN_OR_RETURN(DayNumber to_day, DayParam(to, 0, "to"));
  if (from.empty() || to.empty()) return InvalidArgumentError("from and to are required");
  if (to_day < from_day) return InvalidArgumentError("to is before from");
  const std::string key = "water-assess-region|" + region + "|" + from + "|" + to;
  return Cached(s, key, [&]() -> StatusOr<Json> {
    water::SampleSet set = SubsetOf(s.water, sections);
    if (set.samples.empty()) {
      return NotFoundError("no water samples in the sections of region " + region);
    }
    water::SectionSamples index = water::IndexSamples(set);
    ECOCIV_ASSIGN_OR_RETURN(
        water::Assessment a,
        WithOverflowCheck("water assessment", [&]() -> StatusOr<water::Assessment> {
          return water::Assess(water_rules_, set, index, water::RangePeriod(from_day, to_day));
        }));
    return Json::parse(water::AssessmentJson(water_rules_, set, a, nullptr));
  });
}

}  // namespace ecociv::server
