// Data packets' values as the store holds them (see readings.h).
#include "ecociv/hj212/readings.h"

#include <toml++/toml.h>

#include <climits>

#include "ecociv/core/exact.h"
#include "ecociv/core/standard_files.h"
#include "ecociv/core/text_input.h"

namespace ecociv::hj212 {

namespace {

constexpr char kFileName[] = "hj212-2017.toml";

Status FileError(const std::string& origin, const std::string& what) {
  return InvalidArgumentError("standards file " + std::string(kFileName) + " (" + origin +
                              "): " + what);
}

std::string Code(std::string_view code) { return std::string(code.substr(0, 24)); }

}  // namespace

const char* HourTimeName(HourTime t) { return t == HourTime::kEnd ? "end" : "start"; }

bool ParseHourTime(std::string_view text, HourTime* t) {
  if (text == "start" || text == "end") {
    *t = text == "end" ? HourTime::kEnd : HourTime::kStart;
    return true;
  }
  return false;
}

StatusOr<Readings> Readings::Load(const std::string& standards_dir) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<StandardFile> files, LoadStandardFiles(standards_dir));
  const StandardFile* file = nullptr;
  for (const StandardFile& f : files) {
    if (f.name == kFileName) file = &f;
  }
  if (file == nullptr) return NotFoundError(std::string("standards file ") + kFileName + " is missing");
  toml::table table;
  try {
    table = toml::parse(file->text, file->name);
  } catch (const toml::parse_error& err) {
    return FileError(file->origin, std::to_string(err.source().begin.line) + ": " +
                                       std::string(err.description()));
  }
  Readings out;
  out.origin_ = file->origin;
  for (int p = 0; p < air::kPollutantCount; ++p) {
    std::string key(air::PollutantKey(air::Pollutant(p)));
    std::optional<std::string> code = table["air_codes"][key].value<std::string>();
    if (!code || code->empty()) return FileError(file->origin, "air_codes." + key + " is missing");
    out.air_codes_[p] = *code;
  }
  std::optional<std::string> flags = table["data"]["flags"].value<std::string>();
  std::optional<std::string> valid = table["data"]["valid"].value<std::string>();
  std::optional<std::string> hour_time = table["data"]["hour_time"].value<std::string>();
  std::optional<int64_t> future = table["data"]["max_future_seconds"].value<int64_t>();
  if (!flags || !valid || !hour_time || !future) {
    return FileError(file->origin,
                     "data.flags, data.valid, data.hour_time and data.max_future_seconds are "
                     "required");
  }
  for (char c : *valid) {
    if (!IsDataFlag(c) || flags->find(c) == std::string::npos) {
      return FileError(file->origin, "data.valid names a flag that is not in data.flags");
    }
  }
  if (!ParseHourTime(*hour_time, &out.default_hour_time_)) {
    return FileError(file->origin, "data.hour_time must be \"start\" or \"end\"");
  }
  if (*future < 0 || *future > 86400 * 366) {
    return FileError(file->origin, "data.max_future_seconds must be 0 to a year");
  }
  if (const toml::table* day = table["water_daily"].as_table()) {
    auto min_values = (*day)["min_values"].value<int64_t>();
    auto ph_mean = (*day)["ph_mean"].value<std::string>();
    auto mean = (*day)["mean"].value<std::string>();
    auto keep = (*day)["keep_days"].value<int64_t>();
    if (!min_values || *min_values < 1 || *min_values > 24) {
      return FileError(file->origin, "water_daily.min_values must be 1 to 24");
    }
    if (!mean || *mean != "arithmetic") {
      return FileError(file->origin, "water_daily.mean must be \"arithmetic\"");
    }
    if (!ph_mean || (*ph_mean != "arithmetic" && *ph_mean != "hydrogen_ion")) {
      return FileError(file->origin,
                       "water_daily.ph_mean must be \"arithmetic\" or \"hydrogen_ion\"");
    }
    if (!keep || *keep < 2 || *keep > 400) {
      return FileError(file->origin, "water_daily.keep_days must be 2 to 400");
    }
    out.water_day_.min_values = int(*min_values);
    out.water_day_.ph_hydrogen_ion = *ph_mean == "hydrogen_ion";
    out.water_day_.keep_days = *keep;
  }
  out.valid_flags_ = *valid;
  out.max_future_seconds_ = *future;
  ECOCIV_ASSIGN_OR_RETURN(out.water_, water::WaterRules::Load(standards_dir));
  for (size_t i = 0; i < out.water_.items().size(); ++i) {
    const std::string& code = out.water_.item(int(i)).hj212;
    if (!code.empty()) out.water_codes_.emplace(code, static_cast<int16_t>(i));
  }
  return out;
}

Status Readings::ToAir(const DataRecord& record, HourTime hour_time, int cn,
                       AirReading* out) const {
  out->data_time = record.data_time;
  out->values.fill(air::kMissing);
  out->flags.fill(0);
  out->negative_dropped = 0;
  out->stored_items = 0;
  if (cn == kCnHourly) {
    if (record.data_time % 3600 != 0) {
      return InvalidArgumentError("the DataTime of hourly data must be on the hour");
    }
    int64_t hours = record.data_time / 3600;
    out->label = static_cast<HourLabel>(hour_time == HourTime::kStart ? hours + 1 : hours);
  } else if (cn == kCnDaily) {
    if (record.data_time % 86400 != 0) {
      return InvalidArgumentError("the DataTime of daily data must be 00:00:00");
    }
    out->label = static_cast<HourLabel>(record.data_time / 3600 + 24);
  } else {
    // The hour [L − 1 h, L) the time falls in.
    out->label = static_cast<HourLabel>(record.data_time / 3600 + 1);
  }
  for (const Measurement& m : record.items) {
    int p = 0;
    while (p < air::kPollutantCount && air_codes_[p] != m.code) ++p;
    if (p == air::kPollutantCount) continue;
    out->flags[p] = m.flag;
    ++out->stored_items;
    if (m.value.empty()) continue;
    int64_t scaled = 0;
    if (!ParseScaledDecimal(m.value, kConcentrationDecimals, &scaled) ||
        scaled > INT32_MAX) {
      return InvalidArgumentError(Code(m.code) + " '" + std::string(m.value.substr(0, 20)) +
                                  "' is out of range");
    }
    if (scaled < 0) {
      ++out->negative_dropped;
      continue;
    }
    out->values[p] = static_cast<int32_t>(scaled);
  }
  return Status::Ok();
}

Status Readings::ToWater(const DataRecord& record, int cn, WaterReading* out) const {
  out->data_time = record.data_time;
  out->values.clear();
  out->negative_dropped = 0;
  if (cn == kCnDaily && record.data_time % 86400 != 0) {
    return InvalidArgumentError("the DataTime of daily data must be 00:00:00");
  }
  if (cn == kCnHourly && record.data_time % 3600 != 0) {
    return InvalidArgumentError("the DataTime of hourly data must be on the hour");
  }
  out->day = static_cast<DayNumber>(record.data_time / 86400);
  for (const Measurement& m : record.items) {
    auto it = water_codes_.find(m.code);
    if (it == water_codes_.end() || m.value.empty()) continue;
    int64_t scaled = 0;
    if (!ParseScaledDecimal(m.value, water::kWaterDecimals, &scaled)) {
      return InvalidArgumentError(Code(m.code) + " '" + std::string(m.value.substr(0, 20)) +
                                  "' is out of range");
    }
    if (scaled < 0 && water_.item(it->second).unit != "°C") {
      ++out->negative_dropped;
      continue;
    }
    out->values.push_back(WaterValue{it->second, scaled, m.flag});
  }
  return Status::Ok();
}

}  // namespace ecociv::hj212
