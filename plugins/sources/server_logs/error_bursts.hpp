#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>

#include "common/seeded_rng.hpp"

namespace streamweaver::sources::server_logs {

// Now and then one host starts failing for a while (a bad deploy, a sick dependency). At most
// one burst runs at a time; its length counts records of all hosts.
class ErrorBursts {
 public:
  ErrorBursts(double start_probability, std::int64_t length_records)
      : start_probability_(start_probability), length_records_(length_records) {}

  // Call once per record: the host in a burst, if any.
  std::optional<std::size_t> advance(SeededRng& rng, std::size_t host_count) {
    if (remaining_records_ == 0) {
      if (!rng.chance(start_probability_)) return std::nullopt;
      host_ = rng.index(host_count);
      remaining_records_ = length_records_;
    }
    --remaining_records_;
    return host_;
  }

 private:
  double start_probability_;
  std::int64_t length_records_;
  std::int64_t remaining_records_ = 0;
  std::size_t host_ = 0;
};

}  // namespace streamweaver::sources::server_logs
