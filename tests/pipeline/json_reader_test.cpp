// JsonReader gives exactly what nlohmann::json::parse gives: the same texts refused, the same
// values, and the same number types (nlohmann keeps 5 unsigned and -5 signed).
#include "pipeline/json_reader.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

using streamweaver::pipeline::JsonReader;
using nlohmann::json;

namespace {

// Equal in type as well as in value, which json's == does not check (1u == 1, 0.0 == -0.0).
bool same(const json& a, const json& b) {
  if (a.is_discarded() || b.is_discarded()) return a.is_discarded() && b.is_discarded();
  if (a.type() != b.type()) return false;
  if (a.is_number_float())
    return std::bit_cast<std::uint64_t>(a.get<double>()) == std::bit_cast<std::uint64_t>(b.get<double>());
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
      if (i.key() != j.key() || !same(*i, *j)) return false;
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same(a[i], b[i])) return false;
    return true;
  }
  return a == b;
}

constexpr int kMaxDepth = 256;

void expect_as_nlohmann(JsonReader& reader, const std::string& text) {
  auto expected = json::parse(text, nullptr, false);
  auto parsed = reader.parse(text);
  EXPECT_FALSE(parsed.too_deep) << text;
  const auto& got = parsed.value;
  EXPECT_TRUE(same(got, expected)) << "text: " << text << "\nnlohmann: " << expected.dump()
                                   << "\nreader: " << got.dump();
}

// Pieces of JSON text, valid and not, that parsers tend to disagree on.
const std::vector<std::string> kNumbers = {
    "0", "-0", "-0.0", "-0e1", "-0E1", "-0.0e-0", "-0e-999", std::string(400, '7'), "5", "-5", "01", "-01", "1.", ".5", "+1", "1e", "1E+3", "1.5e-3",
    "2.2250738585072014e-308", "4.9e-324", "1e-400", "-1e-400", "1e308", "1e309", "0.1",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "18446744073709551615", "18446744073709551616",
    "123456789012345678901234567890", "0.30000000000000000000000000001", "1e2", "-", "0x10"};
const std::vector<std::string> kStrings = {
    R"("")", R"("plain")", R"("caf\u00e9")", R"("\ud83d\ude00")", R"("\ud800")", R"("\udc00x")",
    R"("\u0000")", R"("a\/b\"c\\d\b\f\n\r\t")", R"("\x")", R"("\u12")", "\"caf\xc3\xa9\"",
    "\"\xf0\x9f\x9a\x80\"", "\"bad \xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"tab\tin\"",
    "\"\x7f\"", R"("2026-12-01T04:12:33.123Z")", R"("UTC-0")"};
const std::vector<std::string> kAtoms = {"true", "false", "null", "tru", "nul", "True", "truex"};
const std::vector<std::string> kSpaces = {"", " ", "\n", "\t", "\r", "\f", "\v", std::string(1, '\0'),
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

}  // namespace

TEST(JsonReader, ReadsARecordAsNlohmannDoes) {
  JsonReader reader(kMaxDepth);
  const std::string trade =
      R"({"trade_id":123456,"symbol":"AAPL","side":"BUY","price":189.37,"quantity":250,)"
      R"("timestamp":"2026-12-01T04:12:33.123Z","tags":["a",{"b":null}],"ok":true,"delta":-0.5})";
  auto value = reader.parse(trade).value;
  ASSERT_TRUE(value.is_object());
  EXPECT_TRUE(value["trade_id"].is_number_unsigned());
  EXPECT_EQ(value["symbol"], "AAPL");
  EXPECT_EQ(value["price"].get<double>(), 189.37);
  expect_as_nlohmann(reader, trade);
}

TEST(JsonReader, EdgeCasesComeOutAsNlohmann) {
  JsonReader reader(kMaxDepth);
  for (const auto& pieces : {kNumbers, kStrings, kAtoms}) {
    for (const auto& piece : pieces) {
      expect_as_nlohmann(reader, piece);
      expect_as_nlohmann(reader, R"({"v":)" + piece + "}");
      expect_as_nlohmann(reader, "[" + piece + "," + piece + "]");
    }
  }
  for (std::string text : std::vector<std::string>{"", " ", "{}", "[]", "{} x", "{}}", R"({"a":1,"a":2})", R"({"a":1,})",
                           "[1,]", std::string("{}\0", 3), R"({"a":-0,"b":"x-0"})", "{\"a\":1}\n"})
    expect_as_nlohmann(reader, text);
}

TEST(JsonReader, RandomTextsComeOutAsNlohmann) {
  JsonReader reader(kMaxDepth);  // one reader throughout: its buffers are reused from text to text
  TextMaker maker(20261201);
  for (int i = 0; i < 20000; ++i) expect_as_nlohmann(reader, maker.mutated(maker.value(0)));
}

TEST(JsonReader, RefusesWhatNestsDeeperThanItsLimitUnparsed) {
  JsonReader reader(kMaxDepth);
  auto nested = [](int depth, const std::string& inner) {
    return std::string(depth - 1, '[') + R"({"a":)" + inner + "}" + std::string(depth - 1, ']');
  };
  for (const std::string inner : {"1", "-0", "tru"}) {  // simdjson's path, nlohmann's, not JSON
    SCOPED_TRACE(inner);
    for (int depth : {kMaxDepth - 1, kMaxDepth}) expect_as_nlohmann(reader, nested(depth, inner));
    auto deeper = reader.parse(nested(kMaxDepth + 1, inner));
    EXPECT_TRUE(deeper.too_deep);
    EXPECT_TRUE(deeper.value.is_discarded());
  }
  // 257 levels with an empty innermost one, which simdjson does not count towards its limit.
  auto empty_innermost = std::string(kMaxDepth, '[') + "[]" + std::string(kMaxDepth, ']');
  EXPECT_TRUE(reader.parse(empty_innermost).too_deep);
  EXPECT_FALSE(reader.parse(R"({"a":"[[[[[[[[[["})").too_deep);  // brackets in strings do not count
  JsonReader shallow(2);
  EXPECT_TRUE(shallow.parse(R"({"a":{"b":[]}})").too_deep);
  EXPECT_FALSE(shallow.parse(R"({"a":{"b":1}})").too_deep);
}

TEST(JsonReader, ReadsTextsOverAMebibyteAsNlohmannDoes) {
  JsonReader reader(kMaxDepth);
  expect_as_nlohmann(reader, R"({"text":")" + std::string(3 << 20, 'x') + R"(","n":-5})");
  std::string numbers = "[";
  for (int i = 0; i < 300000; ++i) numbers += std::to_string(i * 7 - 1000) + ".25,";
  expect_as_nlohmann(reader, numbers + "0]");
  expect_as_nlohmann(reader, R"({"after":"a small one again"})");
}
