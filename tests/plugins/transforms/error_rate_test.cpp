#include <gtest/gtest.h>

#include "transform_harness.hpp"

namespace sw = streamweaver;
using nlohmann::json;
using transform_tests::Counters;
using transform_tests::counters_of;
using transform_tests::feed;
using transform_tests::make_record;
using transform_tests::refusal;

namespace {

const sw::testkit::LoadedPlugin& error_rate_plugin() {
  return transform_tests::load_once(ERROR_RATE_PLUGIN_PATH);
}

sw::Record log_line(const std::string& host, json status, std::int64_t timestamp_ms) {
  return make_record({{"host", host}, {"status", std::move(status)}, {"path", "/"}}, timestamp_ms);
}

// Feeds statuses for one host, one per 10 ms from `start_ms`, and returns what came out
// with the index of the input that caused each.
std::vector<std::pair<int, sw::Record>> feed_statuses(sw::Transform& transform,
                                                      const std::vector<int>& statuses,
                                                      std::int64_t start_ms = 1000,
                                                      const std::string& host = "web-1") {
  std::vector<std::pair<int, sw::Record>> emitted;
  for (std::size_t i = 0; i < statuses.size(); ++i)
    for (auto& record :
         feed(transform, log_line(host, statuses[i], start_ms + 10 * static_cast<std::int64_t>(i))))
      emitted.emplace_back(static_cast<int>(i), std::move(record));
  return emitted;
}

}  // namespace

TEST(ErrorRate, DescribesItselfWithDefaults) {
  const auto& info = error_rate_plugin().descriptor().info;
  EXPECT_EQ(info.name, "error_rate");
  json defaults;
  for (const auto& option : info.options) defaults[option.name] = option.default_value;
  EXPECT_EQ(defaults["by"], "host");
  EXPECT_EQ(defaults["status_field"], "status");
  EXPECT_EQ(defaults["status_min"], 500);
  EXPECT_EQ(defaults["window_ms"], 10000);
  EXPECT_EQ(defaults["min_requests"], 20);
  EXPECT_EQ(defaults["threshold"], 0.05);
}

TEST(ErrorRate, CrossingUpAlertsOnceThenRecovers) {
  auto transform = error_rate_plugin().make_transform({{"min_requests", 4}, {"threshold", 0.25}});
  //                                          0    1    2    3    4    5    6..12 (7 OKs)
  auto emitted = feed_statuses(
      *transform, {200, 200, 200, 500, 503, 500, 200, 200, 200, 200, 200, 200, 200, 200});
  ASSERT_EQ(emitted.size(), 2u);
  // #3: 1/4 = 0.25 is not above 0.25. #4: 2/5 = 0.4 is: alert. #5: 3/6 stays above: silence.
  EXPECT_EQ(emitted[0].first, 4);
  const auto& alert = emitted[0].second;
  EXPECT_EQ(alert.key, "web-1");
  EXPECT_EQ(alert.timestamp_ms, 1040);
  EXPECT_EQ(alert.value, json({{"host", "web-1"},
                               {"state", "alert"},
                               {"error_rate", 0.4},
                               {"requests", 5},
                               {"errors", 2},
                               {"threshold", 0.25},
                               {"window_ms", 10000},
                               {"timestamp", "1970-01-01T00:00:01.040000Z"}}));
  // 3 errors need more than 12 requests to fall below 0.25: the 13th (#12) recovers.
  EXPECT_EQ(emitted[1].first, 12);
  EXPECT_EQ(emitted[1].second.value["state"], "recovered");
  EXPECT_EQ(emitted[1].second.value["requests"], 13);
  EXPECT_EQ(emitted[1].second.value["errors"], 3);
  EXPECT_DOUBLE_EQ(emitted[1].second.value["error_rate"].get<double>(), 3.0 / 13.0);
}

TEST(ErrorRate, NoVerdictBelowMinRequests) {
  auto transform = error_rate_plugin().make_transform();  // min_requests 20
  std::vector<int> errors(19, 500);
  EXPECT_TRUE(feed_statuses(*transform, errors).empty());
  auto emitted = feed_statuses(*transform, {500}, 2000);
  ASSERT_EQ(emitted.size(), 1u);
  EXPECT_EQ(emitted[0].second.value["requests"], 20);
  EXPECT_EQ(emitted[0].second.value["error_rate"], 1.0);
}

TEST(ErrorRate, OldRequestsLeaveTheTimeWindow) {
  auto transform = error_rate_plugin().make_transform(
      {{"window_ms", 1000}, {"min_requests", 2}, {"threshold", 0.5}});
  EXPECT_TRUE(feed(*transform, log_line("h", 500, 100)).empty());
  auto out = feed(*transform, log_line("h", 500, 200));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value["state"], "alert");
  // At 1500 the window (500, 1500] holds one request: too few for a verdict.
  EXPECT_TRUE(feed(*transform, log_line("h", 200, 1500)).empty());
  out = feed(*transform, log_line("h", 200, 1600));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value["state"], "recovered");
  EXPECT_EQ(out[0].value["requests"], 2);
  EXPECT_EQ(out[0].value["errors"], 0);
}

TEST(ErrorRate, HostsAreIndependent) {
  auto transform = error_rate_plugin().make_transform({{"min_requests", 2}, {"threshold", 0.5}});
  auto out = sw::testkit::run(*transform, {log_line("a", 500, 1), log_line("b", 200, 2),
                                           log_line("a", 500, 3), log_line("b", 200, 4)});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].key, "a");
}

TEST(ErrorRate, RecoverThresholdAddsHysteresis) {
  auto transform = error_rate_plugin().make_transform(
      {{"min_requests", 2}, {"threshold", 0.5}, {"recover_threshold", 0.2}});
  auto emitted = feed_statuses(*transform, {500, 500, 200, 200, 200, 200, 200, 200, 200, 200, 200});
  ASSERT_EQ(emitted.size(), 2u);
  EXPECT_EQ(emitted[0].first, 1);
  // 2 errors: 2/10 = 0.2 is not below 0.2; 2/11 is.
  EXPECT_EQ(emitted[1].first, 10);
  EXPECT_EQ(emitted[1].second.value["threshold"], 0.2);
}

TEST(ErrorRate, ConfigurableFields) {
  auto transform = error_rate_plugin().make_transform({{"by", "svc.name"},
                                                       {"status_field", "http.code"},
                                                       {"status_min", 400},
                                                       {"min_requests", 1},
                                                       {"threshold", 0.5}});
  auto out =
      feed(*transform, make_record({{"svc", {{"name", "api"}}}, {"http", {{"code", "404"}}}}, 5));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].key, "api");
  EXPECT_EQ(out[0].value["name"], "api");
  EXPECT_EQ(out[0].value["errors"], 1);
}

TEST(ErrorRate, EmptyByGroupsByRecordKey) {
  auto transform =
      error_rate_plugin().make_transform({{"by", ""}, {"min_requests", 1}, {"threshold", 0.5}});
  auto out = feed(*transform, make_record({{"status", 500}}, 1, "edge-3"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].key, "edge-3");
  EXPECT_EQ(out[0].value["key"], "edge-3");
}

TEST(ErrorRate, RejectsLinesWithoutHostOrStatus) {
  auto transform = error_rate_plugin().make_transform();
  sw::testkit::CapturingEmitter out;
  auto status = transform->process(make_record({{"host", "a"}}), out);
  EXPECT_EQ(status.code(), sw::Status::Code::rejected);
  EXPECT_EQ(status.message(), "field 'status' is missing or not a number");
  status = transform->process(make_record({{"status", 200}}), out);
  EXPECT_EQ(status.code(), sw::Status::Code::rejected);
  EXPECT_EQ(status.message(), "field 'host' is missing or not a scalar");
  status = transform->process(make_record({{"host", "a"}, {"status", "OK"}}), out);
  EXPECT_EQ(status.code(), sw::Status::Code::rejected);
}

TEST(ErrorRate, RefusesBadOptions) {
  EXPECT_EQ(refusal(error_rate_plugin(), {{"threshold", 1.5}}),
            "error_rate: option 'threshold' must be in [0, 1], got 1.5");
  EXPECT_EQ(refusal(error_rate_plugin(), {{"threshold", 0.1}, {"recover_threshold", 0.2}}),
            "error_rate: option 'recover_threshold' must be in [0, 0.1], got 0.2");
  EXPECT_EQ(refusal(error_rate_plugin(), {{"window_ms", 0}}),
            "error_rate: option 'window_ms' must be at least 1, got 0");
  EXPECT_EQ(refusal(error_rate_plugin(), {{"min_requests", 0}}),
            "error_rate: option 'min_requests' must be at least 1, got 0");
  EXPECT_EQ(refusal(error_rate_plugin(), {{"by", "a..b"}}),
            "error_rate: option 'by' is not a valid field path");
  EXPECT_EQ(refusal(error_rate_plugin(), {{"threshold", "5%"}}),
            "option 'threshold' must be a number, got string");
}

TEST(ErrorRate, KeyLimitsHaveDefaults) {
  EXPECT_EQ(transform_tests::declared_default(error_rate_plugin(), "max_keys"), 100000);
  EXPECT_EQ(transform_tests::declared_default(error_rate_plugin(), "idle_key_timeout_ms"), 900000);
  auto transform = error_rate_plugin().make_transform();
  EXPECT_EQ(counters_of(*transform),
            (Counters{{"keys", 0}, {"evicted_idle_keys", 0}, {"evicted_over_limit_keys", 0}}));
  EXPECT_GT(transform->timer_interval_ms(), 0);  // drops idle hosts when no records come
}

TEST(ErrorRate, EvictionBoundsAMillionDistinctHosts) {
  // 999,999 hosts seen once and one seen throughout: 1,000,000 distinct hosts, of which the
  // 1,000 most recently used stay. The live host comes back after every 500 others, so it
  // is never the least recently used and keeps its window and alert state.
  constexpr std::int64_t kAt = 1'700'000'000'000;  // one instant: nothing idles or expires
  auto transform = error_rate_plugin().make_transform({{"by", ""}, {"max_keys", 1000}});
  auto out = transform_tests::feed_one_off_keys_and_a_live_one(
      *transform, 999'999, 500,
      [](std::string key) { return make_record({{"status", 500}}, kAt, std::move(key)); },
      [](int n) { return make_record({{"status", n < 20 ? 503 : 200}}, kAt, "live"); });

  EXPECT_EQ(counters_of(*transform), (Counters{{"keys", 1000},
                                               {"evicted_idle_keys", 0},
                                               {"evicted_over_limit_keys", 999'000}}));
  // One-off hosts stay below min_requests (20). The live host alerts at its 20th request
  // (20 errors) and recovers once 20 errors are under 5%: at its 401st.
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].key, "live");
  EXPECT_EQ(out[0].value["state"], "alert");
  EXPECT_EQ(out[0].value["requests"], 20);
  EXPECT_EQ(out[1].value["state"], "recovered");
  EXPECT_EQ(out[1].value["requests"], 401);
  EXPECT_EQ(out[1].value["errors"], 20);
}

TEST(ErrorRate, IdleHostsAreDroppedAndComeBackFresh) {
  auto transform = error_rate_plugin().make_transform(
      {{"min_requests", 1}, {"threshold", 0.5}, {"idle_key_timeout_ms", 1000}});
  auto out = sw::testkit::run(
      *transform, {log_line("a", 500, 1000), log_line("b", 200, 1000), log_line("b", 200, 1900)});
  ASSERT_EQ(out.size(), 1u);  // a alerts
  // At 2001, a's last request (1000) is more than 1000 ms old; b's (1900) is not.
  feed(*transform, log_line("c", 200, 2001));
  EXPECT_EQ(counters_of(*transform),
            (Counters{{"keys", 2}, {"evicted_idle_keys", 1}, {"evicted_over_limit_keys", 0}}));
  // a starts afresh: not in alert, so its error alerts again, over a window of one request.
  out = feed(*transform, log_line("a", 500, 2002));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value["state"], "alert");
  EXPECT_EQ(out[0].value["requests"], 1);

  // A timer tick's time counts too: at 3000, b (1900) is 1100 ms idle, c (2001) 999.
  EXPECT_TRUE(transform_tests::tick(*transform, 3000).empty());
  EXPECT_EQ(counters_of(*transform),
            (Counters{{"keys", 2}, {"evicted_idle_keys", 2}, {"evicted_over_limit_keys", 0}}));
  // b's two OK requests are gone: one error is now all it has.
  out = feed(*transform, log_line("b", 500, 3000));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value["requests"], 1);
  EXPECT_EQ(out[0].value["errors"], 1);
}

TEST(ErrorRate, RefusesBadKeyLimits) {
  EXPECT_EQ(refusal(error_rate_plugin(), {{"max_keys", 0}}),
            "error_rate: option 'max_keys' must be at least 1, got 0");
  EXPECT_EQ(refusal(error_rate_plugin(), {{"idle_key_timeout_ms", 0}}),
            "error_rate: option 'idle_key_timeout_ms' must be at least 1, got 0");
  EXPECT_EQ(refusal(error_rate_plugin(), {{"max_keys", "1000"}}),
            "option 'max_keys' must be an integer, got string");
}
