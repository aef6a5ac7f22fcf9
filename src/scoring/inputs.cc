#include "ecociv/scoring/inputs.h"

#include <algorithm>
#include <set>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/text_input.h"

namespace ecociv::scoring {
namespace {

Status RowError(const std::string& path, int64_t line, const std::string& why) {
  return InvalidArgumentError(path + ":" + std::to_string(line) + ": " + why);
}

// Reads the header and checks it starts with `expected` (extra columns are
// allowed only when listed in `optional`).
Status CheckHeader(const std::string& path, CsvReader* reader,
                   const std::vector<std::string>& expected,
                   const std::vector<std::string>& optional) {
  std::vector<std::string_view> fields;
  if (!reader->NextRecord(&fields)) {
    if (!reader->status().ok()) return reader->status().WithContext(path);
    return InvalidArgumentError(path + ": empty file (expected a header)");
  }
  std::string want;
  for (const std::string& e : expected) want += (want.empty() ? "" : ",") + e;
  bool ok = fields.size() >= expected.size() && fields.size() <= expected.size() + optional.size();
  for (size_t i = 0; ok && i < fields.size(); ++i) {
    std::string_view name = TrimSpaces(fields[i]);
    ok = i < expected.size() ? name == expected[i] : name == optional[i - expected.size()];
  }
  if (!ok) return RowError(path, reader->line(), "expected the header " + want);
  return Status::Ok();
}

}  // namespace

StatusOr<Ratio> ParseInputValue(std::string_view text) {
  int64_t scaled = 0;
  bool rounded = false;
  if (!ParseScaledDecimal(TrimSpaces(text), kValueDecimals, &scaled, &rounded) || rounded) {
    return InvalidArgumentError(QuoteForMessage(text) + " is not a number with at most 6 decimals");
  }
  return Ratio::Scaled(scaled, kValueDecimals);
}

StatusOr<std::pair<std::string, ValuePoint>> ParseValueKey(const std::string& key,
                                                           const Scheme& scheme) {
  std::string id = key;
  ValuePoint point = ValuePoint::kYear;
  if (size_t at = key.find('@'); at != std::string::npos) {
    id = key.substr(0, at);
    std::string suffix = key.substr(at + 1);
    if (suffix == "start") {
      point = ValuePoint::kTenureStart;
    } else if (suffix == "end") {
      point = ValuePoint::kTenureEnd;
    } else {
      return InvalidArgumentError(QuoteForMessage(key) + ": the suffix must be @start or @end");
    }
  }
  const Item* item = scheme.FindItem(id);
  if (!item)
    return InvalidArgumentError("unknown item " + QuoteForMessage(id) + " in scheme " + scheme.id);
  bool change = item->basis == Basis::kChange;
  if (change && point == ValuePoint::kYear) {
    return InvalidArgumentError("item " + QuoteForMessage(id) +
                                " judges the change over a tenure: give " + id + "@start and " +
                                id + "@end");
  }
  if (!change && point != ValuePoint::kYear) {
    return InvalidArgumentError("item " + QuoteForMessage(id) + " takes one value, not " + key);
  }
  return std::make_pair(id, point);
}

Status CheckManualScore(const Item& item, const InputValue& value) {
  if (item.rule != RuleKind::kManual) return Status::Ok();
  if (TrimSpaces(value.note).empty()) {
    return InvalidArgumentError("manual item " + QuoteForMessage(item.id) +
                                " needs a justification in the note column");
  }
  if (value.value < Ratio() || value.value > item.points) {
    return InvalidArgumentError("manual score " + value.text + " for " + QuoteForMessage(item.id) +
                                " is outside 0.." + FormatRounded(item.points, 2));
  }
  return Status::Ok();
}

Status CheckEvent(const Scheme& scheme, int year, const std::string& id, const std::string& date,
                  int64_t count) {
  if (!scheme.FindDeduction(id) && !scheme.FindBonus(id) && !scheme.FindVeto(id)) {
    return InvalidArgumentError("unknown deduction, bonus or veto " + QuoteForMessage(id) +
                                " in scheme " + scheme.id);
  }
  // ParseDate refuses impossible dates (2026-02-30) as well as malformed ones.
  if (date.size() != 10 || !ParseDate(date).ok()) {
    return InvalidArgumentError("bad date " + QuoteForMessage(date) +
                                " (YYYY-MM-DD, a day of the calendar)");
  }
  if (scheme.period == "year" && date.substr(0, 4) != std::to_string(year)) {
    return InvalidArgumentError("event dated " + date + " is outside the year " +
                                std::to_string(year));
  }
  if (count < 1) return InvalidArgumentError("count must be a positive integer");
  return Status::Ok();
}

std::string ValueKey(const std::string& item, ValuePoint point) {
  switch (point) {
    case ValuePoint::kYear:
      return item;
    case ValuePoint::kTenureStart:
      return item + "@start";
    case ValuePoint::kTenureEnd:
      return item + "@end";
  }
  return item;
}

void CsvValueSource::Saw(const std::string& subject) {
  if (std::find(subjects_seen_.begin(), subjects_seen_.end(), subject) == subjects_seen_.end()) {
    subjects_seen_.push_back(subject);
  }
}

void CsvValueSource::SetValue(const std::string& subject, const std::string& key,
                              InputValue value) {
  Saw(subject);
  values_[{subject, key}] = std::move(value);
}

void CsvValueSource::AddEvent(const std::string& subject, const std::string& id, Event event) {
  Saw(subject);
  events_[{subject, id}].push_back(std::move(event));
}

Status CsvValueSource::ReadValues(const std::string& path, const Scheme& scheme) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  CsvReader reader(text);
  ECOCIV_RETURN_IF_ERROR(CheckHeader(path, &reader, {"subject", "item", "value"}, {"note"}));
  CsvValueSource parsed;  // committed only when the whole file is good
  std::vector<std::string_view> f;
  while (reader.NextRecord(&f)) {
    int64_t line = reader.line();
    if (f.size() < 3 || f.size() > 4) return RowError(path, line, "expected 3 or 4 fields");
    std::string subject(TrimSpaces(f[0]));
    std::string key(TrimSpaces(f[1]));
    if (subject.empty()) return RowError(path, line, "empty subject");
    auto split = ParseValueKey(key, scheme);
    if (!split.ok()) return RowError(path, line, split.status().message());
    auto value = ParseInputValue(f[2]);
    if (!value.ok()) return RowError(path, line, value.status().message());
    InputValue input{*value, std::string(TrimSpaces(f[2])), f.size() > 3 ? std::string(f[3]) : "",
                     path + ":" + std::to_string(line)};
    Status manual = CheckManualScore(*scheme.FindItem(split->first), input);
    if (!manual.ok()) return RowError(path, line, manual.message());
    if (parsed.values_.count({subject, key})) {
      return RowError(
          path, line,
          "second value for " + QuoteForMessage(subject) + " / " + QuoteForMessage(key));
    }
    parsed.SetValue(subject, key, std::move(input));
  }
  if (!reader.status().ok()) return reader.status().WithContext(path);
  for (auto& [k, v] : parsed.values_) {
    if (values_.count(k))
      return InvalidArgumentError(path + ": " + QuoteForMessage(k.first) + " / " +
                                  QuoteForMessage(k.second) + " was already given in another file");
  }
  for (const std::string& s : parsed.subjects_seen_) Saw(s);
  values_.merge(parsed.values_);
  return Status::Ok();
}

Status CsvValueSource::ReadEvents(const std::string& path, const Scheme& scheme, int year) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  CsvReader reader(text);
  ECOCIV_RETURN_IF_ERROR(
      CheckHeader(path, &reader, {"subject", "item", "date", "count", "note"}, {}));
  std::vector<std::pair<std::pair<std::string, std::string>, Event>> rows;
  std::vector<std::string_view> f;
  while (reader.NextRecord(&f)) {
    int64_t line = reader.line();
    if (f.size() != 5) return RowError(path, line, "expected 5 fields");
    std::string subject(TrimSpaces(f[0]));
    std::string id(TrimSpaces(f[1]));
    if (subject.empty()) return RowError(path, line, "empty subject");
    std::string date(TrimSpaces(f[2]));
    int64_t count = 0;
    if (!ParseScaledDecimal(TrimSpaces(f[3]), 0, &count) || count < 1 ||
        TrimSpaces(f[3]).find('.') != std::string_view::npos) {
      return RowError(path, line, "count must be a positive integer");
    }
    Status event = CheckEvent(scheme, year, id, date, count);
    if (!event.ok()) return RowError(path, line, event.message());
    rows.push_back(
        {{subject, id}, Event{date, count, std::string(f[4]), path + ":" + std::to_string(line)}});
  }
  if (!reader.status().ok()) return reader.status().WithContext(path);
  for (auto& [key, event] : rows) AddEvent(key.first, key.second, std::move(event));
  return Status::Ok();
}

std::optional<InputValue> CsvValueSource::Value(const std::string& subject, const Item& item,
                                                ValuePoint point) const {
  auto it = values_.find({subject, ValueKey(item.id, point)});
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::vector<Event> CsvValueSource::Events(const std::string& subject, const std::string& id) const {
  auto it = events_.find({subject, id});
  if (it == events_.end()) return {};
  return it->second;
}

StatusOr<std::vector<Subject>> ReadSubjects(const std::string& path) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  CsvReader reader(text);
  ECOCIV_RETURN_IF_ERROR(CheckHeader(path, &reader, {"subject", "name", "kind"}, {}));
  std::vector<Subject> subjects;
  std::set<std::string> seen;
  std::vector<std::string_view> f;
  while (reader.NextRecord(&f)) {
    if (f.size() != 3) return RowError(path, reader.line(), "expected 3 fields");
    Subject s{std::string(TrimSpaces(f[0])), std::string(TrimSpaces(f[1])),
              std::string(TrimSpaces(f[2]))};
    if (s.id.empty()) return RowError(path, reader.line(), "empty subject");
    if (!seen.insert(s.id).second)
      return RowError(path, reader.line(), "duplicate subject " + QuoteForMessage(s.id));
    subjects.push_back(std::move(s));
  }
  if (!reader.status().ok()) return reader.status().WithContext(path);
  if (subjects.empty()) return InvalidArgumentError(path + ": no subjects");
  return subjects;
}

}  // namespace ecociv::scoring
