// IndicatorValueSource: the scoring engine's values taken from the
// demonstration-zone indicators of a year, so `ecociv scoring run
// --db PATH` scores units on what the indicators store holds.
//
// A scheme item names what it needs in its `indicator` key:
//   "owned_met_percent"    the share (%) of the indicators the subject owns
//                          (judged met or not met) that are met;
//   "owned_not_met_count"  how many of the indicators it owns are not met;
//   a catalogue id         that indicator's exact value, for the subject(s)
//                          that own it.
// A subject owns an indicator when the indicator's responsible-unit list
// (`;`-separated) names the subject's name or id; an entry starting with
// "各镇" (all towns) is owned by every subject of kind "town". Items the
// indicators cannot answer fall back to `fallback` (e.g. a values CSV), which
// also answers every Events() call.
//
// Thread safety: immutable after construction; const calls may run
// concurrently if the fallback allows it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ecociv/indicators/provider.h"
#include "ecociv/scoring/inputs.h"

namespace ecociv::scoring {

class IndicatorValueSource : public ValueSource {
 public:
  IndicatorValueSource(std::vector<indicators::IndicatorFigure> figures,
                       std::vector<Subject> subjects, const ValueSource* fallback);

  std::optional<InputValue> Value(const std::string& subject, const Item& item,
                                  ValuePoint point) const override;
  std::vector<Event> Events(const std::string& subject, const std::string& id) const override;

  // True when `subject` owns `figure` (the rule above).
  bool Owns(const Subject& subject, const indicators::IndicatorFigure& figure) const;

 private:
  const Subject* FindSubject(const std::string& id) const;
  std::optional<InputValue> OwnedSummary(const Subject& subject, const std::string& what) const;

  std::vector<indicators::IndicatorFigure> figures_;
  std::vector<Subject> subjects_;
  const ValueSource* fallback_;
};

}  // namespace ecociv::scoring
