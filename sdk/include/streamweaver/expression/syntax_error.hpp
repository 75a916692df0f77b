#pragma once
// A mistake in an expression, at a character position (0-based).
#include <cstddef>
#include <stdexcept>
#include <string>

namespace streamweaver::expression {

class SyntaxError : public std::runtime_error {
 public:
  SyntaxError(std::string what, std::size_t position)
      : std::runtime_error(std::move(what)), position_(position) {}
  std::size_t position() const { return position_; }

 private:
  std::size_t position_;
};

}  // namespace streamweaver::expression
