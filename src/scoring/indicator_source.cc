#include "ecociv/scoring/indicator_source.h"

#include "ecociv/core/text_input.h"

namespace ecociv::scoring {
namespace {

// Splits a responsible-unit list on ; ； 、 and , (as typed in catalogues).
std::vector<std::string> OwnerTokens(const std::string& owners) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&]() {
    std::string_view token = TrimSpaces(current);
    if (!token.empty()) out.emplace_back(token);
    current.clear();
  };
  for (size_t i = 0; i < owners.size();) {
    if (owners[i] == ';' || owners[i] == ',') {
      flush();
      ++i;
    } else if (owners.compare(i, 3, "；") == 0 || owners.compare(i, 3, "、") == 0) {
      flush();
      i += 3;
    } else {
      current.push_back(owners[i++]);
    }
  }
  flush();
  return out;
}

}  // namespace

IndicatorValueSource::IndicatorValueSource(std::vector<indicators::IndicatorFigure> figures,
                                           std::vector<Subject> subjects,
                                           const ValueSource* fallback)
    : figures_(std::move(figures)), subjects_(std::move(subjects)), fallback_(fallback) {}

const Subject* IndicatorValueSource::FindSubject(const std::string& id) const {
  for (const Subject& s : subjects_) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

bool IndicatorValueSource::Owns(const Subject& subject,
                                const indicators::IndicatorFigure& figure) const {
  for (const std::string& token : OwnerTokens(figure.owner)) {
    if (token == subject.name || token == subject.id) return true;
    if (subject.kind == "town" && token.rfind("各镇", 0) == 0) return true;
  }
  return false;
}

std::optional<InputValue> IndicatorValueSource::OwnedSummary(const Subject& subject,
                                                             const std::string& what) const {
  int64_t met = 0, judged = 0;
  std::string ids;
  for (const indicators::IndicatorFigure& f : figures_) {
    if (!Owns(subject, f)) continue;
    if (f.verdict != indicators::Verdict::kMet && f.verdict != indicators::Verdict::kNotMet) {
      continue;
    }
    ++judged;
    if (f.verdict == indicators::Verdict::kMet) ++met;
    ids += (ids.empty() ? "" : ",") + f.id;
  }
  if (judged == 0) return std::nullopt;  // owns nothing judged: no data, the scheme decides
  InputValue v;
  if (what == "owned_met_percent") {
    v.value = Ratio::Of(met * 100, judged);
    v.text = FormatRounded(v.value, 2);
  } else {
    v.value = Ratio::Integer(judged - met);
    v.text = std::to_string(judged - met);
  }
  v.note = std::to_string(met) + " of " + std::to_string(judged) + " owned indicators met";
  v.origin = "indicators: " + ids;
  return v;
}

std::optional<InputValue> IndicatorValueSource::Value(const std::string& subject, const Item& item,
                                                      ValuePoint point) const {
  const Subject* s = FindSubject(subject);
  if (s && point == ValuePoint::kYear && !item.indicator.empty()) {
    if (item.indicator == "owned_met_percent" || item.indicator == "owned_not_met_count") {
      return OwnedSummary(*s, item.indicator);
    }
    for (const indicators::IndicatorFigure& f : figures_) {
      if (f.id != item.indicator || !f.value || !Owns(*s, f)) continue;
      InputValue v;
      v.value = *f.value;
      v.text = f.value_text;
      v.note = f.name_zh;
      v.origin = "indicator " + f.id;
      return v;
    }
  }
  return fallback_ ? fallback_->Value(subject, item, point) : std::nullopt;
}

std::vector<Event> IndicatorValueSource::Events(const std::string& subject,
                                                const std::string& id) const {
  return fallback_ ? fallback_->Events(subject, id) : std::vector<Event>();
}

}  // namespace ecociv::scoring
