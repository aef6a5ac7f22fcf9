// The error sentences a page meets most: the checks of a request's fields,
// the steps a workflow refuses in its current state (409), and the things not
// found (404). Specific sentences come before general ones.
#include "error_reasons.h"

namespace ecociv::server {

const MessageCodes& ErrorReasonCodes() {
  // clang-format off
  static const MessageCodes kCodes({
      // Requests (json_fields.cc, api.cc, the routes' own checks).
      {"body_not_object", "the body must be a JSON object"},
      {"body_not_json", "the body is not valid JSON"},
      {"missing_field", "missing field '{field}'"},
      {"field_not_string", "field '{field}' must be a string"},
      {"field_too_long", "field '{field}' is too long"},
      {"field_not_integer", "field '{field}' must be an integer"},
      {"field_out_of_range", "field '{field}' out of range"},
      {"field_not_date", "field '{field}' must be a date YYYY-MM-DD"},
      {"field_not_boolean", "field '{field}' must be true or false"},
      {"field_not_positive", "field '{field}' must be a positive integer"},
      {"field_not_date", "{field} must be a date YYYY-MM-DD"},
      {"field_required", "{field} is required"},
      {"field_invalid", "{field} must be {allowed}"},
      {"to_before_from", "to is before from"},
      {"file_empty", "the file is empty"},
      {"file_too_large", "the file is over 64 MiB"},
      {"upload_name", "file name {name}: a plain name ending in .csv, .xlsx, .gz or .xz"},
      {"password_same", "the new password must differ from the current one"},
      // Workflows refusing a step in the current state (409).
      {"imports_busy", "two imports are running; try again when one has finished"},
      {"warning_state", "warning {id} is {state}; {action} needs {needed}"},
      {"warning_no_plan", "warning {id}: section {section} has no approved plan; a section at risk is closed only against an approved plan (ecociv water plan)"},
      {"warning_changed", "warning {id} was changed outside the program after its last recorded step; nothing recorded (see `ecociv warn verify`)"},
      {"quiet_ended", "quiet period {id} has already ended"},
      // A region's user reaching past its region (region_scope.h, Outside).
      {"outside_region", "{what} lies outside your region {region}"},
      {"plan_step", "the plan of {section} is {state}; {step} needs {needed}"},
      {"plan_no_measure", "the plan of {section} has no measure; add one before submitting it"},
      {"value_engine_review", "value:{year}/{indicator} is an engine value; it needs no review"},
      {"value_state", "value:{year}/{indicator} is {state}; only {states} values can become {to}"},
      {"indicator_not_reported", "indicator {indicator} is {source}; only reported indicators are entered"},
      {"run_review", "run {id} is {state}; only a draft is reviewed"},
      {"run_approve", "run {id} is {state}; only a reviewed run is approved"},
      {"run_correct_approved", "run {id} is {state}: only the approved run is corrected by a new one"},
      {"run_correction", "run {id} is the approved {scheme} {year}; a correction must name it as the run it replaces"},
      {"document_approve", "document {id} is {state}; only a draft is approved"},
      {"document_publish", "document {id} is {state}; only an approved document is published"},
      {"document_correction", "document {id} is the published {kind} {period} ({lang}); a correction must name it as the one it replaces"},
      {"finding_reopen", "finding {id} is {state}; it cannot go back to open (use in_progress)"},
      {"finding_needs_evidence", "finding {id} needs an evidence file of its rectification before it is closed"},
      {"event_withdrawn", "event {id} was already withdrawn"},
      {"admin_self_disable", "an administrator cannot disable its own account"},
      {"last_admin", "cannot {change} '{user}': it is the last enabled administrator (make another administrator first)"},
      // Not found (404).
      {"no_warning", "no warning {id}"},
      {"no_run", "no run {id}"},
      {"no_document", "no document {id}"},
      {"no_event", "no event {id}"},
      {"no_evidence", "no evidence file {id}"},
      {"no_finding", "no finding {id}"},
      {"no_import", "no import {id}"},
      {"no_measure", "no measure {id}"},
      {"no_quiet_period", "no quiet period {id}"},
      {"no_indicator", "no indicator {id} in the active catalogue"},
      {"no_indicator", "no indicator {id}"},
      {"no_project", "no project {id}"},
      {"no_section", "no section {id}"},
      {"no_user", "no such user"},
      {"no_user", "no user '{user}'"},
      {"no_air_data", "no air data in the store"},
      {"no_water_samples", "no water samples in the store"},
  });
  // clang-format on
  return kCodes;
}

}  // namespace ecociv::server
