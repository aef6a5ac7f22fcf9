// The rows of a surface-water real-time release (国家地表水水质自动监测实时数据
// 发布系统) as captured to CSV, and the sections file that gives the section
// types a release does not publish (docs/formats.md, "Water: the real-time
// release").
//
//   release: section,monitor_time,class[,snapshot,province,basin,city,river,status]
//            and item columns: the displayed value <x> and, optionally, the
//            unrounded value <x>_raw (原始值), for x a GB 3838 item (id, symbol,
//            name: wt, ph, do, codmn, nh3n, tp, tn, chla, …) or one of the
//            release's other measurements (cond, turb, algae: read, not judged).
//   cells:   a number (exact, any number of decimals, E-notation allowed);
//            `*` not measured; `--` no valid value; `EXTREME_FILTERED` the
//            page's extreme-value filter; empty: not given.
//   class:   Ⅰ..Ⅴ, 劣Ⅴ (or I..V, 劣V); empty or `--`: no class published.
//   types:   section,type[,province]: type river/lake/reservoir (河流/湖泊/水库).
//
// Values are kept exact (Ratio), not scaled: a raw value of 0.02050001 stays
// that, so rounding it is exact. Any bad cell is InvalidArgument
// "file:line: reason" and nothing of the file is returned. Pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/exact.h"
#include "ecociv/core/status.h"
#include "ecociv/water/rules.h"

namespace ecociv::water {

// What a cell of an item column holds.
enum class CellMark : int8_t { kEmpty, kNumber, kNotMeasured, kNoValue, kExtremeFiltered };

struct ReleaseCell {
  CellMark mark = CellMark::kEmpty;
  Ratio value;  // when mark is kNumber
  bool has_value() const { return mark == CellMark::kNumber; }
};

struct ReleaseRow {
  int file = 0;       // index into Release::files
  int64_t line = 0;   // line of the row in its file
  std::string snapshot, province, basin, city, river, section, status;
  bool has_time = false;  // false: the row gives no monitoring time (no data)
  DayNumber day = 0;
  int minute = 0;  // minute of the day of the monitoring time
  std::optional<WaterClass> published;  // none: empty or `--`
  bool published_dash = false;           // the class cell was `--`
  // Indexed by WaterRules item; items without a column are kEmpty.
  std::vector<ReleaseCell> displayed, raw;
};

struct Release {
  std::vector<std::string> files;
  std::vector<ReleaseRow> rows;  // in file order, files in the order read
};

// Reads one release CSV and appends its rows to `out` (left unchanged on error).
Status ParseRelease(std::string_view text, const std::string& file_name, const WaterRules& rules,
                    Release* out);
Status ReadRelease(const std::string& path, const WaterRules& rules, Release* out);

// The type of each section named in a sections file: keyed by province and
// section name, or by section name alone when the file has no province column
// (or leaves it empty).
class SectionTypes {
 public:
  static StatusOr<SectionTypes> Parse(std::string_view text, const std::string& file_name);
  static StatusOr<SectionTypes> Read(const std::string& path);
  std::optional<WaterBody> Find(std::string_view province, std::string_view section) const;
  size_t size() const { return types_.size(); }

 private:
  std::map<std::pair<std::string, std::string>, WaterBody> types_;
};

}  // namespace ecociv::water
