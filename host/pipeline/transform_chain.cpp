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

std::optional<std::string> TransformChain::parse_value(Record& record) {
  if (!reader_) reader_ = std::make_unique<JsonReader>(kMaxJsonDepth);
  auto parsed = reader_->parse(record.json);
  if (parsed.too_deep) return "value nests deeper than " + std::to_string(kMaxJsonDepth) + " levels";
  if (!parsed.value.is_object()) return "value is not a JSON object";  // or no JSON (discarded)
  record.value = std::move(parsed.value);
  record.json.clear();
  return std::nullopt;
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
