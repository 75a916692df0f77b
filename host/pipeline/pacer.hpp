#pragma once
// Paces a source to `rate` events per second against an absolute schedule (event i is due at
// start + i / rate), so the long-run rate holds whatever the per-event cost. At high rates
// events come in batches; after a long stall at most one second of backlog is caught up.
#include <chrono>
#include <cstdint>
#include <stop_token>

namespace streamweaver::pipeline {

class Pacer {
 public:
  using Clock = std::chrono::steady_clock;

  explicit Pacer(double events_per_second, Clock::time_point start = Clock::now());

  // Events due at `now` and not yet taken (unbounded rate: a large batch).
  std::uint64_t due(Clock::time_point now);
  void taken(std::uint64_t count) { issued_ += count; }
  // When the next event falls due (now, for an unbounded rate).
  Clock::time_point next_due() const;
  bool unbounded() const { return rate_ <= 0; }

 private:
  double rate_;
  Clock::time_point start_;
  std::uint64_t issued_ = 0;
};

}  // namespace streamweaver::pipeline
