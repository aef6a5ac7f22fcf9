#include "ecociv/scoring/run_log.h"

#include <nlohmann/json.hpp>

#include <memory>

#include "ecociv/core/message_text.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"

namespace ecociv::scoring {
namespace {

using nlohmann::ordered_json;

constexpr int kRecordVersion = 1;

// Exact values travel as text: a 6-decimal value is written exactly; other
// rationals (weight factors) as "num/den".
std::string RatioText(const Ratio& r) {
  auto num = static_cast<int64_t>(r.num);
  auto den = static_cast<int64_t>(r.den);
  return std::to_string(num) + "/" + std::to_string(den);
}

bool ParseRatioText(const std::string& text, Ratio* out) {
  size_t slash = text.find('/');
  if (slash == std::string::npos) return false;
  std::string_view view(text);
  int64_t num = 0, den = 0;
  if (!ParseIntegerInRange(view.substr(0, slash), INT64_MIN, INT64_MAX, &num) ||
      !ParseIntegerInRange(view.substr(slash + 1), 1, INT64_MAX, &den)) {
    return false;
  }
  *out = Ratio::Of(num, den);
  return true;
}

ordered_json ItemJson(const Scheme& s, const ItemResult& r) {
  ordered_json j;
  j["item"] = r.item;
  j["outcome"] = ItemOutcomeName(r.outcome);
  j["value"] = r.value ? ordered_json(FormatRounded(*r.value, kValueDecimals)) : ordered_json();
  if (r.start || r.end) {
    j["start"] = r.start ? ordered_json(FormatRounded(*r.start, kValueDecimals)) : ordered_json();
    j["end"] = r.end ? ordered_json(FormatRounded(*r.end, kValueDecimals)) : ordered_json();
  }
  j["max_points"] = FormatRounded(r.max_points, s.item_decimals);
  j["points"] = FormatRounded(r.points, s.item_decimals);
  j["reason"] = r.reason;
  return j;
}

ordered_json AdjustmentsJson(const Scheme& s, const std::vector<Adjustment>& list) {
  ordered_json out = ordered_json::array();
  for (const Adjustment& a : list) {
    out.push_back({{"id", a.id},
                   {"events", a.events},
                   {"points", FormatRounded(a.points, s.item_decimals)},
                   {"reason", a.reason}});
  }
  return out;
}

ordered_json SubjectJson(const Scheme& s, const SubjectResult& r) {
  ordered_json j;
  j["subject"] = r.subject.id;
  j["name"] = r.subject.name;
  j["kind"] = r.subject.kind;
  j["total"] = FormatRounded(r.total, s.item_decimals);
  j["total_printed"] = FormatPoints(s, r.total);
  j["total_exact"] = RatioText(r.total);
  j["rank"] = r.rank;
  j["grade"] = r.grade;
  j["grade_reason"] = r.grade_reason;
  j["vetoes"] = r.vetoes;
  j["base"] = FormatRounded(r.base, s.item_decimals);
  j["deductions_total"] = FormatRounded(r.deduction_total, s.item_decimals);
  j["bonus_total"] = FormatRounded(r.bonus_total, s.item_decimals);
  ordered_json groups;
  for (const Group& g : s.groups) groups[g.id] = FormatRounded(r.groups.at(g.id), s.item_decimals);
  j["groups"] = groups;
  j["items"] = ordered_json::array();
  for (const ItemResult& item : r.items) j["items"].push_back(ItemJson(s, item));
  j["deductions"] = AdjustmentsJson(s, r.deductions);
  j["bonuses"] = AdjustmentsJson(s, r.bonuses);
  return j;
}

ordered_json InputsJson(const Assessment& a) {
  ordered_json inputs;
  inputs["values"] = ordered_json::array();
  for (const UsedValue& v : a.used_values) {
    inputs["values"].push_back({{"subject", v.subject},
                                {"key", v.key},
                                {"value", FormatRounded(v.value.value, kValueDecimals)},
                                {"text", v.value.text},
                                {"note", v.value.note},
                                {"origin", v.value.origin}});
  }
  inputs["events"] = ordered_json::array();
  for (const UsedEvent& e : a.used_events) {
    inputs["events"].push_back({{"subject", e.subject},
                                {"id", e.id},
                                {"date", e.event.date},
                                {"count", e.event.count},
                                {"note", e.event.note},
                                {"origin", e.event.origin}});
  }
  ordered_json factors = ordered_json::object();
  for (const auto& [item, factor] : a.options.weight_factors) factors[item] = RatioText(factor);
  inputs["weight_factors"] = factors;
  return inputs;
}

}  // namespace

std::string RunRecordJson(const Assessment& a) {
  const Scheme& s = *a.scheme;
  ordered_json root;
  root["format"] = "ecociv-scoring-run";
  root["version"] = kRecordVersion;
  root["scheme"] = {{"id", s.id},           {"name", s.name},
                    {"name_en", s.name_en}, {"origin", s.origin},
                    {"status", s.status},   {"total", FormatRounded(s.total, s.item_decimals)}};
  root["year"] = a.options.year;
  root["ranking"] = ordered_json::array();
  for (const SubjectResult* r : a.Ranking()) {
    root["ranking"].push_back({{"rank", r->rank},
                               {"subject", r->subject.id},
                               {"name", r->subject.name},
                               {"total", FormatPoints(s, r->total)},
                               {"grade", r->grade}});
  }
  root["subjects"] = ordered_json::array();
  for (const SubjectResult& r : a.results) root["subjects"].push_back(SubjectJson(s, r));
  root["log"] = ordered_json::array();
  for (const LogStep& step : a.log) {
    root["log"].push_back({{"subject", step.subject},
                           {"phase", step.phase},
                           {"item", step.item},
                           {"text", step.text}});
  }
  root["replay"] = InputsJson(a);
  root["replay"]["subjects"] = ordered_json::array();
  for (const Subject& subject : a.subjects) {
    root["replay"]["subjects"].push_back(
        {{"id", subject.id}, {"name", subject.name}, {"kind", subject.kind}});
  }
  root["replay"]["scheme_text"] = s.text;
  return root.dump(2) + "\n";
}

namespace {

StatusOr<CsvValueSource> SourceFromRecord(const ordered_json& replay) {
  CsvValueSource source;
  for (const auto& v : replay.at("values")) {
    InputValue input;
    int64_t scaled = 0;
    std::string text = v.at("value").get<std::string>();
    if (!ParseScaledDecimal(text, kValueDecimals, &scaled)) {
      return InvalidArgumentError("bad value " + QuoteForMessage(text));
    }
    input.value = Ratio::Scaled(scaled, kValueDecimals);
    input.text = v.at("text").get<std::string>();
    input.note = v.at("note").get<std::string>();
    input.origin = v.at("origin").get<std::string>();
    source.SetValue(v.at("subject").get<std::string>(), v.at("key").get<std::string>(), input);
  }
  for (const auto& e : replay.at("events")) {
    Event event{e.at("date").get<std::string>(), e.at("count").get<int64_t>(),
                e.at("note").get<std::string>(), e.at("origin").get<std::string>()};
    source.AddEvent(e.at("subject").get<std::string>(), e.at("id").get<std::string>(), event);
  }
  return source;
}

// A run record parsed and recomputed.
struct Recomputed {
  std::unique_ptr<Scheme> scheme;
  Assessment assessment;
  ordered_json root;
};

StatusOr<Recomputed> Recompute(const std::string& json_text, const std::string& file) {
  Recomputed out;
  try {
    out.root = ordered_json::parse(json_text);
  } catch (const std::exception& e) {
    return InvalidArgumentError(file + ": not JSON: " + e.what());
  }
  try {
    const ordered_json& root = out.root;
    if (!root.is_object() || root.value("format", "") != "ecociv-scoring-run" ||
        root.value("version", 0) != kRecordVersion) {
      return InvalidArgumentError(file + ": not an ecociv scoring run record (version 1)");
    }
    const ordered_json& replay = root.at("replay");
    ECOCIV_ASSIGN_OR_RETURN(
        Scheme scheme, ParseScheme(replay.at("scheme_text").get<std::string>(), file + ": scheme"));
    scheme.origin = root.at("scheme").at("origin").get<std::string>();
    out.scheme = std::make_unique<Scheme>(std::move(scheme));
    std::vector<Subject> subjects;
    for (const auto& s : replay.at("subjects")) {
      subjects.push_back({s.at("id").get<std::string>(), s.at("name").get<std::string>(),
                          s.at("kind").get<std::string>()});
    }
    ScoringOptions options;
    options.year = root.at("year").get<int>();
    for (const auto& [item, text] : replay.at("weight_factors").items()) {
      Ratio factor;
      if (!ParseRatioText(text.get<std::string>(), &factor)) {
        return InvalidArgumentError(file + ": bad weight factor for " + item);
      }
      options.weight_factors[item] = factor;
    }
    auto source = SourceFromRecord(replay);
    if (!source.ok()) return source.status().WithContext(file);
    ECOCIV_ASSIGN_OR_RETURN(out.assessment, ScoreScheme(*out.scheme, subjects, *source, options));
    return out;
  } catch (const std::exception& e) {
    return InvalidArgumentError(file + ": malformed run record: " + e.what());
  }
}

// Differences between the recorded and the recomputed results.
std::vector<std::string> Compare(const Recomputed& rc) {
  std::vector<std::string> diffs;
  const Scheme& scheme = *rc.scheme;
  const std::vector<SubjectResult>& results = rc.assessment.results;
  const ordered_json& recorded = rc.root.at("subjects");
  if (recorded.size() != results.size()) {
    diffs.push_back("the record lists a different number of subjects");
    return diffs;
  }
  for (size_t j = 0; j < results.size(); ++j) {
    const SubjectResult& r = results[j];
    const ordered_json& was = recorded[j];
    const std::string& id = r.subject.id;
    if (was.at("total_exact").get<std::string>() != RatioText(r.total)) {
      diffs.push_back(id + ": total " + was.at("total").get<std::string>() + " recorded, " +
                      FormatRounded(r.total, scheme.item_decimals) + " recomputed");
    }
    if (was.at("rank").get<int>() != r.rank) {
      diffs.push_back(id + ": rank " + std::to_string(was.at("rank").get<int>()) + " recorded, " +
                      std::to_string(r.rank) + " recomputed");
    }
    if (was.at("grade").get<std::string>() != r.grade) {
      diffs.push_back(id + ": grade " + was.at("grade").get<std::string>() + " recorded, " +
                      r.grade + " recomputed");
    }
    const ordered_json& items = was.at("items");
    for (size_t i = 0; i < r.items.size() && i < items.size(); ++i) {
      if (items[i].at("points").get<std::string>() !=
          FormatRounded(r.items[i].points, scheme.item_decimals)) {
        diffs.push_back(id + ": item " + r.items[i].item + " points " +
                        items[i].at("points").get<std::string>() + " recorded, " +
                        FormatRounded(r.items[i].points, scheme.item_decimals) + " recomputed");
      }
    }
  }
  return diffs;
}

}  // namespace

StatusOr<ReplayReport> ReplayRunRecord(const std::string& json_text, const std::string& file) {
  ECOCIV_ASSIGN_OR_RETURN(Recomputed rc, Recompute(json_text, file));
  try {
    return ReplayReport{rc.scheme->id, static_cast<int>(rc.assessment.results.size()), Compare(rc)};
  } catch (const std::exception& e) {
    return InvalidArgumentError(file + ": malformed run record: " + e.what());
  }
}

StatusOr<std::string> ExplainRunRecord(const std::string& json_text, const std::string& file,
                                       const std::string& subject) {
  ECOCIV_ASSIGN_OR_RETURN(Recomputed rc, Recompute(json_text, file));
  if (!rc.assessment.Find(subject)) {
    return NotFoundError(file + ": no subject " + QuoteForMessage(subject) + " in this run");
  }
  return ExplainSubject(rc.assessment, subject);
}

StatusOr<std::vector<Subject>> RecordSubjects(const std::string& json_text,
                                              const std::string& file) {
  ordered_json root = ordered_json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object() || !root.contains("replay")) {
    return InvalidArgumentError(file + ": not an ecociv scoring run record");
  }
  try {
    std::vector<Subject> subjects;
    for (const auto& s : root.at("replay").at("subjects")) {
      subjects.push_back({s.at("id").get<std::string>(), s.at("name").get<std::string>(),
                          s.at("kind").get<std::string>()});
    }
    return subjects;
  } catch (const std::exception& e) {
    return InvalidArgumentError(file + ": malformed run record: " + e.what());
  }
}

StatusOr<RecordedRun> ReadRunRecord(const std::string& json_text, const std::string& file) {
  ECOCIV_ASSIGN_OR_RETURN(Recomputed rc, Recompute(json_text, file));
  std::vector<std::string> diffs;
  try {
    diffs = Compare(rc);
  } catch (const std::exception& e) {
    return InvalidArgumentError(file + ": malformed run record: " + e.what());
  }
  if (!diffs.empty()) {
    std::string list;
    for (size_t i = 0; i < diffs.size() && i < 5; ++i) list += (i ? "; " : "") + diffs[i];
    if (diffs.size() > 5) list += "; … (" + std::to_string(diffs.size()) + " in all)";
    return DataLossError(file + ": the run record no longer replays to its own results (" + list +
                         ")");
  }
  return RecordedRun{std::move(rc.scheme), std::move(rc.assessment)};
}

}  // namespace ecociv::scoring
