#include "pipeline/bridge_catch_up.hpp"

#include <algorithm>
#include <set>

#include <spdlog/spdlog.h>

#include "bridge/protocol.hpp"
#include "bridge/subscription.hpp"
#include "kafka/consumer.hpp"
#include "pipeline/bridge_feed.hpp"
#include "pipeline/log_throttle.hpp"

namespace streamweaver::pipeline {
namespace {

using namespace std::chrono_literals;
constexpr auto kAskTimeout = 10s;
constexpr int kBatch = 1000;  // records read between two attempts to join the live stream

// Where each partition starts and how far Kafka had records when the catch-up began.
struct Plan {
  bridge::PartitionOffsets start;
  bridge::PartitionOffsets end;
  std::set<std::int32_t> by_time;  // partitions whose records older than since_ms are skipped
  // The embedded broker cannot look offsets up by time (librdkafka's mock cluster answers
  // "none"), so there since_ms reads from the oldest record and skips older ones; the cap
  // then counts what is sent rather than what is planned.
  bool scans_for_time = false;

  std::int64_t planned_records() const {
    std::int64_t n = 0;
    for (const auto& [partition, from] : start)
      if (!(scans_for_time && by_time.contains(partition))) n += end.at(partition) - from;
    return n;
  }
};

Plan make_plan(kafka::Consumer& consumer, bool embedded, const bridge::CatchUpRequest& r) {
  Plan plan;
  const auto& start = r.start;
  auto partitions = consumer.partitions_of(r.topic, kAskTimeout);
  plan.scans_for_time = start.since_ms && embedded;
  std::map<std::int32_t, std::int64_t> by_time;
  if (start.since_ms && !plan.scans_for_time)
    by_time = consumer.offsets_for_time(r.topic, partitions, *start.since_ms, kAskTimeout);
  auto resume = start.resume.find(r.topic);
  for (auto p : partitions) {
    auto [low, high] = consumer.watermarks(r.topic, p, kAskTimeout);
    std::int64_t from = high;  // not asked for: from the live stream on
    if (start.earliest) {
      from = low;
    } else if (resume != start.resume.end() && resume->second.contains(p)) {
      from = resume->second.at(p) + 1;
    } else if (start.since_ms) {
      from = plan.scans_for_time ? low : by_time.at(p);
      plan.by_time.insert(p);
    }
    plan.start[p] = std::clamp(from, low, high);  // older ones are gone from Kafka
    plan.end[p] = high;
  }
  return plan;
}

class CatchUp {
 public:
  CatchUp(bridge::Hub& hub, const bridge::CatchUpRequest& request,
          std::shared_ptr<bridge::Subscriber> subscriber, CatchUpLimits limits)
      : hub_(hub), request_(request), subscriber_(std::move(subscriber)), limits_(limits) {}

  void run(kafka::Consumer& consumer, bool embedded, const std::stop_token& stop) {
    try {
      plan_ = make_plan(consumer, embedded, request_);
    } catch (const std::exception& e) {
      return refuse(std::string("cannot read older records: ") + e.what());
    }
    if (auto n = plan_.planned_records(); n > static_cast<std::int64_t>(limits_.max_records))
      return refuse(over_cap_message(n));
    kafka::Offsets offsets;
    for (const auto& [partition, offset] : plan_.start) offsets[{request_.topic, partition}] = offset;
    consumer.assign(offsets);
    next_ = plan_.start;
    while (!stop.stop_requested()) {
      auto step = hub_.try_join(*subscriber_, request_.topic, next_);
      if (step == bridge::Hub::CatchUpStep::joined) {
        spdlog::info("[bridge] a client caught up on '{}': {} records from Kafka, then live",
                     request_.topic, sent_);
        return;
      }
      if (step == bridge::Hub::CatchUpStep::abandoned || !read_batch(consumer, stop)) return;
    }
  }

 private:
  // False when the catch-up ends here (the client left, or it went over the cap).
  bool read_batch(kafka::Consumer& consumer, const std::stop_token& stop) {
    for (int i = 0; i < kBatch && !stop.stop_requested(); ++i) {
      auto message = consumer.poll(i == 0 ? 100ms : 0ms);
      if (!message) return true;
      if (message->is_error()) {
        if (worth_logging(++errors_))
          spdlog::warn("[bridge] catch-up on '{}' ({} errors so far): {}", request_.topic,
                       errors_, message->error());
        continue;
      }
      auto partition = message->partition();
      if (message->offset() < next_[partition]) continue;  // already sent
      next_[partition] = message->offset() + 1;
      if (plan_.by_time.contains(partition) && message->timestamp_ms() < *request_.start.since_ms)
        continue;
      if (!send(bridge::data_frame(bridged_record(*message)), stop)) return false;
      if (plan_.scans_for_time && sent_ > limits_.max_records) {
        refuse(over_cap_message(static_cast<std::int64_t>(sent_)));
        return false;
      }
    }
    return true;
  }

  bool send(const bridge::FramePtr& frame, const std::stop_token& stop) {
    if (!bridge::key_allowed(request_.keys, *frame)) return true;
    bridge::ParsedValue value(*frame);
    if (request_.where && !request_.where->matches(value.get())) return true;
    // Wait for room: a catch-up must not overrun the queue and have its frames dropped.
    while (!subscriber_->wait_for_room(200ms))
      if (stop.stop_requested() || hub_.catch_up_state(*subscriber_, request_.topic) ==
                                       bridge::Hub::CatchUpStep::abandoned)
        return false;
    subscriber_->deliver(frame);
    ++sent_;
    return true;
  }

  std::string over_cap_message(std::int64_t n) const {
    return "catch-up on '" + request_.topic + "' needs " + (plan_.scans_for_time ? "over " : "") +
           std::to_string(plan_.scans_for_time ? limits_.max_records : n) +
           " records, more than [bridge] max_catchup_records (" +
           std::to_string(limits_.max_records) + "); ask for a later position";
  }

  // The client is told why and the topic is dropped from its subscription.
  void refuse(const std::string& why) {
    spdlog::info("[bridge] {}", why);
    hub_.unsubscribe(*subscriber_, {.topics = std::vector<std::string>{request_.topic}});
    subscriber_->deliver(bridge::error_frame(why));
  }

  bridge::Hub& hub_;
  const bridge::CatchUpRequest& request_;
  std::shared_ptr<bridge::Subscriber> subscriber_;
  const CatchUpLimits limits_;
  Plan plan_;
  bridge::PartitionOffsets next_;  // per partition, the next offset to read
  std::size_t sent_ = 0;
  std::uint64_t errors_ = 0;
};

}  // namespace

void run_catch_up(const kafka::Connection& kafka, bridge::Hub& hub,
                  const bridge::CatchUpRequest& request, const std::string& consumer_name,
                  CatchUpLimits limits, const std::stop_token& stop) {
  auto subscriber = request.subscriber.lock();
  if (!subscriber) return;
  try {
    kafka::Consumer consumer(kafka.consumer_settings(consumer_name, kafka::Connection::Latency::screen));
    CatchUp(hub, request, subscriber, limits).run(consumer, kafka.embedded(), stop);
  } catch (const std::exception& e) {  // e.g. no consumer could be made
    spdlog::error("[bridge] catch-up on '{}' failed: {}", request.topic, e.what());
    hub.unsubscribe(*subscriber, {.topics = std::vector<std::string>{request.topic}});
    subscriber->deliver(bridge::error_frame("catch-up on '" + request.topic + "' failed: " + e.what()));
  }
}

}  // namespace streamweaver::pipeline
