// JsonReader gives exactly what nlohmann::json::parse gives: the same texts refused, the same
// values, and the same number types (nlohmann keeps 5 unsigned and -5 signed).
#include <streamweaver/json/reader.hpp>

#include <gtest/gtest.h>

#include <bit>
#include <string>

#include "json_texts.hpp"

using streamweaver::JsonReader;
using namespace json_texts;
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
