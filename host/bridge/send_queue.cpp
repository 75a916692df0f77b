#include "bridge/send_queue.hpp"

#include <iterator>

#include "bridge/protocol.hpp"

namespace streamweaver::bridge {

SendQueue::PushResult SendQueue::push(FramePtr frame) {
  PushResult result;
  std::lock_guard lock(mutex_);
  push_locked(std::move(frame), result);
  return result;
}

SendQueue::PushResult SendQueue::push_all(std::span<const FramePtr> frames) {
  PushResult result;
  std::lock_guard lock(mutex_);
  for (const auto& frame : frames) push_locked(frame, result);
  return result;
}

void SendQueue::push_locked(FramePtr frame, PushResult& result) {
  if (closed_) return;
  auto size = frame->text.size();
  if (frame->kind == Frame::Kind::control) {
    control_.push_back(std::move(frame));
    control_bytes_ += size;
    result.control_overflow = result.control_overflow || control_bytes_ > max_bytes_;
  } else {
    data_.push_back(std::move(frame));
    data_bytes_ += size;
    // Keep at least the newest frame, even if it alone is over budget.
    std::uint64_t dropped = 0;
    while (data_bytes_ > max_bytes_ && data_.size() > 1) {
      data_bytes_ -= data_.front()->text.size();
      data_.pop_front();
      ++dropped;
    }
    unreported_drops_ += dropped;
    result.dropped += dropped;
    if (dropped > 0 && !behind_since_) {
      behind_since_ = Clock::now();
      result.fell_behind = true;
    }
  }
  if (!writer_busy_) {
    writer_busy_ = true;
    result.wake_writer = true;
  }
}

FramePtr SendQueue::pop() {
  std::lock_guard lock(mutex_);
  if (closed_) return nullptr;
  if (auto control = pop_control_locked()) return control;
  if (auto dropped = pop_dropped_locked()) return dropped;
  if (!data_.empty()) {
    auto frame = std::move(data_.front());
    data_.pop_front();
    data_taken_locked(frame->text.size());
    return frame;
  }
  writer_busy_ = false;
  return nullptr;
}

SendQueue::BatchPop SendQueue::pop_batch(std::vector<FramePtr>& batch, bool take_data) {
  std::lock_guard lock(mutex_);
  if (closed_) return {};
  if (auto control = pop_control_locked()) return {.control = std::move(control)};
  bool has_data = !data_.empty() || unreported_drops_ > 0;
  if (has_data && !take_data) return {.data_waiting = true};
  if (!has_data) {
    writer_busy_ = false;
    return {};
  }
  if (auto dropped = pop_dropped_locked()) batch.push_back(std::move(dropped));
  std::size_t bytes = data_bytes_;
  std::move(data_.begin(), data_.end(), std::back_inserter(batch));
  data_.clear();
  data_taken_locked(bytes);
  return {};
}

SendQueue::Clock::time_point SendQueue::next_batch_boundary(Clock::time_point now,
                                                           std::chrono::milliseconds interval) {
  if (interval.count() <= 0) return now;  // no interval: no wait
  auto interval_ticks = std::chrono::duration_cast<Clock::duration>(interval);
  auto periods = now.time_since_epoch() / interval_ticks + 1;
  return Clock::time_point(interval_ticks * periods);
}

FramePtr SendQueue::pop_control_locked() {
  if (control_.empty()) return nullptr;
  auto frame = std::move(control_.front());
  control_.pop_front();
  control_bytes_ -= frame->text.size();
  return frame;
}

// The dropped frames were just before data_.front(): they are reported before it.
FramePtr SendQueue::pop_dropped_locked() {
  if (unreported_drops_ == 0) return nullptr;
  auto count = unreported_drops_;
  unreported_drops_ = 0;
  return dropped_frame(count);
}

void SendQueue::data_taken_locked(std::size_t bytes) {
  data_bytes_ -= bytes;
  if (data_bytes_ <= max_bytes_ / 2) {
    behind_since_.reset();
    if (room_waiters_ > 0) room_.notify_all();  // a pop per frame: no wake-up call for nobody
  }
}

bool SendQueue::wait_for_room(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  ++room_waiters_;
  room_.wait_for(lock, timeout, [&] { return closed_ || data_bytes_ <= max_bytes_ / 2; });
  --room_waiters_;
  return !closed_ && data_bytes_ <= max_bytes_ / 2;
}

std::optional<SendQueue::Clock::time_point> SendQueue::behind_since() const {
  std::lock_guard lock(mutex_);
  return behind_since_;
}

void SendQueue::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  control_.clear();
  data_.clear();
  control_bytes_ = data_bytes_ = 0;
  behind_since_.reset();
  room_.notify_all();
}

}  // namespace streamweaver::bridge
