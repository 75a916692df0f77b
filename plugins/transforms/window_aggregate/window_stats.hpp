#pragma once
// Incremental statistics over one group's window: O(1) amortised per record in and out.
// Sums are adjusted as samples enter and leave (re-summed now and then so floating-point
// drift stays bounded); min and max use monotonic queues.
#include <cstdint>
#include <deque>
#include <variant>

#include "common/sliding_window.hpp"
#include "metrics.hpp"

namespace streamweaver::transforms {

struct Sample {
  double value = 0;            // value_field: mean, min, max, first, last, change_pct
  double price = 0;            // price_field: vwap
  double quantity = 0;         // quantity_field: vwap, volume
  std::uint64_t sequence = 0;  // arrival order in the group, to match min/max queue entries
};

using SampleWindow = SlidingWindow<Sample>;

// Minimum (or maximum) of a FIFO window: each entry is pushed and popped at most once.
class MonotonicQueue {
 public:
  explicit MonotonicQueue(bool keep_max) : keep_max_(keep_max) {}
  void add(double value, std::uint64_t sequence);
  void remove(std::uint64_t sequence);  // `sequence` is the oldest sample in the window
  double best() const { return entries_.front().value; }

 private:
  struct Entry {
    double value;
    std::uint64_t sequence;
  };
  bool keep_max_;
  std::deque<Entry> entries_;
};

class WindowStats {
 public:
  explicit WindowStats(MetricSet metrics) : metrics_(metrics) {}

  void add(const Sample& sample);
  void remove(const Sample& sample);
  // Recomputes the sums from the window when enough removals have piled up rounding error.
  void refresh_if_drifted(const SampleWindow& window);

  // A metric's value: null where it is undefined (vwap without volume, change_pct from 0).
  using Value = std::variant<std::nullptr_t, double, std::int64_t>;
  // Calls put(name, value) for each configured metric. `window` holds at least one sample.
  template <class Put>
  void for_each_metric(const SampleWindow& window, Put&& put) const {
    const double first = window.oldest().item.value;
    const double last = window.newest().item.value;
    metrics_.for_each([&](Metric metric) { put(name_of(metric), value_of(metric, first, last)); });
  }

 private:
  Value value_of(Metric metric, double first, double last) const;

  MetricSet metrics_;
  std::int64_t count_ = 0;
  double sum_value_ = 0;
  double sum_quantity_ = 0;
  double sum_price_quantity_ = 0;
  std::int64_t removals_since_refresh_ = 0;
  MonotonicQueue min_{false};
  MonotonicQueue max_{true};
};

}  // namespace streamweaver::transforms
