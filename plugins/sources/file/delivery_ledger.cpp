#include "delivery_ledger.hpp"

#include <atomic>

namespace streamweaver::sources::file {

class DeliveryLedger::Receipt final : public DeliveryReceipt {
 public:
  Receipt(std::shared_ptr<DeliveryLedger> ledger, std::uint64_t id) : ledger_(std::move(ledger)), id_(id) {}
  ~Receipt() override { ledger_->settled(id_, failed_.load()); }
  void failed(std::string_view) noexcept override { failed_ = true; }

 private:
  std::shared_ptr<DeliveryLedger> ledger_;
  std::uint64_t id_;
  std::atomic<bool> failed_{false};
};

void DeliveryLedger::start_from(Positions positions) {
  std::lock_guard lock(mutex_);
  durable_ = std::move(positions);
  dirty_ = true;  // remembered at once: lines written before the first delivery are not skipped
}

std::shared_ptr<DeliveryReceipt> DeliveryLedger::open() {
  std::lock_guard lock(mutex_);
  batches_.push_back({.id = next_id_});
  return std::make_shared<Receipt>(shared_from_this(), next_id_++);
}

void DeliveryLedger::close(Positions after) {
  std::lock_guard lock(mutex_);
  batches_.back().after = std::move(after);
}

void DeliveryLedger::settled(std::uint64_t id, bool failed) noexcept {
  std::lock_guard lock(mutex_);
  for (auto& batch : batches_)
    if (batch.id == id) {
      batch.settled = true;
      batch.failed = failed;
    }
  while (!stuck_ && !batches_.empty() && batches_.front().settled) {
    if (batches_.front().failed) {
      stuck_ = true;
      break;
    }
    for (auto& [path, position] : batches_.front().after) durable_[path] = position;
    batches_.pop_front();
    dirty_ = true;
  }
  if (!orphaned_) return;
  try {
    save_locked();
  } catch (...) {
    // kept dirty: the next settlement tries again
  }
}

void DeliveryLedger::save_settled() {
  std::lock_guard lock(mutex_);
  save_locked();
}

void DeliveryLedger::orphan() {
  std::lock_guard lock(mutex_);
  orphaned_ = true;
}

void DeliveryLedger::save_locked() {
  if (!dirty_) return;
  store_.save(durable_);
  dirty_ = false;
}

}  // namespace streamweaver::sources::file
