// Internal to the scoring demo: the SYNTHETIC subjects, values and events of
// a built-in scheme as CSV rows, drawn deterministically (demo_data.h writes
// them to files, demo_store.h enters them into the store).
#pragma once

#include <string>
#include <vector>

#include "ecociv/scoring/scheme.h"

namespace ecociv::scoring::demo_rows {

struct SubjectRow {
  std::string id, name, kind;
};

// The shared demo units of the scheme's kind (core/demo_units.h), or the one
// official leaving office.
std::vector<SubjectRow> SubjectsFor(const Scheme& scheme);

// `subject,item,value,note` and `subject,item,date,count,note` rows; each
// `variant` draws other figures (0: the files of `scoring demo-data`).
std::string ValuesCsv(const Scheme& scheme, const std::vector<SubjectRow>& subjects, int variant);
std::string EventsCsv(const Scheme& scheme, const std::vector<SubjectRow>& subjects, int year,
                      int variant);

}  // namespace ecociv::scoring::demo_rows
