// Processor throughput on the embedded broker, in one run, over the same input topic:
//  (a) a plain consume-and-produce copy (our Kafka consumer + producer, no transform layer);
//  (b) the `stock_vwap` processor: stock_trades → window_aggregate → stock_metrics.
// Both are timed from their first record read to the last, so the consumer group join is
// not counted. Prints records/s for both and the ratio b/a (the cost of the transform layer).
#include <cstdio>
#include <cstdlib>
#include <stop_token>
#include <thread>

#include <streamweaver/testkit.hpp>

#include "bench_support.hpp"
#include "kafka/consumer.hpp"
#include "kafka/embedded_broker.hpp"
#include "kafka/producer.hpp"
#include "support/running_pipeline.hpp"

using namespace streamweaver;
using bench::Clock;

namespace {

const std::string kInput = "stock_trades";

// Fills the input topic with `count` serialized stock trades, keyed by symbol.
void fill_input(const std::string& bootstrap, std::size_t count) {
  auto plugin = testkit::load(STREAMWEAVER_BINARY_DIR "/plugins/libstock.so");
  auto source = plugin.make_source({{"seed", 7}});
  kafka::Producer producer({{"bootstrap.servers", bootstrap}});
  std::stop_source never;
  std::string error;
  for (const auto& r : testkit::take(*source, count)) {
    std::string value = r.value.dump();
    producer.produce({.topic = kInput, .key = r.key, .value = value}, never.get_token(), error);
  }
  producer.flush(std::chrono::seconds(60));
}

double plain_copy(const std::string& bootstrap, std::size_t count) {
  kafka::Consumer consumer({{"bootstrap.servers", bootstrap}, {"group.id", "bench-copy"}});
  consumer.subscribe({kInput});
  kafka::Producer producer({{"bootstrap.servers", bootstrap}});
  std::stop_source never;
  std::string error;
  const std::string output = "copy";
  std::size_t copied = 0;
  Clock::time_point first;
  while (copied < count) {
    auto m = consumer.poll(std::chrono::milliseconds(100));
    if (!m || m->is_error()) continue;
    if (copied++ == 0) first = Clock::now();
    producer.produce({.topic = output, .key = m->key().value_or(""), .value = m->value()}, never.get_token(), error);
  }
  producer.flush(std::chrono::seconds(60));
  consumer.close();
  return static_cast<double>(count) / bench::seconds_since(first);
}

double vwap_processor(const std::string& bootstrap, std::size_t count) {
  test_support::RunningPipeline running("[kafka]\nbrokers = \"" + bootstrap + R"("
[topics.stock_trades]
partitions = 3
[topics.stock_metrics]
partitions = 3
[processors.stock_vwap]
input = "stock_trades"
output = "stock_metrics"
[[processors.stock_vwap.transforms]]
plugin = "window_aggregate"
options = { by = "symbol", window = 20, emit_every = 10, metrics = ["vwap", "min", "max", "change_pct"] }
)");
  auto received = [&] {
    return running.pipeline().health()["processors"]["stock_vwap"]["received"].get<std::size_t>();
  };
  while (received() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto first = Clock::now();
  while (received() < count) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  running.stop();  // flushes the output
  return static_cast<double>(count) / bench::seconds_since(first);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 300000;
  std::printf("processor benchmark on the embedded broker, %zu stock trades\n", count);
  kafka::EmbeddedBroker broker;
  broker.create_topic(kInput, 3);
  broker.create_topic("copy", 3);
  fill_input(broker.bootstrap_servers(), count);
  double copy = bench::report("(a) plain consume-and-produce copy", plain_copy(broker.bootstrap_servers(), count), "records/s");
  double vwap = bench::report("(b) processor with window_aggregate", vwap_processor(broker.bootstrap_servers(), count), "records/s");
  bench::report_ratio("ratio b/a (cost of the transform layer)", vwap, copy, 0.5);
  return 0;
}
