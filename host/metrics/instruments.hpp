#pragma once
// The three metric kinds. Updating one is a relaxed atomic operation: no lock, no
// allocation, so they can sit on hot paths. Registry owns them and hands out references.
// Each has a cache line of its own: counters that different threads bump for every record
// (a source's produced count, the Kafka thread's delivered count) must not share one.

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace streamweaver::metrics {

class alignas(64) Counter {
 public:
  Counter() = default;
  Counter(const Counter&) = delete;
  Counter& operator=(const Counter&) = delete;

  void inc(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

class alignas(64) Gauge {
 public:
  Gauge() = default;
  Gauge(const Gauge&) = delete;
  Gauge& operator=(const Gauge&) = delete;

  void set(std::int64_t v) { value_.store(v, std::memory_order_relaxed); }
  void add(std::int64_t d) { value_.fetch_add(d, std::memory_order_relaxed); }
  std::int64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> value_{0};
};

// Fixed upper bounds chosen at registration; observe() finds the bucket by binary search.
class Histogram {
 public:
  // bounds: finite and strictly increasing, else std::invalid_argument. +Inf is implicit.
  explicit Histogram(std::vector<double> bounds);
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  void observe(double v);  // NaN is ignored: it has no bucket and would poison the sum

  struct Snapshot {
    std::vector<double> bounds;
    std::vector<std::uint64_t> cumulative;  // bounds.size() + 1 entries, the last is +Inf
    double sum = 0;
    std::uint64_t count = 0;  // equals cumulative.back()
  };
  Snapshot snapshot() const;
  const std::vector<double>& bounds() const { return bounds_; }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // per bucket, not cumulative
  std::atomic<double> sum_{0};
};

}  // namespace streamweaver::metrics
