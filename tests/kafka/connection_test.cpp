#include "kafka/connection.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using streamweaver::kafka::Connection;
using ::testing::Contains;
using ::testing::Not;
using ::testing::Pair;

TEST(Connection, EmbeddedConsumersWaitBrieflyButThePipelineFileWins) {
  Connection embedded("embedded", {}, {{"session.timeout.ms", "10000"}});
  auto settings = embedded.consumer_settings("readers");
  EXPECT_THAT(settings, Contains(Pair("bootstrap.servers", embedded.bootstrap())));
  EXPECT_THAT(settings, Contains(Pair("group.id", "readers")));
  // The mock broker holds empty fetches for the whole wait: keep it short.
  EXPECT_THAT(settings, Contains(Pair("fetch.wait.max.ms", "20")));
  EXPECT_THAT(settings, Contains(Pair("session.timeout.ms", "10000")));  // [kafka.consumer]
}

TEST(Connection, RealBrokersKeepLibrdkafkaDefaults) {
  Connection external("kafka:9092", {}, {});
  auto settings = external.consumer_settings("readers");
  EXPECT_THAT(settings, Contains(Pair("bootstrap.servers", "kafka:9092")));
  EXPECT_THAT(settings, Not(Contains(Pair("fetch.wait.max.ms", ::testing::_))));
  EXPECT_THAT(settings, Not(Contains(Pair("session.timeout.ms", ::testing::_))));
}

TEST(Connection, ScreenConsumersPollMoreOftenOnTheEmbeddedBroker) {
  using Latency = Connection::Latency;
  Connection embedded("embedded", {}, {});
  EXPECT_THAT(embedded.consumer_settings("bridge", Latency::screen), Contains(Pair("fetch.wait.max.ms", "2")));
  Connection external("kafka:9092", {}, {{"fetch.wait.max.ms", "50"}});
  EXPECT_THAT(external.consumer_settings("bridge", Latency::screen), Contains(Pair("fetch.wait.max.ms", "50")));
}

TEST(Connection, ProcessorsQueueMoreRecordsThanScreensButThePipelineFileWins) {
  using Latency = Connection::Latency;
  Connection external("kafka:9092", {}, {});
  EXPECT_THAT(external.consumer_settings("processor"), Contains(Pair("queued.min.messages", "300000")));
  EXPECT_THAT(external.consumer_settings("bridge", Latency::screen),
              Not(Contains(Pair("queued.min.messages", ::testing::_))));
  Connection overridden("kafka:9092", {}, {{"queued.min.messages", "50000"}});
  EXPECT_THAT(overridden.consumer_settings("processor"), Contains(Pair("queued.min.messages", "50000")));
}
