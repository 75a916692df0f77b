#include <streamweaver/expression/parser.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include <streamweaver/expression/syntax_error.hpp>
#include "tokenizer.hpp"

namespace streamweaver::expression {
namespace {

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  PredicatePtr parse() {
    auto result = expression();
    if (peek().kind != TokenKind::end)
      fail("expected 'and', 'or' or the end, got " + describe(peek()));
    return result;
  }

 private:
  const Token& peek() const { return tokens_[at_]; }
  bool accept(TokenKind kind) {
    if (peek().kind != kind) return false;
    ++at_;
    return true;
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw SyntaxError(what, peek().position);
  }
  void expect(TokenKind kind, const char* what) {
    if (!accept(kind)) fail(std::string("expected ") + what + ", got " + describe(peek()));
  }

  PredicatePtr expression() {
    std::vector<PredicatePtr> terms;
    terms.push_back(and_expr());
    while (accept(TokenKind::or_op)) terms.push_back(and_expr());
    return terms.size() == 1 ? std::move(terms.front()) : make_any_of(std::move(terms));
  }

  PredicatePtr and_expr() {
    std::vector<PredicatePtr> terms;
    terms.push_back(not_expr());
    while (accept(TokenKind::and_op)) terms.push_back(not_expr());
    return terms.size() == 1 ? std::move(terms.front()) : make_all_of(std::move(terms));
  }

  PredicatePtr not_expr() {
    if (accept(TokenKind::not_op)) return make_not(not_expr());
    if (accept(TokenKind::open_paren)) {
      auto inner = expression();
      expect(TokenKind::close_paren, "')'");
      return inner;
    }
    return predicate();
  }

  PredicatePtr predicate() {
    Operand left = value();
    switch (peek().kind) {
      case TokenKind::equal: return compare(std::move(left), Comparison::equal);
      case TokenKind::not_equal: return compare(std::move(left), Comparison::not_equal);
      case TokenKind::less: return compare(std::move(left), Comparison::less);
      case TokenKind::less_equal: return compare(std::move(left), Comparison::less_equal);
      case TokenKind::greater: return compare(std::move(left), Comparison::greater);
      case TokenKind::greater_equal: return compare(std::move(left), Comparison::greater_equal);
      case TokenKind::in_op: ++at_; return make_in_list(std::move(left), list());
      case TokenKind::not_op:  // only as "not in" here
        ++at_;
        expect(TokenKind::in_op, "'in' after 'not'");
        return make_not(make_in_list(std::move(left), list()));
      case TokenKind::contains_op: ++at_; return make_contains(std::move(left), value());
      case TokenKind::starts_with_op: ++at_; return make_starts_with(std::move(left), value());
      default: return make_truthy(std::move(left));
    }
  }

  PredicatePtr compare(Operand left, Comparison op) {
    ++at_;
    return make_comparison(std::move(left), op, value());
  }

  Operand value() {
    const Token& token = peek();
    if (token.kind == TokenKind::field) {
      ++at_;
      return Operand::field(FieldPath(token.text));
    }
    if (token.kind == TokenKind::literal) {
      ++at_;
      return Operand::literal(token.literal);
    }
    fail(token.kind == TokenKind::end ? "expected a value"
                                      : "expected a value, got " + describe(token));
  }

  std::vector<nlohmann::json> list() {
    expect(TokenKind::open_bracket, "'[' after 'in'");
    std::vector<nlohmann::json> items;
    if (accept(TokenKind::close_bracket)) return items;
    do {
      if (peek().kind != TokenKind::literal)
        fail("expected a literal in the list, got " + describe(peek()));
      items.push_back(tokens_[at_++].literal);
    } while (accept(TokenKind::comma));
    expect(TokenKind::close_bracket, "',' or ']'");
    return items;
  }

  std::vector<Token> tokens_;
  std::size_t at_ = 0;
};

}  // namespace

std::string explain(const SyntaxError& error, std::string_view text) {
  // One line per part: tabs and line breaks (multi-line TOML strings) would move the caret.
  std::string shown(text);
  for (char& c : shown)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  // The expression is repeated on a line of its own so the caret stays aligned whatever
  // the host prints in front of the first line.
  return std::string(error.what()) + " at position " +
         std::to_string(error.position()) + ": " + shown + "\n  " + shown + "\n  " +
         std::string(error.position(), ' ') + "^";
}

PredicatePtr parse_expression(std::string_view text) { return Parser(tokenize(text)).parse(); }

}  // namespace streamweaver::expression
