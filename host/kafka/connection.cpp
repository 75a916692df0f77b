#include "kafka/connection.hpp"

namespace streamweaver::kafka {

Connection::Connection(const std::string& brokers, ConfigMap producer_overrides,
                       ConfigMap consumer_overrides)
    : producer_overrides_(std::move(producer_overrides)),
      consumer_overrides_(std::move(consumer_overrides)) {
  if (brokers == "embedded") {
    broker_ = std::make_unique<EmbeddedBroker>();
    bootstrap_ = broker_->bootstrap_servers();
  } else {
    bootstrap_ = brokers;
  }
}

void Connection::ensure_topics(const std::vector<TopicSpec>& topics) {
  if (broker_) {
    for (const auto& t : topics) broker_->create_topic(t.name, t.partitions, t.replication_factor);
  } else {
    kafka::ensure_topics({{"bootstrap.servers", bootstrap_}, {"log_level", "3"}}, topics);
  }
}

ConfigMap Connection::producer_settings() const {
  ConfigMap base = {{"bootstrap.servers", bootstrap_}};
  // The mock broker finds a fetch's offset by walking the partition's whole log, batch by
  // batch (librdkafka 2.0: "FIXME: Maintain an index"). Fewer, fuller batches keep that walk
  // short: at 1,000 records/s, 1 ms batches made it the host's busiest thread.
  if (embedded()) base["linger.ms"] = "5";
  return merged(base, producer_overrides_);
}

ConfigMap Connection::consumer_settings(const std::string& group_id, Latency latency) const {
  ConfigMap base = {{"bootstrap.servers", bootstrap_}, {"group.id", group_id}};
  // A real broker answers a fetch as soon as a record arrives, so its wait costs no latency.
  if (latency == Latency::screen) base["fetch.wait.max.ms"] = "100";
  // Once its queue holds queued.min.messages, librdkafka (before 2.4) stops fetching; the
  // Consumer wakes it again once the queue is drained (FetchWaker), and each stop costs a
  // fetch round trip with nothing to do. 100,000, the default, made a processor catching up
  // 15-30 % slower than this (bench_processor, 3 December 2026). More costs memory only
  // while it is behind: a few hundred bytes a queued record. Records of more than about
  // 220 bytes reach queued.max.messages.kbytes (64 MB) first, and wait for librdkafka.
  if (latency == Latency::normal) base["queued.min.messages"] = "300000";
  if (embedded()) {
    // The mock broker holds a fetch that finds nothing for the whole wait (500 ms by
    // default), even when records arrive meanwhile.
    base["fetch.wait.max.ms"] = latency == Latency::screen ? "2" : "20";
    // It also lets a restarted processor (a reload) rejoin its group only once the old
    // member's session has timed out, though it left: 45 s by default.
    base["session.timeout.ms"] = "6000";
    base["heartbeat.interval.ms"] = "2000";
  }
  return merged(base, consumer_overrides_);
}

}  // namespace streamweaver::kafka
