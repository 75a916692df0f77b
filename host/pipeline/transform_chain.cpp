#include "pipeline/transform_chain.hpp"

#include <climits>
#include <string>

#include <streamweaver/json/depth.hpp>

namespace streamweaver::pipeline {
namespace {

// Collects what one stage emits so it can be fed to the next stage afterwards.
class Collector final : public Emitter {
 public:
  void emit(Record record) override { records.push_back(std::move(record)); }
  std::vector<Record> records;
};

}  // namespace

TransformChain::TransformChain(std::vector<Stage> stages, std::int64_t now_ms)
    : stages_(std::move(stages)) {
  for (auto& s : stages_) {
    s.interval_ms = s.transform->timer_interval_ms();
    s.reads_json_text = s.transform->reads_json_text();
    s.next_timer_ms = s.interval_ms > 0 ? now_ms + s.interval_ms : INT64_MAX;
  }
}

JsonReader& TransformChain::reader() {
  if (!reader_) reader_ = std::make_unique<JsonReader>(kMaxJsonDepth);
  return *reader_;
}

std::optional<std::string> TransformChain::parse_value(Record& record) {
  auto parsed = reader().parse(record.json);
  auto shape = parsed.too_deep ? JsonReader::Shape::too_deep
               : parsed.value.is_object() ? JsonReader::Shape::object
                                          : JsonReader::Shape::other;  // or no JSON (discarded)
  if (shape != JsonReader::Shape::object) return refusal(shape);
  record.value = std::move(parsed.value);
  record.json.clear();
  return std::nullopt;
}

std::string TransformChain::refusal(JsonReader::Shape shape) {
  if (shape == JsonReader::Shape::too_deep)
    return "value nests deeper than " + std::to_string(kMaxJsonDepth) + " levels";
  return "value is not a JSON object";
}

std::optional<Rejection> TransformChain::run_from(std::size_t index, Record record,
                                                  const Output& out) {
  bool at_end = index == stages_.size();
  // Without stages the output must still be an object: the input is checked as for a stage.
  bool reads_value = at_end ? index == 0 : !stages_[index].reads_json_text;
  if (reads_value && !record.json.empty()) {
    if (auto refused = parse_value(record))
      return Rejection{index == 0 ? "input" : stages_[index].name, *refused};
  }
  if (at_end) {
    // Text that only stages reading text saw: checked (not built), as outputs are objects.
    if (!record.json.empty() && record.value.is_null()) {
      if (auto shape = reader().shape_of(record.json); shape != JsonReader::Shape::object)
        return Rejection{stages_[index - 1].name, "its output: " + refusal(shape)};
    }
    out(std::move(record));
    return std::nullopt;
  }
  Stage& stage = stages_[index];
  Collector emitted;
  Status status = stage.transform->process(std::move(record), emitted);
  std::optional<Rejection> rejection;
  if (!status.is_ok())
    rejection = Rejection{stage.name, status.message(), status.code() == Status::Code::error};
  for (auto& r : emitted.records) {
    auto later = run_from(index + 1, std::move(r), out);
    if (!rejection) rejection = std::move(later);
  }
  return rejection;
}

std::optional<Rejection> TransformChain::process(Record record, const Output& out) {
  return run_from(0, std::move(record), out);
}

std::optional<Rejection> TransformChain::run_timers(std::int64_t now_ms, const Output& out) {
  std::optional<Rejection> rejection;
  for (std::size_t i = 0; i < stages_.size(); ++i) {
    Stage& stage = stages_[i];
    if (now_ms < stage.next_timer_ms) continue;
    stage.next_timer_ms = now_ms + stage.interval_ms;
    Collector emitted;
    Status status = stage.transform->on_timer(now_ms, emitted);
    if (!status.is_ok() && !rejection)
      rejection = Rejection{stage.name, status.message(), status.code() == Status::Code::error};
    for (auto& r : emitted.records) {
      auto later = run_from(i + 1, std::move(r), out);
      if (!rejection) rejection = std::move(later);
    }
  }
  return rejection;
}

std::vector<TransformChain::StageFigures> TransformChain::figures() const {
  std::vector<StageFigures> out;
  for (const auto& s : stages_)
    if (auto counters = s.transform->counters(); !counters.empty())
      out.push_back({s.name, std::move(counters)});
  return out;
}

std::int64_t TransformChain::next_timer_ms() const {
  std::int64_t next = INT64_MAX;
  for (const auto& s : stages_) next = std::min(next, s.next_timer_ms);
  return next;
}

}  // namespace streamweaver::pipeline
