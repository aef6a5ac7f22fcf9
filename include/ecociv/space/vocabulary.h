// The words of the ecological-space layers: categories (类别), control levels
// (管控级别), dominant functions (主导生态功能) and land-cover classes, read from
// `config/space-vocabulary.toml` (compiled in) or a copy of it. An imported
// attribute must be one of them, written as its code, Chinese or English name.
//
// Thread safety: a Vocabulary is immutable once loaded; BuiltInVocabulary() is
// loaded once and safe to share.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv::space {

struct Term {
  std::string code, zh, en;
  int rank = 0;  // control levels and functions: higher is stricter / more important
  bool forest = false, grass = false, green = false;  // land-cover classes
};

struct Vocabulary {
  std::vector<Term> categories, control_levels, functions, land_cover;
  double area_tolerance_m2 = 1.0;

  // The term whose code, Chinese or English name is `value` (trimmed), or null.
  static const Term* Find(const std::vector<Term>& terms, std::string_view value);
};

// Parses a vocabulary file; errors name `source` and the entry.
StatusOr<Vocabulary> LoadVocabulary(std::string_view toml_text, const std::string& source);

// The compiled-in `config/space-vocabulary.toml` (checked by the tests).
StatusOr<Vocabulary> BuiltInVocabulary();

}  // namespace ecociv::space
