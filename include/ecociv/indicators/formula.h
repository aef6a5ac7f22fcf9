// Formula: the small, safe expression language of derived indicators —
// numbers, indicator ids, + - * /, unary minus and parentheses, evaluated in
// exact rational arithmetic. No functions, no variables other than ids, no
// side effects. Division by zero is an error naming the operand.
//
// Thread safety: a parsed Formula is immutable and may be evaluated from many
// threads at once.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ecociv/core/exact.h"
#include "ecociv/core/status.h"

namespace ecociv::indicators {

class Formula {
 public:
  struct Node;
  // Parses `text`. Errors: InvalidArgument "formula 'text': reason at column N".
  static StatusOr<Formula> Parse(const std::string& text);

  // The ids referred to, in order of first appearance.
  const std::vector<std::string>& ids() const { return ids_; }
  const std::string& text() const { return text_; }

  // Evaluates with `lookup` giving each id's value (or an error, e.g. no data).
  // A result or intermediate value too large for exact arithmetic is an
  // InvalidArgument error naming the formula.
  StatusOr<Ratio> Evaluate(const std::function<StatusOr<Ratio>(const std::string&)>& lookup) const;

 private:
  std::string text_;
  std::vector<std::string> ids_;
  std::shared_ptr<const Node> root_;
};

}  // namespace ecociv::indicators
