#include "pipeline/pacer.hpp"

#include <cmath>

namespace streamweaver::pipeline {

namespace {
constexpr std::uint64_t kUnboundedBatch = 1024;
}

Pacer::Pacer(double events_per_second, Clock::time_point start)
    : rate_(events_per_second), start_(start) {}

std::uint64_t Pacer::due(Clock::time_point now) {
  if (unbounded()) return kUnboundedBatch;
  double elapsed = std::chrono::duration<double>(now - start_).count();
  auto scheduled = static_cast<std::uint64_t>(std::floor(elapsed * rate_)) + 1;  // first at start
  if (scheduled <= issued_) return 0;
  std::uint64_t backlog = scheduled - issued_;
  auto max_backlog = static_cast<std::uint64_t>(std::ceil(rate_)) + 1;
  if (backlog > max_backlog) {
    // Stalled for over a second (e.g. Kafka unreachable): forget the older backlog.
    issued_ = scheduled - max_backlog;
    backlog = max_backlog;
  }
  return backlog;
}

Pacer::Clock::time_point Pacer::next_due() const {
  if (unbounded()) return Clock::now();
  auto offset = std::chrono::duration<double>(static_cast<double>(issued_) / rate_);
  return start_ + std::chrono::duration_cast<Clock::duration>(offset);
}

}  // namespace streamweaver::pipeline
