// Warning texts in two languages. A Message is a code and named arguments;
// its text comes from the templates in config/warning-messages.toml (compiled
// in), Chinese first — the text stored with a warning and sent to the group
// robots — and English for the English interface.
//
// Templates hold {name} placeholders; both languages of a code use the same
// names (checked by messages_test.cc). An argument the template lacks is an
// error caught by the tests, and renders as "{name}" so it is visible. In
// English, an argument `name_en` (when not empty) fills `{name}` instead of
// `name` (a period named in the city's file in both languages).
//
// Thread safety: the catalogue is parsed once, on first use, and read only.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace ecociv::warning {

enum class Language { kZh, kEn };

struct Message {
  std::string code;
  std::vector<std::pair<std::string, std::string>> args;
};

// The text of `message`; an unknown code renders as the code itself.
std::string Render(const Message& message, Language language);
// Several messages joined with "；" (Chinese) or "; " (English).
std::string RenderAll(const std::vector<Message>& messages, Language language);
// The messages as a JSON array text, [{"code": "...", "args": {"name": "value"}}]: what the
// web interface renders in its own language (its i18n holds the same templates, and an
// argument named `item` comes with `item_id`, the item's id, so that the item is named in the
// page's language too).
std::string MessagesJson(const std::vector<Message>& messages);

// Every code in the catalogue with its two templates (for tests and docs).
struct MessageTemplate {
  std::string code, zh, en;
};
const std::vector<MessageTemplate>& MessageCatalogue();

}  // namespace ecociv::warning
