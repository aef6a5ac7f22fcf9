// Water periods from TOML (see periods.h, docs/water.md).
#include "ecociv/water/periods.h"

#include <toml++/toml.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <cstdlib>
#include <set>

#include "ecociv/core/embedded_files.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/text_input.h"

const ecociv::EmbeddedFile* EmbeddedWaterPeriods(size_t* count);

namespace ecociv::water {
namespace {

using Json = nlohmann::ordered_json;

std::string Where(std::string_view source, const toml::node& node) {
  return std::string(source) + ":" + std::to_string(node.source().begin.line) + ": ";
}

StatusOr<std::string> Text(std::string_view source, const toml::table& t, const char* key,
                           bool required) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (!required) return std::string();
    return InvalidArgumentError(Where(source, t) + key + " is missing");
  }
  if (!n->is_string()) return InvalidArgumentError(Where(source, *n) + key + " must be text");
  std::string value = *n->value<std::string>();
  if (required && value.empty()) return InvalidArgumentError(Where(source, *n) + key + " is empty");
  return value;
}

StatusOr<DayNumber> Date(std::string_view source, const toml::table& t, const char* key) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, Text(source, t, key, true));
  auto day = ParseDate(text);
  if (!day.ok() || text.size() != 10) {
    return InvalidArgumentError(Where(source, *t.get(key)) + key +
                                " must be a date YYYY-MM-DD: " + QuoteForMessage(text));
  }
  return *day;
}

// "MM-DD" (checked against a leap year, so 02-29 is accepted).
Status MonthDay(std::string_view source, const toml::table& t, const char* key, int* month,
                int* day) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, Text(source, t, key, true));
  StatusOr<DayNumber> parsed = text.size() == 5 ? ParseDate("2024-" + text) : StatusOr<DayNumber>(DayNumber{0});
  if (text.size() != 5 || !parsed.ok()) {
    return InvalidArgumentError(Where(source, *t.get(key)) + key + " must be MM-DD: " +
                                QuoteForMessage(text));
  }
  CivilDate c = CivilFromDays(*parsed);
  *month = c.month;
  *day = c.day;
  return Status::Ok();
}

// `notice = [{ kind = ..., basis = ..., share_percent = ... }, ...]` of a period.
StatusOr<std::vector<NoticeOverride>> Overrides(std::string_view source, const toml::table& t) {
  std::vector<NoticeOverride> out;
  const toml::node* node = t.get("notice");
  if (!node) return out;
  const toml::array* list = node->as_array();
  if (!list) return InvalidArgumentError(Where(source, *node) + "notice must be a list of tables");
  for (const toml::node& item : *list) {
    const toml::table* o = item.as_table();
    if (!o) return InvalidArgumentError(Where(source, item) + "a notice override must be a table");
    NoticeOverride r;
    for (const auto& [key, value] : *o) {
      static const char* kKeys[] = {"kind",    "basis",        "share_percent", "min_samples",
                                    "samples", "within_months"};
      bool known = false;
      for (const char* k : kKeys) known = known || key.str() == k;
      if (!known) {
        return InvalidArgumentError(Where(source, value) + "notice: unknown field " +
                                    QuoteForMessage(std::string(key.str())));
      }
    }
    ECOCIV_ASSIGN_OR_RETURN(r.kind, Text(source, *o, "kind", true));
    ECOCIV_ASSIGN_OR_RETURN(r.basis, Text(source, *o, "basis", false));
    const bool approaching = r.kind == "approaching_limit";
    if (!approaching && r.kind != "rising_trend") {
      return InvalidArgumentError(Where(source, item) + "notice: kind must be approaching_limit " +
                                  "or rising_trend: " + QuoteForMessage(r.kind));
    }
    if (approaching && r.basis.empty()) r.basis = "sample";
    if (approaching && r.basis != "sample" && r.basis != "month_mean" && r.basis != "ytd_mean") {
      return InvalidArgumentError(Where(source, item) +
                                  "notice: basis must be sample, month_mean or ytd_mean");
    }
    if (!approaching && !r.basis.empty()) {
      return InvalidArgumentError(Where(source, item) + "notice: rising_trend has no basis");
    }
    struct Field {
      const char* key;
      int* out;
      int low, high;
      bool for_approaching;
    };
    const Field fields[] = {{"share_percent", &r.share_percent, 1, 100, true},
                            {"min_samples", &r.min_samples, 1, 1000, true},
                            {"samples", &r.samples, 3, 60, false},
                            {"within_months", &r.within_months, 1, 24, false}};
    bool any = false;
    for (const Field& f : fields) {
      const toml::node* v = o->get(f.key);
      if (!v) continue;
      std::optional<int64_t> n = v->value<int64_t>();
      if (f.for_approaching != approaching) {
        return InvalidArgumentError(Where(source, *v) + "notice: " + f.key + " is not a field of " +
                                    r.kind);
      }
      if (!v->is_integer() || !n || *n < f.low || *n > f.high) {
        return InvalidArgumentError(Where(source, *v) + "notice: " + f.key + " must be " +
                                    std::to_string(f.low) + ".." + std::to_string(f.high));
      }
      *f.out = static_cast<int>(*n);
      any = true;
    }
    if (!any) return InvalidArgumentError(Where(source, item) + "notice: nothing is tightened");
    out.push_back(std::move(r));
  }
  return out;
}

StatusOr<WaterPeriods> FromTable(const toml::table& root, std::string_view source) {
  WaterPeriods out;
  for (const auto& [key, node] : root) {
    if (key != "flood_season" && key != "campaign") {
      return InvalidArgumentError(Where(source, node) + "unknown table " +
                                  QuoteForMessage(std::string(key.str())));
    }
  }
  if (const toml::array* seasons = root["flood_season"].as_array()) {
    for (const toml::node& node : *seasons) {
      const toml::table* t = node.as_table();
      if (!t) return InvalidArgumentError(Where(source, node) + "flood_season must be a table");
      FloodSeason s;
      ECOCIV_ASSIGN_OR_RETURN(s.city, Text(source, *t, "city", true));
      ECOCIV_ASSIGN_OR_RETURN(s.city_en, Text(source, *t, "city_en", false));
      ECOCIV_ASSIGN_OR_RETURN(std::string name, Text(source, *t, "name", false));
      ECOCIV_ASSIGN_OR_RETURN(std::string name_en, Text(source, *t, "name_en", false));
      if (!name.empty()) s.name = name;
      if (!name_en.empty()) s.name_en = name_en;
      ECOCIV_ASSIGN_OR_RETURN(s.notice, Overrides(source, *t));
      ECOCIV_RETURN_IF_ERROR(MonthDay(source, *t, "from", &s.from_month, &s.from_day));
      ECOCIV_RETURN_IF_ERROR(MonthDay(source, *t, "to", &s.to_month, &s.to_day));
      out.flood_seasons.push_back(std::move(s));
    }
  }
  std::set<std::string> ids;
  if (const toml::array* campaigns = root["campaign"].as_array()) {
    for (const toml::node& node : *campaigns) {
      const toml::table* t = node.as_table();
      if (!t) return InvalidArgumentError(Where(source, node) + "campaign must be a table");
      Campaign c;
      ECOCIV_ASSIGN_OR_RETURN(c.id, Text(source, *t, "id", true));
      if (!ids.insert(c.id).second) {
        return InvalidArgumentError(Where(source, node) + "campaign id " + QuoteForMessage(c.id) +
                                    " is given twice");
      }
      ECOCIV_ASSIGN_OR_RETURN(c.name, Text(source, *t, "name", true));
      ECOCIV_ASSIGN_OR_RETURN(c.name_en, Text(source, *t, "name_en", false));
      ECOCIV_ASSIGN_OR_RETURN(c.from, Date(source, *t, "from"));
      ECOCIV_ASSIGN_OR_RETURN(c.to, Date(source, *t, "to"));
      ECOCIV_ASSIGN_OR_RETURN(c.baseline_from, Date(source, *t, "baseline_from"));
      ECOCIV_ASSIGN_OR_RETURN(c.baseline_to, Date(source, *t, "baseline_to"));
      if (c.to < c.from || c.baseline_to < c.baseline_from) {
        return InvalidArgumentError(Where(source, node) + "campaign " + c.id +
                                    ": a period ends before it starts");
      }
      if (c.baseline_to >= c.from) {
        return InvalidArgumentError(Where(source, node) + "campaign " + c.id +
                                    ": the baseline must end before the campaign starts");
      }
      const toml::array* sections = (*t)["sections"].as_array();
      if (!sections || sections->empty()) {
        return InvalidArgumentError(Where(source, node) + "campaign " + c.id +
                                    ": sections must be a list of section codes");
      }
      std::set<std::string> seen;
      for (const toml::node& s : *sections) {
        if (!s.is_string() || s.value<std::string>()->empty()) {
          return InvalidArgumentError(Where(source, s) + "campaign " + c.id +
                                      ": a section code must be text");
        }
        std::string code = *s.value<std::string>();
        if (seen.insert(code).second) c.sections.push_back(code);
      }
      ECOCIV_ASSIGN_OR_RETURN(c.notice, Overrides(source, *t));
      out.campaigns.push_back(std::move(c));
    }
  }
  return out;
}

Json OverridesJson(const std::vector<NoticeOverride>& list) {
  Json out = Json::array();
  for (const NoticeOverride& o : list) {
    Json j = {{"kind", o.kind}};
    if (!o.basis.empty()) j["basis"] = o.basis;
    if (o.share_percent) j["share_percent"] = o.share_percent;
    if (o.min_samples) j["min_samples"] = o.min_samples;
    if (o.samples) j["samples"] = o.samples;
    if (o.within_months) j["within_months"] = o.within_months;
    out.push_back(std::move(j));
  }
  return out;
}

// "approaching_limit/sample share_percent=80; rising_trend samples=6 within_months=6"
std::string OverridesText(const std::vector<NoticeOverride>& list) {
  std::string out;
  for (const NoticeOverride& o : list) {
    out += (out.empty() ? "" : "; ") + o.kind + (o.basis.empty() ? "" : "/" + o.basis);
    if (o.share_percent) out += " share_percent=" + std::to_string(o.share_percent);
    if (o.min_samples) out += " min_samples=" + std::to_string(o.min_samples);
    if (o.samples) out += " samples=" + std::to_string(o.samples);
    if (o.within_months) out += " within_months=" + std::to_string(o.within_months);
  }
  return out;
}

std::string MonthDayText(int month, int day) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d-%02d", month, day);
  return buffer;
}

}  // namespace

StatusOr<const Campaign*> WaterPeriods::FindCampaign(const std::string& id) const {
  std::string known;
  for (const Campaign& c : campaigns) {
    if (c.id == id) return &c;
    known += (known.empty() ? "" : ", ") + c.id;
  }
  return NotFoundError("no campaign " + QuoteForMessage(id) +
                       (known.empty() ? " (none is configured)" : " (there are: " + known + ")"));
}

ActivePeriod WaterPeriods::NoticePeriod(const std::string& section, DayNumber day) const {
  for (const Campaign& c : campaigns) {
    if (c.notice.empty() || day < c.from || day > c.to) continue;
    if (std::find(c.sections.begin(), c.sections.end(), section) == c.sections.end()) continue;
    return {c.name, c.name_en, &c.notice};
  }
  for (const FloodSeason& s : flood_seasons) {
    if (!s.notice.empty() && InFloodSeason(s, day)) return {s.name, s.name_en, &s.notice};
  }
  return {};
}

StatusOr<WaterPeriods> ParseWaterPeriods(std::string_view toml_text, std::string_view source) {
  try {
    return FromTable(toml::parse(toml_text, source), source);
  } catch (const toml::parse_error& err) {
    return InvalidArgumentError(std::string(source) + ":" +
                                std::to_string(err.source().begin.line) + ": " +
                                std::string(err.description()));
  }
}

StatusOr<WaterPeriods> LoadWaterPeriods(const std::string& path) {
  if (!path.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
    return ParseWaterPeriods(text, path);
  }
  size_t count = 0;
  const EmbeddedFile* files = EmbeddedWaterPeriods(&count);
  for (size_t i = 0; i < count; ++i) {
    if (std::string_view(files[i].path) != "water-periods.toml") continue;
    return ParseWaterPeriods(std::string_view(files[i].data, files[i].size),
                             "config/water-periods.toml");
  }
  return InternalError("config/water-periods.toml is not compiled in");
}

bool InFloodSeason(const FloodSeason& s, DayNumber day) {
  CivilDate c = CivilFromDays(day);
  const int md = c.month * 100 + c.day, from = s.from_month * 100 + s.from_day,
            to = s.to_month * 100 + s.to_day;
  return from <= to ? (md >= from && md <= to) : (md >= from || md <= to);
}

int FloodSeasonDays(const FloodSeason& s, DayNumber first, DayNumber last) {
  int n = 0;
  for (DayNumber d = first; d <= last; ++d) n += InFloodSeason(s, d) ? 1 : 0;
  return n;
}

std::string WaterPeriodsJson(const WaterPeriods& p) {
  Json out = {{"flood_seasons", Json::array()}, {"campaigns", Json::array()}};
  for (const FloodSeason& s : p.flood_seasons) {
    out["flood_seasons"].push_back({{"city", s.city},
                                    {"city_en", s.city_en},
                                    {"name", s.name},
                                    {"name_en", s.name_en},
                                    {"from", MonthDayText(s.from_month, s.from_day)},
                                    {"to", MonthDayText(s.to_month, s.to_day)},
                                    {"notice", OverridesJson(s.notice)}});
  }
  for (const Campaign& c : p.campaigns) {
    out["campaigns"].push_back({{"id", c.id},
                                {"name", c.name},
                                {"name_en", c.name_en},
                                {"from", FormatDate(c.from)},
                                {"to", FormatDate(c.to)},
                                {"baseline_from", FormatDate(c.baseline_from)},
                                {"baseline_to", FormatDate(c.baseline_to)},
                                {"sections", c.sections},
                                {"notice", OverridesJson(c.notice)}});
  }
  return out.dump(2) + "\n";
}

std::string WaterPeriodsText(const WaterPeriods& p) {
  std::string out = "汛期 Flood seasons\n";
  for (const FloodSeason& s : p.flood_seasons) {
    out += "  " + s.city + (s.city_en.empty() ? "" : " " + s.city_en) + "  " +
           MonthDayText(s.from_month, s.from_day) + " .. " + MonthDayText(s.to_month, s.to_day) +
           "\n";
    if (!s.notice.empty()) out += "    提示从严 notice tightened: " + OverridesText(s.notice) + "\n";
  }
  out += "专项行动 Campaigns\n";
  for (const Campaign& c : p.campaigns) {
    out += "  " + c.id + "  " + c.name + "\n";
    if (!c.name_en.empty()) out += "    " + c.name_en + "\n";
    out += "    行动期 during " + FormatDate(c.from) + " .. " + FormatDate(c.to) +
           "；基准期 baseline " + FormatDate(c.baseline_from) + " .. " +
           FormatDate(c.baseline_to) + "\n    断面 sections (" +
           std::to_string(c.sections.size()) + "): ";
    for (size_t i = 0; i < c.sections.size(); ++i) out += (i ? " " : "") + c.sections[i];
    out += "\n";
    if (!c.notice.empty()) out += "    提示从严 notice tightened: " + OverridesText(c.notice) + "\n";
  }
  return out;
}

}  // namespace ecociv::water
