#pragma once
// Range checks the option schema cannot express. Messages name the option, like the
// host's own schema errors ("option 'window' must be ...").
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>

#include <streamweaver/options.hpp>

namespace streamweaver::transforms {

[[noreturn]] inline void bad_option(const std::string& name, const std::string& why) {
  throw std::invalid_argument("option '" + name + "' " + why);
}

// The integer option `name`, which must be at least `min`.
inline std::int64_t integer_at_least(const Options& options, const std::string& name,
                                     std::int64_t min) {
  auto value = options.get<std::int64_t>(name);
  if (value < min)
    bad_option(name, "must be at least " + std::to_string(min) + ", got " + std::to_string(value));
  return value;
}

// Like integer_at_least, for an option without a default; `fallback` when it is not set.
inline std::int64_t optional_integer_at_least(const Options& options, const std::string& name,
                                              std::int64_t min, std::int64_t fallback) {
  return options.has(name) ? integer_at_least(options, name, min) : fallback;
}

// "0.05", "1", "1e+06": short and as people write them.
inline std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

inline double number_between(const Options& options, const std::string& name, double min,
                             double max) {
  auto value = options.get<double>(name);
  if (!(value >= min && value <= max))
    bad_option(name, "must be between " + number_text(min) + " and " + number_text(max) + ", got " +
                         number_text(value));
  return value;
}

}  // namespace streamweaver::transforms
