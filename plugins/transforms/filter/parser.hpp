#pragma once
// Recursive-descent parser for filter expressions. Grammar, loosest binding first:
//
//   expression := and_expr ( ("or" | "||") and_expr )*
//   and_expr   := not_expr ( ("and" | "&&") not_expr )*
//   not_expr   := ("not" | "!") not_expr | "(" expression ")" | predicate
//   predicate  := value [ compare value | ["not"] "in" list | "contains" value
//                        | "starts_with" value ]
//   compare    := "==" | "!=" | "<" | "<=" | ">" | ">="
//   list       := "[" [ literal ( "," literal )* ] "]"
//   value      := field | literal          field := name ( "." name )*
#include <string_view>

#include "predicate.hpp"

namespace streamweaver::transforms::filter {

// Throws std::invalid_argument naming the `expression` option, the problem and its
// position, then the expression with a caret under the spot:
//   expression: expected a value at position 9: status >=
//     status >=
//              ^
PredicatePtr parse_expression(std::string_view text);

}  // namespace streamweaver::transforms::filter
