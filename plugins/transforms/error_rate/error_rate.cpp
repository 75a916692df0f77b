// error_rate: per host (or any `by` field), the share of error responses over a sliding
// time window; emits an alert when it rises above a threshold and a recovery when it falls
// back, nothing in between.
#include <string>
#include <vector>

#include <streamweaver/sdk.hpp>

#include "common/bounded_groups.hpp"
#include "common/event_time.hpp"
#include "common/group_by.hpp"
#include "common/number_field.hpp"
#include <streamweaver/option_checks.hpp>
#include "common/sliding_window.hpp"

namespace streamweaver::transforms {
namespace {

class ErrorRate {
 public:
  explicit ErrorRate(const Options& options)
      : by_(options.get<std::string>("by")),
        status_field_(options.get<std::string>("status_field")),
        status_min_(options.get<double>("status_min")),
        window_ms_(checked_integer(options, "window_ms", Interval::at_least(1))),
        min_requests_(checked_integer(options, "min_requests", Interval::at_least(1))),
        threshold_(checked_number(options, "threshold", {0.0, 1.0})),
        recover_threshold_(options.has("recover_threshold")
                               ? checked_number(options, "recover_threshold", {0.0, threshold_})
                               : threshold_),
        groups_(GroupLimits::from(options)) {
    if (!by_.valid()) refuse_option("by", "is not a valid field path");
    if (!status_field_.valid()) refuse_option("status_field", "is not a valid field path");
  }

  Status process(Record in, Emitter& out) {
    auto group_name = by_.of(in);
    if (!group_name) return Status::rejected(by_.describe() + " is missing or not a scalar");
    auto status = number_at(in.value, status_field_);
    if (!status)
      return Status::rejected("field '" + status_field_.text() + "' is missing or not a number");

    const std::int64_t timestamp = event_time_ms(in);
    auto& entry = groups_.use(*group_name, timestamp,
                              [&] { return Group{SlidingWindow<bool>::last_ms(window_ms_)}; });
    Group& group = entry.state;
    if (group.window.is_late(timestamp)) return Status::ok();  // already outside the window

    const bool is_error = *status >= status_min_;
    group.errors += is_error ? 1 : 0;
    group.window.push(timestamp, is_error,
                      [&](bool was_error) { group.errors -= was_error ? 1 : 0; });

    // Too few requests say little: no verdict either way until there are enough.
    const auto requests = static_cast<std::int64_t>(group.window.size());
    if (requests < min_requests_) return Status::ok();
    const double rate = static_cast<double>(group.errors) / static_cast<double>(requests);
    if (!group.alerting && rate > threshold_) {
      group.alerting = true;
      out.emit(state_change(entry.name, group, rate, timestamp));
    } else if (group.alerting && rate < recover_threshold_) {
      group.alerting = false;
      out.emit(state_change(entry.name, group, rate, timestamp));
    }
    return Status::ok();
  }

  // The timer only drops idle hosts, so that their state goes even when no records come.
  std::int64_t timer_interval_ms() const { return kIdleCheckIntervalMs; }
  Status on_timer(std::int64_t now_ms, Emitter& /*out*/) {
    groups_.advance_clock(now_ms);
    return Status::ok();
  }

  std::vector<StageCounter> counters() const { return groups_.counters(); }

 private:
  // Often enough for any sensible timeout; a check costs nothing when no host is idle.
  static constexpr std::int64_t kIdleCheckIntervalMs = 1000;

  struct Group {
    SlidingWindow<bool> window;  // true: an error response
    std::int64_t errors = 0;
    bool alerting = false;
  };

  Record state_change(const std::string& group_name, const Group& group, double rate,
                      std::int64_t timestamp) const {
    nlohmann::json value = {
        {"state", group.alerting ? "alert" : "recovered"},
        {"error_rate", rate},
        {"requests", group.window.size()},
        {"errors", group.errors},
        {"threshold", group.alerting ? threshold_ : recover_threshold_},
        {"window_ms", window_ms_},
        {"timestamp", iso8601_from_ms(timestamp)},
    };
    value[by_.output_name()] = group_name;
    return Record{
        .key = group_name, .value = std::move(value), .timestamp_ms = timestamp, .headers = {}};
  }

  GroupBy by_;
  FieldPath status_field_;
  double status_min_;
  std::int64_t window_ms_;
  std::int64_t min_requests_;
  double threshold_;
  double recover_threshold_;
  BoundedGroups<Group> groups_;
};

}  // namespace
}  // namespace streamweaver::transforms

using streamweaver::OptionType;

// clang-format off
STREAMWEAVER_TRANSFORM_PLUGIN(streamweaver::transforms::ErrorRate, {
    .name = "error_rate",
    .version = "1.0.0",
    .description = "Alerts when a host's share of error responses over a time window "
                   "crosses a threshold, and again when it recovers",
    .options = {
        {.name = "by", .type = OptionType::string, .default_value = "host",
         .description = "Field to group by (dotted path allowed)"},
        {.name = "status_field", .type = OptionType::string, .default_value = "status",
         .description = "Numeric status field (a number or a numeric string)"},
        {.name = "status_min", .type = OptionType::integer, .default_value = 500,
         .description = "A status at or above this is an error"},
        {.name = "window_ms", .type = OptionType::integer, .default_value = 10000,
         .description = "Sliding window over record timestamps, in ms"},
        {.name = "min_requests", .type = OptionType::integer, .default_value = 20,
         .description = "No alert or recovery while the window holds fewer requests"},
        {.name = "threshold", .type = OptionType::number, .default_value = 0.05,
         .description = "Alert when the error rate (0..1) rises above this"},
        {.name = "recover_threshold", .type = OptionType::number,
         .description = "Recover when the error rate falls below this (default: threshold); "
                        "lower it for hysteresis"},
        streamweaver::transforms::max_keys_option(),
        streamweaver::transforms::idle_key_timeout_option(),
    },
})
// clang-format on
