#include "pipeline/source_runner.hpp"

#include <condition_variable>
#include <mutex>

#include <spdlog/spdlog.h>
#include <streamweaver/time.hpp>

namespace streamweaver::pipeline {
namespace {

// Logs the 1st, 2nd, 4th, 8th... occurrence so a failing plugin cannot flood the log.
bool worth_logging(std::uint64_t count) { return (count & (count - 1)) == 0; }

constexpr auto kIdleWait = std::chrono::milliseconds(20);

}  // namespace

const char* to_string(RunState state) {
  switch (state) {
    case RunState::starting: return "starting";
    case RunState::running: return "running";
    case RunState::idle: return "idle";
    case RunState::ended: return "ended";
    case RunState::failed: return "failed";
    case RunState::stopped: return "stopped";
  }
  return "?";
}

SourceRunner::SourceRunner(SourceSettings settings, plugin::PluginInstance<Source> source,
                           TransformChain chain, TopicWriter writer, metrics::Registry& metrics)
    : settings_(std::move(settings)),
      log_tag_("[source:" + settings_.plugin + ":" + settings_.name + "]"),
      source_(std::move(source)),
      chain_(std::move(chain)),
      writer_(std::move(writer)),
      generated_(metrics.counter("streamweaver_source_records_generated_total",
                                 "Records a source plugin made", {{"source", settings_.name}})),
      produced_(metrics.counter("streamweaver_source_records_produced_total",
                                "Records handed to Kafka", {{"source", settings_.name}})),
      delivered_(metrics.counter("streamweaver_source_records_delivered_total",
                                 "Records Kafka acknowledged", {{"source", settings_.name}})),
      failed_(metrics.counter("streamweaver_source_records_failed_total",
                              "Records Kafka could not take", {{"source", settings_.name}})),
      errors_(metrics.counter("streamweaver_source_errors_total",
                              "Errors reported by the source plugin", {{"source", settings_.name}})),
      rejected_(metrics.counter("streamweaver_source_records_rejected_total",
                                "Records a source transform rejected", {{"source", settings_.name}})) {}

SourceRunner::~SourceRunner() {
  request_stop();
  join();
}

void SourceRunner::start() {
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

void SourceRunner::request_stop() { thread_.request_stop(); }

void SourceRunner::join() {
  if (thread_.joinable()) thread_.join();
}

void SourceRunner::on_delivery(rd_kafka_resp_err_t error) noexcept {
  if (!error) {
    delivered_.inc();
    return;
  }
  failed_.inc();
  if (worth_logging(failed_.value()))
    spdlog::error("{} delivery failed ({} so far): {}", log_tag_, failed_.value(),
                  rd_kafka_err2str(error));
}

void SourceRunner::wait_until(std::chrono::steady_clock::time_point when,
                              const std::stop_token& stop) {
  std::mutex m;
  std::condition_variable_any cv;
  std::unique_lock lock(m);
  cv.wait_until(lock, stop, when, [] { return false; });
}

void SourceRunner::note_rejection(const std::optional<Rejection>& rejection) {
  if (!rejection) return;
  rejected_.inc();
  if (worth_logging(rejected_.value()))
    spdlog::warn("{} transform {} rejected a record ({} so far): {}", log_tag_, rejection->stage,
                 rejected_.value(), rejection->reason);
}

void SourceRunner::emit(Record&& record, const std::stop_token& stop) {
  std::string error;
  if (writer_.write(record, this, stop, error)) {
    produced_.inc();
  } else if (!error.empty()) {
    failed_.inc();
    if (worth_logging(failed_.value()))
      spdlog::error("{} cannot produce to '{}': {}", log_tag_, writer_.topic(), error);
  }
}

std::uint64_t SourceRunner::pull(std::uint64_t count, const std::stop_token& stop) {
  auto out = [&](Record&& r) { emit(std::move(r), stop); };
  std::uint64_t made = 0;
  for (; made < count && !stop.stop_requested(); ++made) {
    Record record;
    Status status = source_->next(record);
    switch (status.code()) {
      case Status::Code::ok:
        generated_.inc();
        if (chain_.empty())
          emit(std::move(record), stop);
        else
          note_rejection(chain_.process(std::move(record), out));
        continue;
      case Status::Code::idle:
        idle_ = true;
        return made;
      case Status::Code::end:
        state_ = RunState::ended;
        spdlog::info("{} finished after {} records", log_tag_, generated_.value());
        return made;
      default:
        errors_.inc();
        if (worth_logging(errors_.value()))
          spdlog::error("{} plugin error ({} so far): {}", log_tag_, errors_.value(), status.message());
        return made;  // give a failing plugin a breath instead of spinning on it
    }
  }
  return made;
}

void SourceRunner::run(const std::stop_token& stop) {
  Pacer pacer(settings_.rate);
  state_ = RunState::running;
  spdlog::info("{} started, {} to '{}'", log_tag_,
               settings_.rate > 0 ? fmt::format("{} records/s", settings_.rate) : "unbounded rate",
               writer_.topic());
  auto out = [&](Record&& r) { emit(std::move(r), stop); };
  while (!stop.stop_requested() && state_ != RunState::ended) {
    note_rejection(chain_.run_timers(now_ms(), out));
    idle_ = false;
    std::uint64_t due = pacer.due(Pacer::Clock::now());
    if (due > 0) {
      std::uint64_t made = pull(due, stop);
      pacer.taken(made);
      if (made == due || state_ == RunState::ended) continue;
    }
    // Nothing due, or the plugin had nothing / failed: sleep until the next event or timer.
    auto next = due > 0 ? Pacer::Clock::now() + kIdleWait : pacer.next_due();
    std::int64_t timer = chain_.next_timer_ms();
    if (timer != INT64_MAX)
      next = std::min(next, Pacer::Clock::now() + std::chrono::milliseconds(std::max<std::int64_t>(0, timer - now_ms())));
    wait_until(next, stop);
  }
  if (state_ != RunState::ended) state_ = RunState::stopped;
}

nlohmann::json SourceRunner::health() const {
  RunState state = state_;
  if (state == RunState::running && idle_) state = RunState::idle;
  return {{"plugin", settings_.plugin},
          {"topic", writer_.topic()},
          {"state", to_string(state)},
          {"rate", settings_.rate},
          {"generated", generated_.value()},
          {"produced", produced_.value()},
          {"delivered", delivered_.value()},
          {"failed", failed_.value()},
          {"errors", errors_.value()},
          {"rejected", rejected_.value()}};
}

}  // namespace streamweaver::pipeline
