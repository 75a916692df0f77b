#pragma once
// The host's one shared producer: idempotent, acks=all, batched, and patient: a record
// stays queued until Kafka takes it, however long Kafka is away (no message timeout). One
// thread owns polling (delivery reports, errors, statistics); producing threads only
// enqueue, and wait while the queue is full (back-pressure, woken by the next delivery).
// After a fatal error (e.g. the idempotent producer lost its sequence) it makes a new
// librdkafka producer and hands it every record the old one still held.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <map>
#include <shared_mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <streamweaver/record.hpp>

#include "kafka/client_config.hpp"
#include "kafka/kafka_health.hpp"
#include "kafka/delivery.hpp"

namespace streamweaver::kafka {

// Told when a producing thread starts and stops waiting for room in the queue, and how long
// it has waited so far each time it wakes (at least once a second), so that its component
// shows it is held up while it waits.
class WaitListener {
 public:
  virtual void waiting(bool waiting) noexcept = 0;
  virtual void waited(std::chrono::nanoseconds more) noexcept = 0;

 protected:
  ~WaitListener() = default;
};

struct OutgoingMessage {
  const std::string& topic;
  std::string_view key;  // empty: no key
  std::string_view value;
  std::int64_t timestamp_ms = 0;  // 0: now
  const std::vector<Header>* headers = nullptr;
  DeliveryTarget* target = nullptr;  // told the outcome; null: nobody asks
};

struct ProduceResult {
  enum class Outcome { queued, refused, stopped };
  Outcome outcome = Outcome::queued;
  rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;  // refused: why
  std::chrono::nanoseconds paused{0};  // spent waiting for room in a full queue

  bool queued() const { return outcome == Outcome::queued; }
  bool refused() const { return outcome == Outcome::refused; }
};

class Producer {
 public:
  // `settings` are merged over defaults().
  explicit Producer(const ConfigMap& settings);
  ~Producer();
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // Enqueues a copy of the message. While the queue is full this waits until a delivery
  // makes room or `stop` is requested (stopped: the message was not enqueued). refused:
  // librdkafka will not take this message (e.g. too large); `error` says why.
  ProduceResult produce(const OutgoingMessage& message, const std::stop_token& stop,
                        WaitListener* listener = nullptr);

  // Asks Kafka for the topic's partitions now. Else librdkafka learns them at its next topic
  // scan, up to a second after the topic's first record, which that record and all behind
  // it wait for. The producer keeps librdkafka's handle of the topic for its records: found
  // by name, every record would take the client's global write lock, which librdkafka's
  // own threads wait on. Kept across a replacement of the librdkafka producer.
  void prepare_topic(const std::string& topic);

  // Waits up to `timeout` for Kafka to take everything queued; returns how many are left.
  int flush(std::chrono::milliseconds timeout);
  // Gives up on everything still queued (their delivery reports say so); returns how many.
  int purge();
  // Records taken and not yet settled (delivered or given up). Not librdkafka's out-queue
  // length, which also counts pending error and statistics events.
  int queued() const;

  // Shared, so that health readers may keep it past the producer.
  std::shared_ptr<const KafkaHealth> health() const { return health_; }

  // For fault tests: raises a fatal error as librdkafka would.
  void inject_fatal_error(rd_kafka_resp_err_t error, const char* reason);

  static ConfigMap defaults();

 private:
  struct Resend;

  Handle make_handle();
  void make_topic_handle(const std::string& name);
  void poll_loop(const std::stop_token& stop);
  bool worth_waking();
  void deliveries_served();
  void recover_from_fatal_error();
  void keep_for_resend(const rd_kafka_message_t& message, DeliveryTarget* target);
  void resend_kept();

  static void on_delivery_report(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque);
  static void on_error(rd_kafka_t* rk, int error, const char* reason, void* opaque);
  static int on_statistics(rd_kafka_t*, char* json, size_t length, void* opaque);

  ConfigMap settings_;
  std::shared_ptr<KafkaHealth> health_ = std::make_shared<KafkaHealth>();

  // Producing threads share the handle and the topics' handles; the poll thread takes them
  // exclusively to replace them, prepare_topic to add one. (Apart from what the poll thread
  // writes for every round of deliveries, below.)
  alignas(64) mutable std::shared_mutex handle_mutex_;
  Handle handle_;
  std::map<std::string, TopicHandle, std::less<>> topics_;  // after handle_: destroyed before it
  std::atomic<bool> fatal_{false};          // set by error_cb; the poll thread acts on it
  std::vector<Resend> resend_;               // poll thread only (still counted as unsettled)
  alignas(64) std::atomic<int> unsettled_{0};

  // Back-pressure and flush waits wake when the poll thread has served delivery reports.
  alignas(64) std::mutex served_mutex_;
  std::condition_variable_any served_;
  std::atomic<std::uint64_t> served_rounds_{0};
  std::atomic<int> waiting_for_room_{0};
  const int resume_below_;  // queued records below which a full queue has room again
  std::chrono::steady_clock::time_point last_wake_;  // poll thread only

  std::jthread poller_;
};

}  // namespace streamweaver::kafka
