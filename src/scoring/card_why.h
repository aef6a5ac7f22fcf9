// Internal to the report cards (card.h): the "why" of each figure on a card,
// in Chinese and English, written from the scheme's rule and the run's
// figures, and the printing of those figures.
#pragma once

#include <string>

#include "ecociv/scoring/card.h"

namespace ecociv::scoring::card_internal {

// Points as published: GB/T 8170 to the scheme's print_decimals.
std::string Points(const Scheme& scheme, const Ratio& points);

// The why of item `item_index` for the subject at `subject_index` of the
// assessment's results.
Why ItemWhy(const Assessment& assessment, size_t subject_index, size_t item_index);

// A deduction applied to `result`.
Why DeductionWhy(const Scheme& scheme, const Adjustment& adjustment);

// A bonus of `result`; `refused` when the quota left the subject without one.
Why BonusWhy(const Assessment& assessment, const SubjectResult& result,
             const Adjustment& adjustment, bool refused);

// A veto triggered by `events` events.
Why VetoWhy(const Scheme& scheme, const Veto& veto, int64_t events);

// Why the subject has its grade (and not a better one).
Why GradeWhy(const Assessment& assessment, const SubjectResult& result, bool ranked);

// The English name of a grade given by its Chinese name ("" when none).
std::string GradeEnglish(const Scheme& scheme, const std::string& grade);

}  // namespace ecociv::scoring::card_internal
