#pragma once
// One POST's records on their way to Kafka (ack = "delivered"): the records carry it, and it
// answers the POST when the last of them is settled, that is when the last reference goes.
#include <atomic>
#include <mutex>
#include <string>

#include <streamweaver/delivery.hpp>

#include "reply.hpp"

namespace streamweaver::sources::http {

class BatchReceipt final : public DeliveryReceipt {
 public:
  BatchReceipt(std::size_t records, Reply reply) : records_(records), reply_(std::move(reply)) {}
  BatchReceipt(const BatchReceipt&) = delete;
  BatchReceipt& operator=(const BatchReceipt&) = delete;

  ~BatchReceipt() override {
    if (!reply_) return;
    auto failed = failed_.load();
    if (failed == 0) {
      reply_({200, {{"delivered", records_}}});
      return;
    }
    std::lock_guard lock(mutex_);
    reply_({500, {{"error", std::to_string(failed) + " of " + std::to_string(records_) +
                                " records were not delivered: " + first_reason_},
                  {"failed", failed}}});
  }

  // The POST was answered otherwise (429): this receipt stays silent. Before it is shared.
  void withdraw() { reply_ = nullptr; }

  void failed(std::string_view why) noexcept override {
    if (failed_.fetch_add(1) > 0) return;
    std::lock_guard lock(mutex_);
    first_reason_.assign(why);
  }

 private:
  std::size_t records_;
  Reply reply_;
  std::atomic<std::size_t> failed_{0};
  std::mutex mutex_;
  std::string first_reason_;
};

}  // namespace streamweaver::sources::http
