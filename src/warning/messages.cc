// The warning message catalogue (see messages.h).
#include "ecociv/warning/messages.h"

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <cstdio>
#include <string_view>

#include "ecociv/core/embedded_files.h"

const ecociv::EmbeddedFile* EmbeddedWarningMessages(size_t* count);

namespace ecociv::warning {
namespace {

std::vector<MessageTemplate> ParseCatalogue() {
  size_t count = 0;
  const EmbeddedFile* files = EmbeddedWarningMessages(&count);
  std::vector<MessageTemplate> out;
  for (size_t i = 0; i < count; ++i) {
    if (std::string_view(files[i].path) != "warning-messages.toml") continue;
    try {
      toml::table root = toml::parse(std::string_view(files[i].data, files[i].size),
                                     std::string_view("config/warning-messages.toml"));
      if (const toml::table* messages = root["messages"].as_table()) {
        for (const auto& [code, node] : *messages) {
          const toml::table* t = node.as_table();
          if (!t) continue;
          out.push_back({std::string(code.str()), (*t)["zh"].value_or(std::string()),
                         (*t)["en"].value_or(std::string())});
        }
      }
    } catch (const toml::parse_error& err) {
      // The file is compiled in and tested; a broken build should say so loudly.
      std::fprintf(stderr, "ecociv: built-in warning-messages.toml: %s\n",
                   std::string(err.description()).c_str());
    }
  }
  return out;
}

const MessageTemplate* Find(const std::string& code) {
  for (const MessageTemplate& t : MessageCatalogue()) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

// `{name}` is filled with the argument `name`; in English with `name_en` when
// the message has it (a period's English name beside its Chinese one).
std::string Fill(const std::string& pattern, const Message& message, bool english) {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    size_t open = pattern.find('{', i);
    size_t close = open == std::string::npos ? open : pattern.find('}', open);
    if (close == std::string::npos) {
      out += pattern.substr(i);
      break;
    }
    out += pattern.substr(i, open - i);
    std::string name = pattern.substr(open + 1, close - open - 1);
    const std::string* value = nullptr;
    for (const auto& [key, v] : message.args) {
      if (key == name && !value) value = &v;
    }
    for (const auto& [key, v] : message.args) {
      if (english && key == name + "_en" && !v.empty()) value = &v;
    }
    out += value ? *value : "{" + name + "}";
    i = close + 1;
  }
  return out;
}

}  // namespace

const std::vector<MessageTemplate>& MessageCatalogue() {
  static const std::vector<MessageTemplate> catalogue = ParseCatalogue();
  return catalogue;
}

std::string Render(const Message& message, Language language) {
  const MessageTemplate* t = Find(message.code);
  if (!t) return message.code;
  return Fill(language == Language::kZh ? t->zh : t->en, message, language == Language::kEn);
}

std::string RenderAll(const std::vector<Message>& messages, Language language) {
  std::string out;
  for (const Message& m : messages) {
    if (!out.empty()) out += language == Language::kZh ? "；" : "; ";
    out += Render(m, language);
  }
  return out;
}

std::string MessagesJson(const std::vector<Message>& messages) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Message& m : messages) {
    nlohmann::ordered_json args = nlohmann::ordered_json::object();
    for (const auto& [name, value] : m.args) args[name] = value;
    out.push_back({{"code", m.code}, {"args", std::move(args)}});
  }
  return out.dump();
}

}  // namespace ecociv::warning
