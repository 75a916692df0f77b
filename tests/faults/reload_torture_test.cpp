// Live reloads under load: the pipeline file flips between two shapes many times while Kafka
// answers slowly (so deliveries are in flight at every reload) and four threads poll /health.
// The host must stay up, every record a source handed to Kafka must be delivered and
// counted (also those of sources a reload removed), and it must stop with nothing left.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "fault_support.hpp"
#include "test_client.hpp"

namespace streamweaver::faults {
namespace {

constexpr int kFlips = 24;
constexpr auto kBetweenFlips = 300ms;
constexpr int kPollers = 4;

std::string head(const std::string& bootstrap) {
  return kafka_section(bootstrap) + topic_section("stock_trades", 3) + topic_section("social_feed", 1) +
         topic_section("stock_metrics", 1);
}

// Two sources and a VWAP processor.
std::string busy_shape(const std::string& bootstrap) {
  return head(bootstrap) + R"(
[sources.stock]
plugin = "stock"
topic = "stock_trades"
rate = 2000
[sources.social]
plugin = "social"
topic = "social_feed"
rate = 500
[processors.stock_vwap]
input = "stock_trades"
output = "stock_metrics"
[[processors.stock_vwap.transforms]]
plugin = "window_aggregate"
options = { by = "symbol", window = 20, emit_every = 10 }
[bridge]
listen = "127.0.0.1:0"
topics = ["stock_trades", "stock_metrics"]
)";
}

// Only the stock source, at another rate (so it restarts).
std::string lean_shape(const std::string& bootstrap) {
  return head(bootstrap) + R"(
[sources.stock]
plugin = "stock"
topic = "stock_trades"
rate = 1500
[bridge]
listen = "127.0.0.1:0"
topics = ["stock_trades"]
)";
}

// Threads that ask for /health as fast as the host answers, until destroyed.
class HealthPollers {
 public:
  HealthPollers(std::uint16_t port, int count) {
    for (int i = 0; i < count; ++i)
      threads_.emplace_back([this, port] {
        while (!done_) {
          auto response = test::http_request(port, "/health");
          bool good = response.status == 200 && nlohmann::json::parse(response.body).contains("sources");
          (good ? answers : refusals)++;
        }
      });
  }
  ~HealthPollers() {
    done_ = true;
    for (auto& t : threads_) t.join();
  }
  std::atomic<int> answers = 0, refusals = 0;

 private:
  std::atomic<bool> done_ = false;
  std::vector<std::thread> threads_;
};

TEST(ReloadTorture, FlippingShapesUnderLoadKeepsTheHostUpAndLosesNothing) {
  kafka::EmbeddedBroker broker;  // as real brokers: the mock cluster cannot create topics itself
  for (auto [topic, partitions] : {std::pair{"stock_trades", 3}, {"social_feed", 1}, {"stock_metrics", 1},
                                   {"stock_vwap.dlq", 1}})
    broker.create_topic(topic, partitions);
  broker.set_round_trip(1, 400ms);  // deliveries stay in flight across reloads
  test_support::RunningHost running(busy_shape(broker.bootstrap_servers()));
  {
    HealthPollers pollers(running.port(), kPollers);
    for (int flip = 0; flip < kFlips; ++flip) {
      std::this_thread::sleep_for(kBetweenFlips);  // the scenario's pace, not a wait for anything
      auto shape = flip % 2 == 0 ? lean_shape(broker.bootstrap_servers()) : busy_shape(broker.bootstrap_servers());
      ASSERT_TRUE(running.reload(shape)) << "flip " << flip;
    }
    EXPECT_GT(pollers.answers, 0);
    EXPECT_EQ(pollers.refusals, 0);
  }

  EXPECT_EQ(running.stop(), 0u);  // the host would exit 0
  auto& registry = running.host().metrics();
  for (const char* source : {"stock", "social"}) {
    auto total = [&](const char* name) { return registry.counter(name, "", {{"source", source}}).value(); };
    auto produced = total("streamweaver_source_records_produced_total");
    EXPECT_GT(produced, 0u) << source;
    EXPECT_EQ(total("streamweaver_source_records_delivered_total"), produced) << source;
    EXPECT_EQ(total("streamweaver_source_records_failed_total"), 0u) << source;
  }
}

}  // namespace
}  // namespace streamweaver::faults
