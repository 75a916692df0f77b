#pragma once
#include <algorithm>
#include <cmath>

#include "common/seeded_rng.hpp"

namespace streamweaver::sources::stock {

// The lowest price a walk can reach: a real stock never trades at 0, and a floor keeps the
// walk from sticking at 0 after an extreme run.
inline constexpr double kMinPrice = 0.01;

// The log-price increment of one GBM step, precomputed: (mu - sigma^2 / 2) dt and sigma sqrt(dt).
struct GbmStep {
  double log_drift;
  double log_sigma;

  static GbmStep of(double annual_drift, double annual_volatility, double dt_years) {
    return {(annual_drift - 0.5 * annual_volatility * annual_volatility) * dt_years,
            annual_volatility * std::sqrt(dt_years)};
  }
};

// One symbol's price under geometric Brownian motion, stepped with the exact solution
//   S(t + dt) = S(t) exp((mu - sigma^2 / 2) dt + sigma sqrt(dt) Z),  Z ~ N(0, 1).
class PriceWalk {
 public:
  explicit PriceWalk(double start_price) : price_(start_price) {}

  double price() const { return price_; }
  double step(const GbmStep& step, SeededRng& rng) {
    price_ = std::max(kMinPrice, price_ * std::exp(step.log_drift + step.log_sigma * rng.normal()));
    return price_;
  }

 private:
  double price_;
};

}  // namespace streamweaver::sources::stock
