#include "bridge/send_queue.hpp"

#include "bridge/protocol.hpp"

namespace streamweaver::bridge {

SendQueue::PushResult SendQueue::push(FramePtr frame) {
  PushResult result;
  std::lock_guard lock(mutex_);
  if (closed_) return result;
  auto size = frame->text.size();
  if (frame->kind == Frame::Kind::control) {
    control_.push_back(std::move(frame));
    control_bytes_ += size;
    result.control_overflow = control_bytes_ > max_bytes_;
  } else {
    data_.push_back(std::move(frame));
    data_bytes_ += size;
    // Keep at least the newest frame, even if it alone is over budget.
    while (data_bytes_ > max_bytes_ && data_.size() > 1) {
      data_bytes_ -= data_.front()->text.size();
      data_.pop_front();
      ++result.dropped;
    }
    unreported_drops_ += result.dropped;
    if (result.dropped > 0 && !behind_since_) {
      behind_since_ = Clock::now();
      result.fell_behind = true;
    }
  }
  if (!writer_busy_) {
    writer_busy_ = true;
    result.wake_writer = true;
  }
  return result;
}

FramePtr SendQueue::pop() {
  std::lock_guard lock(mutex_);
  if (closed_) return nullptr;
  if (!control_.empty()) {
    auto frame = std::move(control_.front());
    control_.pop_front();
    control_bytes_ -= frame->text.size();
    return frame;
  }
  if (unreported_drops_ > 0) {
    // The dropped frames were just before data_.front(): report them before it.
    auto count = unreported_drops_;
    unreported_drops_ = 0;
    return dropped_frame(count);
  }
  if (!data_.empty()) {
    auto frame = std::move(data_.front());
    data_.pop_front();
    data_bytes_ -= frame->text.size();
    if (behind_since_ && data_bytes_ <= max_bytes_ / 2) behind_since_.reset();
    return frame;
  }
  writer_busy_ = false;
  return nullptr;
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
}

}  // namespace streamweaver::bridge
