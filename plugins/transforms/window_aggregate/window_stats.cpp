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

void WindowStats::write(const SampleWindow& window, nlohmann::json& out) const {
  const double first = window.oldest().item.value;
  const double last = window.newest().item.value;
  metrics_.for_each([&](Metric metric) {
    auto& field = out[std::string(name_of(metric))];
    switch (metric) {
      case Metric::vwap:  // undefined without volume, as in a window of zero-size trades
        field = sum_quantity_ != 0 ? nlohmann::json(sum_price_quantity_ / sum_quantity_) : nullptr;
        break;
      case Metric::mean: field = sum_value_ / static_cast<double>(count_); break;
      case Metric::min: field = min_.best(); break;
      case Metric::max: field = max_.best(); break;
      case Metric::first: field = first; break;
      case Metric::last: field = last; break;
      case Metric::change_pct:
        field = first != 0 ? nlohmann::json((last - first) / first * 100.0) : nullptr;
        break;
      case Metric::count: field = count_; break;
      case Metric::volume: field = sum_quantity_; break;
    }
  });
}

}  // namespace streamweaver::transforms
