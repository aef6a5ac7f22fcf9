// Health advice per AQI level (see health_advice.h).
#include "ecociv/air/health_advice.h"

#include <toml++/toml.h>

#include <cstdio>
#include <cstdlib>

#include "ecociv/core/embedded_files.h"

const ecociv::EmbeddedFile* EmbeddedHealthAdvice(size_t* count);

namespace ecociv::air {
namespace {

Status Missing(std::string_view source, int level, const char* key) {
  return InvalidArgumentError(std::string(source) + ": level " + std::to_string(level) + ": " +
                              key + " is missing");
}

StatusOr<HealthAdvice> FromTable(const toml::table& root, std::string_view source) {
  HealthAdvice out;
  out.title_zh = root["edition"]["title_zh"].value_or(std::string());
  out.title_en = root["edition"]["title_en"].value_or(std::string());
  std::array<bool, 6> seen{};
  const toml::array* levels = root["level"].as_array();
  if (!levels) return InvalidArgumentError(std::string(source) + ": no [[level]] tables");
  for (const toml::node& node : *levels) {
    const toml::table* t = node.as_table();
    const int level = t ? (*t)["level"].value_or(0) : 0;
    if (level < 1 || level > 6) {
      return InvalidArgumentError(std::string(source) + ": a [[level]] needs level = 1..6");
    }
    if (seen[level - 1]) {
      return InvalidArgumentError(std::string(source) + ": level " + std::to_string(level) +
                                  " is given twice");
    }
    seen[level - 1] = true;
    LevelAdvice& a = out.levels[level - 1];
    const std::pair<const char*, std::string*> fields[] = {{"effect_zh", &a.effect_zh},
                                                           {"advice_zh", &a.advice_zh},
                                                           {"effect_en", &a.effect_en},
                                                           {"advice_en", &a.advice_en}};
    for (const auto& [key, field] : fields) {
      *field = (*t)[key].value_or(std::string());
      if (field->empty()) return Missing(source, level, key);
    }
  }
  for (int level = 1; level <= 6; ++level) {
    if (!seen[level - 1]) return Missing(source, level, "[[level]]");
  }
  if (const toml::table* groups = root["groups"].as_table()) {
    for (const auto& [pollutant, node] : *groups) {
      const toml::array* pair = node.as_array();
      if (!pair || pair->size() != 2 || !(*pair)[0].is_string() || !(*pair)[1].is_string()) {
        return InvalidArgumentError(std::string(source) + ": groups." +
                                    std::string(pollutant.str()) +
                                    ": expected [\"中文\", \"English\"]");
      }
      out.groups[std::string(pollutant.str())] = {*(*pair)[0].value<std::string>(),
                                                  *(*pair)[1].value<std::string>()};
    }
  }
  return out;
}

}  // namespace

StatusOr<HealthAdvice> ParseHealthAdvice(std::string_view toml_text, std::string_view source) {
  try {
    return FromTable(toml::parse(toml_text, source), source);
  } catch (const toml::parse_error& err) {
    return InvalidArgumentError(std::string(source) + ": line " +
                                std::to_string(err.source().begin.line) + ": " +
                                std::string(err.description()));
  }
}

const HealthAdvice& BuiltInHealthAdvice() {
  static const HealthAdvice advice = [] {
    size_t count = 0;
    const EmbeddedFile* files = EmbeddedHealthAdvice(&count);
    for (size_t i = 0; i < count; ++i) {
      if (std::string_view(files[i].path) != "aqi-health-advice.toml") continue;
      auto parsed = ParseHealthAdvice(std::string_view(files[i].data, files[i].size),
                                      "config/aqi-health-advice.toml");
      if (parsed.ok()) return *std::move(parsed);
      // The file is compiled in and tested; a broken build should say so loudly.
      std::fprintf(stderr, "ecociv: built-in %s\n", parsed.status().message().c_str());
    }
    std::abort();
  }();
  return advice;
}

}  // namespace ecociv::air
