#include "pipeline/processor_batch.hpp"

#include <utility>

namespace streamweaver::pipeline {
namespace {

std::uint32_t tag_of(std::uint32_t input, ProcessorBatch::Kind kind) {
  return input << 1 | static_cast<std::uint32_t>(kind);
}

}  // namespace

kafka::DeliveryTarget* ProcessorBatch::target_for(std::uint32_t input, Kind kind) {
  {
    std::lock_guard lock(mutex_);
    ++pending_;
  }
  return &targets_.emplace_back(kafka::DeliveryTarget{this, tag_of(input, kind)});
}

void ProcessorBatch::on_delivery(std::uint32_t tag, rd_kafka_resp_err_t error) noexcept {
  auto kind = static_cast<Kind>(tag & 1);
  std::lock_guard lock(mutex_);
  if (!error) {
    if (kind == Kind::output) ++outputs_delivered_;
  } else if (kafka::is_record_error(error)) {
    refusals_.push_back({tag >> 1, kind, error});
  } else if (!failure_) {
    failure_ = rd_kafka_err2str(error);
  }
  if (--pending_ == 0) settled_.notify_all();
}

bool ProcessorBatch::wait_for(std::chrono::milliseconds timeout, const std::stop_token& stop) {
  std::unique_lock lock(mutex_);
  return settled_.wait_for(lock, stop, timeout, [&] { return pending_ == 0; });
}

std::vector<ProcessorBatch::Refusal> ProcessorBatch::take_refusals() {
  std::lock_guard lock(mutex_);
  return std::exchange(refusals_, {});
}

std::optional<std::string> ProcessorBatch::failure() const {
  std::lock_guard lock(mutex_);
  return failure_;
}

std::uint64_t ProcessorBatch::outputs_delivered() const {
  std::lock_guard lock(mutex_);
  return outputs_delivered_;
}

}  // namespace streamweaver::pipeline
