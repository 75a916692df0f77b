// `streamweaver run` stopped by SIGTERM while Kafka is away: it waits at most
// [kafka] shutdown_timeout_ms for deliveries, says how many records were not delivered, and
// exits with code 3 (not 0), so that scripts and orchestrators see the loss.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "fault_support.hpp"
#include "support/host_process.hpp"
#include "support/mock_kafka_process.hpp"
#include "test_client.hpp"

namespace streamweaver::faults {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

nlohmann::json health(const test_support::HostProcess& host) {
  return nlohmann::json::parse(test::http_request(host.port(), "/health").body);
}

TEST(Shutdown, DuringAnOutageItGivesUpAfterTheTimeoutAndExitsWithTheCount) {
  setenv("STREAMWEAVER_PLUGIN_PATH", STREAMWEAVER_BINARY_DIR "/test-plugins/good", 1);
  test_support::MockKafkaProcess kafka;  // in a process of its own: the host only talks to it
  kafka.create_topic("numbers", 1);
  test_support::HostProcess host(STREAMWEAVER_BIN, kafka_section(kafka.bootstrap(), "shutdown_timeout_ms = 2000\n") +
                                                       topic_section("numbers", 1) + R"(
[sources.counter]
plugin = "counter"
topic = "numbers"
rate = 200
[bridge]
listen = "127.0.0.1:0"
topics = []
)", 60s);
  ASSERT_TRUE(eventually([&] { return health(host)["sources"]["counter"]["delivered"] > 100; }, 30s)) << host.output();

  kafka.down();
  ASSERT_TRUE(eventually([&] {
    auto h = health(host)["sources"]["counter"];
    return h["produced"].get<int>() - h["delivered"].get<int>() > 100;  // queued, not delivered
  }, 30s)) << host.output();
  auto stopping = Clock::now();
  int exit_code = host.stop();  // SIGTERM
  auto took = seconds_since(stopping);

  EXPECT_EQ(exit_code, 3) << host.output();
  EXPECT_LT(took, 2.0 + 8.0) << "the shutdown timeout is 2 s";  // generous: a shared machine
  EXPECT_THAT(host.output(), ContainsRegex("stopped with [1-9][0-9]* records not delivered to Kafka \\(exit code 3\\)"));
  EXPECT_THAT(host.output(), HasSubstr("Kafka did not take"));
}

TEST(Shutdown, WithKafkaThereEverythingIsDeliveredAndTheExitCodeIsZero) {
  setenv("STREAMWEAVER_PLUGIN_PATH", STREAMWEAVER_BINARY_DIR "/test-plugins/good", 1);
  test_support::MockKafkaProcess kafka;
  kafka.create_topic("numbers", 1);
  test_support::HostProcess host(STREAMWEAVER_BIN, kafka_section(kafka.bootstrap()) + topic_section("numbers", 1) + R"(
[sources.counter]
plugin = "counter"
topic = "numbers"
rate = 200
[bridge]
listen = "127.0.0.1:0"
topics = []
)", 60s);
  ASSERT_TRUE(eventually([&] { return health(host)["sources"]["counter"]["delivered"] > 100; }, 30s)) << host.output();
  EXPECT_EQ(host.stop(), 0) << host.output();
  EXPECT_THAT(host.output(), Not(HasSubstr("not delivered")));
}

}  // namespace
}  // namespace streamweaver::faults
