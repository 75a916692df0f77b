#pragma once
// The host's one shared producer: idempotent, acks=all, batched. One thread owns polling
// (delivery reports); producing threads only enqueue, and wait while the queue is full.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <streamweaver/record.hpp>

#include "kafka/client_config.hpp"

namespace streamweaver::kafka {

// Told the outcome of one produced message, on the producer's poll thread.
class DeliveryHandler {
 public:
  virtual void on_delivery(rd_kafka_resp_err_t error) noexcept = 0;

 protected:
  ~DeliveryHandler() = default;
};

struct OutgoingMessage {
  const std::string& topic;
  std::string_view key;  // empty: no key
  std::string_view value;
  std::int64_t timestamp_ms = 0;  // 0: now
  const std::vector<Header>* headers = nullptr;
  DeliveryHandler* handler = nullptr;
};

class Producer {
 public:
  // `settings` are merged over the defaults (idempotence, acks=all, linger.ms=1).
  explicit Producer(const ConfigMap& settings);
  ~Producer();
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // Enqueues a copy of the message. While librdkafka's queue is full this waits (back-pressure,
  // nothing is dropped) until there is room or `stop` is requested. Returns false when the
  // message was not enqueued: stopping, or an error described in `error`.
  bool produce(const OutgoingMessage& message, const std::stop_token& stop, std::string& error);

  // Waits up to `timeout` for everything enqueued to be delivered; returns how many are left.
  int flush(std::chrono::milliseconds timeout);
  int queued() const;
  rd_kafka_t* handle() const { return handle_.get(); }

  static ConfigMap defaults();

 private:
  void poll_loop(const std::stop_token& stop);
  void wait_for_room(const std::stop_token& stop);

  Handle handle_;
  std::mutex room_mutex_;
  std::condition_variable_any room_;  // signalled after delivery reports free queue space
  std::jthread poller_;
};

}  // namespace streamweaver::kafka
