#include "canonical.h"

#include <algorithm>
#include <charconv>

#include "ecociv/core/exact.h"
#include "ecociv/store/digest.h"

namespace ecociv::store {

namespace {

void AddField(std::string_view bytes, std::string* out) {
  out->append(std::to_string(bytes.size()));
  out->push_back(':');
  out->append(bytes);
  out->push_back(',');
}

}  // namespace

bool AllMissing(const AirValues& values) {
  return std::all_of(values.begin(), values.end(), [](int32_t v) { return v == air::kMissing; });
}

AirValues ValuesAt(const air::StationSeries& series, int32_t index) {
  AirValues values;
  for (int p = 0; p < air::kPollutantCount; ++p) {
    values[p] = series.values[p].empty() ? air::kMissing : series.values[p][index];
  }
  return values;
}

std::string FormatShortest(int64_t value, int decimals) {
  std::string text = ecociv::FormatScaled(value, decimals);
  if (text.find('.') == std::string::npos) return text;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

void BindAirValues(Statement* stmt, int first_index, const AirValues& values) {
  int64_t not_monitored = 0;
  for (int p = 0; p < air::kPollutantCount; ++p) {
    if (values[p] == air::kMissing || values[p] == air::kNotMonitored) {
      stmt->BindNull(first_index + p);
      if (values[p] == air::kNotMonitored) not_monitored |= int64_t{1} << p;
    } else {
      stmt->BindInt64(first_index + p, values[p]);
    }
  }
  stmt->BindInt64(first_index + air::kPollutantCount, not_monitored);
}

AirValues ColumnAirValues(const Statement& stmt, int first_index) {
  AirValues values;
  int64_t not_monitored = stmt.ColumnInt64(first_index + air::kPollutantCount);
  for (int p = 0; p < air::kPollutantCount; ++p) {
    if (!stmt.ColumnIsNull(first_index + p)) {
      values[p] = static_cast<int32_t>(stmt.ColumnInt64(first_index + p));
    } else {
      values[p] = (not_monitored >> p) & 1 ? air::kNotMonitored : air::kMissing;
    }
  }
  return values;
}

std::string StationCanonical(const StationRow& s) {
  std::string out;
  for (const std::string* field : {&s.code, &s.name, &s.city, &s.longitude, &s.latitude}) {
    AddField(*field, &out);
  }
  AddField(s.background ? "1" : "0", &out);
  AddField(s.type, &out);
  return out;
}

std::string SectionCanonical(const SectionRow& s) {
  std::string out;
  for (const std::string* field : {&s.code, &s.name, &s.river, &s.basin, &s.type}) {
    AddField(*field, &out);
  }
  AddField(std::to_string(s.target_class), &out);
  AddField(s.level, &out);
  AddField(s.chief, &out);
  // Added in schema 5, only when set, so rows stored before keep their digests.
  if (s.drinking_source) AddField("drinking_source", &out);
  // Added in schema 9, the same way.
  if (!s.categories.empty() || !s.chief_name.empty() || !s.chief_post.empty() ||
      !s.chief_unit.empty()) {
    AddField("sections-9", &out);
    for (const std::string* field : {&s.categories, &s.chief_name, &s.chief_post, &s.chief_unit}) {
      AddField(*field, &out);
    }
  }
  return out;
}

std::string WaterRowCanonical(const std::string& section_code, const WaterRow& row) {
  std::string out;
  AddField(section_code, &out);
  AddField(std::to_string(row.day), &out);
  AddField(row.item, &out);
  AddField(std::to_string(row.value), &out);
  AddField(row.below_detection ? "1" : "0", &out);
  AddField(row.limit_known ? "1" : "0", &out);
  if (!row.flag.empty()) AddField(row.flag, &out);
  return out;
}

std::pair<int64_t, int64_t> WaterRowKey(const WaterRow& row) {
  std::string digest = Sha256Of(row.item);
  uint32_t item = 0;
  for (int i = 0; i < 4; ++i) item = item << 8 | static_cast<uint8_t>(digest[i]);
  return {row.section_id, row.day * (int64_t{1} << 32) + item};
}

std::string AirFlagsText(const AirFlags& flags) {
  std::string text(air::kPollutantCount, 'N');
  bool any = false;
  for (int p = 0; p < air::kPollutantCount; ++p) {
    if (flags[p] != 0 && flags[p] != 'N') {
      text[p] = flags[p];
      any = true;
    }
  }
  return any ? text : std::string();
}

namespace {

// F(x) for a decimal integer, without a temporary string: "<n>:<digits>,"
// put together in one buffer and appended once.
void AddIntegerField(int64_t value, std::string* out) {
  char field[32];
  char* digits = field + 3;  // room for "nn:"
  char* end = std::to_chars(digits, field + sizeof field - 1, value).ptr;
  size_t length = size_t(end - digits);
  char* start = digits - 1;
  *start = ':';
  if (length >= 10) *--start = char('0' + length % 10);
  *--start = char('0' + (length >= 10 ? length / 10 : length));
  *end++ = ',';
  out->append(start, end);
}

}  // namespace

void AirRowCanonicalTo(std::string_view station_code, int64_t label, const AirValues& values,
                       std::string_view flags, std::string* out) {
  out->clear();
  AddField(station_code, out);
  AddIntegerField(label, out);
  for (int32_t v : values) {
    if (v == air::kMissing) {
      out->append("0:,");
    } else if (v == air::kNotMonitored) {
      out->append("1:/,");
    } else {
      AddIntegerField(v, out);
    }
  }
  if (!flags.empty()) AddField(flags, out);
}

std::string AirRowCanonical(const std::string& station_code, int64_t label,
                            const AirValues& values, std::string_view flags) {
  std::string out;
  out.reserve(80);
  AirRowCanonicalTo(station_code, label, values, flags, &out);
  return out;
}

}  // namespace ecociv::store
