#pragma once
#include <cmath>

namespace streamweaver::sources {

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
