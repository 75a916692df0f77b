#pragma once
// A FIFO of timestamped items holding either the last N items (count window) or the items
// of the last span_ms of event time (time window). Evicted items go to a callback so that
// callers keep running totals instead of rescanning the window.
//
// Time windows assume items arrive roughly in timestamp order (Kafka partition order). An
// item already older than the window when it arrives is "late": see is_late().
#include <cstddef>
#include <cstdint>
#include <deque>
#include <utility>

namespace streamweaver::transforms {

template <class T>
class SlidingWindow {
 public:
  struct Entry {
    std::int64_t timestamp_ms;
    T item;
  };

  static SlidingWindow last_records(std::size_t count) { return SlidingWindow(count, 0); }
  static SlidingWindow last_ms(std::int64_t span_ms) { return SlidingWindow(0, span_ms); }

  bool is_time_window() const { return span_ms_ > 0; }

  // True when an item stamped `timestamp_ms` would fall outside a time window whose end is
  // the newest timestamp seen so far. Count windows never have late items.
  bool is_late(std::int64_t timestamp_ms) const {
    return is_time_window() && seen_any_ && timestamp_ms <= newest_ms_ - span_ms_;
  }

  // Appends an item, then evicts what no longer fits (by count, or by time relative to
  // the newest timestamp seen).
  template <class OnEvict>
  void push(std::int64_t timestamp_ms, T item, OnEvict&& on_evict) {
    entries_.push_back(Entry{timestamp_ms, std::move(item)});
    if (!seen_any_ || timestamp_ms > newest_ms_) newest_ms_ = timestamp_ms;
    seen_any_ = true;
    if (is_time_window()) {
      expire(newest_ms_, on_evict);
    } else {
      while (entries_.size() > max_count_) pop_front(on_evict);
    }
  }

  // Time windows: evicts items stamped at or before `now_ms - span_ms`, so the window is
  // the half-open interval (now - span, now].
  template <class OnEvict>
  void expire(std::int64_t now_ms, OnEvict&& on_evict) {
    if (!is_time_window()) return;
    while (!entries_.empty() && entries_.front().timestamp_ms <= now_ms - span_ms_)
      pop_front(on_evict);
  }

  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }
  const Entry& oldest() const { return entries_.front(); }
  const Entry& newest() const { return entries_.back(); }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }

 private:
  SlidingWindow(std::size_t max_count, std::int64_t span_ms)
      : max_count_(max_count), span_ms_(span_ms) {}

  template <class OnEvict>
  void pop_front(OnEvict& on_evict) {
    on_evict(entries_.front().item);
    entries_.pop_front();
  }

  std::size_t max_count_;
  std::int64_t span_ms_;
  std::int64_t newest_ms_ = 0;
  bool seen_any_ = false;
  std::deque<Entry> entries_;
};

}  // namespace streamweaver::transforms
