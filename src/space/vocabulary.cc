// The ecological-space vocabulary (see vocabulary.h) from its TOML file.
#include "ecociv/space/vocabulary.h"

#include <toml++/toml.h>

#include <set>

#include "ecociv/core/embedded_files.h"

const ecociv::EmbeddedFile* EmbeddedSpaceVocabulary(size_t* count);

namespace ecociv::space {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Status ReadTerms(const toml::table& root, const char* key, const std::string& source,
                 std::vector<Term>* out) {
  const toml::array* entries = root[key].as_array();
  if (entries == nullptr || entries->empty()) {
    return InvalidArgumentError(source + ": no [[" + key + "]] entries");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < entries->size(); ++i) {
    const toml::table* t = (*entries)[i].as_table();
    std::string where = source + ": [[" + key + "]] " + std::to_string(i + 1);
    if (t == nullptr) return InvalidArgumentError(where + " is not a table");
    Term term;
    term.code = (*t)["code"].value_or(std::string());
    term.zh = (*t)["zh"].value_or(std::string());
    term.en = (*t)["en"].value_or(std::string());
    if (term.code.empty() || term.zh.empty() || term.en.empty()) {
      return InvalidArgumentError(where + ": code, zh and en are required");
    }
    std::set<std::string> names = {term.code, term.zh, term.en};
    for (const std::string& name : names) {
      if (!seen.insert(name).second) {
        return InvalidArgumentError(where + ": " + name + " is named twice");
      }
    }
    term.rank = static_cast<int>((*t)["rank"].value_or(int64_t{0}));
    term.forest = (*t)["forest"].value_or(false);
    term.grass = (*t)["grass"].value_or(false);
    term.green = (*t)["green"].value_or(false);
    out->push_back(std::move(term));
  }
  return Status::Ok();
}

}  // namespace

const Term* Vocabulary::Find(const std::vector<Term>& terms, std::string_view value) {
  value = Trim(value);
  for (const Term& t : terms) {
    if (value == t.code || value == t.zh || value == t.en) return &t;
  }
  return nullptr;
}

StatusOr<Vocabulary> LoadVocabulary(std::string_view toml_text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source);
  } catch (const toml::parse_error& e) {
    return InvalidArgumentError(source + ":" + std::to_string(e.source().begin.line) + ": " +
                                std::string(e.description()));
  }
  Vocabulary v;
  ECOCIV_RETURN_IF_ERROR(ReadTerms(root, "category", source, &v.categories));
  ECOCIV_RETURN_IF_ERROR(ReadTerms(root, "control_level", source, &v.control_levels));
  ECOCIV_RETURN_IF_ERROR(ReadTerms(root, "function", source, &v.functions));
  ECOCIV_RETURN_IF_ERROR(ReadTerms(root, "land_cover", source, &v.land_cover));
  v.area_tolerance_m2 = root["area_tolerance_m2"].value_or(1.0);
  if (!(v.area_tolerance_m2 >= 0 && v.area_tolerance_m2 < 1e6)) {
    return InvalidArgumentError(source + ": area_tolerance_m2 must be in [0, 1e6)");
  }
  return v;
}

StatusOr<Vocabulary> BuiltInVocabulary() {
  size_t count = 0;
  const EmbeddedFile* files = EmbeddedSpaceVocabulary(&count);
  for (size_t i = 0; i < count; ++i) {
    if (std::string_view(files[i].path) == "space-vocabulary.toml") {
      return LoadVocabulary(std::string_view(files[i].data, files[i].size),
                            "config/space-vocabulary.toml");
    }
  }
  return InternalError("config/space-vocabulary.toml is not compiled in");
}

}  // namespace ecociv::space
