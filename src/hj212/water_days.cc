// Daily values of surface-water sections from hourly packets (see water_days.h).
#include "ecociv/hj212/water_days.h"

#include <cmath>
#include <map>
#include <set>
#include <string_view>

#include "ecociv/core/exact.h"
#include "ecociv/hj212/data.h"
#include "ecociv/hj212/packet.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/sql.h"
#include "ecociv/store/water_store.h"

namespace ecociv::hj212 {

namespace {

using store::IntegerOfText;
using store::QueryRows;

constexpr int64_t kDay = 86400;

// −log₁₀ of the mean of 10^−pH, taken to 10⁻⁶ (the water engine's
// hydrogen-ion mean works in long double the same way).
int64_t HydrogenIonMean(const std::vector<int64_t>& ph) {
  long double sum = 0;
  for (int64_t v : ph) sum += std::pow(10.0L, -static_cast<long double>(v) / water::kWaterScale);
  long double mean = -std::log10(sum / static_cast<long double>(ph.size()));
  return static_cast<int64_t>(std::llround(mean * water::kWaterScale));
}

// The values of one kept packet (its ItemsText, data.h).
Status HourValues(const Readings& readings, std::string_view items, int64_t data_time,
                  std::vector<WaterHourValue>* out) {
  DataRecord record;
  record.data_time = data_time;
  record.items = ParseItemsText(items);
  WaterReading reading;
  ECOCIV_RETURN_IF_ERROR(readings.ToWater(record, kCnHourly, &reading));
  for (const WaterValue& v : reading.values) {
    out->push_back(WaterHourValue{data_time, v.item, v.value, v.flag});
  }
  return Status::Ok();
}

}  // namespace

std::vector<WaterDayValue> WaterDayMeans(const Readings& readings,
                                         const std::vector<WaterHourValue>& hours) {
  return WaterDayMeans(readings.water_rules(), readings.water_day(), readings.valid_flags(), hours);
}

std::vector<WaterDayValue> WaterDayMeans(const water::WaterRules& water, const WaterDayRules& rules,
                                         std::string_view valid_flags,
                                         const std::vector<WaterHourValue>& hours) {
  // The last value received of each hour and item.
  std::map<std::pair<int16_t, int64_t>, const WaterHourValue*> last;
  for (const WaterHourValue& h : hours) last[{h.item, h.data_time}] = &h;
  std::map<int16_t, std::vector<int64_t>> used;
  std::map<int16_t, int> left_out;
  for (const auto& [key, h] : last) {
    if (valid_flags.find(h->flag) != std::string_view::npos) {
      used[key.first].push_back(h->value);
    } else {
      ++left_out[key.first];
    }
  }
  const int ph = water.IndexOf("ph");
  std::vector<WaterDayValue> out;
  for (const auto& [item, values] : used) {
    if (int(values.size()) < rules.min_values) continue;
    WaterDayValue d;
    d.item = item;
    d.used = int(values.size());
    d.left_out = left_out[item];
    if (item == ph && rules.ph_hydrogen_ion) {
      d.value = HydrogenIonMean(values);
    } else {
      int128 sum = 0;
      for (int64_t v : values) sum += v;
      d.value = RoundHalfEven(Ratio::Of(sum, int128(values.size())), 0);
    }
    out.push_back(d);
  }
  return out;
}

StatusOr<WaterDayReport> AggregateWaterDays(store::Database* db, const Readings& readings,
                                            int64_t received_since_unix, int64_t now_unix,
                                            const store::Actor& actor) {
  WaterDayReport report;
  ECOCIV_ASSIGN_OR_RETURN(
      auto devices,
      QueryRows(db,
                "SELECT mn, code, hour_time FROM hj212_devices WHERE kind = 'section' ORDER BY mn",
                {}));
  const int64_t now = BeijingSecondsOfUnix(now_unix);
  const int64_t since = received_since_unix > 0 ? BeijingSecondsOfUnix(received_since_unix) : 0;
  const int64_t oldest_day = now / kDay - readings.water_day().keep_days + 1;
  store::Transaction tx(db);
  ECOCIV_RETURN_IF_ERROR(tx.Begin());
  for (const auto& device : devices) {
    const std::string& mn = device[0];
    const int64_t shift = device[2] == "end" ? 3600 : 0;
    ECOCIV_ASSIGN_OR_RETURN(auto rows, QueryRows(db,
                                                 "SELECT data_time, received_at, items FROM "
                                                 "hj212_recent WHERE mn = ? AND cn = 2061 "
                                                 "ORDER BY rowid",
                                                 {mn}));
    struct Day {
      bool touched = false;
      std::vector<const std::vector<std::string>*> rows;
    };
    std::map<int64_t, Day> days;
    for (const auto& row : rows) {
      int64_t hour = IntegerOfText(row[0]) - shift;  // the hour's start
      int64_t day = hour >= 0 ? hour / kDay : -((-hour + kDay - 1) / kDay);
      Day& d = days[day];
      d.rows.push_back(&row);
      if (received_since_unix == 0 || IntegerOfText(row[1]) >= received_since_unix) {
        d.touched = true;
      }
    }
    for (auto& [day, d] : days) {
      int64_t end = (day + 1) * kDay;
      if (end > now) continue;  // not over yet
      if (!d.touched && end <= since) continue;
      if (day < oldest_day) {
        if (d.touched) ++report.days_too_old;
        continue;
      }
      std::vector<WaterHourValue> hours;
      for (const auto* row : d.rows) {
        ECOCIV_RETURN_IF_ERROR(HourValues(readings, (*row)[2], IntegerOfText((*row)[0]), &hours));
      }
      std::vector<WaterDayValue> means = WaterDayMeans(readings, hours);
      if (means.empty()) continue;
      water::SampleSet set;
      water::Section section;
      section.id = device[1];
      set.sections.push_back(section);
      store::Sha256 digest;
      digest.AddField("hj212-water-day");
      digest.AddField(mn);
      digest.AddField(day);
      for (const WaterDayValue& v : means) {
        water::Sample s;
        s.section = 0;
        s.day = static_cast<DayNumber>(day);
        s.item = v.item;
        s.value = v.value;
        set.samples.push_back(s);
        digest.AddField(int64_t{v.item});
        digest.AddField(v.value);
      }
      store::ImportOptions options;
      options.actor = actor;
      options.in_transaction = true;
      options.screen = false;  // the receiver screens after the commit
      std::string source = "hj212 MN=" + mn + " water day " + FormatDate(DayNumber(day)) +
                           " from " + std::to_string(d.rows.size()) + " hourly packets";
      ECOCIV_ASSIGN_OR_RETURN(store::ImportResult result,
                              store::ImportWaterSamples(db, set, readings.water_rules(), {}, source,
                                                        store::ToHex(digest.Finish()), options));
      if (result.rows_inserted + result.rows_revised > 0) {
        ++report.days_written;
        report.batches.push_back(result.batch_id);
      } else {
        ++report.days_unchanged;
      }
    }
  }
  ECOCIV_RETURN_IF_ERROR(tx.Commit());
  return report;
}

}  // namespace ecociv::hj212
