#pragma once
#include <chrono>
#include <string>

namespace streamweaver::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Prints "name: value unit" aligned, and returns value for ratios.
double report(const std::string& name, double value, const std::string& unit);
void report_ratio(const std::string& name, double ours, double reference, double target);

}  // namespace streamweaver::bench
