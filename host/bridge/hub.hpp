#pragma once
// Shared state of the bridge: bridged topics, each with a replay ring of recent frames,
// and every client's subscription. Kafka publishes here; sessions subscribe here.
//
// publish() serializes a record once and hands the same frame to each matching
// subscriber's deliver(), which only queues (never waits on the network), so one slow
// client never slows the publisher or the other clients. It visits only the topic's live
// subscribers, not every client: a list rebuilt after any change to who subscribes.

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bridge/bridge_metrics.hpp"
#include "bridge/catch_up.hpp"
#include "bridge/frame.hpp"
#include "bridge/protocol.hpp"
#include "bridge/settings.hpp"
#include "bridge/subscription.hpp"
#include "bridge/topic_catalog.hpp"
#include "metrics/registry.hpp"

namespace streamweaver::bridge {

// What the hub sends to: a WebSocket session, or a fake in tests.
class Subscriber {
 public:
  virtual ~Subscriber() = default;
  // Called with the hub locked, from the publisher's thread or the subscriber's own.
  // Must queue and return at once.
  virtual void deliver(const FramePtr& frame) = 0;
  // The same for several frames, in order: a subscriber may queue them in one go.
  virtual void deliver_all(std::span<const FramePtr> frames) {
    for (const auto& frame : frames) deliver(frame);
  }
  // For catch-ups, which wait rather than have frames dropped: true once the queue has
  // room for more, false when `timeout` passed first or the subscriber is gone.
  virtual bool wait_for_room(std::chrono::milliseconds timeout) = 0;
};

class Hub {
 public:
  Hub(const BridgeSettings& settings, metrics::Registry& registry);
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // Where the Kafka feed starts reading `topic`, per partition; called before it publishes
  // any of its records. The topic's ring starts again: it holds only what follows.
  void start_live(const std::string& topic, const PartitionOffsets& from);
  // From the Kafka consumer thread. Records of topics that are not bridged are ignored.
  // A batch (what the consumer had fetched) reaches each client in one delivery per topic.
  void publish(std::span<const BridgedRecord> records);
  void publish(const BridgedRecord& record) { publish(std::span(&record, 1)); }

  // On reload: bridges exactly `topics` from now on. A dropped topic's ring goes; clients
  // subscribed to it simply receive nothing more from it.
  void set_topics(const std::vector<std::string>& topics);
  // What clients are told about the bridged topics: sent to every client now, and to each
  // new one when it joins (see topic_catalog.hpp).
  void set_catalog(TopicCatalog catalog);
  // The catalog with each topic's current records/s, as GET /api/topics and the topics
  // frame show it.
  nlohmann::json topics_json() const;
  // Updates the records/s figures; call about every second (the Kafka feed's thread does).
  void measure_rates(std::chrono::steady_clock::time_point now);

  std::size_t client_count() const;
  bool is_bridged(std::string_view topic) const;
  BridgeMetrics& metrics() { return metrics_; }

  // --- Session side. A subscriber joins once and leaves when it ends. Its destructor must
  // not call the hub: the last reference may be dropped inside publish(), under the lock.
  // Joining delivers the topics frame first.
  void join(const std::shared_ptr<Subscriber>& subscriber);
  void leave(const Subscriber& subscriber);
  void leave_all();  // on server stop: nothing is delivered to anyone afterwards

  // Both answer the current topic list (sorted) or why the request was refused; a
  // refused request changes nothing. Replay frames are delivered before returning.
  using Reply = std::variant<std::vector<std::string>, ProtocolError>;
  // Topics with a start position other than live begin a catch-up (see catch_up.hpp).
  Reply subscribe(Subscriber& subscriber, const SubscribeRequest& request);
  Reply unsubscribe(Subscriber& subscriber, const UnsubscribeRequest& request);

  // --- Catch-up side. Who runs catch-ups; without one, start positions are refused.
  void set_catch_ups(CatchUps* catch_ups);
  enum class CatchUpStep { reading, joined, abandoned };
  // abandoned: the client left, or no longer asks for the topic.
  CatchUpStep catch_up_state(const Subscriber& subscriber, std::string_view topic) const;
  // Joins the live stream once nothing is missing between `next` (per partition, the offset
  // the catch-up would read next) and it: the ring holds the rest (sent now) or live has
  // not got that far (its frames below `next` are skipped). reading: keep reading Kafka.
  CatchUpStep try_join(Subscriber& subscriber, std::string_view topic, const PartitionOffsets& next);

 private:
  struct Client {
    std::weak_ptr<Subscriber> subscriber;
    std::map<std::string, Subscription, std::less<>> topics;  // live
    std::map<std::string, Subscription, std::less<>> catching_up;
    std::set<std::string, std::less<>> keys;  // empty: every key
    bool wants_key(const Frame& frame) const;
  };
  // A client subscribed live to a topic. Points into clients_: valid until the next change
  // to who subscribes, which makes the topic rebuild its list before it is used again.
  struct Receiver {
    Client* client;
    const Subscription* subscription;
  };
  struct Topic {
    std::deque<FramePtr> ring;  // oldest first
    PartitionOffsets next_offset;  // per partition, the offset after the newest published
    metrics::Counter* records;
    std::uint64_t records_at_measure = 0;
    double records_per_s = 0;
    std::vector<Receiver> receivers;
    std::uint64_t receivers_version = 0;  // == subscribers_version_: receivers is current
  };

  std::vector<std::string> topic_list(const Client& client) const;
  nlohmann::json topics_json_locked() const;
  void replay(Subscriber& subscriber, const Client& client, const Topic& topic,
              const Subscription& subscription, std::size_t n) const;
  static bool ring_covers(const Topic& topic, const PartitionOffsets& next);
  void publish_run(Topic& topic, const std::string& name, std::span<const FramePtr> frames,
                   std::span<ParsedValue> values, bool& someone_ended);
  void subscribers_changed() { ++subscribers_version_; }
  const std::vector<Receiver>& receivers(const std::string& name, Topic& topic);
  void forget_ended_clients();

  const std::size_t replay_records_;
  BridgeMetrics metrics_;
  mutable std::mutex mutex_;
  std::map<std::string, Topic, std::less<>> topics_;  // guarded by mutex_
  std::map<const Subscriber*, Client> clients_;
  std::uint64_t subscribers_version_ = 1;  // bumped by every change to clients_ or their topics
  std::vector<FramePtr> matched_;  // publish()'s scratch: one client's frames of a batch
  TopicCatalog catalog_;
  CatchUps* catch_ups_ = nullptr;
  std::chrono::steady_clock::time_point measured_at_ = std::chrono::steady_clock::now();
};

}  // namespace streamweaver::bridge
