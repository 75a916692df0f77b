#pragma once
// Reproducible randomness for sources: one engine per source instance, seeded from the
// `seed` option when it is set and from the OS otherwise. Same seed + same options gives the
// same sequence of draws (with the same standard library: std::normal_distribution and
// std::uniform_int_distribution are implementation-defined).
#include <cstdint>
#include <random>

#include <streamweaver/options.hpp>

namespace streamweaver::sources {

class SeededRng {
 public:
  explicit SeededRng(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t bits() { return engine_(); }
  // Uniform in [0, 1): the top 53 bits of one draw, so no distribution object is needed.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  // Uniform integer in [low, high], both ends included.
  std::int64_t uniform_int(std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(engine_);
  }
  std::size_t index(std::size_t count) {
    return static_cast<std::size_t>(uniform_int(0, static_cast<std::int64_t>(count) - 1));
  }
  bool chance(double probability) { return uniform() < probability; }
  double normal() { return normal_(engine_); }

 private:
  std::mt19937_64 engine_;
  std::normal_distribution<double> normal_;  // a member: it caches the second value of a pair
};

// The `seed` option, declared the same way by every source.
inline OptionSpec seed_option() {
  return {.name = "seed",
          .type = OptionType::integer,
          .description = "Random seed; the same seed and options give the same records "
                         "(all fields but the wall-clock `timestamp`). Unset: a fresh seed "
                         "every run"};
}

inline std::uint64_t seed_from(const Options& options) {
  if (options.has("seed")) return static_cast<std::uint64_t>(options.get<std::int64_t>("seed"));
  return (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
}

}  // namespace streamweaver::sources
