#include "log_settings.hpp"

#include <stdexcept>

#include <streamweaver/option_checks.hpp>


namespace streamweaver::sources::server_logs {

LogSettings LogSettings::from(const Options& options) {
  constexpr Interval kRatio{.low = 0, .high = 1};
  LogSettings s;
  s.hosts = checked_names(options, "hosts");
  s.error_4xx_ratio = checked_number(options, "error_4xx_ratio", kRatio);
  s.error_5xx_ratio = checked_number(options, "error_5xx_ratio", kRatio);
  if (s.error_4xx_ratio + s.error_5xx_ratio > 1)
    refuse_option("error_5xx_ratio", "plus error_4xx_ratio must be <= 1, got " +
                                         number_text(s.error_5xx_ratio) + " + " +
                                         number_text(s.error_4xx_ratio));
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
