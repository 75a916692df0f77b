#pragma once
// Occurrence counts over a sliding time window, and the k most frequent values.
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/sliding_window.hpp"

namespace streamweaver::transforms {

class TopCounts {
 public:
  explicit TopCounts(std::int64_t window_ms) : window_(Window::last_ms(window_ms)) {}

  struct Entry {
    std::string value;
    std::int64_t count;
  };

  // Returns false, counting nothing, when `timestamp_ms` is already outside the window.
  bool add(const std::string& value, std::int64_t timestamp_ms) {
    if (window_.is_late(timestamp_ms)) return false;
    auto& counted = *counts_.try_emplace(value, 0).first;
    ++counted.second;
    window_.push(timestamp_ms, &counted, [this](Counted* gone) { forget(gone); });
    return true;
  }

  void expire(std::int64_t now_ms) {
    window_.expire(now_ms, [this](Counted* gone) { forget(gone); });
  }

  // The k most frequent values: count descending, then value ascending, so ties come out
  // the same on every run.
  std::vector<Entry> top(std::size_t k) const {
    std::vector<const Counted*> ranked;
    ranked.reserve(counts_.size());
    for (const auto& counted : counts_) ranked.push_back(&counted);
    auto before = [](const Counted* a, const Counted* b) {
      return a->second != b->second ? a->second > b->second : a->first < b->first;
    };
    const std::size_t n = std::min(k, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(n), ranked.end(),
                      before);
    std::vector<Entry> result;
    result.reserve(n);
    for (std::size_t i = 0; i < n; ++i) result.push_back({ranked[i]->first, ranked[i]->second});
    return result;
  }

 private:
  // Window entries point into counts_: unordered_map nodes stay put across rehashing, and
  // a value's node is erased only when its last occurrence has left the window.
  using Counted = std::pair<const std::string, std::int64_t>;
  using Window = SlidingWindow<Counted*>;

  void forget(Counted* gone) {
    if (--gone->second == 0) counts_.erase(gone->first);
  }

  Window window_;
  std::unordered_map<std::string, std::int64_t> counts_;
};

}  // namespace streamweaver::transforms
