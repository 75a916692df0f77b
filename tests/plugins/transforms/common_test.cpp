// The header-only helpers shared by the transform plugins.
#include <gtest/gtest.h>

#include <streamweaver/field_path.hpp>
#include "common/group_by.hpp"
#include "common/number_field.hpp"
#include "common/sliding_window.hpp"

using nlohmann::json;
using streamweaver::FieldPath;
using streamweaver::transforms::GroupBy;
using streamweaver::transforms::number_at;
using streamweaver::transforms::SlidingWindow;

TEST(FieldPath, FindsNestedFieldsAndArrayElements) {
  const json doc = {{"a", {{"b", {{"c", 1}}}}}, {"list", {10, 20}}, {"s", "x"}};
  EXPECT_EQ(*FieldPath("a.b.c").find(doc), 1);
  EXPECT_EQ(*FieldPath("list.1").find(doc), 20);
  EXPECT_EQ(FieldPath("list.2").find(doc), nullptr);
  EXPECT_EQ(FieldPath("a.x").find(doc), nullptr);
  EXPECT_EQ(FieldPath("s.x").find(doc), nullptr);
  EXPECT_EQ(FieldPath("a.b").leaf(), "b");
  EXPECT_FALSE(FieldPath("").valid());
  EXPECT_FALSE(FieldPath("a..b").valid());
  EXPECT_FALSE(FieldPath("a.").valid());
  EXPECT_TRUE(FieldPath("a.b").valid());
}

TEST(FieldPath, AssignsAndErases) {
  json doc = {{"a", 1}};
  EXPECT_TRUE(FieldPath("x.y").assign(doc, 2));
  EXPECT_EQ(doc["x"]["y"], 2);
  EXPECT_FALSE(FieldPath("a.b").assign(doc, 3));  // `a` is a number
  EXPECT_EQ(doc["a"], 1);
  EXPECT_TRUE(FieldPath("x.y").erase(doc));
  EXPECT_EQ(doc["x"], json::object());
  EXPECT_FALSE(FieldPath("x.y").erase(doc));
  EXPECT_FALSE(FieldPath("a.b").erase(doc));
}

TEST(NumberField, ReadsNumbersAndNumericStrings) {
  const json doc = {{"n", 3}, {"f", 2.5}, {"s", "503"}, {"bad", "50x"}, {"empty", ""}, {"b", true}};
  EXPECT_EQ(number_at(doc, FieldPath("n")), 3.0);
  EXPECT_EQ(number_at(doc, FieldPath("f")), 2.5);
  EXPECT_EQ(number_at(doc, FieldPath("s")), 503.0);
  EXPECT_FALSE(number_at(doc, FieldPath("bad")));
  EXPECT_FALSE(number_at(doc, FieldPath("empty")));
  EXPECT_FALSE(number_at(doc, FieldPath("b")));
  EXPECT_FALSE(number_at(doc, FieldPath("missing")));
}

TEST(GroupBy, UsesTheFieldOrTheRecordKey) {
  streamweaver::Record record{.key = "k",
                              .value = {{"sym", "A"}, {"n", 7}, {"o", json::object()}},
                              .timestamp_ms = 0,
                              .headers = {}};
  EXPECT_EQ(GroupBy("").of(record), "k");
  EXPECT_EQ(GroupBy("").output_name(), "key");
  EXPECT_EQ(GroupBy("sym").of(record), "A");
  EXPECT_EQ(GroupBy("n").of(record), "7");
  EXPECT_FALSE(GroupBy("o").of(record));
  EXPECT_FALSE(GroupBy("missing").of(record));
}

TEST(SlidingWindow, CountWindowKeepsTheLastN) {
  auto window = SlidingWindow<int>::last_records(2);
  std::vector<int> evicted;
  auto note = [&](int gone) { evicted.push_back(gone); };
  for (int i = 1; i <= 4; ++i) window.push(i, i, note);
  EXPECT_EQ(evicted, (std::vector<int>{1, 2}));
  EXPECT_EQ(window.oldest().item, 3);
  EXPECT_EQ(window.newest().item, 4);
  EXPECT_FALSE(window.is_late(-1000));
}

TEST(SlidingWindow, TimeWindowIsHalfOpen) {
  auto window = SlidingWindow<int>::last_ms(100);
  std::vector<int> evicted;
  auto note = [&](int gone) { evicted.push_back(gone); };
  window.push(0, 0, note);
  window.push(50, 1, note);
  window.push(100, 2, note);  // (0, 100]: 0 leaves
  EXPECT_EQ(evicted, (std::vector<int>{0}));
  EXPECT_TRUE(window.is_late(0));
  EXPECT_FALSE(window.is_late(1));
  window.expire(150, note);  // (50, 150]: 1 leaves
  EXPECT_EQ(evicted, (std::vector<int>{0, 1}));
  EXPECT_EQ(window.size(), 1u);
}
