#pragma once
// Per-group state with a bound on the number of groups, for transforms that keep state per
// key: at most `max_keys` groups are held (a new one beyond that drops the least recently
// used), and a group idle for longer than `idle_key_timeout_ms` is dropped. Without this a
// stream with ever new keys (user ids, client IPs) would grow the state without end.
//
// Time is the stage's own clock: the newest event time or timer tick it was given, so
// eviction follows the data and tests need no clock. Groups sit in a list ordered by last
// use, newest first: using one moves it to the front, and both kinds of eviction trim the
// back, so each call costs O(1) amortised however many groups there are.
#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <streamweaver/option_checks.hpp>
#include <streamweaver/options.hpp>
#include <streamweaver/transform.hpp>

namespace streamweaver::transforms {

inline constexpr std::int64_t kDefaultMaxKeys = 100'000;
inline constexpr std::int64_t kDefaultIdleKeyTimeoutMs = 15 * 60 * 1000;

// The two options every bounded transform declares, for its option table.
inline OptionSpec max_keys_option() {
  return {.name = "max_keys", .type = OptionType::integer, .default_value = kDefaultMaxKeys,
          .description = "Most groups held at once; a new group beyond this drops the state of "
                         "the least recently used one"};
}
inline OptionSpec idle_key_timeout_option() {
  return {.name = "idle_key_timeout_ms", .type = OptionType::integer,
          .default_value = kDefaultIdleKeyTimeoutMs,
          .description = "A group without records for this long is dropped (time: the newest "
                         "event time or timer tick seen)"};
}

struct GroupLimits {
  std::size_t max_keys = static_cast<std::size_t>(kDefaultMaxKeys);
  std::int64_t idle_key_timeout_ms = kDefaultIdleKeyTimeoutMs;

  // Reads and checks the options declared by max_keys_option() and idle_key_timeout_option().
  static GroupLimits from(const Options& options) {
    return {.max_keys = static_cast<std::size_t>(checked_integer_or(
                options, "max_keys", Interval::at_least(1), kDefaultMaxKeys)),
            .idle_key_timeout_ms = checked_integer_or(options, "idle_key_timeout_ms",
                                                      Interval::at_least(1),
                                                      kDefaultIdleKeyTimeoutMs)};
  }
};

template <class State>
class BoundedGroups {
 public:
  struct Entry {
    // The state is made in place: moving it (deques, buffers) would cost allocations for
    // every new group.
    template <class Make>
    Entry(std::string_view group_name, std::int64_t used_ms, Make& make)
        : name(group_name), last_used_ms(used_ms), state(make()) {}

    std::string name;
    std::int64_t last_used_ms;  // the clock when the group last got a record
    State state;
  };

  explicit BoundedGroups(GroupLimits limits) : limits_(limits) {}
  // The index points into the list's nodes, so a copy would point into the original's.
  BoundedGroups(const BoundedGroups&) = delete;
  BoundedGroups& operator=(const BoundedGroups&) = delete;

  // Moves the clock forward to `time_ms` (never back) and drops the groups that have been
  // idle for longer than the timeout since.
  void advance_clock(std::int64_t time_ms) {
    if (time_ms > clock_ms_) clock_ms_ = time_ms;
    while (!by_recency_.empty() &&
           clock_ms_ - by_recency_.back().last_used_ms > limits_.idle_key_timeout_ms)
      drop_least_recent(evicted_idle_);
  }

  // The group `name` for a record at `time_ms`, marked as just used. A group not held (new,
  // or dropped earlier) starts afresh from make(), after the least recently used group is
  // dropped if the limit is reached.
  template <class Make>
  Entry& use(std::string_view name, std::int64_t time_ms, Make&& make) {
    advance_clock(time_ms);
    auto found = index_.find(name);
    if (found != index_.end()) {
      by_recency_.splice(by_recency_.begin(), by_recency_, found->second);
    } else {
      if (index_.size() >= limits_.max_keys) drop_least_recent(evicted_over_limit_);
      by_recency_.emplace_front(name, clock_ms_, make);
      // The key views the name inside the list node, which never moves: no second copy.
      index_.emplace(by_recency_.front().name, by_recency_.begin());
    }
    by_recency_.front().last_used_ms = clock_ms_;
    return by_recency_.front();
  }

  std::size_t size() const { return index_.size(); }
  // Most recently used first.
  auto begin() { return by_recency_.begin(); }
  auto end() { return by_recency_.end(); }

  std::vector<StageCounter> counters() const {
    return {{"keys", static_cast<std::int64_t>(size())},
            {"evicted_idle_keys", evicted_idle_},
            {"evicted_over_limit_keys", evicted_over_limit_}};
  }

 private:
  using List = std::list<Entry>;

  void drop_least_recent(std::int64_t& eviction_count) {
    index_.erase(by_recency_.back().name);
    by_recency_.pop_back();
    ++eviction_count;
  }

  GroupLimits limits_;
  std::int64_t clock_ms_ = 0;
  List by_recency_;  // front: most recently used
  std::unordered_map<std::string_view, typename List::iterator> index_;
  std::int64_t evicted_idle_ = 0;
  std::int64_t evicted_over_limit_ = 0;
};

}  // namespace streamweaver::transforms
