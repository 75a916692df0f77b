#pragma once
// Hands items from a plugin's I/O thread to its next() on the source's thread. Bounded: when
// it is full the I/O side is told so (and answers 429, or reads no further), which is how a
// back-pressured source pushes back on the world.
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace streamweaver::sources {

template <class Item>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

  // All of `items`, or none of them when they do not fit.
  bool push_all(std::vector<Item>& items) {
    std::lock_guard lock(mutex_);
    if (items_.size() + items.size() > capacity_) return false;
    for (auto& item : items) items_.push_back(std::move(item));
    return true;
  }

  std::optional<Item> pop() {
    std::lock_guard lock(mutex_);
    if (items_.empty()) return std::nullopt;
    Item item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  bool has_room() const {
    std::lock_guard lock(mutex_);
    return items_.size() < capacity_;
  }
  std::size_t capacity() const { return capacity_; }

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<Item> items_;
};

}  // namespace streamweaver::sources
