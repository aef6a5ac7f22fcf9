// What the scoring engine scores: the subjects (towns, departments,
// officials) and, per subject and item, a value, a count of events or a
// manual score. The engine asks a ValueSource, so the values may come from
// CSV files (CsvValueSource), from what was entered in the store
// (LoadAssessmentInputs, assessment_store.h) or from the demonstration-zone
// indicators (IndicatorValueSource, indicator_source.h).
//
// CSV formats (docs/formats.md, "Scoring schemes"):
//   subjects: subject,name,kind            (kind: town, department, official...)
//   values:   subject,item,value[,note]    (item@start / item@end for tenure items;
//                                          a manual item's note is its required justification)
//   events:   subject,item,date,count,note (deductions, bonuses, vetoes)
// A bad row is an error "file:line: reason" and nothing is kept from the file.
//
// Thread safety: a loaded CsvValueSource is immutable and may be read from
// many threads; ValueSource implementations must allow concurrent const calls.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ecociv/core/exact.h"
#include "ecociv/core/status.h"
#include "ecociv/scoring/scheme.h"

namespace ecociv::scoring {

inline constexpr int kValueDecimals = 6;  // decimals kept from an input value

struct Subject {
  std::string id;
  std::string name;
  std::string kind;
};

// Which value of an item: the assessment year, or the start / end of a tenure.
enum class ValuePoint { kYear, kTenureStart, kTenureEnd };

struct InputValue {
  Ratio value;
  std::string text;    // the value as written ("85.20")
  std::string note;    // the note, or a manual score's justification
  std::string origin;  // "values.csv:12", or the indicator record it came from
};

struct Event {
  std::string date;  // YYYY-MM-DD
  int64_t count = 1;
  std::string note;
  std::string origin;
};

class ValueSource {
 public:
  virtual ~ValueSource() = default;
  // The value of `item` for `subject`, or nullopt when there is no data.
  virtual std::optional<InputValue> Value(const std::string& subject, const Item& item,
                                          ValuePoint point) const = 0;
  // The events of `id` (a deduction, bonus or veto id) for `subject`.
  virtual std::vector<Event> Events(const std::string& subject, const std::string& id) const = 0;
};

// Values and events held in memory (read from CSV, or rebuilt from a log).
class CsvValueSource : public ValueSource {
 public:
  // Reads a values file, checking each row against the scheme (unknown item,
  // duplicate, bad number, manual score out of range or without justification).
  Status ReadValues(const std::string& path, const Scheme& scheme);
  // Reads an events file. For a "year" scheme every date must lie in `year`.
  Status ReadEvents(const std::string& path, const Scheme& scheme, int year);

  // Direct setters (tests, log replay). `key` is the item id, with "@start" /
  // "@end" for tenure values.
  void SetValue(const std::string& subject, const std::string& key, InputValue value);
  void AddEvent(const std::string& subject, const std::string& id, Event event);

  std::optional<InputValue> Value(const std::string& subject, const Item& item,
                                  ValuePoint point) const override;
  std::vector<Event> Events(const std::string& subject, const std::string& id) const override;

  // Subjects named in the values and events files, in order of first appearance.
  const std::vector<std::string>& subjects_seen() const { return subjects_seen_; }

 private:
  void Saw(const std::string& subject);
  std::map<std::pair<std::string, std::string>, InputValue> values_;
  std::map<std::pair<std::string, std::string>, std::vector<Event>> events_;
  std::vector<std::string> subjects_seen_;
};

// Reads a subjects file (subject,name,kind).
StatusOr<std::vector<Subject>> ReadSubjects(const std::string& path);

// The key of a value in a values file: "item", "item@start" or "item@end".
std::string ValueKey(const std::string& item, ValuePoint point);

// Checks of one entered value or event against a scheme, shared by the CSV
// readers and the store (assessment_store.h). Each returns InvalidArgument
// with the reason (the caller adds file:line).
// "item", "item@start", "item@end" → the item id and the point; the item must
// exist and take that kind of value (a change item takes @start and @end).
StatusOr<std::pair<std::string, ValuePoint>> ParseValueKey(const std::string& key,
                                                           const Scheme& scheme);
// An exact decimal with at most kValueDecimals decimals.
StatusOr<Ratio> ParseInputValue(std::string_view text);
// A manual item's score lies in 0..points and carries a justification.
Status CheckManualScore(const Item& item, const InputValue& value);
// A deduction, bonus or veto id of the scheme, a date YYYY-MM-DD (within
// `year` for a "year" scheme), a count of at least 1.
Status CheckEvent(const Scheme& scheme, int year, const std::string& id, const std::string& date,
                  int64_t count);

}  // namespace ecociv::scoring
