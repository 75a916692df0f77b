#include "pipeline/processor.hpp"

#include <spdlog/spdlog.h>
#include <streamweaver/time.hpp>

namespace streamweaver::pipeline {
namespace {

constexpr std::size_t kMaxBatch = 2000;
constexpr auto kMaxBatchWait = std::chrono::milliseconds(20);

bool worth_logging(std::uint64_t count) { return (count & (count - 1)) == 0; }

}  // namespace

Processor::Processor(const config::ProcessorConfig& config, TransformChain chain,
                     const kafka::Connection& kafka, kafka::Producer& producer,
                     metrics::Registry& metrics)
    : name_(config.name),
      log_tag_("[processor:" + config.name + "]"),
      input_(config.input),
      dead_letter_topic_(config.dead_letter),
      chain_(std::move(chain)),
      producer_(producer),
      output_(producer, config.output),
      consumer_(kafka.consumer_settings(config.group)),
      received_(metrics.counter("streamweaver_processor_records_received_total",
                                "Records read from the input topic", {{"processor", name_}})),
      sent_(metrics.counter("streamweaver_processor_records_sent_total",
                            "Records written to the output topic and acknowledged", {{"processor", name_}})),
      dead_lettered_(metrics.counter("streamweaver_processor_records_dead_lettered_total",
                                     "Records sent to the dead-letter topic", {{"processor", name_}})),
      errors_(metrics.counter("streamweaver_processor_errors_total",
                              "Delivery and commit failures", {{"processor", name_}})) {}

Processor::~Processor() {
  request_stop();
  join();
}

void Processor::start() {
  consumer_.subscribe({input_});
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

void Processor::request_stop() { thread_.request_stop(); }

void Processor::join() {
  if (thread_.joinable()) thread_.join();
  consumer_.close();
}

void Processor::write_output(Record&& record, const std::stop_token& stop) {
  std::string error;
  batch_.sent();
  ++batch_outputs_;
  if (!output_.write(record, &batch_, stop, error)) {
    batch_.on_delivery(RD_KAFKA_RESP_ERR__FAIL);  // not enqueued: the batch must not commit
    if (!error.empty()) spdlog::error("{} cannot produce to '{}': {}", log_tag_, output_.topic(), error);
  }
}

void Processor::dead_letter(const kafka::Message& message, const std::string& stage,
                            const std::string& reason, const std::stop_token& stop) {
  dead_lettered_.inc();
  if (worth_logging(dead_lettered_.value()))
    spdlog::warn("{} record {}/{}@{} to '{}' ({} so far): {}: {}", log_tag_, input_,
                 message.partition(), message.offset(), dead_letter_topic_,
                 dead_lettered_.value(), stage, reason);
  auto headers = message.headers();
  headers.push_back({"streamweaver.error.stage", stage});
  headers.push_back({"streamweaver.error.reason", reason});
  headers.push_back({"streamweaver.source.topic", std::string(message.topic())});
  headers.push_back({"streamweaver.source.partition", std::to_string(message.partition())});
  headers.push_back({"streamweaver.source.offset", std::to_string(message.offset())});
  std::string error;
  batch_.sent();
  bool queued = producer_.produce({.topic = dead_letter_topic_,
                                   .key = message.key().value_or(""),
                                   .value = message.value(),
                                   .timestamp_ms = message.timestamp_ms(),
                                   .headers = &headers,
                                   .handler = &batch_},
                                  stop, error);
  if (!queued) batch_.on_delivery(RD_KAFKA_RESP_ERR__FAIL);
}

void Processor::handle(const kafka::Message& message, const std::stop_token& stop) {
  received_.inc();
  Record record;
  record.value = nlohmann::json::parse(message.value(), nullptr, false);
  if (record.value.is_discarded() || !record.value.is_object()) {
    dead_letter(message, "input", "value is not a JSON object", stop);
    return;
  }
  record.key = std::string(message.key().value_or(""));
  record.timestamp_ms = message.timestamp_ms();
  record.headers = message.headers();
  auto rejection = chain_.process(std::move(record), [&](Record&& out) { write_output(std::move(out), stop); });
  if (rejection) dead_letter(message, rejection->stage, rejection->reason, stop);
}

kafka::Offsets Processor::process_batch(const std::stop_token& stop) {
  kafka::Offsets next;
  auto deadline = std::chrono::steady_clock::now() + kMaxBatchWait;
  for (std::size_t n = 0; n < kMaxBatch && !stop.stop_requested(); ++n) {
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto message = consumer_.poll(n == 0 ? std::chrono::milliseconds(100) : std::max(wait, std::chrono::milliseconds(0)));
    if (!message) break;
    if (message->is_error()) {
      spdlog::warn("{} consumer: {}", log_tag_, message->error());
      continue;
    }
    handle(*message, stop);
    next[{std::string(message->topic()), message->partition()}] = message->offset() + 1;
    std::lock_guard lock(partitions_mutex_);
    partitions_.insert(message->partition());
  }
  return next;
}

void Processor::run(const std::stop_token& stop) {
  state_ = RunState::running;
  spdlog::info("{} started: '{}' -> '{}' (dead letters to '{}')", log_tag_, input_,
               output_.topic(), dead_letter_topic_);
  auto out = [&](Record&& r) { write_output(std::move(r), stop); };
  while (!stop.stop_requested()) {
    batch_.reset();
    batch_outputs_ = 0;
    auto next = process_batch(stop);
    if (auto rejection = chain_.run_timers(now_ms(), out))
      spdlog::warn("{} timer of {} failed: {}", log_tag_, rejection->stage, rejection->reason);
    if (!batch_.wait(stop)) {
      if (stop.stop_requested()) break;  // unacknowledged: not committed, read again next time
      errors_.inc();
      spdlog::error("{} output not acknowledged ({}); stopping without committing, so a restart "
                    "reads the batch again", log_tag_, batch_.failure());
      state_ = RunState::failed;
      return;
    }
    sent_.inc(batch_outputs_);
    batch_outputs_ = 0;
    try {
      consumer_.commit(next);
    } catch (const std::exception& e) {
      // E.g. partitions moved to another member meanwhile: it reads them again (at-least-once).
      errors_.inc();
      spdlog::warn("{} {}", log_tag_, e.what());
    }
  }
  state_ = RunState::stopped;
}

nlohmann::json Processor::health() const {
  std::lock_guard lock(partitions_mutex_);
  return {{"input", input_},
          {"output", output_.topic()},
          {"dead_letter", dead_letter_topic_},
          {"state", to_string(state_.load())},
          {"assigned_partitions", state_ == RunState::running ? consumer_.assignment() : std::vector<std::int32_t>{}},
          {"partitions_read", partitions_},
          {"received", received_.value()},
          {"sent", sent_.value()},
          {"dead_lettered", dead_lettered_.value()},
          {"errors", errors_.value()}};
}

}  // namespace streamweaver::pipeline
