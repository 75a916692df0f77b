// JsonFields reads from a record's JSON text exactly what it reads from the value
// nlohmann::json::parse makes of the same text: the same objects refused, the same numbers
// (bit for bit), the same scalar texts.
#include <streamweaver/json/fields.hpp>

#include <gtest/gtest.h>

#include <bit>
#include <optional>
#include <string>
#include <vector>

#include "json_texts.hpp"

using streamweaver::FieldPath;
using streamweaver::JsonFields;
using streamweaver::Record;
using nlohmann::json;

namespace {

Record as_text(std::string text) {
  Record r;
  r.json = std::move(text);
  return r;
}

Record as_value(const std::string& text) {
  Record r;
  r.value = json::parse(text, nullptr, false);
  return r;
}

std::optional<std::uint64_t> bits(std::optional<double> d) {
  return d ? std::optional(std::bit_cast<std::uint64_t>(*d)) : std::nullopt;
}

// Reads `paths` of `text` both ways and expects the same.
void expect_as_from_value(JsonFields& from_text, JsonFields& from_value, const std::string& text,
                          const std::vector<FieldPath>& paths) {
  auto text_record = as_text(text);
  auto value_record = as_value(text);
  ASSERT_EQ(from_text.read(text_record), from_value.read(value_record)) << text;
  for (const auto& path : paths) {
    EXPECT_EQ(bits(from_text.number(path)), bits(from_value.number(path))) << text << " at " << path.text();
    EXPECT_EQ(from_text.scalar(path), from_value.scalar(path)) << text << " at " << path.text();
  }
}

const std::vector<FieldPath> kPaths = {FieldPath("v"), FieldPath("w"), FieldPath("v.0"),
                                       FieldPath("v.1"), FieldPath("v.a"), FieldPath("plain")};

}  // namespace

TEST(JsonFields, ReadsATradesFields) {
  JsonFields fields;
  auto trade = as_text(R"({"symbol":"AAPL","price":189.37,"quantity":"250","venue":{"id":7},)"
                       R"("tags":["x","y"],"ok":true,"side":null})");
  ASSERT_TRUE(fields.read(trade));
  EXPECT_EQ(fields.number(FieldPath("price")), 189.37);
  EXPECT_EQ(fields.number(FieldPath("quantity")), 250.0);  // a string holding a number
  EXPECT_EQ(fields.number(FieldPath("venue.id")), 7.0);
  EXPECT_EQ(fields.number(FieldPath("symbol")), std::nullopt);
  EXPECT_EQ(fields.scalar(FieldPath("symbol")), "AAPL");
  EXPECT_EQ(fields.scalar(FieldPath("venue.id")), "7");
  EXPECT_EQ(fields.scalar(FieldPath("ok")), "true");
  EXPECT_EQ(fields.scalar(FieldPath("tags.1")), "y");
  EXPECT_EQ(fields.scalar(FieldPath("tags.2")), std::nullopt);
  EXPECT_EQ(fields.scalar(FieldPath("tags")), std::nullopt);   // not a scalar
  EXPECT_EQ(fields.scalar(FieldPath("side")), std::nullopt);   // null
  EXPECT_EQ(fields.scalar(FieldPath("missing")), std::nullopt);
}

TEST(JsonFields, ReadsTheValueWhenARecordHasNoText) {
  JsonFields fields;
  Record r;
  r.value = {{"price", 10.5}, {"symbol", "MSFT"}};
  ASSERT_TRUE(fields.read(r));
  EXPECT_EQ(fields.number(FieldPath("price")), 10.5);
  EXPECT_EQ(fields.scalar(FieldPath("symbol")), "MSFT");
  r.value = json::array({1, 2});
  EXPECT_FALSE(fields.read(r));
  EXPECT_EQ(fields.number(FieldPath("0")), std::nullopt);
}

TEST(JsonFields, RefusesWhatIsNoObject) {
  JsonFields fields;
  for (std::string text : {"[1,2]", "42", "\"x\"", "{", "{\"a\":1}x", "nul", ""}) {
    auto r = as_text(text);
    if (text.empty()) continue;  // an empty text means "read the value", which is null here
    EXPECT_FALSE(fields.read(r)) << text;
    EXPECT_EQ(fields.scalar(FieldPath("a")), std::nullopt) << text;
  }
  auto deep = as_text(R"({"a":)" + std::string(300, '[') + std::string(300, ']') + "}");
  EXPECT_FALSE(fields.read(deep));  // nested deeper than the host's limit
}

TEST(JsonFields, EdgeCasesReadAsFromTheParsedValue) {
  JsonFields from_text, from_value;
  for (const auto& pieces : {json_texts::kNumbers, json_texts::kStrings, json_texts::kAtoms})
    for (const auto& piece : pieces) {
      expect_as_from_value(from_text, from_value, R"({"v":)" + piece + R"(,"plain":1})", kPaths);
      expect_as_from_value(from_text, from_value, R"({"v":[)" + piece + "," + piece + "]}", kPaths);
    }
  // Of equal keys the last counts, in a nested object too; a text nlohmann reads ("-0").
  for (std::string text : {R"({"v":1,"v":2})", R"({"v":{"a":1,"a":"x"}})", R"({"v":-0,"w":"-0"})",
                           R"({"v":"1e3","w":" 5"})", R"({"v":{"0":"key, not index"}})"})
    expect_as_from_value(from_text, from_value, text, kPaths);
}

TEST(JsonFields, RandomTextsReadAsFromTheParsedValue) {
  JsonFields from_text, from_value;  // one of each throughout: buffers are reused
  json_texts::TextMaker maker(20261203);
  for (int i = 0; i < 20000; ++i) {
    auto text = maker.mutated(R"({"v":)" + maker.value(1) + R"(,"w":)" + maker.value(2) + "}");
    expect_as_from_value(from_text, from_value, text, kPaths);
  }
}
