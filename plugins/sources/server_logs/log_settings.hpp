#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <streamweaver/options.hpp>

namespace streamweaver::sources::server_logs {

// The server_logs source's options, checked once when the source is made.
struct LogSettings {
  std::vector<std::string> hosts;
  double error_4xx_ratio;
  double error_5xx_ratio;
  double burst_probability;
  std::int64_t burst_length_records;
  double burst_5xx_ratio;
  double burst_latency_multiplier;
  double latency_median_ms;
  double latency_sigma;

  static LogSettings from(const Options& options);
};

}  // namespace streamweaver::sources::server_logs
