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
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

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
  PushResult push_all(std::span<const FramePtr> frames);  // in order, under one lock

  // The next frame to write; nullptr when empty, and the writer counts as idle again.
  FramePtr pop();

  // For a writer that sends data frames in batches. The next control frame, if any; else,
  // when `take_data`, every queued data frame is moved into `batch` (after a dropped frame
  // where frames were lost). Neither: `data_waiting` says whether the writer must come back
  // for data later (it stays busy); if not, it counts as idle again.
  struct BatchPop {
    FramePtr control;
    bool data_waiting = false;
  };
  BatchPop pop_batch(std::vector<FramePtr>& batch, bool take_data);

  // When a batch that follows one sent at `now` may go: the first multiple of `interval` on
  // the steady clock after `now`. Every client with the same interval then ends its batches
  // on the same boundaries, so an io thread wakes once per boundary for all of them, not once
  // per client (1,000 clients at 20 ms: 50,000 wakes a second).
  static Clock::time_point next_batch_boundary(Clock::time_point now, std::chrono::milliseconds interval);

  // True once queued data is at most half the budget, so a producer that must not lose
  // frames (a catch-up) can add more; false if `timeout` passed first or the queue closed.
  bool wait_for_room(std::chrono::milliseconds timeout);

  // When the current behind period started, if any.
  std::optional<Clock::time_point> behind_since() const;

  // Drop everything and refuse further frames: the session is ending.
  void close();

 private:
  const std::size_t max_bytes_;
  void push_locked(FramePtr frame, PushResult& result);
  FramePtr pop_control_locked();
  FramePtr pop_dropped_locked();
  void data_taken_locked(std::size_t bytes);

  mutable std::mutex mutex_;
  std::condition_variable room_;
  int room_waiters_ = 0;  // threads in wait_for_room()
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
