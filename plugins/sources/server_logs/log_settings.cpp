#include "log_settings.hpp"

#include <stdexcept>

#include "common/checked_options.hpp"

namespace streamweaver::sources::server_logs {

LogSettings LogSettings::from(const Options& options) {
  constexpr Interval kRatio{.low = 0, .high = 1};
  LogSettings s;
  s.hosts = checked_names(options, "hosts");
  s.error_4xx_ratio = checked_number(options, "error_4xx_ratio", kRatio);
  s.error_5xx_ratio = checked_number(options, "error_5xx_ratio", kRatio);
  if (s.error_4xx_ratio + s.error_5xx_ratio > 1)
    throw std::invalid_argument("error_4xx_ratio (" + format_number(s.error_4xx_ratio) +
                                ") + error_5xx_ratio (" + format_number(s.error_5xx_ratio) +
                                ") must be <= 1");
  s.burst_probability = checked_number(options, "burst_probability", kRatio);
  s.burst_length_records =
      checked_integer(options, "burst_length_records", {.low = 1, .high = 1e9});
  s.burst_5xx_ratio = checked_number(options, "burst_5xx_ratio", kRatio);
  s.burst_latency_multiplier =
      checked_number(options, "burst_latency_multiplier", {.low = 1, .high = 100});
  s.latency_median_ms =
      checked_number(options, "latency_median_ms", {.low = 0, .high = 60'000, .low_open = true});
  s.latency_sigma =
      checked_number(options, "latency_sigma", {.low = 0, .high = 3, .low_open = true});
  return s;
}

}  // namespace streamweaver::sources::server_logs
