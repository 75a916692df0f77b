#include "pipeline/bridge_feed.hpp"

#include <pthread.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "pipeline/log_throttle.hpp"

namespace streamweaver::pipeline {
namespace {

std::string bridge_group_id() {
  char host[256] = "host";
  gethostname(host, sizeof host - 1);
  return "streamweaver-bridge-" + std::string(host) + "-" + std::to_string(getpid());
}

// Records handed to the hub at once, at most: enough to share a lock and a wake per client
// over a fetch, few enough that the ring and the clients see them promptly.
constexpr std::size_t kMaxFeedBatch = 500;

}  // namespace

bridge::BridgedRecord bridged_record(const kafka::Message& m) {
  return {.topic = m.topic(),
          .partition = m.partition(),
          .offset = m.offset(),
          .key = m.key(),
          .timestamp_ms = m.timestamp_ms(),
          .value = m.value()};
}

BridgeFeed::BridgeFeed(const kafka::Connection& kafka, std::vector<std::string> topics,
                       bridge::Hub& hub)
    : topics_(std::move(topics)),
      hub_(hub),
      consumer_(kafka::merged(
          kafka.consumer_settings(bridge_group_id(), kafka::Connection::Latency::screen),
          {{"fetch.error.backoff.ms", "50"}})) {}

BridgeFeed::~BridgeFeed() { stop(); }

void BridgeFeed::start() {
  if (topics_.empty()) return;
  // From the newest record on, at offsets known here, so that the hub knows where live
  // begins in every partition (catch-ups join it there; see Hub::start_live).
  constexpr auto kAskTimeout = std::chrono::seconds(10);
  kafka::Offsets offsets;
  std::map<std::string, bridge::PartitionOffsets> live_from;
  for (const auto& topic : topics_)
    for (auto partition : consumer_.partitions_of(topic, kAskTimeout)) {
      auto end = consumer_.watermarks(topic, partition, kAskTimeout).second;
      offsets[{topic, partition}] = live_from[topic][partition] = end;
    }
  for (const auto& [topic, from] : live_from) hub_.start_live(topic, from);
  consumer_.assign(offsets);
  thread_ = std::jthread([this](std::stop_token stop) {
    pthread_setname_np(pthread_self(), "bridge-feed");  // for top -H, perf and bench_fanout
    run(stop);
  });
}

void BridgeFeed::stop() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

void BridgeFeed::run(const std::stop_token& stop) {
  std::uint64_t errors = 0;
  std::vector<kafka::Message> messages;  // what the records below view
  std::vector<bridge::BridgedRecord> records;
  auto next_measure = std::chrono::steady_clock::now();
  while (!stop.stop_requested()) {
    if (auto now = std::chrono::steady_clock::now(); now >= next_measure) {
      hub_.measure_rates(now);
      next_measure = now + std::chrono::seconds(1);
    }
    // Waits for one record, then takes what else was already fetched: the hub hands a
    // batch to each client in one go (a lock and a wake per client, not per record).
    messages.clear();
    records.clear();
    for (auto wait = std::chrono::milliseconds(100); messages.size() < kMaxFeedBatch; wait = {}) {
      auto message = consumer_.poll(wait);
      if (!message) break;
      if (message->is_error()) {  // e.g. every reconnect attempt while Kafka is away
        if (worth_logging(++errors)) spdlog::warn("[bridge] Kafka consumer ({} errors so far): {}", errors, message->error());
        break;
      }
      messages.push_back(std::move(*message));
    }
    for (const auto& message : messages) records.push_back(bridged_record(message));
    if (!records.empty()) hub_.publish(records);
  }
}

}  // namespace streamweaver::pipeline
