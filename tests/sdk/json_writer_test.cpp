// JsonObjectWriter writes what nlohmann::json::dump() writes for the same object.
#include <streamweaver/json_writer.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <random>

using streamweaver::JsonObjectWriter;
using nlohmann::json;

namespace {

std::string written(const std::function<void(JsonObjectWriter&)>& fill) {
  std::string out = "left over";
  {
    JsonObjectWriter writer(out);
    fill(writer);
  }
  return out;
}

std::string dumped(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

TEST(JsonObjectWriter, WritesEveryKindOfFieldAsNlohmannDoes) {
  auto text = written([](auto& w) {
    w.field("a_string", "plain").field("b_int", -42).field("c_unsigned", 7u).field("d_double", 101.25);
    w.field("e_whole", 3.0).field("f_bool", true).field("g_list", std::vector<std::string>{"x", "y z"});
    w.field("h_nested", json{{"k", {1, 2}}}).field("i_empty", "");
  });
  EXPECT_EQ(text, dumped({{"a_string", "plain"}, {"b_int", -42}, {"c_unsigned", 7u}, {"d_double", 101.25},
                          {"e_whole", 3.0}, {"f_bool", true}, {"g_list", {"x", "y z"}},
                          {"h_nested", {{"k", {1, 2}}}}, {"i_empty", ""}}));
}

TEST(JsonObjectWriter, EscapesAndUnicodeComeOutTheSame) {
  for (std::string s : {std::string("quote \" and \\ backslash"), std::string("tab\tnew\nline\x01"),
                        std::string("caf\xc3\xa9 \xf0\x9f\x9a\x80"), std::string("bad \xff utf-8"),
                        std::string("</script><img src=x onerror=alert(1)>")}) {
    SCOPED_TRACE(s);
    EXPECT_EQ(written([&](auto& w) { w.field("s", s); }), dumped({{"s", s}}));
  }
}

TEST(JsonObjectWriter, NumbersComeOutTheSame) {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> any(-1e6, 1e6);
  std::vector<double> values = {0.0, -0.0, 0.1, 1e21, 1e-7, 123456789012345678.0, 2.5e-300,
                                std::numeric_limits<double>::max(), std::numeric_limits<double>::quiet_NaN(),
                                std::numeric_limits<double>::infinity()};
  for (int i = 0; i < 1000; ++i) values.push_back(std::round(any(rng) * 100) / 100);
  for (double v : values) EXPECT_EQ(written([&](auto& w) { w.field("v", v); }), dumped({{"v", v}})) << v;
  for (std::int64_t v : {std::numeric_limits<std::int64_t>::min(), std::int64_t{0}, std::numeric_limits<std::int64_t>::max()})
    EXPECT_EQ(written([&](auto& w) { w.field("v", v); }), dumped({{"v", v}}));
}

TEST(JsonObjectWriter, AnEmptyObjectIsBraces) { EXPECT_EQ(written([](auto&) {}), "{}"); }

TEST(JsonObjectWriter, ListsOfViewsComeOutAsListsOfStrings) {
  std::vector<std::string> kept = {"maya", "caf\xc3\xa9", "a \"b\""};
  std::vector<std::string_view> views(kept.begin(), kept.end());
  EXPECT_EQ(written([&](auto& w) { w.field("tags", views); }), dumped({{"tags", kept}}));
}

// The escaping serializer is reused from string to string: nothing of one shows in the next.
TEST(JsonObjectWriter, EscapedStringsOneAfterAnotherStayApart) {
  std::vector<std::string> texts = {std::string(600, '\t'), "\xc3\xa9", "bad \xff", "", "\"", "plain"};
  for (const auto& s : texts) {
    SCOPED_TRACE(s.size());
    EXPECT_EQ(written([&](auto& w) { w.field("a", s).field("b", s); }), dumped({{"a", s}, {"b", s}}));
  }
}

// The writer gathers text before appending it: records far longer than what it gathers at
// once, in fields of every length around that size, come out whole and in order.
TEST(JsonObjectWriter, LongRecordsComeOutWhole) {
  json expected = json::object();
  std::vector<std::string> texts;
  for (std::size_t length = 0; length <= 1100; length += 37) texts.push_back(std::string(length, 'a' + length % 26));
  auto text = written([&](auto& w) {
    for (std::size_t i = 0; i < texts.size(); ++i) {
      auto key = "k" + std::to_string(1000 + i);
      w.field(key, texts[i]);
      expected[key] = texts[i];
    }
    w.field("z_list", texts);
  });
  expected["z_list"] = texts;
  EXPECT_EQ(text, dumped(expected));
}

// Strings of UTF-8 pieces, well-formed or not (overlong forms, surrogates, past U+10FFFF, cut
// short, stray continuation bytes), with escapes among them at every offset of an 8-byte
// word: written as nlohmann writes them.
TEST(JsonObjectWriter, AnyBytesComeOutAsNlohmannWritesThem) {
  const std::vector<std::string> pieces = {
      // ASCII, plain and to escape
      "a", " ", "plain text", "0123456", "~", "!", "\"", "\\", "\x1f", "\x7f", "\n", std::string(1, '\0'),
      // well-formed, at the edges of each length
      "\xc3\xa9", "\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xe2\x82\xac", "\xed\x80\x80", "\xee\x80\x80",
      "\xef\xbf\xbf", "\xf0\x90\x80\x80", "\xf0\x9f\x9a\x80", "\xf4\x80\x80\x80", "\xf4\x8f\xbf\xbf",
      // ill-formed
      "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xed\x9f\xbf",
      "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\x80",
      "\xbf", "\xc3", "\xe2\x82", "\xf0\x9f\x9a"};
  std::mt19937_64 rng(3);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1), count(0, 12);
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    for (auto n = count(rng); n > 0; --n) s += pieces[piece(rng)];
    ASSERT_EQ(written([&](auto& w) { w.field("s", s); }), dumped({{"s", s}})) << testing::PrintToString(s);
  }
}
