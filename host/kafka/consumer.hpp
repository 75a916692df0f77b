#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <streamweaver/record.hpp>

#include "kafka/client_config.hpp"
#include "kafka/fetch_waker.hpp"
#include "kafka/topic_partitions.hpp"

namespace streamweaver::kafka {

// One consumed message (or a consumer event such as an error), owned.
class Message {
 public:
  explicit Message(rd_kafka_message_t* message) : message_(message) {}

  bool is_error() const { return message_->err != RD_KAFKA_RESP_ERR_NO_ERROR; }
  std::string error() const { return rd_kafka_message_errstr(message_.get()); }
  std::string_view topic() const;
  std::int32_t partition() const { return message_->partition; }
  std::int64_t offset() const { return message_->offset; }
  std::optional<std::string_view> key() const;
  std::string_view value() const;
  std::int64_t timestamp_ms() const;
  std::vector<Header> headers() const;

 private:
  struct Deleter {
    void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
  };
  std::unique_ptr<rd_kafka_message_t, Deleter> message_;
};

// Next offset to read, per topic and partition.
using Offsets = std::map<TopicPartition, std::int64_t>;

// A Kafka consumer. With subscribe() it is a group member (group.id must be set) and commits
// offsets explicitly; with assign_all() it reads on its own. Every call but assignment() is
// for the one thread that polls it.
class Consumer {
 public:
  explicit Consumer(const ConfigMap& settings);
  ~Consumer();
  Consumer(const Consumer&) = delete;
  Consumer& operator=(const Consumer&) = delete;

  void subscribe(const std::vector<std::string>& topics);
  // Reads every partition of `topics` without joining a group (no rebalance wait), from the
  // oldest or the next new record. Throws when a topic does not exist.
  void assign_all(const std::vector<std::string>& topics, bool from_beginning);
  // Reads from these offsets, per topic and partition, without a group.
  void assign(const Offsets& offsets);

  // Asking Kafka about a topic (round trips; for the polling thread). Each throws
  // KafkaError when Kafka cannot answer within `timeout`.
  std::vector<std::int32_t> partitions_of(const std::string& topic,
                                          std::chrono::milliseconds timeout);
  // The oldest offset Kafka still has and the offset after the newest.
  std::pair<std::int64_t, std::int64_t> watermarks(const std::string& topic, std::int32_t partition,
                                                   std::chrono::milliseconds timeout);
  // Per partition, the first offset whose timestamp is at or after `timestamp_ms` (the
  // high watermark when there is none).
  std::map<std::int32_t, std::int64_t> offsets_for_time(const std::string& topic,
                                                         const std::vector<std::int32_t>& partitions,
                                                         std::int64_t timestamp_ms,
                                                         std::chrono::milliseconds timeout);
  // Waits up to `timeout`; nullopt when nothing arrived.
  std::optional<Message> poll(std::chrono::milliseconds timeout);
  // How often poll() woke fetching that librdkafka had stopped at queued.min.messages.
  std::uint64_t fetch_wakes() const { return fetch_waker_->wakes(); }
  // The partitions assigned to this consumer, as the last rebalance or assign left them.
  // Callable from any thread; it asks librdkafka nothing.
  std::vector<std::int32_t> assignment() const;
  // Stops fetching from the assigned partitions, and from any a rebalance assigns until
  // resume() (what was fetched and not yet polled is fetched again after it), so the
  // consumer can keep polling, and stay in its group, while it holds a batch it cannot
  // finish yet.
  void pause();
  void resume();
  // Synchronous commit of the next offsets to read.
  void commit(const Offsets& next_offsets);
  // Leaves the group (so its partitions move to other members at once).
  void close();

  static ConfigMap defaults();

 private:
  static void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t event,
                           rd_kafka_topic_partition_list_t* partitions, void* opaque);
  void add_owned(const rd_kafka_topic_partition_list_t* partitions);
  // owned_ → assignment_, for other threads.
  void publish_assignment();
  void assign_list(rd_kafka_topic_partition_list_t* list);  // takes `list`
  // pause() / resume() on what is assigned now.
  void pause_resume(bool pause);

  Handle handle_;
  bool closed_ = false;
  // Whether the owner asked for a pause: partitions a rebalance assigns meanwhile are paused
  // too, and after resume() none stays paused (librdkafka keeps a partition's pause across
  // rebalances).
  bool paused_ = false;
  std::set<TopicPartition> owned_;  // what is assigned; the polling thread's
  mutable std::mutex assignment_mutex_;
  std::vector<std::int32_t> assignment_;  // owned_'s partitions; guarded by assignment_mutex_
  std::optional<FetchWaker> fetch_waker_;  // after handle_: gone before it
};

}  // namespace streamweaver::kafka
