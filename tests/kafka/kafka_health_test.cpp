// What the producer's callbacks make of Kafka's state, and the host's verdict from it.
#include "kafka/kafka_health.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "pipeline/pipeline_snapshot.hpp"

namespace streamweaver::kafka {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// librdkafka's statistics, cut to what KafkaHealth reads: one entry per broker.
std::string statistics(const std::vector<std::pair<int, std::string>>& brokers) {
  nlohmann::json stats = {{"name", "rdkafka#producer-1"}, {"brokers", nlohmann::json::object()}};
  stats["brokers"]["127.0.0.1:9092/bootstrap"] = {{"nodeid", -1}, {"state", "DOWN"}};
  for (const auto& [id, state] : brokers)
    stats["brokers"]["127.0.0.1:9092/" + std::to_string(id)] = {{"nodeid", id}, {"state", state}};
  return stats.dump();
}

pipeline::HealthVerdict verdict_of(const std::shared_ptr<KafkaHealth>& health) {
  pipeline::PipelineSnapshot snapshot;
  snapshot.kafka = health;
  return pipeline::assess(snapshot);
}

TEST(KafkaHealth, AllBrokersDownIsUnreachableAndDegradedUntilABrokerIsUpAgain) {
  auto health = std::make_shared<KafkaHealth>();
  health->on_statistics(statistics({{1, "UP"}, {2, "INIT"}}));
  EXPECT_TRUE(health->state().reachable);
  EXPECT_EQ(verdict_of(health).status, pipeline::HealthStatus::ok);

  health->on_error(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, "1/1 brokers are down");
  auto down = health->state();
  EXPECT_FALSE(down.reachable);
  EXPECT_GT(down.unreachable_since_ms, 0);
  EXPECT_THAT(down.last_error, HasSubstr("1/1 brokers are down"));
  auto verdict = verdict_of(health);
  EXPECT_EQ(verdict.status, pipeline::HealthStatus::degraded);
  EXPECT_THAT(verdict.problems, ElementsAre(HasSubstr("Kafka unreachable since")));

  health->on_statistics(statistics({{1, "CONNECT"}, {2, "INIT"}}));  // still trying
  EXPECT_FALSE(health->state().reachable);
  health->on_statistics(statistics({{1, "UP"}, {2, "INIT"}}));
  EXPECT_TRUE(health->state().reachable);
  EXPECT_EQ(verdict_of(health).status, pipeline::HealthStatus::ok);
}

TEST(KafkaHealth, OneBrokerDownOfSeveralIsDegradedButReachable) {
  auto health = std::make_shared<KafkaHealth>();
  health->on_statistics(statistics({{1, "UP"}, {2, "TRY_CONNECT"}, {3, "UP"}}));
  EXPECT_TRUE(health->state().reachable);
  EXPECT_THAT(health->state().brokers_down, ElementsAre(2));
  auto verdict = verdict_of(health);
  EXPECT_EQ(verdict.status, pipeline::HealthStatus::degraded);
  EXPECT_THAT(verdict.problems, ElementsAre("Kafka brokers down: 2"));
}

TEST(KafkaHealth, AProducerLostForGoodIsFailed) {
  auto health = std::make_shared<KafkaHealth>();
  health->producer_replaced("OUT_OF_ORDER_SEQUENCE_NUMBER: test");
  EXPECT_EQ(verdict_of(health).status, pipeline::HealthStatus::ok);  // recovered
  health->producer_lost("OUT_OF_ORDER_SEQUENCE_NUMBER: test");
  auto verdict = verdict_of(health);
  EXPECT_EQ(verdict.status, pipeline::HealthStatus::failed);
  EXPECT_THAT(verdict.problems, ElementsAre(HasSubstr("cannot be used after a fatal error")));
}

TEST(KafkaHealth, StatisticsItCannotReadChangeNothing) {
  auto health = std::make_shared<KafkaHealth>();
  health->on_error(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, "down");
  health->on_statistics("not json");
  health->on_statistics(R"({"brokers": 3})");
  EXPECT_FALSE(health->state().reachable);
}

}  // namespace
}  // namespace streamweaver::kafka
