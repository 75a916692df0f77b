#pragma once
// JSON texts, valid and not, for tests that compare a reader with nlohmann::json::parse:
// fixed pieces that parsers tend to disagree on, and random texts made of them.
#include <bit>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace json_texts {

// Pieces of JSON text, valid and not, that parsers tend to disagree on.
inline const std::vector<std::string> kNumbers = {
    "0", "-0", "-0.0", "-0e1", "-0E1", "-0.0e-0", "-0e-999", std::string(400, '7'), "5", "-5", "01", "-01", "1.", ".5", "+1", "1e", "1E+3", "1.5e-3",
    "2.2250738585072014e-308", "4.9e-324", "1e-400", "-1e-400", "1e308", "1e309", "0.1",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "18446744073709551615", "18446744073709551616",
    "123456789012345678901234567890", "0.30000000000000000000000000001", "1e2", "-", "0x10"};
inline const std::vector<std::string> kStrings = {
    R"("")", R"("plain")", R"("caf\u00e9")", R"("\ud83d\ude00")", R"("\ud800")", R"("\udc00x")",
    R"("\u0000")", R"("a\/b\"c\\d\b\f\n\r\t")", R"("\x")", R"("\u12")", "\"caf\xc3\xa9\"",
    "\"\xf0\x9f\x9a\x80\"", "\"bad \xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"tab\tin\"",
    "\"\x7f\"", R"("2026-12-01T04:12:33.123Z")", R"("UTC-0")"};
inline const std::vector<std::string> kAtoms = {"true", "false", "null", "tru", "nul", "True", "truex"};
inline const std::vector<std::string> kSpaces = {"", " ", "\n", "\t", "\r", "\f", "\v", std::string(1, '\0'),
                                         "\xef\xbb\xbf"};  // NUL, a byte-order mark

class TextMaker {
 public:
  explicit TextMaker(std::uint64_t seed) : rng_(seed) {}

  std::string value(int depth) {
    switch (pick(depth > 3 ? 3 : 5)) {
      case 0: return pick(2) == 0 ? one_of(kNumbers) : number();
      case 1: return one_of(kStrings);
      case 2: return one_of(kAtoms);
      case 3: return container('{', '}', depth);
      default: return container('[', ']', depth);
    }
  }

  // Breaks a text now and then: a byte cut out, doubled or replaced.
  std::string mutated(std::string text) {
    if (pick(4) != 0 || text.empty()) return text;
    std::size_t at = pick(static_cast<int>(text.size()));
    const std::string noise = "{}[],:\"\\-0e. x\x01\xff";
    switch (pick(3)) {
      case 0: text.erase(at, 1); break;
      case 1: text.insert(at, 1, text[at]); break;
      default: text[at] = noise[pick(static_cast<int>(noise.size()))];
    }
    return text;
  }

 private:
  std::string container(char open, char close, int depth) {
    std::string out(1, open);
    int n = pick(4);
    for (int i = 0; i < n; ++i) {
      if (i > 0) out += ",";
      out += space();
      if (open == '{') out += one_of(kStrings) + space() + ":" + space();  // keys repeat at times
      out += value(depth + 1) + space();
    }
    return out + close + space();
  }
  // Any finite double in its shortest exact form, or with digits cut off or run long.
  std::string number() {
    double d;
    do d = std::bit_cast<double>(std::uniform_int_distribution<std::uint64_t>()(rng_));
    while (!std::isfinite(d));
    char text[64];
    std::snprintf(text, sizeof text, "%.*g", 1 + pick(25), d);
    return text;
  }
  std::string space() { return pick(3) == 0 ? one_of(kSpaces) : ""; }
  const std::string& one_of(const std::vector<std::string>& v) { return v[pick(static_cast<int>(v.size()))]; }
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::mt19937_64 rng_;
};

}  // namespace json_texts
