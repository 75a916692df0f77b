#pragma once
// One session's outgoing frames, and the slow-client policy.
//
// Publishers push from any thread; the session's writer pops on its shard's thread. Data frames
// share a byte budget: when a push would exceed it, the OLDEST data frames are dropped
// and the next pop reports them with a {"op":"dropped","count":N} frame placed where the
// gap is. Control frames (replies to the client) are never dropped; they go before data.
//
// "Behind" starts with the first drop and ends when the data queue is back to half the
// budget; the session disconnects a client that stays behind too long.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

#include "bridge/frame.hpp"

namespace streamweaver::bridge {

class SendQueue {
 public:
  using Clock = std::chrono::steady_clock;

  explicit SendQueue(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  struct PushResult {
    bool wake_writer = false;       // the writer was idle: the caller must start it
    bool fell_behind = false;       // this push started a behind period
    std::uint64_t dropped = 0;      // data frames dropped by this push
    bool control_overflow = false;  // unanswered replies exceed the budget: client abuse
  };
  PushResult push(FramePtr frame);

  // The next frame to write; nullptr when empty, and the writer counts as idle again.
  FramePtr pop();

  // When the current behind period started, if any.
  std::optional<Clock::time_point> behind_since() const;

  // Drop everything and refuse further frames: the session is ending.
  void close();

 private:
  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::deque<FramePtr> control_;
  std::size_t control_bytes_ = 0;
  std::deque<FramePtr> data_;
  std::size_t data_bytes_ = 0;
  std::uint64_t unreported_drops_ = 0;
  std::optional<Clock::time_point> behind_since_;
  bool writer_busy_ = false;
  bool closed_ = false;
};

}  // namespace streamweaver::bridge
