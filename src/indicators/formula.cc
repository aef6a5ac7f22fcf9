#include "ecociv/indicators/formula.h"

#include <cctype>

#include "ecociv/core/message_text.h"
#include "ecociv/indicators/catalogue.h"

namespace ecociv::indicators {

struct Formula::Node {
  char op = 0;  // 0: number, 'i': id, 'n': negate, '+', '-', '*', '/'
  Ratio number;
  std::string id;
  std::shared_ptr<const Node> left, right;
};

namespace {

using NodePtr = std::shared_ptr<const Formula::Node>;

// Recursive-descent parser: expr := term (('+'|'-') term)*;
// term := unary (('*'|'/') unary)*; unary := '-' unary | primary;
// primary := number | id | '(' expr ')'.
class Parser {
 public:
  explicit Parser(const std::string& text) : text_(text) {}

  StatusOr<NodePtr> ParseAll(std::vector<std::string>* ids) {
    ids_ = ids;
    auto node = Expr(0);
    if (!node.ok()) return node;
    SkipSpaces();
    if (pos_ < text_.size()) return Error("unexpected '" + std::string(1, text_[pos_]) + "'");
    return node;
  }

 private:
  static constexpr int kMaxDepth = 64;

  Status Error(const std::string& reason) const {
    return InvalidArgumentError("formula " + QuoteForMessage(text_) + ": " + reason +
                                " at column " + std::to_string(pos_ + 1));
  }
  void SkipSpaces() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  bool Accept(char c) {
    SkipSpaces();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  static NodePtr Binary(char op, NodePtr left, NodePtr right) {
    auto node = std::make_shared<Formula::Node>();
    node->op = op;
    node->left = std::move(left);
    node->right = std::move(right);
    return node;
  }

  StatusOr<NodePtr> Expr(int depth) {
    if (depth > kMaxDepth) return Error("nested too deeply");
    ECOCIV_ASSIGN_OR_RETURN(NodePtr left, Term(depth));
    for (;;) {
      char op = Accept('+') ? '+' : Accept('-') ? '-' : 0;
      if (op == 0) return left;
      ECOCIV_ASSIGN_OR_RETURN(NodePtr right, Term(depth));
      left = Binary(op, left, right);
    }
  }
  StatusOr<NodePtr> Term(int depth) {
    ECOCIV_ASSIGN_OR_RETURN(NodePtr left, Unary(depth));
    for (;;) {
      char op = Accept('*') ? '*' : Accept('/') ? '/' : 0;
      if (op == 0) return left;
      ECOCIV_ASSIGN_OR_RETURN(NodePtr right, Unary(depth));
      left = Binary(op, left, right);
    }
  }
  StatusOr<NodePtr> Unary(int depth) {
    if (Accept('-')) {
      ECOCIV_ASSIGN_OR_RETURN(NodePtr operand, Unary(depth + 1));
      auto node = std::make_shared<Formula::Node>();
      node->op = 'n';
      node->left = operand;
      return NodePtr(node);
    }
    return Primary(depth);
  }
  StatusOr<NodePtr> Primary(int depth) {
    SkipSpaces();
    if (pos_ >= text_.size()) return Error("expression expected");
    if (Accept('(')) {
      ECOCIV_ASSIGN_OR_RETURN(NodePtr inner, Expr(depth + 1));
      if (!Accept(')')) return Error("')' expected");
      return inner;
    }
    char c = text_[pos_];
    size_t start = pos_;
    auto node = std::make_shared<Formula::Node>();
    if (std::isdigit(static_cast<unsigned char>(c))) {
      while (pos_ < text_.size() &&
             (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.')) {
        ++pos_;
      }
      if (!ParseExactDecimal(std::string_view(text_).substr(start, pos_ - start), &node->number)) {
        pos_ = start;
        return Error("bad number");
      }
      return NodePtr(node);
    }
    if (std::islower(static_cast<unsigned char>(c))) {
      while (pos_ < text_.size() &&
             (std::islower(static_cast<unsigned char>(text_[pos_])) ||
              std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
        ++pos_;
      }
      node->op = 'i';
      node->id = text_.substr(start, pos_ - start);
      bool seen = false;
      for (const auto& id : *ids_) seen = seen || id == node->id;
      if (!seen) ids_->push_back(node->id);
      return NodePtr(node);
    }
    return Error("unexpected '" + std::string(1, c) + "'");
  }

  const std::string& text_;
  size_t pos_ = 0;
  std::vector<std::string>* ids_ = nullptr;
};

std::string Describe(const Formula::Node& node) {
  if (node.op == 0) return FormatRatio(node.number, 6);
  if (node.op == 'i') return node.id;
  return "(...)";
}

StatusOr<Ratio> Eval(const Formula::Node& node,
                     const std::function<StatusOr<Ratio>(const std::string&)>& lookup) {
  if (node.op == 0) return node.number;
  if (node.op == 'i') return lookup(node.id);
  ECOCIV_ASSIGN_OR_RETURN(Ratio left, Eval(*node.left, lookup));
  if (node.op == 'n') return Ratio::Integer(0) - left;
  ECOCIV_ASSIGN_OR_RETURN(Ratio right, Eval(*node.right, lookup));
  switch (node.op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    default:
      if (right.num == 0) {
        return FailedPreconditionError("division by zero (" + Describe(*node.right) + " is 0)");
      }
      return left / right;
  }
}

}  // namespace

StatusOr<Formula> Formula::Parse(const std::string& text) {
  Formula formula;
  formula.text_ = text;
  Parser parser(formula.text_);
  ECOCIV_ASSIGN_OR_RETURN(formula.root_, parser.ParseAll(&formula.ids_));
  return formula;
}

StatusOr<Ratio> Formula::Evaluate(
    const std::function<StatusOr<Ratio>(const std::string&)>& lookup) const {
  // Values are bounded when parsed, but a formula may multiply any number of them.
  return WithOverflowCheck("formula " + text_, [&] { return Eval(*root_, lookup); });
}

}  // namespace ecociv::indicators
