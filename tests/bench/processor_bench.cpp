// Processor throughput on the embedded broker, in one run, over the same input topic, in
// alternating rounds (the medians are compared, as the machine is shared and noisy):
//  (a) a plain consume-and-produce copy (our Kafka consumer, with a processor's settings, and
//      producer; no transform layer) that keeps each record's key, value, timestamp and
//      headers, as the processor does;
//  (b) the `stock_vwap` processor: stock_trades → window_aggregate → stock_metrics.
// Both are timed from their first record read to the last, so the consumer group join is
// not counted. Prints records/s for both and the ratio b/a (the cost of the transform layer),
// and how busy each one's thread was (under 100 %: it waited for records or for Kafka).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stop_token>
#include <thread>
#include <vector>

#include <streamweaver/testkit.hpp>

#include "bench_support.hpp"
#include "kafka/connection.hpp"
#include "kafka/consumer.hpp"
#include "kafka/embedded_broker.hpp"
#include "kafka/producer.hpp"
#include "support/running_pipeline.hpp"
#include "proc_stats.hpp"
#include "support/topic_reader.hpp"

using namespace streamweaver;
using bench::Clock;

namespace {

const std::string kInput = "stock_trades";
// The copy runs on the main thread, which carries the program's name.
constexpr const char* kCopyThread = "bench_processor";
// The embedded broker keeps about 5 MB per partition, some 20,000 trades. The fill spreads
// them over all partitions (keyed by symbol, they would fill only as many partitions as there
// are symbols), so 36 partitions hold about 700,000 (the default fill, 600,000, leaves room):
// rounds of about 1.5 s, long enough that a scheduling hiccup of the shared machine does not
// decide a round (12 partitions held 183,000: rounds of 0.3 s, whose copy varied by more
// than 25 %).
constexpr int kInputPartitions = 36;

// Fills the input topic with `count` serialized stock trades, keyed by symbol, spread over
// its partitions at random.
void fill_input(const std::string& bootstrap, std::size_t count) {
  auto plugin = testkit::load(STREAMWEAVER_BINARY_DIR "/plugins/libstock.so");
  auto source = plugin.make_source({{"seed", 7}});
  kafka::Producer producer({{"bootstrap.servers", bootstrap}, {"partitioner", "random"}});
  std::stop_source never;
  for (const auto& r : testkit::take(*source, count)) {
    std::string value = r.value.dump();
    producer.produce({.topic = kInput, .key = r.key, .value = value}, never.get_token());
  }
  producer.flush(std::chrono::seconds(60));
}

// A round's figure, and how busy the thread doing the work was over it (1 = a whole core):
// under 1, it waited (for records, for Kafka) rather than computed.
struct Round {
  double records_per_s;
  double busy;
  double machine_cores;  // the whole machine's CPU over the round: near 2 on 2 cores, it ran out of CPU
};

// The CPU the threads named `name...` of this process used since `before`, per second of `seconds`.
double busy_since(const std::map<pid_t, double>& before, const char* name, double seconds) {
  return bench::threads_seconds(before, bench::thread_cpu_seconds(0, name)) / seconds;
}
// The cores the whole machine used since bench::machine_busy_seconds() gave `before`.
double machine_cores_since(double before, double seconds) {
  return (bench::machine_busy_seconds() - before) / seconds;
}

// Gives up on a run that stalls, so a broken pipeline shows as an error and not as a hang.
constexpr auto kStallLimit = std::chrono::seconds(60);

[[noreturn]] void stalled(const char* run, std::size_t done, std::size_t count) {
  std::fprintf(stderr, "error: %s stalled at %zu of %zu records for %lld s\n", run, done, count,
               static_cast<long long>(kStallLimit.count()));
  std::exit(1);
}

Round plain_copy(const std::string& bootstrap, std::size_t count, int round) {
  kafka::Connection connection(bootstrap, {}, {});  // the very consumer settings the processor gets
  kafka::Consumer consumer(connection.consumer_settings("bench-copy-" + std::to_string(round)));
  consumer.subscribe({kInput});
  kafka::Producer producer({{"bootstrap.servers", bootstrap}});
  std::stop_source never;
  const std::string output = "copy";
  producer.prepare_topic(output);  // as the processor's output writer does
  std::size_t copied = 0;
  Clock::time_point first;
  std::map<pid_t, double> cpu_before;
  double machine_before = 0;
  auto last_progress = Clock::now();
  while (copied < count) {
    auto m = consumer.poll(std::chrono::milliseconds(100));
    if (!m || m->is_error()) {
      if (Clock::now() - last_progress > kStallLimit) stalled("the plain copy", copied, count);
      continue;
    }
    last_progress = Clock::now();
    if (copied++ == 0) {
      first = last_progress;
      cpu_before = bench::thread_cpu_seconds(0, kCopyThread);
      machine_before = bench::machine_busy_seconds();
    }
    // A faithful copy, as the processor's records are: timestamp and headers go along too.
    auto headers = m->headers();
    producer.produce({.topic = output,
                      .key = m->key().value_or(""),
                      .value = m->value(),
                      .timestamp_ms = m->timestamp_ms(),
                      .headers = &headers},
                     never.get_token());
  }
  auto seconds = bench::seconds_since(first);
  auto busy = busy_since(cpu_before, kCopyThread, seconds);
  auto machine_cores = machine_cores_since(machine_before, seconds);
  producer.flush(std::chrono::seconds(60));
  consumer.close();
  return {static_cast<double>(count) / seconds, busy, machine_cores};
}

// Each round is a new processor (a new consumer group), so it reads the input from the start.
Round vwap_processor(const std::string& bootstrap, std::size_t count, int round) {
  const std::string name = "stock_vwap_" + std::to_string(round);
  test_support::RunningPipeline running("[kafka]\nbrokers = \"" + bootstrap + R"("
[topics.stock_trades]
partitions = )" + std::to_string(kInputPartitions) + R"(
[topics.stock_metrics]
partitions = 3
[processors.)" + name + R"(]
input = "stock_trades"
output = "stock_metrics"
dead_letter = "stock_vwap.dlq"
[[processors.)" + name + R"(.transforms]]
plugin = "window_aggregate"
options = { by = "symbol", window = 20, emit_every = 10, metrics = ["vwap", "min", "max", "change_pct"] }
)");
  // The processor's own counter, read directly: rendering health() every millisecond would
  // take CPU from the processor it times (the copy has no such cost).
  auto status = running.pipeline().snapshot().processors.at(0);
  auto received = [&] { return static_cast<std::size_t>(status->received.value()); };
  auto wait_until = [&](std::size_t target) {
    auto last_progress = Clock::now();
    for (std::size_t seen = received(), before = seen; seen < target; before = seen, seen = received()) {
      if (seen != before) last_progress = Clock::now();
      if (Clock::now() - last_progress > kStallLimit) stalled("the processor", seen, count);
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  };
  wait_until(1);
  auto first = Clock::now();
  auto cpu_before = bench::thread_cpu_seconds(0, "processor");
  auto machine_before = bench::machine_busy_seconds();
  wait_until(count);
  auto seconds = bench::seconds_since(first);
  auto busy = busy_since(cpu_before, "processor", seconds);
  auto machine_cores = machine_cores_since(machine_before, seconds);
  running.stop();  // flushes the output
  return {static_cast<double>(count) / seconds, busy, machine_cores};
}

}  // namespace

int main(int argc, char** argv) {
  auto count_argument = bench::number_argument(argc, argv, 1, 600000, {.minimum = 1000, .maximum = 1e8, .whole = true});
  bool help = bench::wants_help(argc, argv);
  if (help || !count_argument || argc > 2) {
    std::fprintf(help ? stdout : stderr,
                 "usage: bench_processor [TRADES]\n"
                 "  Fills a topic with TRADES stock trades (default 600,000, at least 1,000; the embedded\n"
                 "  broker keeps about 700,000) and times a plain consume-and-produce copy against the\n"
                 "  stock_vwap processor over them, in 5 alternating rounds.\n");
    return help ? 0 : 2;
  }
  auto count = static_cast<std::size_t>(*count_argument);
  constexpr int kRounds = 5;
  std::printf("processor benchmark on the embedded broker, %zu stock trades, %d alternating rounds\n", count, kRounds);
  kafka::EmbeddedBroker broker;
  broker.create_topic(kInput, kInputPartitions);
  // The mock cluster cannot create topics over the protocol, so the pipeline's topics are made here.
  for (const char* topic : {"copy", "stock_metrics", "stock_vwap.dlq"}) broker.create_topic(topic, 3);
  fill_input(broker.bootstrap_servers(), count);
  // The embedded broker keeps only a few MB per partition and drops the oldest records past
  // that; every run reads exactly what it still holds.
  auto held = static_cast<std::size_t>(test_support::retained_records(broker.bootstrap_servers(), kInput));
  if (held < count) {
    std::printf("the embedded broker holds the last %zu of them (it keeps a few MB per partition)\n", held);
    count = held;
  }
  std::printf("  load average before: %.2f\n", bench::load_average());
  std::vector<double> copies, processors, ratios;
  for (int round = 1; round <= kRounds; ++round) {
    auto copy = plain_copy(broker.bootstrap_servers(), count, round);
    auto processor = vwap_processor(broker.bootstrap_servers(), count, round);
    copies.push_back(copy.records_per_s);
    processors.push_back(processor.records_per_s);
    ratios.push_back(processors.back() / copies.back());
    std::printf("  round %d: (a) copy %.0f records/s, (b) processor %.0f records/s, b/a %.2f; "
                "thread busy: copy %.0f %%, processor %.0f %%; machine: %.2f / %.2f cores\n",
                round, copies.back(), processors.back(), ratios.back(), 100 * copy.busy,
                100 * processor.busy, copy.machine_cores, processor.machine_cores);
  }
  bench::report("(a) plain consume-and-produce copy, median", bench::median(copies), "records/s");
  bench::report("(b) processor with window_aggregate, median", bench::median(processors), "records/s");
  std::printf("  %-48s %12.2f (target >= 0.90)\n", "median ratio b/a (cost of the transform layer)",
              bench::median(ratios));
  bool valid = bench::spread(copies) <= bench::kMaxReferenceSpread;
  std::printf("  load average after: %.2f; run %s\n", bench::load_average(),
              valid ? "valid" : "NOT VALID: the plain copy varied more than 25 % between rounds");
  return 0;
}
