#include <gtest/gtest.h>

#include "transform_harness.hpp"

namespace sw = streamweaver;
using nlohmann::json;
using transform_tests::feed;
using transform_tests::make_record;
using transform_tests::refusal;
using transform_tests::tick;

namespace {

const sw::testkit::LoadedPlugin& trending_plugin() {
  return transform_tests::load_once(TRENDING_PLUGIN_PATH);
}

sw::Record post(json hashtags, std::int64_t timestamp_ms) {
  return make_record({{"user", "u"}, {"hashtags", std::move(hashtags)}}, timestamp_ms);
}

json top_of(const std::vector<sw::Record>& emitted) {
  if (emitted.size() != 1) throw std::runtime_error("expected one record");
  return emitted[0].value["top"];
}

json entry(const char* value, int count) { return {{"value", value}, {"count", count}}; }

}  // namespace

TEST(Trending, DescribesItselfWithDefaults) {
  const auto& info = trending_plugin().descriptor().info;
  EXPECT_EQ(info.name, "trending");
  auto transform = trending_plugin().make_transform();
  EXPECT_EQ(transform->timer_interval_ms(), 2000);
}

TEST(Trending, RanksByCountThenValue) {
  auto transform = trending_plugin().make_transform({{"k", 3}});
  auto out = sw::testkit::run(
      *transform, {post({"#ai", "#cpp"}, 1000), post({"#ai"}, 1001), post({"#rust", "#cpp"}, 1002),
                   post({"#ai"}, 1003), post({"#go"}, 1004)});
  EXPECT_TRUE(out.empty());  // only the timer emits

  auto emitted = tick(*transform, 1500);
  ASSERT_EQ(emitted.size(), 1u);
  EXPECT_EQ(emitted[0].key, "hashtags");
  EXPECT_EQ(emitted[0].timestamp_ms, 1500);
  // #go and #rust tie at 1: the alphabetically first wins the last place.
  EXPECT_EQ(emitted[0].value, json({{"field", "hashtags"},
                                    {"window_ms", 60000},
                                    {"top", {entry("#ai", 3), entry("#cpp", 2), entry("#go", 1)}},
                                    {"timestamp", "1970-01-01T00:00:01.500000Z"}}));
}

TEST(Trending, ValuesExpireFromTheWindow) {
  auto transform = trending_plugin().make_transform({{"window_ms", 1000}});
  feed(*transform, post({"#a"}, 1000));
  feed(*transform, post({"#b", "#b"}, 1800));
  EXPECT_EQ(top_of(tick(*transform, 1900)), json({entry("#b", 2), entry("#a", 1)}));
  // (1000, 2000]: #a at 1000 has left.
  EXPECT_EQ(top_of(tick(*transform, 2000)), json({entry("#b", 2)}));
  // Everything gone: one empty list so dashboards clear, then silence.
  EXPECT_EQ(top_of(tick(*transform, 2800)), json::array());
  EXPECT_TRUE(tick(*transform, 3000).empty());
  feed(*transform, post({"#c"}, 3100));
  EXPECT_EQ(top_of(tick(*transform, 3200)), json({entry("#c", 1)}));
}

TEST(Trending, NothingToReportEmitsNothing) {
  auto transform = trending_plugin().make_transform();
  EXPECT_TRUE(tick(*transform, 1000).empty());
}

TEST(Trending, WindowAlsoSlidesWithRecordTime) {
  auto transform = trending_plugin().make_transform({{"window_ms", 1000}});
  feed(*transform, post({"#old"}, 1000));
  feed(*transform, post({"#new"}, 5000));   // pushes #old out without a timer
  feed(*transform, post({"#late"}, 3000));  // older than the window: not counted
  EXPECT_EQ(top_of(tick(*transform, 5000)), json({entry("#new", 1)}));
}

TEST(Trending, CountsScalarAndNestedFields) {
  auto transform = trending_plugin().make_transform({{"field", "meta.lang"}});
  sw::testkit::run(
      *transform,
      {make_record({{"meta", {{"lang", "en"}}}}, 10), make_record({{"meta", {{"lang", "de"}}}}, 11),
       make_record({{"meta", {{"lang", "en"}}}}, 12), make_record({{"text", "no lang"}}, 13)});
  auto emitted = tick(*transform, 100);
  ASSERT_EQ(emitted.size(), 1u);
  EXPECT_EQ(emitted[0].key, "meta.lang");
  EXPECT_EQ(emitted[0].value["top"], json({entry("en", 2), entry("de", 1)}));
}

TEST(Trending, CountsNumbersByTheirTextAndSkipsTheUncountable) {
  auto transform = trending_plugin().make_transform({{"field", "codes"}});
  feed(*transform, make_record({{"codes", {1, 1, 2, nullptr, "", json::object(), true}}}, 10));
  EXPECT_EQ(top_of(tick(*transform, 100)), json({entry("1", 2), entry("2", 1), entry("true", 1)}));
}

TEST(Trending, RefusesBadOptions) {
  EXPECT_EQ(refusal(trending_plugin(), {{"k", 0}}),
            "trending: option 'k' must be at least 1, got 0");
  EXPECT_EQ(refusal(trending_plugin(), {{"window_ms", -5}}),
            "trending: option 'window_ms' must be at least 1, got -5");
  EXPECT_EQ(refusal(trending_plugin(), {{"emit_every_ms", 0}}),
            "trending: option 'emit_every_ms' must be at least 1, got 0");
  EXPECT_EQ(refusal(trending_plugin(), {{"field", "a."}}),
            "trending: option 'field' is not a valid field path");
  EXPECT_EQ(refusal(trending_plugin(), {{"k", 2.5}}), "option 'k' must be an integer, got number");
}
