#include "pipeline/record_handoff.hpp"

#include <utility>

namespace streamweaver::pipeline {

void clear(Record& record) {
  record.key.clear();
  record.value = nullptr;
  record.timestamp_ms = 0;
  record.headers.clear();
  record.json.clear();
  record.receipt.reset();
}

void RecordHandoff::add(Record& record) {
  if (filled_ == filling_.size()) filling_.emplace_back();
  std::swap(filling_[filled_++], record);
  if (filled_ == batch_records_) flush();
}

void RecordHandoff::flush() {
  if (filled_ == 0) return;
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return ready_count_ == 0; });
    std::swap(ready_, filling_);  // filling_ gets the records the sender gave back
    ready_count_ = filled_;
  }
  filled_ = 0;
  changed_.notify_all();
}

void RecordHandoff::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

bool RecordHandoff::take(std::vector<Record>& batch, std::size_t& count) {
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return ready_count_ > 0 || closed_; });
    if (ready_count_ == 0) return false;
    std::swap(ready_, batch);
    count = std::exchange(ready_count_, 0);
  }
  changed_.notify_all();
  return true;
}

}  // namespace streamweaver::pipeline
