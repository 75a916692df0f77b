#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "common/seeded_rng.hpp"
#include "common/weighted_choice.hpp"

namespace streamweaver::sources::server_logs {

// The clients behind the traffic: a fixed set of addresses made once from the seed, a few of
// them (office NATs, partner integrations) far busier than the rest. Public clients come from
// the RFC 5737 documentation ranges, which are never routed; internal callers from 10/8.
class ClientPool {
 public:
  ClientPool(SeededRng& rng, std::size_t count)
      : choice_(zipf_weights(count, kBusyClientExponent)) {
    constexpr const char* kPublicPrefixes[] = {"192.0.2.", "198.51.100.", "203.0.113."};
    addresses_.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      if (rng.chance(kInternalShare))
        addresses_.push_back("10." + std::to_string(rng.uniform_int(0, 255)) + "." +
                             std::to_string(rng.uniform_int(0, 255)) + "." +
                             std::to_string(rng.uniform_int(1, 254)));
      else
        addresses_.push_back(kPublicPrefixes[rng.index(3)] +
                             std::to_string(rng.uniform_int(1, 254)));
    }
  }

  const std::string& pick(SeededRng& rng) const { return addresses_[choice_.pick(rng)]; }

 private:
  static constexpr double kBusyClientExponent = 1.0;
  static constexpr double kInternalShare = 0.25;

  WeightedChoice choice_;
  std::vector<std::string> addresses_;
};

}  // namespace streamweaver::sources::server_logs
