#include "tokenizer.hpp"

#include <charconv>
#include <utility>

#include <streamweaver/expression/syntax_error.hpp>

namespace streamweaver::expression {
namespace {

bool is_word_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_char(char c) { return is_word_start(c) || is_digit(c); }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    skip_blanks();
    while (at_ < text_.size()) {
      tokens.push_back(next());
      skip_blanks();
    }
    std::size_t end = text_.size();
    while (end > 0 && is_blank(text_[end - 1])) --end;
    tokens.push_back({TokenKind::end, end, ""});
    return tokens;
  }

 private:
  void skip_blanks() {
    while (at_ < text_.size() && is_blank(text_[at_])) ++at_;
  }
  char peek(std::size_t ahead = 0) const {
    return at_ + ahead < text_.size() ? text_[at_ + ahead] : '\0';
  }
  Token symbol(TokenKind kind, std::size_t length) {
    Token token{kind, at_, std::string(text_.substr(at_, length))};
    at_ += length;
    return token;
  }

  Token next() {
    const char c = peek();
    if (is_word_start(c)) return word();
    if (is_digit(c) ||
        ((c == '-' || c == '+' || c == '.') && (is_digit(peek(1)) || peek(1) == '.')))
      return number();
    if (c == '"' || c == '\'') return quoted();
    switch (c) {
      case '(': return symbol(TokenKind::open_paren, 1);
      case ')': return symbol(TokenKind::close_paren, 1);
      case '[': return symbol(TokenKind::open_bracket, 1);
      case ']': return symbol(TokenKind::close_bracket, 1);
      case ',': return symbol(TokenKind::comma, 1);
      case '<':
        return peek(1) == '=' ? symbol(TokenKind::less_equal, 2) : symbol(TokenKind::less, 1);
      case '>':
        return peek(1) == '=' ? symbol(TokenKind::greater_equal, 2) : symbol(TokenKind::greater, 1);
      case '!':
        return peek(1) == '=' ? symbol(TokenKind::not_equal, 2) : symbol(TokenKind::not_op, 1);
      case '=':
        if (peek(1) == '=') return symbol(TokenKind::equal, 2);
        throw SyntaxError("'=' is not an operator, use '=='", at_);
      case '&':
        if (peek(1) == '&') return symbol(TokenKind::and_op, 2);
        throw SyntaxError("'&' is not an operator, use '&&' or 'and'", at_);
      case '|':
        if (peek(1) == '|') return symbol(TokenKind::or_op, 2);
        throw SyntaxError("'|' is not an operator, use '||' or 'or'", at_);
      default: throw SyntaxError(std::string("unexpected character '") + c + "'", at_);
    }
  }

  // A keyword, a word literal, or a field path: segments joined by dots; segments after
  // the first may be array indexes ("tags.0").
  Token word() {
    const std::size_t start = at_;
    while (is_word_char(peek())) ++at_;
    while (peek() == '.' && is_word_char(peek(1))) {
      ++at_;
      while (is_word_char(peek())) ++at_;
    }
    if (peek() == '.') throw SyntaxError("expected a field name after '.'", at_ + 1);
    std::string text(text_.substr(start, at_ - start));
    static const std::pair<const char*, TokenKind> kKeywords[] = {
        {"and", TokenKind::and_op},           {"or", TokenKind::or_op},
        {"not", TokenKind::not_op},           {"in", TokenKind::in_op},
        {"contains", TokenKind::contains_op}, {"starts_with", TokenKind::starts_with_op}};
    for (const auto& [keyword, kind] : kKeywords)
      if (text == keyword) return {kind, start, text};
    if (text == "true") return {TokenKind::literal, start, text, true};
    if (text == "false") return {TokenKind::literal, start, text, false};
    if (text == "null") return {TokenKind::literal, start, text, nullptr};
    return {TokenKind::field, start, text};
  }

  Token number() {
    const std::size_t start = at_;
    if (peek() == '-' || peek() == '+') ++at_;
    bool fractional = false;
    while (is_digit(peek()) || peek() == '.' || peek() == 'e' || peek() == 'E' ||
           ((peek() == '-' || peek() == '+') && (text_[at_ - 1] == 'e' || text_[at_ - 1] == 'E'))) {
      fractional = fractional || !is_digit(peek());
      ++at_;
    }
    if (is_word_start(peek())) throw SyntaxError("invalid number", start);
    std::string text(text_.substr(start, at_ - start));
    const char* first = text.data() + (text[0] == '+' ? 1 : 0);
    const char* last = text.data() + text.size();
    Token token{TokenKind::literal, start, text};
    if (!fractional) {  // integers stay exact (ids, counts) as long as they fit
      std::int64_t integer = 0;
      auto [end, error] = std::from_chars(first, last, integer);
      if (error == std::errc{} && end == last) {
        token.literal = integer;
        return token;
      }
    }
    double real = 0;
    auto [end, error] = std::from_chars(first, last, real);
    if (error != std::errc{} || end != last)
      throw SyntaxError("invalid number '" + text + "'", start);
    token.literal = real;
    return token;
  }

  Token quoted() {
    const std::size_t start = at_;
    const char quote = text_[at_++];
    std::string value;
    while (true) {
      if (at_ >= text_.size()) throw SyntaxError("unterminated string", start);
      char c = text_[at_++];
      if (c == quote) break;
      if (c == '\\') {
        if (at_ >= text_.size()) throw SyntaxError("unterminated string", start);
        char escaped = text_[at_++];
        switch (escaped) {
          case 'n': value += '\n'; break;
          case 't': value += '\t'; break;
          case '\\':
          case '"':
          case '\'': value += escaped; break;
          default: throw SyntaxError(std::string("unknown escape '\\") + escaped + "'", at_ - 2);
        }
        continue;
      }
      value += c;
    }
    return {TokenKind::literal, start, std::string(text_.substr(start, at_ - start)), value};
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text) { return Tokenizer(text).run(); }

std::string describe(const Token& token) {
  if (token.kind == TokenKind::end) return "the end";
  if (token.kind == TokenKind::literal && token.literal.is_string()) return token.text;  // quoted
  return "'" + token.text + "'";
}

}  // namespace streamweaver::expression
