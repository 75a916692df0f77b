#include "pipeline/delivery_batch.hpp"

namespace streamweaver::pipeline {

void DeliveryBatch::on_delivery(rd_kafka_resp_err_t error) noexcept {
  std::lock_guard lock(mutex_);
  if (error && !failed_) {
    failure_ = rd_kafka_err2str(error);
    failed_ = true;
  }
  if (pending_.fetch_sub(1) == 1 || error) done_.notify_all();
}

bool DeliveryBatch::wait(const std::stop_token& stop) {
  std::unique_lock lock(mutex_);
  done_.wait(lock, stop, [&] { return pending_ == 0 || failed_; });
  return pending_ == 0 && !failed_;
}

void DeliveryBatch::reset() {
  std::lock_guard lock(mutex_);
  pending_ = 0;
  failed_ = false;
  failure_.clear();
}

}  // namespace streamweaver::pipeline
