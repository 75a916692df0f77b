#pragma once
// An ordered list of transform stages. A record goes through stage 0; whatever it emits goes
// through stage 1, and so on; what the last stage emits is the chain's output. Timers run per
// stage and their output continues down the chain from the next stage.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <streamweaver/json/reader.hpp>
#include <streamweaver/transform.hpp>

#include "plugin/plugin_instance.hpp"

namespace streamweaver::pipeline {

// A record a stage could not handle, with where and why (for dead-letter headers and logs).
struct Rejection {
  std::string stage;  // "<index>:<plugin>"
  std::string reason;
  // The stage failed (Status::error, or it threw) rather than refusing this record
  // (Status::rejected): the fault may lie with the stage, not the record.
  bool stage_failed = false;
};

class TransformChain {
 public:
  struct Stage {
    std::string name;  // "<index>:<plugin>"
    plugin::PluginInstance<Transform> transform;
    std::int64_t interval_ms = 0;
    std::int64_t next_timer_ms = 0;
    bool reads_json_text = false;  // Transform::reads_json_text
  };

  TransformChain() = default;
  explicit TransformChain(std::vector<Stage> stages, std::int64_t now_ms);

  bool empty() const { return stages_.empty(); }

  using Output = std::function<void(Record&&)>;
  // Runs one record through every stage. Returns the first rejection, if any; records that
  // other branches emitted before it still reach `out`. A record given as JSON text
  // (Record::json) is parsed for the first stage that reads values (Transform::reads_json_text),
  // or for a chain without stages; one that is no JSON object, or nests deeper than
  // kMaxJsonDepth, is rejected there (by "input" when that is the start of the chain).
  std::optional<Rejection> process(Record record, const Output& out);
  // Fires every stage timer that is due at `now_ms`.
  std::optional<Rejection> run_timers(std::int64_t now_ms, const Output& out);
  // Earliest pending timer in ms since the epoch; INT64_MAX when there is none.
  std::int64_t next_timer_ms() const;

  // What each stage reports about itself (Transform::counters), stages without figures left
  // out. From the thread that runs the chain.
  struct StageFigures {
    std::string stage;  // "<index>:<plugin>"
    std::vector<StageCounter> counters;
  };
  std::vector<StageFigures> figures() const;

 private:
  std::optional<Rejection> run_from(std::size_t stage, Record record, const Output& out);
  // Parses the record's text into its value; why not, when it is no JSON object.
  std::optional<std::string> parse_value(Record& record);
  static std::string refusal(JsonReader::Shape shape);  // why a text that is no object is refused
  JsonReader& reader();
  std::vector<Stage> stages_;
  std::unique_ptr<JsonReader> reader_;  // made when first needed
};

}  // namespace streamweaver::pipeline
