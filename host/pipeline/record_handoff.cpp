#include "pipeline/record_handoff.hpp"

#include <cstdlib>
#include <utility>

namespace streamweaver::pipeline {
namespace {

// clear() and swap_contents() name every member: a new one must be added to both.
static_assert(sizeof(Record) == 2 * sizeof(std::string) + sizeof(nlohmann::json) + sizeof(std::int64_t) +
                                    sizeof(std::vector<Header>) + sizeof(std::shared_ptr<DeliveryReceipt>),
              "Record has a member that clear() and swap_contents() do not know");

// Member by member: std::swap's three moves of a whole Record cost twice as much, and this
// runs for every record a source makes.
void swap_contents(Record& a, Record& b) noexcept {
  a.key.swap(b.key);
  a.value.swap(b.value);
  std::swap(a.timestamp_ms, b.timestamp_ms);
  a.headers.swap(b.headers);
  a.json.swap(b.json);
  a.receipt.swap(b.receipt);
}

}  // namespace

void clear(Record& record) {
  record.key.clear();
  record.value = nullptr;
  record.timestamp_ms = 0;
  record.headers.clear();
  record.json.clear();
  record.receipt.reset();
}

void RecordHandoff::add(Record& record) {
  auto& records = filling_.records;
  if (filling_.count == records.size()) records.emplace_back();
  swap_contents(records[filling_.count++], record);
  if (filling_.count == batch_records_) flush();
}

void RecordHandoff::flush() {
  if (filling_.count == 0) return;
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return ready_.size() < waiting_batches_; });
    ready_.push_back(std::exchange(filling_, {}));
    if (!spare_.empty()) {
      filling_.records = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  changed_.notify_all();
}

void RecordHandoff::close() {
  {
    std::lock_guard lock(mutex_);
    if (filling_.count > 0) ready_.push_back(std::exchange(filling_, {}));
    closed_ = true;
  }
  changed_.notify_all();
}

bool RecordHandoff::take(std::vector<Record>& batch, std::size_t& count) {
  {
    std::unique_lock lock(mutex_);
    if (!batch.empty()) spare_.push_back(std::move(batch));
    changed_.wait(lock, [&] { return !ready_.empty() || closed_; });
    if (ready_.empty()) return false;
    batch = std::move(ready_.front().records);
    count = ready_.front().count;
    ready_.pop_front();
  }
  changed_.notify_all();
  return true;
}

}  // namespace streamweaver::pipeline
