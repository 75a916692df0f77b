// Kafka goes away for longer than librdkafka's default message timeout (300 s) would have
// allowed, while a source writes and a processor copies. Nothing is lost: every record the
// source produced is in its topic, in order per key (exactly once but for what the mock
// cluster cannot deduplicate, see expect_complete_in_order); /health says degraded for
// the whole outage and ok after it; the processor resumes by itself and catches up.
//
// STREAMWEAVER_OUTAGE_SECONDS sets the outage (default 320); the sanitizer runs shorten it.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "fault_support.hpp"

namespace streamweaver::faults {
namespace {

std::chrono::seconds outage_length() {
  const char* text = std::getenv("STREAMWEAVER_OUTAGE_SECONDS");
  return std::chrono::seconds(text ? std::atoi(text) : 320);
}

std::string pipeline(const std::string& bootstrap, bool with_source) {
  // A small producer queue, so that the source has to pause during the outage.
  return kafka_section(bootstrap, "shutdown_timeout_ms = 30000\n[kafka.producer]\n"
                                  "\"queue.buffering.max.messages\" = \"2000\"\n") +
         topic_section("trades", 3) + topic_section("copies", 3) +
         (with_source ? "[sources.counter]\nplugin = \"counter\"\ntopic = \"trades\"\nrate = 200\n" : "") + R"(
[processors.copy]
input = "trades"
output = "copies"
[[processors.copy.transforms]]
plugin = "echo"
[bridge]
listen = "127.0.0.1:0"
topics = []
)";
}

TEST(Outage, NothingIsLostHealthTellsTheTruthAndTheProcessorResumes) {
  kafka::EmbeddedBroker broker;  // as real brokers: the mock cluster cannot create topics itself
  for (const auto* topic : {"trades", "copies"}) broker.create_topic(topic, 3);
  broker.create_topic("copy.dlq", 1);
  test_support::RunningHost running(pipeline(broker.bootstrap_servers(), true));
  auto health = [&] { return running.health(); };
  auto sent = [&] { return health()["processors"]["copy"]["sent"].get<std::uint64_t>(); };
  ASSERT_TRUE(eventually([&] {
    auto h = health();
    return h["status"] == "ok" && h["sources"]["counter"]["delivered"] > 500 && h["processors"]["copy"]["sent"] > 200;
  }, 60s)) << health().dump(2);

  // Kafka goes away.
  broker.set_down(1);
  auto down_at = Clock::now();
  auto sent_before = sent();
  ASSERT_TRUE(eventually([&] { return health()["status"] == "degraded"; }, 30s)) << health().dump(2);
  auto noticed_s = seconds_since(down_at);
  bool source_waited = false;
  std::string metrics;
  while (Clock::now() - down_at < outage_length()) {  // the outage itself: observed every second
    auto h = health();
    ASSERT_EQ(h["status"], "degraded") << "at " << seconds_since(down_at) << " s: " << h.dump(2);
    ASSERT_EQ(h["http_status"], 200);
    ASSERT_EQ(h["kafka"]["reachable"], false);
    source_waited |= h["sources"]["counter"]["state"] == "waiting";
    std::this_thread::sleep_for(1s);
  }
  metrics = test::http_request(running.port(), "/metrics").body;
  auto during = health();
  EXPECT_TRUE(source_waited) << "the source never paused: " << during.dump(2);
  EXPECT_GT(during["sources"]["counter"]["paused_ms"], 0);
  EXPECT_NE(metrics.find("streamweaver_health_status 1\n"), std::string::npos);
  EXPECT_NE(metrics.find("streamweaver_kafka_reachable 0\n"), std::string::npos);
  EXPECT_EQ(during["sources"]["counter"]["failed"], 0);

  // Kafka comes back: health is ok again and the processor goes on by itself.
  broker.set_up(1);
  auto up_at = Clock::now();
  ASSERT_TRUE(eventually([&] { return health()["status"] == "ok"; }, 60s)) << health().dump(2);
  auto healthy_s = seconds_since(up_at);
  ASSERT_TRUE(eventually([&] { return sent() > sent_before + 100; }, 60s)) << health().dump(2);
  auto resumed_s = seconds_since(up_at);

  // Stop writing, let the processor catch up, stop.
  ASSERT_TRUE(running.reload(pipeline(broker.bootstrap_servers(), false)));
  auto& registry = running.host().metrics();
  auto source_total = [&](const char* name) {
    return registry.counter(name, "", {{"source", "counter"}}).value();
  };
  auto written = source_total("streamweaver_source_records_produced_total");
  ASSERT_TRUE(eventually([&] { return source_total("streamweaver_source_records_delivered_total") == written; }, 60s));
  EXPECT_EQ(source_total("streamweaver_source_records_failed_total"), 0u);
  // The processor catches up: every record is copied (at-least-once, so some may be twice).
  Numbered copies;
  auto copied_everything = [&] {
    auto size = test_support::topic_size(broker.bootstrap_servers(), "copies");
    copies = read_numbered(broker.bootstrap_servers(), "copies", static_cast<std::size_t>(size));
    return copies.distinct.size() == written;
  };
  EXPECT_TRUE(eventually(copied_everything, 120s))
      << copies.distinct.size() << " of " << written << " copied: " << health().dump(2);
  EXPECT_EQ(running.stop(), 0u);  // nothing left undelivered: the host would exit 0
  auto repeated = expect_complete_in_order(broker.bootstrap_servers(), "trades", written);
  std::printf("outage of %lld s: %llu records produced and delivered, all in the topic in order "
              "(%zu written twice by the mock's retries); %zu distinct copies; degraded %.1f s after "
              "Kafka left; ok %.1f s and processor output growing %.1f s after it returned\n",
              static_cast<long long>(outage_length().count()), static_cast<unsigned long long>(written),
              repeated, copies.distinct.size(), noticed_s, healthy_s, resumed_s);
}

}  // namespace
}  // namespace streamweaver::faults
