#pragma once
// Counts the outstanding deliveries of one processor batch, so offsets are committed only
// once Kafka has acknowledged everything the batch produced.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <string>

#include "kafka/producer.hpp"

namespace streamweaver::pipeline {

class DeliveryBatch final : public kafka::DeliveryHandler {
 public:
  void sent() { pending_.fetch_add(1); }
  void on_delivery(rd_kafka_resp_err_t error) noexcept override;

  // Waits until every sent message was acknowledged (true) or one failed, or stop (false).
  bool wait(const std::stop_token& stop);
  const std::string& failure() const { return failure_; }
  void reset();

 private:
  std::atomic<std::int64_t> pending_{0};
  std::atomic<bool> failed_{false};
  std::string failure_;
  std::mutex mutex_;
  std::condition_variable_any done_;
};

}  // namespace streamweaver::pipeline
