#include "ecociv/core/message_codes.h"

#include <cctype>

namespace ecociv {

MessageCodes::MessageCodes(const std::vector<MessagePattern>& patterns) : patterns_(patterns) {
  for (const MessagePattern& p : patterns_) {
    // The literal text escaped, every {name} a lazy group, the whole anchored.
    Compiled c;
    std::string re = "^";
    for (std::string_view text = p.english; !text.empty();) {
      if (text[0] == '{') {
        size_t close = text.find('}');
        c.places.emplace_back(text.substr(1, close - 1));
        re += "([\\s\\S]+?)";
        text.remove_prefix(close + 1);
        continue;
      }
      const unsigned char ch = static_cast<unsigned char>(text[0]);
      if (ch < 0x80 && !std::isalnum(ch) && ch != ' ' && ch != '_') re += '\\';
      re += text[0];
      text.remove_prefix(1);
    }
    re += "$";
    c.regex = std::regex(re, std::regex::ECMAScript | std::regex::optimize);
    compiled_.push_back(std::move(c));
  }
}

std::optional<CodedMessage> MessageCodes::Match(std::string_view sentence) const {
  // The readers and the server quote at most kMaxQuotedBytes of an input, so
  // a known sentence is short; a long one is not matched (std::regex recurses
  // per character).
  if (sentence.size() > kMaxMatchedBytes) return std::nullopt;
  const std::string text(sentence);
  std::smatch m;
  for (size_t i = 0; i < compiled_.size(); ++i) {
    if (!std::regex_match(text, m, compiled_[i].regex)) continue;
    CodedMessage coded;
    coded.code = patterns_[i].code;
    for (size_t k = 0; k < compiled_[i].places.size(); ++k) {
      coded.args.emplace_back(compiled_[i].places[k], m[k + 1].str());
    }
    return coded;
  }
  return std::nullopt;
}

RowProblem RowProblemOf(std::string_view reject) {
  RowProblem problem;
  std::string_view reason = reject;
  // "where:line: reason": the first ":digits: " (a file name holds no ':' on
  // Windows, and a sheet label keeps its name in brackets).
  for (size_t at = reject.find(':'); at != std::string_view::npos; at = reject.find(':', at + 1)) {
    size_t end = at + 1;
    int64_t line = 0;
    while (end < reject.size() && end - at <= 12 && reject[end] >= '0' && reject[end] <= '9') {
      line = line * 10 + (reject[end] - '0');
      ++end;
    }
    if (end > at + 1 && reject.substr(end, 2) == ": ") {
      problem.where = std::string(reject.substr(0, at));
      problem.line = line;
      reason = reject.substr(end + 2);
      break;
    }
  }
  if (problem.line == 0) {
    // "where: reason" when the start names a file (it ends in a known file
    // ending, or a sheet in brackets) and the rest is a known sentence.
    size_t colon = reject.find(": ");
    if (colon != std::string_view::npos && RowProblemCodes().Match(reject.substr(colon + 2))) {
      problem.where = std::string(reject.substr(0, colon));
      reason = reject.substr(colon + 2);
    }
  }
  if (auto coded = RowProblemCodes().Match(reason)) {
    problem.reason = std::move(*coded);
  } else {
    problem.reason.code = "other";
    problem.reason.args = {{"text", std::string(reason)}};
  }
  return problem;
}

}  // namespace ecociv
