#pragma once
// What one processor batch wrote (outputs and dead letters) and what Kafka did with it, so
// that offsets are committed only once Kafka has settled every message. Each message in
// flight keeps the batch alive: a processor may stop, or a reload remove it, before then.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "kafka/delivery.hpp"

namespace streamweaver::pipeline {

class ProcessorBatch final : public kafka::DeliveryHandler {
 public:
  enum class Kind : std::uint32_t { output = 0, dead_letter = 1 };
  // Outputs of timers belong to no input record.
  static constexpr std::uint32_t kNoInput = 0x7fffffff;

  // Where the delivery report of a message written for input number `input` goes.
  kafka::DeliveryTarget* target_for(std::uint32_t input, Kind kind);
  void on_delivery(std::uint32_t tag, rd_kafka_resp_err_t error) noexcept override;

  // Waits up to `timeout` for every message to be settled; false on timeout or stop.
  bool wait_for(std::chrono::milliseconds timeout, const std::stop_token& stop);

  // Messages Kafka refused for what they are (too large, invalid), once settled.
  struct Refusal {
    std::uint32_t input;
    Kind kind;
    rd_kafka_resp_err_t error;
  };
  std::vector<Refusal> take_refusals();
  // The first failure that was not about the message itself (Kafka's side), if any.
  std::optional<std::string> failure() const;
  std::uint64_t outputs_delivered() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable_any settled_;
  std::deque<kafka::DeliveryTarget> targets_;  // stable addresses; processor thread only
  std::uint64_t pending_ = 0;
  std::uint64_t outputs_delivered_ = 0;
  std::vector<Refusal> refusals_;
  std::optional<std::string> failure_;
};

}  // namespace streamweaver::pipeline
