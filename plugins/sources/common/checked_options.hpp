#pragma once
// Reading option values that the host has already type-checked, and refusing values out of
// range with a message naming the option: "annual_volatility must be in (0, 5], got 7".
// Sources call these in their constructor; the SDK turns the exception into a factory error.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <streamweaver/options.hpp>

#include "common/numbers.hpp"

namespace streamweaver::sources {

// Allowed values: {.low = 0, .high = 5, .low_open = true} is (0, 5].
struct Interval {
  double low;
  double high;
  bool low_open = false;
  bool high_open = false;

  bool contains(double value) const {
    bool above = low_open ? value > low : value >= low;
    bool below = high_open ? value < high : value <= high;
    return above && below;  // false for NaN
  }
  std::string text() const {
    return (low_open ? "(" : "[") + format_number(low) + ", " + format_number(high) +
           (high_open ? ")" : "]");
  }
};

inline void require_within(std::string_view name, double value, Interval allowed) {
  if (!allowed.contains(value))
    throw std::invalid_argument(std::string(name) + " must be in " + allowed.text() + ", got " +
                                format_number(value));
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

// A list of names (symbols, users, hosts): not empty, no blank entry, no duplicate.
inline std::vector<std::string> checked_names(const Options& options, std::string_view name) {
  auto names = options.get<std::vector<std::string>>(name);
  if (names.empty()) throw std::invalid_argument(std::string(name) + " must not be empty");
  std::unordered_set<std::string_view> seen;
  for (const auto& entry : names) {
    if (entry.empty())
      throw std::invalid_argument(std::string(name) + " must not contain an empty name");
    if (!seen.insert(entry).second)
      throw std::invalid_argument(std::string(name) + " lists '" + entry + "' twice");
  }
  return names;
}

}  // namespace streamweaver::sources
