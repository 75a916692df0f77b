#include <gtest/gtest.h>

#include "transform_harness.hpp"

namespace sw = streamweaver;
using nlohmann::json;
using transform_tests::Counters;
using transform_tests::counters_of;
using transform_tests::feed;
using transform_tests::make_record;
using transform_tests::refusal;
using transform_tests::tick;

namespace {

const sw::testkit::LoadedPlugin& aggregate_plugin() {
  return transform_tests::load_once(WINDOW_AGGREGATE_PLUGIN_PATH);
}

sw::Record trade(const std::string& symbol, double price, double quantity,
                 std::int64_t timestamp_ms = 1'700'000'000'000) {
  return make_record({{"symbol", symbol}, {"price", price}, {"quantity", quantity}}, timestamp_ms);
}

// Feeds the records and returns everything emitted.
std::vector<sw::Record> run(sw::Transform& transform, std::vector<sw::Record> records) {
  return sw::testkit::run(transform, std::move(records));
}

}  // namespace

TEST(WindowAggregate, DescribesItself) {
  const auto& info = aggregate_plugin().descriptor().info;
  EXPECT_EQ(info.name, "window_aggregate");
  EXPECT_EQ(aggregate_plugin().descriptor().kind, sw::PluginKind::transform);
  std::vector<std::string> names;
  for (const auto& option : info.options) {
    names.push_back(option.name);
    EXPECT_FALSE(option.description.empty()) << option.name;
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{"by", "window", "window_ms", "emit_every", "emit_every_ms",
                                      "metrics", "value_field", "price_field", "quantity_field",
                                      "max_keys", "idle_key_timeout_ms"}));
}

TEST(WindowAggregate, ComputesEveryMetricOverACountWindow) {
  auto transform = aggregate_plugin().make_transform(
      {{"by", "symbol"},
       {"window", 3},
       {"emit_every", 3},
       {"metrics",
        {"vwap", "mean", "min", "max", "first", "last", "change_pct", "count", "volume"}}});
  auto out = run(*transform, {trade("AAPL", 100, 10, 1'700'000'000'000),
                              trade("AAPL", 102, 20, 1'700'000'000'500),
                              trade("AAPL", 101, 30, 1'700'000'001'000)});
  ASSERT_EQ(out.size(), 1u);
  const auto& v = out[0].value;
  EXPECT_EQ(out[0].key, "AAPL");
  EXPECT_EQ(out[0].timestamp_ms, 1'700'000'001'000);
  EXPECT_EQ(v["symbol"], "AAPL");
  EXPECT_EQ(v["window"], 3);
  // vwap = (100*10 + 102*20 + 101*30) / (10+20+30) = 6070 / 60
  EXPECT_DOUBLE_EQ(v["vwap"].get<double>(), 6070.0 / 60.0);
  EXPECT_DOUBLE_EQ(v["mean"].get<double>(), 101.0);
  EXPECT_DOUBLE_EQ(v["min"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(v["max"].get<double>(), 102.0);
  EXPECT_DOUBLE_EQ(v["first"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(v["last"].get<double>(), 101.0);
  EXPECT_DOUBLE_EQ(v["change_pct"].get<double>(), 1.0);
  EXPECT_EQ(v["count"], 3);
  EXPECT_DOUBLE_EQ(v["volume"].get<double>(), 60.0);
  EXPECT_EQ(v["timestamp"], "2023-11-14T22:13:21.000000Z");
}

TEST(WindowAggregate, DefaultMetricsAreTheTradingSet) {
  auto transform = aggregate_plugin().make_transform({{"by", "symbol"}});
  auto out = feed(*transform, trade("MSFT", 50, 2));
  ASSERT_EQ(out.size(), 1u);  // emit_every defaults to 1
  std::vector<std::string> keys;
  for (const auto& [key, value] : out[0].value.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"change_pct", "count", "max", "mean", "min", "symbol",
                                            "timestamp", "volume", "vwap", "window"}));
  EXPECT_EQ(out[0].value["window"], 20);
}

TEST(WindowAggregate, CountWindowEvictsTheOldest) {
  auto transform = aggregate_plugin().make_transform(
      {{"by", "symbol"},
       {"window", 2},
       {"metrics", {"mean", "first", "last", "count", "change_pct", "vwap", "volume"}}});
  auto out = run(*transform, {trade("X", 10, 1), trade("X", 20, 2), trade("X", 30, 3)});
  ASSERT_EQ(out.size(), 3u);
  const auto& last = out[2].value;
  EXPECT_DOUBLE_EQ(last["mean"].get<double>(), 25.0);
  EXPECT_DOUBLE_EQ(last["first"].get<double>(), 20.0);
  EXPECT_DOUBLE_EQ(last["last"].get<double>(), 30.0);
  EXPECT_EQ(last["count"], 2);
  EXPECT_DOUBLE_EQ(last["change_pct"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(last["vwap"].get<double>(), (20.0 * 2 + 30.0 * 3) / 5.0);
  EXPECT_DOUBLE_EQ(last["volume"].get<double>(), 5.0);
}

TEST(WindowAggregate, MinAndMaxFollowEviction) {
  auto transform = aggregate_plugin().make_transform(
      {{"by", "symbol"}, {"window", 2}, {"metrics", {"min", "max"}}});
  auto out = run(*transform, {trade("X", 5, 1), trade("X", 1, 1), trade("X", 9, 1),
                              trade("X", 3, 1), trade("X", 3, 1), trade("X", 4, 1)});
  std::vector<std::pair<double, double>> seen;
  for (const auto& record : out)
    seen.emplace_back(record.value["min"].get<double>(), record.value["max"].get<double>());
  EXPECT_EQ(seen, (std::vector<std::pair<double, double>>{
                      {5, 5}, {1, 5}, {1, 9}, {3, 9}, {3, 3}, {3, 4}}));
}

TEST(WindowAggregate, TimeWindowKeepsTheLastWindowMsOfEventTime) {
  auto transform = aggregate_plugin().make_transform(
      {{"by", "symbol"}, {"window_ms", 1000}, {"metrics", {"mean", "count", "first"}}});
  auto out =
      run(*transform, {trade("X", 10, 1, 1000), trade("X", 20, 1, 1500), trade("X", 30, 1, 2000)});
  ASSERT_EQ(out.size(), 3u);
  // (1000, 2000]: the record at exactly 1000 has left.
  EXPECT_EQ(out[2].value["count"], 2);
  EXPECT_DOUBLE_EQ(out[2].value["mean"].get<double>(), 25.0);
  EXPECT_DOUBLE_EQ(out[2].value["first"].get<double>(), 20.0);
  EXPECT_EQ(out[2].value["window_ms"], 1000);
  EXPECT_FALSE(out[2].value.contains("window"));

  out = feed(*transform, trade("X", 40, 1, 3600));  // everything before 2600 leaves
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value["count"], 1);
  EXPECT_DOUBLE_EQ(out[0].value["mean"].get<double>(), 40.0);
}

TEST(WindowAggregate, RecordOlderThanTheWindowIsSkipped) {
  auto transform = aggregate_plugin().make_transform(
      {{"by", "symbol"}, {"window_ms", 1000}, {"metrics", {"count", "mean"}}});
  run(*transform, {trade("X", 10, 1, 5000)});
  EXPECT_TRUE(feed(*transform, trade("X", 99, 1, 4000)).empty());
  auto out = feed(*transform, trade("X", 20, 1, 5100));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value["count"], 2);
  EXPECT_DOUBLE_EQ(out[0].value["mean"].get<double>(), 15.0);
}

TEST(WindowAggregate, EmitsEveryNRecordsPerGroup) {
  auto transform = aggregate_plugin().make_transform(
      {{"by", "symbol"}, {"window", 5}, {"emit_every", 3}, {"metrics", {"count"}}});
  std::vector<sw::Record> in;
  for (int i = 0; i < 7; ++i) in.push_back(trade(i % 2 == 0 ? "A" : "B", 1, 1));
  // A gets records 0,2,4,6 (emits at its 3rd); B gets 1,3,5 (emits at its 3rd).
  auto out = run(*transform, std::move(in));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].key, "A");
  EXPECT_EQ(out[0].value["count"], 3);
  EXPECT_EQ(out[1].key, "B");
  EXPECT_EQ(out[1].value["count"], 3);

  std::vector<sw::Record> more;
  for (int i = 0; i < 5; ++i) more.push_back(trade("A", 1, 1));
  out = run(*transform, std::move(more));  // A's 5th..9th: emits at its 6th and 9th
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].value["count"], 5);
}

TEST(WindowAggregate, TimerEmitsChangedGroupsInKeyOrder) {
  auto transform = aggregate_plugin().make_transform(
      {{"by", "symbol"}, {"window", 10}, {"emit_every_ms", 500}, {"metrics", {"count", "last"}}});
  EXPECT_EQ(transform->timer_interval_ms(), 500);
  auto out = run(*transform, {trade("MSFT", 1, 1), trade("AAPL", 2, 1), trade("MSFT", 3, 1)});
  EXPECT_TRUE(out.empty());

  out = tick(*transform, 1'700'000'000'500);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].key, "AAPL");
  EXPECT_EQ(out[1].key, "MSFT");
  EXPECT_EQ(out[1].value["count"], 2);
  EXPECT_DOUBLE_EQ(out[1].value["last"].get<double>(), 3.0);

  EXPECT_TRUE(tick(*transform, 1'700'000'001'000).empty());  // nothing new
  feed(*transform, trade("MSFT", 4, 1));
  out = tick(*transform, 1'700'000'001'500);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].key, "MSFT");
}

TEST(WindowAggregate, CountEmissionHasNoTimer) {
  auto transform = aggregate_plugin().make_transform({{"by", "symbol"}});
  EXPECT_EQ(transform->timer_interval_ms(), 0);
}

TEST(WindowAggregate, GroupsByRecordKeyWhenByIsUnset) {
  auto transform = aggregate_plugin().make_transform({{"metrics", {"count"}}});
  auto out = feed(*transform, make_record({{"price", 1}}, 0, "sensor-7"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].key, "sensor-7");
  EXPECT_EQ(out[0].value["key"], "sensor-7");
  EXPECT_GT(out[0].timestamp_ms, 0);  // no event time: processing time
}

TEST(WindowAggregate, NestedFieldsNameTheOutputAfterTheLastSegment) {
  auto transform = aggregate_plugin().make_transform(
      {{"by", "trade.symbol"}, {"value_field", "trade.px"}, {"metrics", {"mean"}}});
  auto out = feed(*transform, make_record({{"trade", {{"symbol", "TSLA"}, {"px", 245.5}}}}, 1));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value["symbol"], "TSLA");
  EXPECT_DOUBLE_EQ(out[0].value["mean"].get<double>(), 245.5);
}

TEST(WindowAggregate, SeparateValueAndPriceFields) {
  auto transform = aggregate_plugin().make_transform({{"by", "symbol"},
                                                      {"value_field", "bid"},
                                                      {"price_field", "px"},
                                                      {"quantity_field", "qty"},
                                                      {"metrics", {"vwap", "mean"}}});
  auto out =
      run(*transform, {make_record({{"symbol", "A"}, {"bid", 1}, {"px", 10}, {"qty", 1}}, 1),
                       make_record({{"symbol", "A"}, {"bid", 3}, {"px", 20}, {"qty", 3}}, 2)});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_DOUBLE_EQ(out[1].value["mean"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(out[1].value["vwap"].get<double>(), 70.0 / 4.0);
}

TEST(WindowAggregate, UndefinedRatiosAreNull) {
  auto transform =
      aggregate_plugin().make_transform({{"by", "symbol"}, {"metrics", {"vwap", "change_pct"}}});
  auto out = run(*transform, {trade("Z", 0, 0), trade("Z", 5, 0)});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(out[1].value["vwap"].is_null());        // zero volume
  EXPECT_TRUE(out[1].value["change_pct"].is_null());  // first price 0
}

TEST(WindowAggregate, AcceptsNumericStrings) {
  auto transform = aggregate_plugin().make_transform({{"by", "symbol"}, {"metrics", {"vwap"}}});
  auto out =
      feed(*transform, make_record({{"symbol", "A"}, {"price", "101.5"}, {"quantity", "2"}}, 1));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_DOUBLE_EQ(out[0].value["vwap"].get<double>(), 101.5);
}

TEST(WindowAggregate, QuantityIsOnlyNeededForVwapAndVolume) {
  auto transform = aggregate_plugin().make_transform({{"by", "symbol"}, {"metrics", {"mean"}}});
  EXPECT_EQ(feed(*transform, make_record({{"symbol", "A"}, {"price", 3}}, 1)).size(), 1u);
}

TEST(WindowAggregate, RejectsRecordsItCannotAggregate) {
  auto transform = aggregate_plugin().make_transform({{"by", "symbol"}});
  sw::testkit::CapturingEmitter out;
  auto status = transform->process(make_record({{"symbol", "A"}, {"quantity", 1}}), out);
  EXPECT_EQ(status.code(), sw::Status::Code::rejected);
  EXPECT_EQ(status.message(), "field 'price' is missing or not a number");

  status = transform->process(make_record({{"symbol", "A"}, {"price", 1}}), out);
  EXPECT_EQ(status.message(), "field 'quantity' is missing or not a number");

  status = transform->process(make_record({{"price", 1}, {"quantity", 1}}), out);
  EXPECT_EQ(status.code(), sw::Status::Code::rejected);
  EXPECT_EQ(status.message(), "field 'symbol' is missing or not a scalar");
  EXPECT_TRUE(out.records.empty());
}

TEST(WindowAggregate, LongRunsStayAccurate) {
  // Many evictions of fractional prices: the running sums must not drift.
  auto transform = aggregate_plugin().make_transform(
      {{"by", "symbol"}, {"window", 3}, {"emit_every", 5000}, {"metrics", {"mean", "vwap"}}});
  std::vector<sw::Record> in;
  for (int i = 0; i < 5000; ++i) in.push_back(trade("A", 1e6 + i * 0.1, 1 + i % 7));
  auto out = run(*transform, std::move(in));
  ASSERT_EQ(out.size(), 1u);
  const double p[3] = {1e6 + 4997 * 0.1, 1e6 + 4998 * 0.1, 1e6 + 4999 * 0.1};
  const double q[3] = {1 + 4997 % 7, 1 + 4998 % 7, 1 + 4999 % 7};
  EXPECT_NEAR(out[0].value["mean"].get<double>(), (p[0] + p[1] + p[2]) / 3, 1e-6);
  EXPECT_NEAR(out[0].value["vwap"].get<double>(),
              (p[0] * q[0] + p[1] * q[1] + p[2] * q[2]) / (q[0] + q[1] + q[2]), 1e-6);
}

TEST(WindowAggregate, RefusesBadOptions) {
  EXPECT_EQ(refusal(aggregate_plugin(), {{"window", 0}}),
            "window_aggregate: option 'window' must be at least 1, got 0");
  EXPECT_EQ(refusal(aggregate_plugin(), {{"window_ms", -5}}),
            "window_aggregate: option 'window_ms' must be at least 1, got -5");
  EXPECT_EQ(refusal(aggregate_plugin(), {{"window", 5}, {"window_ms", 100}}),
            "window_aggregate: option 'window' and 'window_ms' exclude each other: pick a count "
            "or a time window");
  EXPECT_EQ(refusal(aggregate_plugin(), {{"emit_every", 5}, {"emit_every_ms", 100}}),
            "window_aggregate: option 'emit_every' and 'emit_every_ms' exclude each other");
  EXPECT_EQ(refusal(aggregate_plugin(), {{"metrics", {"vwap", "median"}}}),
            "window_aggregate: option 'metrics': unknown metric 'median' (known: vwap, mean, min, "
            "max, first, last, change_pct, count, volume)");
  EXPECT_EQ(refusal(aggregate_plugin(), {{"metrics", json::array()}}),
            "window_aggregate: option 'metrics' must name at least one metric");
  EXPECT_EQ(refusal(aggregate_plugin(), {{"by", "a..b"}}),
            "window_aggregate: option 'by' is not a valid field path");
  EXPECT_EQ(refusal(aggregate_plugin(), {{"window", "20"}}),
            "option 'window' must be an integer, got string");
  EXPECT_EQ(refusal(aggregate_plugin(), {{"windw", 20}}), "unknown option 'windw'");
}

TEST(WindowAggregate, KeyLimitsHaveDefaults) {
  EXPECT_EQ(transform_tests::declared_default(aggregate_plugin(), "max_keys"), 100000);
  EXPECT_EQ(transform_tests::declared_default(aggregate_plugin(), "idle_key_timeout_ms"), 900000);
  auto transform = aggregate_plugin().make_transform();
  EXPECT_EQ(counters_of(*transform),
            (Counters{{"keys", 0}, {"evicted_idle_keys", 0}, {"evicted_over_limit_keys", 0}}));
}

TEST(WindowAggregate, EvictionBoundsAMillionDistinctKeys) {
  // 999,999 keys seen once and one seen throughout: 1,000,000 distinct keys, of which the
  // 1,000 most recently used stay. The live key comes back after every 500 others, so it is
  // never the least recently used and keeps its window.
  constexpr std::int64_t kAt = 1'700'000'000'000;  // one instant: no key is ever idle
  auto transform = aggregate_plugin().make_transform({{"max_keys", 1000},
                                                      {"window", 4},
                                                      {"emit_every", 1000},
                                                      {"metrics", {"count", "mean", "last"}}});
  auto out = transform_tests::feed_one_off_keys_and_a_live_one(
      *transform, 999'999, 500,
      [](std::string key) { return make_record({{"price", 1}}, kAt, std::move(key)); },
      [](int n) { return make_record({{"price", n}}, kAt, "live"); });

  EXPECT_EQ(counters_of(*transform), (Counters{{"keys", 1000},
                                               {"evicted_idle_keys", 0},
                                               {"evicted_over_limit_keys", 999'000}}));
  // One-off keys never reach emit_every; the live key's 2,000 records (prices 0..1999) emit
  // at its 1,000th and 2,000th, each over its last 4 prices.
  ASSERT_EQ(out.size(), 2u);
  for (int i = 0; i < 2; ++i) {
    const double last = 999 + 1000 * i;
    EXPECT_EQ(out[i].key, "live");
    EXPECT_EQ(out[i].value["count"], 4);
    EXPECT_DOUBLE_EQ(out[i].value["mean"].get<double>(), last - 1.5);
    EXPECT_DOUBLE_EQ(out[i].value["last"].get<double>(), last);
  }
}

TEST(WindowAggregate, OverLimitDropsTheLeastRecentlyUsedKey) {
  auto transform = aggregate_plugin().make_transform(
      {{"by", "symbol"}, {"max_keys", 2}, {"metrics", {"count"}}});
  run(*transform, {trade("A", 1, 1), trade("B", 1, 1), trade("A", 1, 1)});
  feed(*transform, trade("C", 1, 1));  // B, not the older A, was used least recently
  EXPECT_EQ(counters_of(*transform),
            (Counters{{"keys", 2}, {"evicted_idle_keys", 0}, {"evicted_over_limit_keys", 1}}));
  auto out = run(*transform, {trade("A", 1, 1), trade("B", 1, 1)});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].value["count"], 3);  // A kept its window
  EXPECT_EQ(out[1].value["count"], 1);  // B starts afresh (and pushes C out)
  EXPECT_EQ(counters_of(*transform)["evicted_over_limit_keys"], 2);
}

TEST(WindowAggregate, IdleKeysAreDroppedByEventTime) {
  auto transform = aggregate_plugin().make_transform(
      {{"by", "symbol"}, {"idle_key_timeout_ms", 1000}, {"metrics", {"count", "mean"}}});
  run(*transform, {trade("A", 10, 1, 1000), trade("B", 20, 1, 1000), trade("A", 30, 1, 1001)});
  // At 2001, B's last record (1000) is more than 1000 ms old; A's (1001) is just not.
  feed(*transform, trade("C", 1, 1, 2001));
  EXPECT_EQ(counters_of(*transform),
            (Counters{{"keys", 2}, {"evicted_idle_keys", 1}, {"evicted_over_limit_keys", 0}}));

  auto out = run(*transform, {trade("A", 50, 1, 2001), trade("B", 40, 1, 2001)});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].value["count"], 3);  // A: 10, 30, 50
  EXPECT_DOUBLE_EQ(out[0].value["mean"].get<double>(), 30.0);
  EXPECT_EQ(out[1].value["count"], 1);  // B starts afresh
  EXPECT_DOUBLE_EQ(out[1].value["mean"].get<double>(), 40.0);
}

TEST(WindowAggregate, TimerTicksDropIdleKeysToo) {
  auto transform = aggregate_plugin().make_transform({{"by", "symbol"},
                                                      {"emit_every_ms", 500},
                                                      {"idle_key_timeout_ms", 1000},
                                                      {"metrics", {"count"}}});
  run(*transform, {trade("A", 1, 1, 1000), trade("B", 1, 1, 1500)});
  EXPECT_EQ(tick(*transform, 2000).size(), 2u);
  // No record since, but the tick's time counts: A is 1001 ms idle, B 501.
  EXPECT_TRUE(tick(*transform, 2001).empty());
  EXPECT_EQ(counters_of(*transform),
            (Counters{{"keys", 1}, {"evicted_idle_keys", 1}, {"evicted_over_limit_keys", 0}}));

  // Records stamped before the last tick count as used at the stage's clock (2001), so
  // they are not idle on arrival.
  run(*transform, {trade("A", 1, 1, 1800), trade("B", 1, 1, 1800)});
  auto out = tick(*transform, 2500);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].key, "A");
  EXPECT_EQ(out[0].value["count"], 1);  // afresh
  EXPECT_EQ(out[1].key, "B");
  EXPECT_EQ(out[1].value["count"], 2);
}

TEST(WindowAggregate, RefusesBadKeyLimits) {
  EXPECT_EQ(refusal(aggregate_plugin(), {{"max_keys", 0}}),
            "window_aggregate: option 'max_keys' must be at least 1, got 0");
  EXPECT_EQ(refusal(aggregate_plugin(), {{"idle_key_timeout_ms", -1}}),
            "window_aggregate: option 'idle_key_timeout_ms' must be at least 1, got -1");
  EXPECT_EQ(refusal(aggregate_plugin(), {{"max_keys", 1.5}}),
            "option 'max_keys' must be an integer, got number");
}

TEST(WindowAggregate, WritesItsOutputAsTheTextAJsonValueWouldGive) {
  // Every metric, undefined ones (null) among them, a time window, and a group field named
  // like a metric (the metric's value wins, as it did when the output was a JSON value).
  for (const json& options : {json{{"by", "symbol"}, {"window", 2}, {"metrics", {"vwap", "mean", "min", "max", "first", "last", "change_pct", "count", "volume"}}},
                              json{{"by", "count"}, {"window_ms", 1000}, {"metrics", {"count", "change_pct"}}},
                              json{{"metrics", {"vwap"}}}}) {
    SCOPED_TRACE(options.dump());
    auto transform = aggregate_plugin().make_transform(options);
    auto out = run(*transform, {make_record({{"symbol", "A\"\u00e9"}, {"count", 3}, {"price", 0.0}, {"quantity", 0.0}}),
                                make_record({{"symbol", "A\"\u00e9"}, {"count", 3}, {"price", 1e-7}, {"quantity", 3}}),
                                make_record({{"symbol", "B"}, {"count", 4}, {"price", 101.25}, {"quantity", 7}})});
    ASSERT_EQ(out.size(), 3u);
    for (const auto& r : out) {
      ASSERT_FALSE(r.json.empty());
      EXPECT_EQ(r.json, r.value.dump());  // the value parsed back from the text writes it again
    }
  }
  // What is in that text: integers stay integers, undefined metrics are null, and of a group
  // field and a metric of the same name the metric is written, once.
  auto all = aggregate_plugin().make_transform(
      {{"by", "symbol"}, {"window", 2}, {"metrics", {"vwap", "count", "change_pct"}}});
  auto first = run(*all, {trade("A", 0.0, 0.0)});
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].json, R"({"change_pct":null,"count":1,"symbol":"A","timestamp":"2023-11-14T22:13:20.000000Z","vwap":null,"window":2})");
  auto named_like_a_metric = aggregate_plugin().make_transform(
      {{"by", "count"}, {"metrics", {"count"}}});
  auto counted = run(*named_like_a_metric, {make_record({{"count", 7}, {"price", 1.5}}, 1'700'000'000'000),
                                            make_record({{"count", 7}, {"price", 2.5}}, 1'700'000'000'000)});
  ASSERT_EQ(counted.size(), 2u);
  EXPECT_EQ(counted[1].json, R"({"count":2,"timestamp":"2023-11-14T22:13:20.000000Z","window":20})");
}
