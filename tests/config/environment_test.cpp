// KAFKA_BOOTSTRAP_SERVERS overrides kafka.brokers.
#include <gtest/gtest.h>

#include "config/pipeline_loader.hpp"
#include "fixtures/scoped_env.hpp"

namespace streamweaver::config {
namespace {

using streamweaver::testing::ScopedEnv;

PipelineConfig with_brokers(const char* brokers) {
  auto result = parse_pipeline(std::string("[kafka]\nbrokers = \"") + brokers + "\"\n", "env.toml");
  EXPECT_TRUE(result.errors.empty());
  return result.config;
}

TEST(ApplyEnvironment, BootstrapServersOverrideTheFile) {
  ScopedEnv env("KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9092");
  auto config = with_brokers("embedded");
  apply_environment(config);
  EXPECT_EQ(config.kafka.brokers, "broker-1:9092,broker-2:9092");
  EXPECT_FALSE(config.kafka.embedded());
}

TEST(ApplyEnvironment, WithoutTheVariableTheFileWins) {
  ScopedEnv env("KAFKA_BOOTSTRAP_SERVERS", nullptr);
  auto config = with_brokers("kafka:9092");
  apply_environment(config);
  EXPECT_EQ(config.kafka.brokers, "kafka:9092");
}

TEST(ApplyEnvironment, AnEmptyVariableIsIgnored) {
  ScopedEnv env("KAFKA_BOOTSTRAP_SERVERS", "");
  auto config = with_brokers("embedded");
  apply_environment(config);
  EXPECT_TRUE(config.kafka.embedded());
}

TEST(ApplyEnvironment, ParsingAloneDoesNotReadTheEnvironment) {
  ScopedEnv env("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
  EXPECT_TRUE(with_brokers("embedded").kafka.embedded());
}

}  // namespace
}  // namespace streamweaver::config
