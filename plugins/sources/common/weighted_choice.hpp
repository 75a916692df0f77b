#pragma once
// Picking an index with given weights, e.g. trending users and hashtags (Zipf) or status
// codes. The cumulative table is built once; a pick is one draw and a binary search.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

#include "common/seeded_rng.hpp"

namespace streamweaver::sources {

class WeightedChoice {
 public:
  explicit WeightedChoice(const std::vector<double>& weights) {
    double total = 0;
    cumulative_.reserve(weights.size());
    for (double weight : weights) {
      if (!(weight >= 0) || !std::isfinite(weight))
        throw std::invalid_argument("weights must be finite and >= 0");
      total += weight;
      cumulative_.push_back(total);
    }
    if (!(total > 0)) throw std::invalid_argument("weights must not all be zero");
  }

  std::size_t pick(SeededRng& rng) const {
    double target = rng.uniform() * cumulative_.back();
    // upper_bound skips zero-weight entries: their running total equals the one before.
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
    return std::min(static_cast<std::size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
  }

  std::size_t size() const { return cumulative_.size(); }

 private:
  std::vector<double> cumulative_;
};

// Weight 1/rank^exponent for ranks 1..count: the first entries dominate, a long tail follows.
// Exponent 0 is uniform.
inline std::vector<double> zipf_weights(std::size_t count, double exponent) {
  std::vector<double> weights(count);
  for (std::size_t i = 0; i < count; ++i)
    weights[i] = 1.0 / std::pow(static_cast<double>(i + 1), exponent);
  return weights;
}

}  // namespace streamweaver::sources
