// trending: the top-k values of a field (each element of an array field, e.g. hashtags)
// over a sliding time window, emitted as one record every emit_every_ms.
#include <string>

#include <streamweaver/sdk.hpp>

#include "common/event_time.hpp"
#include <streamweaver/field_path.hpp>
#include <streamweaver/option_checks.hpp>
#include "top_counts.hpp"

namespace streamweaver::transforms {
namespace {

class Trending {
 public:
  explicit Trending(const Options& options)
      : field_(options.get<std::string>("field")),
        k_(checked_integer(options, "k", Interval::at_least(1))),
        window_ms_(checked_integer(options, "window_ms", Interval::at_least(1))),
        emit_every_ms_(checked_integer(options, "emit_every_ms", Interval::at_least(1))),
        counts_(window_ms_) {
    if (!field_.valid()) refuse_option("field", "is not a valid field path");
  }

  // Records without the field count nothing; they are not errors.
  Status process(Record in, Emitter& /*out*/) {
    const nlohmann::json* found = field_.find(in.value);
    if (found == nullptr) return Status::ok();
    const std::int64_t timestamp = event_time_ms(in);
    if (found->is_array()) {
      for (const auto& element : *found) count(element, timestamp);
    } else {
      count(*found, timestamp);
    }
    return Status::ok();
  }

  std::int64_t timer_interval_ms() const { return emit_every_ms_; }

  Status on_timer(std::int64_t now_ms, Emitter& out) {
    counts_.expire(now_ms);
    auto top = counts_.top(static_cast<std::size_t>(k_));
    // An empty list goes out once, so a dashboard clears; then silence until values return.
    if (top.empty() && last_was_empty_) return Status::ok();
    last_was_empty_ = top.empty();

    nlohmann::json ranked = nlohmann::json::array();
    for (auto& entry : top)
      ranked.push_back({{"value", std::move(entry.value)}, {"count", entry.count}});
    out.emit(Record{.key = field_.text(),
                    .value = {{"field", field_.text()},
                              {"window_ms", window_ms_},
                              {"top", std::move(ranked)},
                              {"timestamp", iso8601_from_ms(now_ms)}},
                    .timestamp_ms = now_ms,
                    .headers = {}});
    return Status::ok();
  }

 private:
  // Strings count as they are, numbers and booleans by their JSON text; null, objects and
  // empty strings are skipped.
  void count(const nlohmann::json& value, std::int64_t timestamp) {
    if (value.is_string()) {
      const auto& text = value.get_ref<const std::string&>();
      if (!text.empty()) counts_.add(text, timestamp);
    } else if (value.is_number() || value.is_boolean()) {
      counts_.add(value.dump(), timestamp);
    }
  }

  FieldPath field_;
  std::int64_t k_;
  std::int64_t window_ms_;
  std::int64_t emit_every_ms_;
  TopCounts counts_;
  bool last_was_empty_ = true;  // nothing to clear before the first values
};

}  // namespace
}  // namespace streamweaver::transforms

using streamweaver::OptionType;

// clang-format off
STREAMWEAVER_TRANSFORM_PLUGIN(streamweaver::transforms::Trending, {
    .name = "trending",
    .version = "1.0.0",
    .description = "Top-k values of a field (or of its elements) over a sliding time window",
    .options = {
        {.name = "field", .type = OptionType::string, .default_value = "hashtags",
         .description = "Field to count (dotted path allowed); an array counts each element"},
        {.name = "k", .type = OptionType::integer, .default_value = 10,
         .description = "How many values to report"},
        {.name = "window_ms", .type = OptionType::integer, .default_value = 60000,
         .description = "Sliding window, in ms: values seen in the last window_ms count"},
        {.name = "emit_every_ms", .type = OptionType::integer, .default_value = 2000,
         .description = "How often to emit the top list, in ms"},
    },
})
// clang-format on
