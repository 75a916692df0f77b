// The host on the embedded broker: every source writes to its topic, and a separate consumer
// reads back exactly what Kafka acknowledged, keyed as configured.
#include <gtest/gtest.h>

#include <map>

#include "support/running_pipeline.hpp"
#include "support/topic_reader.hpp"

using namespace streamweaver;
using namespace std::chrono_literals;

namespace {

const char* kThreeSources = R"(
[kafka]
brokers = "embedded"
[topics.stock_trades]
partitions = 3
[topics.social_feed]
partitions = 2
[topics.server_logs]
partitions = 3
[sources.stock]
plugin = "stock"
topic = "stock_trades"
rate = 400
key = "symbol"
[sources.social]
plugin = "social"
topic = "social_feed"
rate = 300
key = "user"
[sources.logs]
plugin = "server_logs"
topic = "server_logs"
rate = 300
key = "host"
)";

std::uint64_t delivered(test_support::RunningPipeline& running, const std::string& source) {
  return running.pipeline().health()["sources"][source]["delivered"].get<std::uint64_t>();
}

}  // namespace

TEST(SourceToKafka, ConsumerReadsExactlyTheDeliveredRecordsWithConfiguredKeys) {
  test_support::RunningPipeline running(kThreeSources);
  ASSERT_TRUE(test_support::eventually(
      [&] { return delivered(running, "stock") >= 200 && delivered(running, "social") >= 200 &&
                   delivered(running, "logs") >= 200; },
      20s));
  ASSERT_EQ(running.stop(), 0) << "records left undelivered";

  const std::map<std::string, std::pair<std::string, std::string>> topics = {
      {"stock", {"stock_trades", "symbol"}},
      {"social", {"social_feed", "user"}},
      {"logs", {"server_logs", "host"}}};
  for (const auto& [source, topic_and_key] : topics) {
    const auto& [topic, key_field] = topic_and_key;
    auto count = delivered(running, source);
    EXPECT_EQ(test_support::topic_size(running.bootstrap(), topic), static_cast<std::int64_t>(count)) << topic;
    auto records = test_support::read_topics(running.bootstrap(), {topic}, count, 20s);
    ASSERT_EQ(records.size(), count) << topic;
    for (const auto& r : records) {
      auto value = r.json();
      ASSERT_EQ(r.key, value.at(key_field).get<std::string>()) << topic << " offset " << r.offset;
    }
  }
}

TEST(SourceToKafka, FailingPluginIsCountedAndTheSourceGoesOn) {
  test_support::RunningPipeline running(R"(
[topics.numbers]
[sources.counter]
plugin = "counter"
topic = "numbers"
rate = 0
[sources.counter.options]
limit = 50
throw_at = 10
)");
  ASSERT_TRUE(test_support::eventually(
      [&] { return running.pipeline().health()["sources"]["counter"]["state"] == "ended"; }, 10s));
  ASSERT_EQ(running.stop(), 0);
  auto health = running.pipeline().health()["sources"]["counter"];
  EXPECT_EQ(health["errors"], 1);
  EXPECT_EQ(health["delivered"], 49);  // 50 counted, one of them threw instead of emitting
  EXPECT_EQ(test_support::topic_size(running.bootstrap(), "numbers"), 49);
}
