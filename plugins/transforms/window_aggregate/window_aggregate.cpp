// window_aggregate: per-group metrics (VWAP, mean, min, max, ...) over a sliding count or
// time window, emitted every N records of a group or every T milliseconds.
#include <algorithm>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <streamweaver/json/fields.hpp>
#include <streamweaver/sdk.hpp>

#include "common/bounded_groups.hpp"
#include "common/event_time.hpp"
#include "common/group_by.hpp"
#include <streamweaver/option_checks.hpp>
#include "metrics.hpp"
#include "output_fields.hpp"
#include "window_stats.hpp"

namespace streamweaver::transforms {
namespace {

constexpr std::int64_t kDefaultWindowRecords = 20;

class WindowAggregate {
 public:
  // It reads a few fields of every record (JsonFields): the host need not build the values.
  static constexpr bool reads_json_text = true;

  explicit WindowAggregate(const Options& options)
      : by_(options.get_or<std::string>("by", "")),
        metrics_(MetricSet::parse(options.get<std::vector<std::string>>("metrics"))),
        value_field_(options.get<std::string>("value_field")),
        price_field_(options.get<std::string>("price_field")),
        quantity_field_(options.get<std::string>("quantity_field")),
        groups_(GroupLimits::from(options)) {
    if (!by_.valid()) refuse_option("by", "is not a valid field path");
    for (const auto& [name, path] :
         {std::pair{"value_field", &value_field_}, std::pair{"price_field", &price_field_},
          std::pair{"quantity_field", &quantity_field_}})
      if (!path->valid()) refuse_option(name, "is not a valid field path");

    if (options.has("window") && options.has("window_ms"))
      refuse_option("window", "and 'window_ms' exclude each other: pick a count or a time window");
    window_records_ = checked_integer_or(options, "window", Interval::at_least(1),
                                         options.has("window_ms") ? 0 : kDefaultWindowRecords);
    window_ms_ = checked_integer_or(options, "window_ms", Interval::at_least(1), 0);

    if (options.has("emit_every") && options.has("emit_every_ms"))
      refuse_option("emit_every", "and 'emit_every_ms' exclude each other");
    emit_every_ms_ = checked_integer_or(options, "emit_every_ms", Interval::at_least(1), 0);
    emit_every_ = checked_integer_or(options, "emit_every", Interval::at_least(1),
                                     emit_every_ms_ > 0 ? 0 : 1);
    same_price_field_ = price_field_.text() == value_field_.text();
  }

  Status process(Record in, Emitter& out) {
    if (!fields_.read(in))
      return Status::rejected("value is not a JSON object (or nests deeper than 256 levels)");
    auto group_name = by_.of(in, fields_);
    if (!group_name) return Status::rejected(by_.describe() + " is missing or not a scalar");
    auto sample = read_sample();
    if (!sample.is_ok()) return sample;

    const std::int64_t timestamp = event_time_ms(in);
    auto& entry = groups_.use(*group_name, timestamp, [&] { return make_group(); });
    Group& group = entry.state;
    if (group.window.is_late(timestamp)) return Status::ok();  // already outside the window

    pending_.sequence = group.next_sequence++;
    group.stats.add(pending_);
    group.window.push(timestamp, pending_, [&](const Sample& gone) { group.stats.remove(gone); });
    group.stats.refresh_if_drifted(group.window);
    group.last_timestamp_ms = std::max(group.last_timestamp_ms, timestamp);
    group.changed = true;

    if (emit_every_ > 0 && ++group.records_since_emit >= emit_every_) emit(entry.name, group, out);
    return Status::ok();
  }

  std::int64_t timer_interval_ms() const { return emit_every_ms_; }

  Status on_timer(std::int64_t now_ms, Emitter& out) {
    groups_.advance_clock(now_ms);
    // Only groups with new records: an idle group's metrics have not changed. Sorted so the
    // output order does not depend on recency.
    std::vector<Groups::Entry*> changed;
    for (auto& entry : groups_)
      if (entry.state.changed) changed.push_back(&entry);
    std::sort(changed.begin(), changed.end(),
              [](const auto* a, const auto* b) { return a->name < b->name; });
    for (auto* entry : changed) emit(entry->name, entry->state, out);
    return Status::ok();
  }

  std::vector<StageCounter> counters() const { return groups_.counters(); }

 private:
  struct Group {
    SampleWindow window;
    WindowStats stats;
    std::uint64_t next_sequence = 0;
    std::int64_t records_since_emit = 0;
    std::int64_t last_timestamp_ms = 0;
    bool changed = false;
  };
  using Groups = BoundedGroups<Group>;

  Group make_group() const {
    return Group{window_ms_ > 0
                     ? SampleWindow::last_ms(window_ms_)
                     : SampleWindow::last_records(static_cast<std::size_t>(window_records_)),
                 WindowStats(metrics_)};
  }

  // Fills pending_ from the fields of the record just read.
  Status read_sample() {
    auto value = fields_.number(value_field_);
    if (!value)
      return Status::rejected("field '" + value_field_.text() + "' is missing or not a number");
    pending_.value = *value;
    if (!metrics_.needs_quantity()) return Status::ok();
    auto price = same_price_field_ ? value : fields_.number(price_field_);
    if (!price)
      return Status::rejected("field '" + price_field_.text() + "' is missing or not a number");
    auto quantity = fields_.number(quantity_field_);
    if (!quantity)
      return Status::rejected("field '" + quantity_field_.text() + "' is missing or not a number");
    pending_.price = *price;
    pending_.quantity = *quantity;
    return Status::ok();
  }

  // Written as JSON text: cheaper than a JSON value that the host then serializes.
  void emit(const std::string& group_name, Group& group, Emitter& out) const {
    OutputFields fields;
    fields.set(group_field_, group_name);
    if (window_ms_ > 0)
      fields.set("window_ms", window_ms_);
    else
      fields.set("window", window_records_);
    group.stats.for_each_metric(group.window, [&](std::string_view name, WindowStats::Value value) {
      std::visit([&](auto v) { fields.set(name, v); }, value);
    });
    const std::string timestamp = iso8601_from_ms(group.last_timestamp_ms);
    fields.set("timestamp", timestamp);
    Record record{.key = group_name, .timestamp_ms = group.last_timestamp_ms};
    fields.write(record.json);
    out.emit(std::move(record));
    group.records_since_emit = 0;
    group.changed = false;
  }

  GroupBy by_;
  std::string group_field_ = by_.output_name();  // what output records call the group
  MetricSet metrics_;
  FieldPath value_field_;
  FieldPath price_field_;
  FieldPath quantity_field_;
  bool same_price_field_ = false;
  std::int64_t window_records_ = 0;  // count window when > 0
  std::int64_t window_ms_ = 0;       // time window when > 0
  std::int64_t emit_every_ = 0;      // records per group; 0: timer only
  std::int64_t emit_every_ms_ = 0;   // timer period; 0: no timer
  JsonFields fields_;  // the record being processed
  Sample pending_;
  Groups groups_;
};

}  // namespace
}  // namespace streamweaver::transforms

using streamweaver::OptionType;

// clang-format off
STREAMWEAVER_TRANSFORM_PLUGIN(streamweaver::transforms::WindowAggregate, {
    .name = "window_aggregate",
    .version = "1.0.0",
    .description = "Per-group metrics (vwap, mean, min, max, first, last, change_pct, count, "
                   "volume) over a sliding count or time window",
    .options = {
        {.name = "by", .type = OptionType::string,
         .description = "Field to group by (dotted path, e.g. \"trade.symbol\"); unset: the "
                        "record key. Output records name it after its last segment, or \"key\""},
        {.name = "window", .type = OptionType::integer,
         .description = "Count window: the last N records of each group (default 20 unless "
                        "window_ms is set)"},
        {.name = "window_ms", .type = OptionType::integer,
         .description = "Time window: each group's records of the last T ms of event time "
                        "(record timestamps); excludes window"},
        {.name = "emit_every", .type = OptionType::integer,
         .description = "Emit a group's metrics after every N of its records (default 1 "
                        "unless emit_every_ms is set)"},
        {.name = "emit_every_ms", .type = OptionType::integer,
         .description = "Emit every T ms, for each group that got records since its last "
                        "output; excludes emit_every"},
        {.name = "metrics", .type = OptionType::string_list,
         .default_value = {"vwap", "mean", "min", "max", "change_pct", "volume", "count"},
         .description = "Metrics to compute: vwap, mean, min, max, first, last, change_pct "
                        "(last vs first, in %), count, volume (sum of quantity)"},
        {.name = "value_field", .type = OptionType::string, .default_value = "price",
         .description = "Numeric field for mean, min, max, first, last and change_pct"},
        {.name = "price_field", .type = OptionType::string, .default_value = "price",
         .description = "Price field for vwap"},
        {.name = "quantity_field", .type = OptionType::string, .default_value = "quantity",
         .description = "Quantity field for vwap and volume"},
        streamweaver::transforms::max_keys_option(),
        streamweaver::transforms::idle_key_timeout_option(),
    },
})
// clang-format on
