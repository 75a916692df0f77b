#pragma once
// Splits a filter expression into tokens, each with its position for error messages.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace streamweaver::expression {

enum class TokenKind {
  field,    // a.b.c
  literal,  // number, 'string', "string", true, false, null
  and_op,   // and, &&
  or_op,    // or, ||
  not_op,   // not, !
  in_op,    // in
  contains_op,
  starts_with_op,
  equal,
  not_equal,
  less,
  less_equal,
  greater,
  greater_equal,
  open_paren,
  close_paren,
  open_bracket,
  close_bracket,
  comma,
  end,
};

struct Token {
  TokenKind kind;
  std::size_t position;              // of the first character
  std::string text;                  // as written, for messages; the field path for `field`
  nlohmann::json literal = nullptr;  // the value of a `literal`
};

// Throws SyntaxError on an unknown character, an unterminated string or a bad number.
// The last token is always `end`, placed just after the last non-blank character.
std::vector<Token> tokenize(std::string_view text);

// How a token reads in messages: '==', "abc" (as written), the end.
std::string describe(const Token& token);

}  // namespace streamweaver::expression
