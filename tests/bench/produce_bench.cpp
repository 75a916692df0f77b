// Produce throughput on the embedded broker, in one run:
//  (a) a raw librdkafka producer sending pre-made payloads of a stock trade's size, with the
//      host's producer settings;
//  (b) the host's `stock` source pipeline at rate 0 (plugin → JSON → key → producer);
//  (c) the pacer holding a high configured rate (100,000/s) for 10 s.
// Each phase gets a fresh broker. Prints msgs/s and the ratio b/a.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <stop_token>
#include <thread>

#include <streamweaver/testkit.hpp>

#include "bench_support.hpp"
#include "kafka/embedded_broker.hpp"
#include "kafka/producer.hpp"
#include "support/running_pipeline.hpp"

using namespace streamweaver;
using bench::Clock;

namespace {

class CountingHandler final : public kafka::DeliveryHandler {
 public:
  void on_delivery(std::uint32_t, rd_kafka_resp_err_t error) noexcept override {
    (error ? failed : delivered).fetch_add(1, std::memory_order_relaxed);
  }
  std::atomic<std::uint64_t> delivered{0};
  std::atomic<std::uint64_t> failed{0};
};

double raw_producer(double seconds, std::size_t payload_bytes) {
  kafka::EmbeddedBroker broker;
  broker.create_topic("raw", 3);
  kafka::Producer producer({{"bootstrap.servers", broker.bootstrap_servers()}});
  std::string payload(payload_bytes, 'x');
  std::vector<std::string> keys = {"AAPL", "GOOGL", "MSFT", "AMZN", "TSLA", "NVDA", "META", "NFLX"};
  boost::intrusive_ptr<CountingHandler> handler(new CountingHandler);
  kafka::DeliveryTarget target{handler.get()};
  std::stop_source never;
  const std::string topic = "raw";
  auto start = Clock::now();
  for (std::uint64_t i = 0; bench::seconds_since(start) < seconds; ++i)
    producer.produce({.topic = topic, .key = keys[i % keys.size()], .value = payload, .target = &target},
                     never.get_token());
  producer.flush(std::chrono::seconds(30));
  return static_cast<double>(handler->delivered) / bench::seconds_since(start);
}

struct PipelineRun {
  double delivered_per_s;
  double generated_per_s;
};

PipelineRun stock_pipeline(double seconds, double rate) {
  test_support::RunningPipeline running(R"(
[topics.stock_trades]
partitions = 3
[sources.stock]
plugin = "stock"
topic = "stock_trades"
key = "symbol"
rate = )" + std::to_string(rate) + "\n[sources.stock.options]\nseed = 1\n");
  auto start = Clock::now();
  auto delivered = [&] { return running.pipeline().health()["sources"]["stock"]["delivered"].get<double>(); };
  auto generated = [&] { return running.pipeline().health()["sources"]["stock"]["generated"].get<double>(); };
  double before = delivered();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));  // measuring a span
  double gen = generated();
  running.stop();  // flushes: what was generated in the span is delivered
  double elapsed = bench::seconds_since(start);
  return {(delivered() - before) / elapsed, gen / seconds};
}

// The same payload size as the pipeline sends: the mean of 1,000 serialized trades.
std::size_t mean_stock_trade_bytes() {
  auto plugin = testkit::load(STREAMWEAVER_BINARY_DIR "/plugins/libstock.so");
  auto source = plugin.make_source({{"seed", 1}});
  std::size_t total = 0;
  auto records = testkit::take(*source, 1000);
  for (const auto& r : records) total += r.value.dump().size();
  return total / records.size();
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 5.0;
  std::printf("produce benchmark on the embedded broker, %.0f s per phase\n", seconds);
  std::size_t trade_bytes = mean_stock_trade_bytes();
  std::printf("  payload: %zu bytes (mean serialized stock trade)\n", trade_bytes);
  double raw = bench::report("(a) raw librdkafka producer", raw_producer(seconds, trade_bytes), "msgs/s");
  auto ours = stock_pipeline(seconds, 0);
  double host = bench::report("(b) stock source pipeline, rate 0", ours.delivered_per_s, "msgs/s");
  bench::report_ratio("ratio b/a", host, raw, 0.5);
  auto paced = stock_pipeline(10, 100000);
  bench::report("(c) stock at rate 100000: generated", paced.generated_per_s, "msgs/s");
  std::printf("  %-48s %12.2f %%\n", "    deviation from the configured rate",
              100.0 * (paced.generated_per_s - 100000) / 100000);
  return 0;
}
