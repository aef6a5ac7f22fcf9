// The indicators' status as the public sees it on a published page of kind
// "indicators-summary": the readiness table of the latest year with a value
// (the same computation as GET /api/v1/indicators: one source of figures),
// cut to what is fit for the public.
#pragma once

#include "data_service.h"
#include "ecociv/core/status.h"
#include "ecociv/store/database.h"

namespace ecociv::server {

// {year, catalogue, summary: {binding_met, binding_total, reference_met,
// reference_total}, indicators: [{domain, name_zh, name_en, unit, binding,
// value, target, target_base, target_rule, verdict, trend, unverified}]}.
// Only the judged indicators that apply (binding or reference, not
// "not_applicable"); a value only when the verdict rests on it (accepted,
// computed or derived: an entered value still in review is null). No
// owners, review states, inputs, evidence or reasons: those are the
// bureau's working notes.
StatusOr<Json> PublicIndicators(DataService& data, store::Database* db);

}  // namespace ecociv::server
