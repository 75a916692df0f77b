#pragma once
// Checks an option schema cannot express (ranges, lists of distinct names), for a plugin's
// constructor. They throw std::invalid_argument naming the option; the SDK turns that into
// the plugin refusing its options, which the host reports at the stage in the pipeline file:
//   "stock: option 'annual_volatility' must be in (0, 5], got 7"
#include <charconv>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "streamweaver/options.hpp"

namespace streamweaver {

// Shortest text that reads back as the same double, in plain notation unless that would be
// very long: "3", "0.25", "10000000", "1e+300", "inf".
inline std::string number_text(double value) {
  char buffer[64];
  auto fixed = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (fixed.ec == std::errc()) return std::string(buffer, fixed.ptr);
  auto shortest = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, shortest.ptr);
}

// Throws "option 'NAME' WHY".
[[noreturn]] inline void refuse_option(std::string_view name, const std::string& why) {
  throw std::invalid_argument("option '" + std::string(name) + "' " + why);
}

// Allowed values: {.low = 0, .high = 5, .low_open = true} is (0, 5]; at_least(1) is [1, inf).
struct Interval {
  double low = -std::numeric_limits<double>::infinity();
  double high = std::numeric_limits<double>::infinity();
  bool low_open = false;
  bool high_open = false;

  static constexpr Interval at_least(double low) { return {.low = low}; }

  bool contains(double value) const {
    bool above = low_open ? value > low : value >= low;
    bool below = high_open ? value < high : value <= high;
    return above && below;  // false for NaN
  }
  // "in (0, 5]", or "at least 1" when there is no upper bound.
  std::string text() const {
    if (high == std::numeric_limits<double>::infinity() && !low_open)
      return "at least " + number_text(low);
    return std::string("in ") + (low_open ? "(" : "[") + number_text(low) + ", " +
           number_text(high) + (high_open ? ")" : "]");
  }
};

inline void require_within(std::string_view name, double value, Interval allowed) {
  if (!allowed.contains(value))
    refuse_option(name, "must be " + allowed.text() + ", got " + number_text(value));
}

inline double checked_number(const Options& options, std::string_view name, Interval allowed) {
  auto value = options.get<double>(name);
  require_within(name, value, allowed);
  return value;
}

inline std::int64_t checked_integer(const Options& options, std::string_view name,
                                    Interval allowed) {
  auto value = options.get<std::int64_t>(name);
  require_within(name, static_cast<double>(value), allowed);
  return value;
}

// For an option without a default: `fallback` when it is not set.
inline std::int64_t checked_integer_or(const Options& options, std::string_view name,
                                       Interval allowed, std::int64_t fallback) {
  return options.has(name) ? checked_integer(options, name, allowed) : fallback;
}

// A list of names (symbols, users, hosts): not empty, no blank entry, no duplicate.
inline std::vector<std::string> checked_names(const Options& options, std::string_view name) {
  auto names = options.get<std::vector<std::string>>(name);
  if (names.empty()) refuse_option(name, "must not be empty");
  std::unordered_set<std::string_view> seen;
  for (const auto& entry : names) {
    if (entry.empty()) refuse_option(name, "must not contain an empty name");
    if (!seen.insert(entry).second) refuse_option(name, "lists '" + entry + "' twice");
  }
  return names;
}

}  // namespace streamweaver
