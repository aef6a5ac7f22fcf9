// Messages as codes with arguments, for an interface that words them in its
// own language. The readers and the server keep writing their clear English
// sentences (the command line shows them, the store keeps them); a table of
// the sentences they write, each a code and an English pattern with {name}
// places, gives back the code and the arguments of a sentence.
//
// A pattern matches a whole sentence; a place matches any text (the shortest
// that lets the rest of the pattern match). Patterns are tried in table order,
// so a specific one comes before a general one of the same beginning. The web
// test (web/tests/i18n.test.mjs) reads the tables' source files and checks
// that every code has its words in both languages, using no place the pattern
// lacks.
//
// Thread safety: a MessageCodes is immutable once built; Match is const.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ecociv {

// The longest sentence matched; a longer one has no code.
inline constexpr size_t kMaxMatchedBytes = 1000;

struct MessagePattern {
  const char* code;
  const char* english;  // "bad number {value} in field {field}"
};

// A sentence's code and its arguments (in the order of the pattern's places).
struct CodedMessage {
  std::string code;
  std::vector<std::pair<std::string, std::string>> args;
};

class MessageCodes {
 public:
  explicit MessageCodes(const std::vector<MessagePattern>& patterns);
  // The first pattern matching the whole of `sentence`, or nothing.
  std::optional<CodedMessage> Match(std::string_view sentence) const;
  const std::vector<MessagePattern>& patterns() const { return patterns_; }

 private:
  struct Compiled {
    std::regex regex;
    std::vector<std::string> places;
  };
  std::vector<MessagePattern> patterns_;
  std::vector<Compiled> compiled_;
};

// A rejected row as an interface shows it: where ("air.csv" or
// "book.xlsx[Sheet1]"), the line (0 when the reason names none), and the
// reason as a code and arguments; code "other" with the argument "text" for a
// sentence no pattern knows.
struct RowProblem {
  std::string where;
  int64_t line = 0;
  CodedMessage reason;
};

// The sentences of the readers the imports use (air, stations, water
// sections and samples, the demonstration-zone tables, indicator values).
const MessageCodes& RowProblemCodes();

// "where:line: reason" or "where: reason" (a reject, or a reader's error)
// as a RowProblem.
RowProblem RowProblemOf(std::string_view reject);

}  // namespace ecociv
