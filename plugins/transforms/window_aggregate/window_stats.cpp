#include "window_stats.hpp"

namespace streamweaver::transforms {

void MonotonicQueue::add(double value, std::uint64_t sequence) {
  // Entries that can never be the best again (a newer one is at least as good) go now.
  while (!entries_.empty() &&
         (keep_max_ ? entries_.back().value <= value : entries_.back().value >= value))
    entries_.pop_back();
  entries_.push_back({value, sequence});
}

void MonotonicQueue::remove(std::uint64_t sequence) {
  if (!entries_.empty() && entries_.front().sequence == sequence) entries_.pop_front();
}

void WindowStats::add(const Sample& sample) {
  ++count_;
  sum_value_ += sample.value;
  sum_quantity_ += sample.quantity;
  sum_price_quantity_ += sample.price * sample.quantity;
  if (metrics_.needs_extremes()) {
    min_.add(sample.value, sample.sequence);
    max_.add(sample.value, sample.sequence);
  }
}

void WindowStats::remove(const Sample& sample) {
  --count_;
  sum_value_ -= sample.value;
  sum_quantity_ -= sample.quantity;
  sum_price_quantity_ -= sample.price * sample.quantity;
  ++removals_since_refresh_;
  if (metrics_.needs_extremes()) {
    min_.remove(sample.sequence);
    max_.remove(sample.sequence);
  }
}

void WindowStats::refresh_if_drifted(const SampleWindow& window) {
  // Re-summing costs one pass over the window; doing it once per ~window-size removals
  // keeps the amortised cost O(1) while bounding the error to that of a fresh sum.
  constexpr std::int64_t kMinRemovals = 1024;
  if (removals_since_refresh_ < kMinRemovals || removals_since_refresh_ < count_) return;
  sum_value_ = sum_quantity_ = sum_price_quantity_ = 0;
  for (const auto& entry : window) {
    sum_value_ += entry.item.value;
    sum_quantity_ += entry.item.quantity;
    sum_price_quantity_ += entry.item.price * entry.item.quantity;
  }
  removals_since_refresh_ = 0;
}

WindowStats::Value WindowStats::value_of(Metric metric, double first, double last) const {
  switch (metric) {
    case Metric::vwap:  // undefined without volume, as in a window of zero-size trades
      return sum_quantity_ != 0 ? Value(sum_price_quantity_ / sum_quantity_) : nullptr;
    case Metric::mean: return sum_value_ / static_cast<double>(count_);
    case Metric::min: return min_.best();
    case Metric::max: return max_.best();
    case Metric::first: return first;
    case Metric::last: return last;
    case Metric::change_pct: return first != 0 ? Value((last - first) / first * 100.0) : nullptr;
    case Metric::count: return count_;
    case Metric::volume: return sum_quantity_;
  }
  return nullptr;
}

}  // namespace streamweaver::transforms
