#pragma once
#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

namespace streamweaver::sources {

// Shortest text that reads back as the same double, in plain notation unless that would be
// very long: "3", "0.25", "10000000", "1e+300", "inf".
inline std::string format_number(double value) {
  char buffer[64];
  auto fixed = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (fixed.ec == std::errc()) return std::string(buffer, fixed.ptr);
  auto shortest = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, shortest.ptr);
}

// Rounds a published field (price, latency); the model keeps the exact value.
template <int Decimals>
double round_to(double value) {
  static_assert(Decimals >= 0 && Decimals <= 6);
  constexpr double scale = [] {
    double s = 1;
    for (int i = 0; i < Decimals; ++i) s *= 10;
    return s;
  }();
  return std::round(value * scale) / scale;
}

}  // namespace streamweaver::sources
