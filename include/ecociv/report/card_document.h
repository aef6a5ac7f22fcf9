// A report card (成绩单) as a formal document: the issuing body in red over a
// red rule, the document number field (文号, empty to fill in by hand when
// not given), the title with the year and the scheme, a results table (the
// unit or the official with post and tenure, the year, total of the full
// points, grade, rank of how many and the change against last year), the
// groups and items with their points in plain Chinese (or English), the
// deductions, bonuses and vetoes in one line each, the date of issue and the
// run it comes from. The scoring details (every item's "why", the rules of
// the deductions and bonuses) go to an appendix on a new page, and so does a
// scheme's status notice (a template's placeholder warning): never across
// the card itself.
//
// A card of a run that is not approved says so under the title (草稿).
//
// Thread safety: pure function of its arguments.
#pragma once

#include "ecociv/report/document.h"
#include "ecociv/report/profile.h"
#include "ecociv/scoring/card.h"

namespace ecociv::report {

// The profile gives the issuer (its "{city}" replaced by `city`, which may be
// empty) unless options.issuer is set.
StatusOr<Document> CardDocument(const scoring::Card& card, const ReportProfile& profile,
                                const DocumentOptions& options, const std::string& city = "");

}  // namespace ecociv::report
