#pragma once
// The expression language of the filter transform and of the bridge's `where` filters, for
// any plugin to use. Recursive-descent parser. Grammar, loosest binding first:
//
//   expression := and_expr ( ("or" | "||") and_expr )*
//   and_expr   := not_expr ( ("and" | "&&") not_expr )*
//   not_expr   := ("not" | "!") not_expr | "(" expression ")" | predicate
//   predicate  := value [ compare value | ["not"] "in" list | "contains" value
//                        | "starts_with" value ]
//   compare    := "==" | "!=" | "<" | "<=" | ">" | ">="
//   list       := "[" [ literal ( "," literal )* ] "]"
//   value      := field | literal          field := name ( "." name )*
#include <string>
#include <string_view>

#include <streamweaver/expression/predicate.hpp>
#include <streamweaver/expression/syntax_error.hpp>

namespace streamweaver::expression {

// Throws SyntaxError with the problem and its position.
PredicatePtr parse_expression(std::string_view text);

// The problem, its position, then the expression with a caret under the spot:
//   expected a value at position 9: status >=
//     status >=
//              ^
std::string explain(const SyntaxError& error, std::string_view text);

}  // namespace streamweaver::expression
