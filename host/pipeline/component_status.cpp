#include "pipeline/component_status.hpp"

#include <streamweaver/time.hpp>

namespace streamweaver::pipeline {

ComponentStatus::ComponentStatus(metrics::Registry& metrics, std::string kind, std::string name)
    : metrics_(metrics),
      kind_(std::move(kind)),
      name_(std::move(name)),
      restarts_(counter("restarts_total", "Restarts after a failure")) {
  for (std::size_t i = 0; i < kRunStates.size(); ++i)
    state_gauges_[i] = &metrics_.gauge("streamweaver_" + kind_ + "_state",
                                       "1 for the state the " + kind_ + " is in, else 0",
                                       {{kind_, name_}, {"state", to_string(kRunStates[i])}});
  // A component of the same name may have run before (a reload): its gauges are ours now.
  for (auto* gauge : state_gauges_) gauge->set(0);
  set_state(RunState::starting);
}

metrics::Counter& ComponentStatus::counter(const std::string& what, const std::string& help) {
  return metrics_.counter("streamweaver_" + kind_ + "_" + what, help, {{kind_, name_}});
}

void ComponentStatus::set_state(RunState state) {
  std::lock_guard lock(state_mutex_);
  set_state_locked(state);
}

void ComponentStatus::set_state_locked(RunState state) {
  auto old = state_.exchange(state);
  state_gauges_[static_cast<std::size_t>(old)]->set(0);
  state_gauges_[static_cast<std::size_t>(state)]->set(1);
}

void ComponentStatus::set_state_unless(RunState kept, RunState state) {
  std::lock_guard lock(state_mutex_);
  if (state_.load() != kept) set_state_locked(state);
}

void ComponentStatus::fail(const std::string& error) {
  note_error(error);
  set_state(RunState::failed);
}

void ComponentStatus::note_error(const std::string& error) {
  std::lock_guard lock(error_mutex_);
  last_error_ = error;
  last_error_ms_ = now_ms();
}

void ComponentStatus::restarted() {
  restarts_.inc();
  restart_at_ms_ = 0;
}

std::string ComponentStatus::last_error() const {
  std::lock_guard lock(error_mutex_);
  return last_error_;
}

// From the thread that writes to Kafka, which may not be the one that sets the other
// states: it never takes a component out of ended, stopped or failed.
void ComponentStatus::waiting(bool waiting) noexcept {
  std::lock_guard lock(state_mutex_);
  auto now = state_.load();
  if (waiting && now != RunState::ended && now != RunState::stopped && now != RunState::failed)
    set_state_locked(RunState::waiting);
  else if (!waiting && now == RunState::waiting)
    set_state_locked(RunState::running);
}

void ComponentStatus::publish_figures(const TransformChain& chain) {
  auto now = now_ms();
  if (now - figures_published_ms_ < 1000) return;
  figures_published_ms_ = now;
  auto figures = nlohmann::json::object();
  for (const auto& stage : chain.figures())
    for (const auto& c : stage.counters) {
      figures[stage.stage][c.name] = c.value;
      metrics_.gauge("streamweaver_" + kind_ + "_stage_figure", "What a transform stage reports about itself",
                     {{kind_, name_}, {"stage", stage.stage}, {"figure", c.name}})
          .set(c.value);
    }
  std::lock_guard lock(figures_mutex_);
  figures_ = std::move(figures);
}

nlohmann::json ComponentStatus::to_json() const {
  nlohmann::json out = {{"state", to_string(state())}, {"restarts", restarts_.value()}};
  if (auto at = restart_at_ms_.load(); at != 0 && state() == RunState::failed)
    out["restart_at"] = iso8601_utc(at * 1000);
  {
    std::lock_guard lock(error_mutex_);
    if (!last_error_.empty()) {
      out["last_error"] = last_error_;
      out["last_error_at"] = iso8601_utc(last_error_ms_ * 1000);
    }
  }
  describe(out);
  std::lock_guard lock(figures_mutex_);
  if (!figures_.empty()) out["stages"] = figures_;
  return out;
}

SourceStatus::SourceStatus(metrics::Registry& metrics, SourceInfo info)
    : ComponentStatus(metrics, "source", info.name),
      generated(counter("records_generated_total", "Records a source plugin made")),
      produced(counter("records_produced_total", "Records handed to Kafka")),
      delivered(counter("records_delivered_total", "Records Kafka acknowledged")),
      failed(counter("records_failed_total", "Records Kafka refused or that could not be handed to it")),
      errors(counter("errors_total", "Errors reported by the source plugin or met in host code")),
      rejected(counter("records_rejected_total", "Records a source transform rejected")),
      paused_ms(counter("paused_ms_total", "Time spent waiting for room in the Kafka producer queue")),
      info_(std::move(info)) {}

void SourceStatus::waited(std::chrono::nanoseconds more) noexcept {
  paused_remainder_ += more;
  auto whole = std::chrono::duration_cast<std::chrono::milliseconds>(paused_remainder_);
  paused_ms.inc(static_cast<std::uint64_t>(whole.count()));
  paused_remainder_ -= whole;
}

void SourceStatus::publish_report(const Source& source) {
  constexpr std::int64_t kEveryMs = 250;  // "reconnecting" should show while it lasts
  auto now = now_ms();
  if (now - report_published_ms_ < kEveryMs) return;
  report_published_ms_ = now;
  auto figures = nlohmann::json::object();
  for (const auto& c : source.counters()) {
    figures[c.name] = c.value;
    metrics().gauge("streamweaver_source_figure", "What a source plugin reports about itself",
                   {{"source", name()}, {"figure", c.name}})
        .set(c.value);
  }
  auto condition = source.condition();
  std::lock_guard lock(report_mutex_);
  figures_ = std::move(figures);
  condition_ = std::move(condition);
}

void SourceStatus::describe(nlohmann::json& out) const {
  out.update({{"plugin", info_.plugin},
              {"topic", info_.topic},
              {"rate", info_.rate},
              {"generated", generated.value()},
              {"produced", produced.value()},
              {"delivered", delivered.value()},
              {"failed", failed.value()},
              {"errors", errors.value()},
              {"rejected", rejected.value()},
              {"paused_ms", paused_ms.value()}});
  std::lock_guard lock(report_mutex_);
  if (!condition_.empty()) out["condition"] = condition_;
  if (!figures_.empty()) out["figures"] = figures_;
}

ProcessorStatus::ProcessorStatus(metrics::Registry& metrics, ProcessorInfo info)
    : ComponentStatus(metrics, "processor", info.name),
      received(counter("records_received_total", "Records read from the input topic")),
      sent(counter("records_sent_total", "Records written to the output topic and acknowledged")),
      dead_lettered(counter("records_dead_lettered_total", "Records sent to the dead-letter topic")),
      errors(counter("errors_total", "Failures: delivery, commit, transform errors, host code")),
      batches_committed(counter("batches_committed_total", "Batches whose offsets were committed")),
      info_(std::move(info)) {}

void ProcessorStatus::set_assignment(std::vector<std::int32_t> partitions) {
  std::lock_guard lock(partitions_mutex_);
  assigned_ = std::move(partitions);
}

void ProcessorStatus::read_from(const std::set<std::int32_t>& partitions) {
  std::lock_guard lock(partitions_mutex_);
  partitions_read_.insert(partitions.begin(), partitions.end());
}

int ProcessorStatus::failed_at(const std::string& position) {
  std::lock_guard lock(partitions_mutex_);
  if (position != failing_position_) {
    failing_position_ = position;
    failing_attempts_ = 0;
  }
  return ++failing_attempts_;
}

void ProcessorStatus::describe(nlohmann::json& out) const {
  std::lock_guard lock(partitions_mutex_);
  out.update({{"input", info_.input},
              {"output", info_.output},
              {"dead_letter", info_.dead_letter},
              {"assigned_partitions", assigned_},
              {"partitions_read", partitions_read_},
              {"received", received.value()},
              {"sent", sent.value()},
              {"dead_lettered", dead_lettered.value()},
              {"errors", errors.value()}});
}

}  // namespace streamweaver::pipeline
