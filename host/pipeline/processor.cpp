#include "pipeline/processor.hpp"

#include <pthread.h>

#include <map>
#include <set>

#include <spdlog/spdlog.h>
#include <streamweaver/time.hpp>

#include "pipeline/log_throttle.hpp"

namespace streamweaver::pipeline {
namespace {

// A batch costs a Kafka round trip (its outputs settle) and a commit: under a backlog, 10,000
// records share them; live, the 20 ms wait ends a batch long before. A batch holds its
// records' fetch buffers until committed (two batches at a time), so large records end it sooner.
constexpr std::size_t kMaxBatch = 10000;
constexpr std::size_t kMaxBatchBytes = 16 << 20;
constexpr auto kMaxBatchWait = std::chrono::milliseconds(20);
// How long a batch may wait for Kafka before the processor stops fetching more.
constexpr auto kSettleSlice = std::chrono::milliseconds(250);
// A record a stage fails on this many times in a row (across restarts) is dead-lettered, so
// that one record cannot stop a processor for good.
constexpr int kStageAttempts = 3;

// Thrown when a stage fails: the processor stops without committing the failing batch, and
// supervision restarts it.
struct StageFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string position_of(const kafka::Message& m) {
  return std::string(m.topic()) + "/" + std::to_string(m.partition()) + "@" + std::to_string(m.offset());
}

}  // namespace

Processor::Processor(std::shared_ptr<ProcessorStatus> status, const config::ProcessorConfig& config,
                     TransformChain chain, const kafka::Connection& kafka, kafka::Producer& producer,
                     std::function<void()> on_failure)
    : status_(std::move(status)),
      log_tag_("[processor:" + config.name + "]"),
      input_topic_(config.input),
      dead_letter_topic_(config.dead_letter),
      chain_(std::move(chain)),
      producer_(producer),
      output_(producer, config.output),
      consumer_(kafka.consumer_settings(config.group)),
      on_failure_(std::move(on_failure)) {
  // A first dead letter need not wait for librdkafka's topic scan.
  producer.prepare_topic(dead_letter_topic_);
}

Processor::~Processor() {
  request_stop();
  join();
}

void Processor::start() {
  consumer_.subscribe({input_topic_});
  thread_ = std::jthread([this](std::stop_token stop) {
    pthread_setname_np(pthread_self(), "processor");  // for top -H and perf
    run(stop);
  });
}

void Processor::request_stop() { thread_.request_stop(); }

void Processor::join() {
  if (thread_.joinable()) thread_.join();
  consumer_.close();
  status_->set_assignment({});
}

void Processor::write_output(Record&& record, std::uint32_t input, ProcessorBatch& batch,
                             const std::stop_token& stop) {
  auto* target = batch.target_for(input, ProcessorBatch::Kind::output);
  auto result = output_.write(record, target, stop, status_.get());
  if (result.queued()) return;
  // Not enqueued: settle it here. Refused as a record, its input is dead-lettered after the
  // batch; stopped, the batch is not committed anyway.
  batch.on_delivery(target->tag, result.refused() ? result.error : RD_KAFKA_RESP_ERR__DESTROY);
}

void Processor::dead_letter(const kafka::Message& message, std::uint32_t input,
                            const std::string& stage, const std::string& reason,
                            ProcessorBatch& batch, const std::stop_token& stop) {
  status_->dead_lettered.inc();
  if (worth_logging(status_->dead_lettered.value()))
    spdlog::warn("{} record {} to '{}' ({} so far): {}: {}", log_tag_, position_of(message),
                 dead_letter_topic_, status_->dead_lettered.value(), stage, reason);
  auto headers = message.headers();
  headers.push_back({"streamweaver.error.stage", stage});
  headers.push_back({"streamweaver.error.reason", reason});
  headers.push_back({"streamweaver.source.topic", std::string(message.topic())});
  headers.push_back({"streamweaver.source.partition", std::to_string(message.partition())});
  headers.push_back({"streamweaver.source.offset", std::to_string(message.offset())});
  auto* target = batch.target_for(input, ProcessorBatch::Kind::dead_letter);
  auto result = producer_.produce({.topic = dead_letter_topic_,
                                   .key = message.key().value_or(""),
                                   .value = message.value(),
                                   .timestamp_ms = message.timestamp_ms(),
                                   .headers = &headers,
                                   .target = target},
                                  stop, status_.get());
  if (!result.queued())
    batch.on_delivery(target->tag, result.refused() ? result.error : RD_KAFKA_RESP_ERR__DESTROY);
}

void Processor::transform(std::uint32_t input, const kafka::Message& message, ProcessorBatch& batch,
                          const std::stop_token& stop) {
  if (message.value().empty()) {  // a tombstone: to the chain, empty text means "no text"
    dead_letter(message, input, "input", "value is not a JSON object", batch, stop);
    return;
  }
  Record record;
  record.json = message.value();  // the chain checks it is an object, and parses it if a stage reads values
  record.key = std::string(message.key().value_or(""));
  record.timestamp_ms = message.timestamp_ms();
  record.headers = message.headers();
  auto rejection = chain_.process(std::move(record), [&](Record&& out) {
    write_output(std::move(out), input, batch, stop);
  });
  if (!rejection) return;
  if (!rejection->stage_failed) {
    dead_letter(message, input, rejection->stage, rejection->reason, batch, stop);
    return;
  }
  int attempts = status_->failed_at(position_of(message));
  if (attempts >= kStageAttempts) {
    dead_letter(message, input, rejection->stage,
                rejection->reason + " (failed " + std::to_string(attempts) + " times)", batch, stop);
    return;
  }
  throw StageFailure("stage " + rejection->stage + " failed on record " + position_of(message) + ": " +
                     rejection->reason);
}

// One input record. A failing stage stops the processor (StageFailure); any other exception
// concerns this record only: it is counted and dead-lettered, and the batch goes on.
void Processor::handle(std::uint32_t input, const kafka::Message& message, ProcessorBatch& batch,
                       const std::stop_token& stop) {
  status_->received.inc();
  try {
    transform(input, message, batch, stop);
  } catch (const StageFailure&) {
    throw;
  } catch (const std::exception& e) {
    status_->errors.inc();
    status_->note_error(std::string("host code failed on record ") + position_of(message) + ": " + e.what());
    dead_letter(message, input, "host", e.what(), batch, stop);
  }
}

std::vector<kafka::Message> Processor::read_batch(const std::stop_token& stop) {
  std::vector<kafka::Message> batch = std::exchange(carried_, {});
  auto deadline = std::chrono::steady_clock::now() + kMaxBatchWait;
  // What the consumer already fetched is taken without a wait, so without reading the clock.
  auto wait_for_more = [&] {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return batch.empty() ? std::chrono::milliseconds(100) : std::max(left, std::chrono::milliseconds(0));
  };
  std::size_t bytes = 0;
  while (batch.size() < kMaxBatch && bytes < kMaxBatchBytes && !stop.stop_requested()) {
    auto message = consumer_.poll(std::chrono::milliseconds(0));
    if (!message) message = consumer_.poll(wait_for_more());
    if (!message) break;
    if (message->is_error()) {
      status_->note_error("consumer: " + message->error());
      continue;
    }
    bytes += message->value().size();
    batch.push_back(std::move(*message));
  }
  return batch;
}

bool Processor::settle(ProcessorBatch& batch, const std::stop_token& stop) {
  if (batch.wait_for(kSettleSlice, stop)) return true;
  if (stop.stop_requested()) return false;
  // Kafka is slow or away. Stop fetching, but go on polling so that the group keeps this
  // member and its partitions; what was fetched meanwhile is fetched again after resume.
  status_->set_state(RunState::waiting);
  while (!batch.wait_for(kSettleSlice, stop)) {
    if (stop.stop_requested()) return false;
    consumer_.pause();  // again: a rebalance may have brought new partitions
    if (auto m = consumer_.poll(std::chrono::milliseconds(0)); m && !m->is_error())
      carried_.push_back(std::move(*m));
  }
  consumer_.resume();
  status_->set_state(RunState::running);
  return true;
}

bool Processor::redirect_refused(const std::vector<kafka::Message>& inputs, ProcessorBatch& batch,
                                 const std::stop_token& stop) {
  auto refusals = batch.take_refusals();
  if (refusals.empty()) return true;
  std::set<std::uint32_t> redirected;
  for (const auto& r : refusals) {
    auto reason = std::string("Kafka refused the output: ") + rd_kafka_err2str(r.error);
    if (r.kind == ProcessorBatch::Kind::dead_letter)
      throw std::runtime_error("the dead-letter topic '" + dead_letter_topic_ + "' refused record " +
                               position_of(inputs[r.input]) + ": " + rd_kafka_err2str(r.error));
    if (r.input == ProcessorBatch::kNoInput) {  // a timer's output: nothing to dead-letter
      status_->errors.inc();
      status_->note_error("a timer output was refused: " + reason);
      continue;
    }
    if (redirected.insert(r.input).second)
      dead_letter(inputs[r.input], r.input, "output", reason, batch, stop);
  }
  return settle(batch, stop) && redirect_refused(inputs, batch, stop);
}

void Processor::commit(const std::vector<kafka::Message>& inputs) {
  kafka::Offsets next;
  std::set<std::int32_t> partitions;
  for (const auto& m : inputs) {
    next[{std::string(m.topic()), m.partition()}] = m.offset() + 1;
    partitions.insert(m.partition());
  }
  status_->read_from(partitions);
  try {
    consumer_.commit(next);
    status_->batches_committed.inc();
  } catch (const std::exception& e) {
    // E.g. partitions moved to another member meanwhile: it reads them again (at-least-once).
    status_->errors.inc();
    status_->note_error(e.what());
    spdlog::warn("{} {}", log_tag_, e.what());
  }
}

bool Processor::process_batch(const std::stop_token& stop) {
  auto inputs = read_batch(stop);
  Batch batch(new ProcessorBatch);
  try {
    for (std::uint32_t i = 0; i < inputs.size(); ++i) handle(i, inputs[i], *batch, stop);
    auto timer_out = [&](Record&& r) { write_output(std::move(r), ProcessorBatch::kNoInput, *batch, stop); };
    if (auto rejection = chain_.run_timers(now_ms(), timer_out))
      spdlog::warn("{} timer of {} failed: {}", log_tag_, rejection->stage, rejection->reason);
  } catch (...) {
    finish_before_failing(stop);
    throw;
  }
  // The previous batch's outputs travelled to Kafka while this one was transformed, so
  // finishing it seldom waits.
  auto previous = std::exchange(in_flight_, InFlight{std::move(inputs), std::move(batch)});
  if (!previous || finish(std::move(*previous), stop)) return true;
  // Stopped before the previous batch settled: committing this one would skip it.
  in_flight_.reset();
  return false;
}

bool Processor::finish_in_flight(const std::stop_token& stop) {
  return !in_flight_ || finish(*std::exchange(in_flight_, std::nullopt), stop);
}

void Processor::finish_before_failing(const std::stop_token& stop) {
  // The batch before the failing one is committed once settled, so that only the failing one
  // is read again after the restart. The failure that stops the processor is the first one.
  try {
    finish_in_flight(stop);
  } catch (const std::exception& e) {
    spdlog::warn("{} the batch before the failing one is not committed: {}", log_tag_, e.what());
  }
}

bool Processor::finish(InFlight done, const std::stop_token& stop) {
  auto& batch = *done.batch;
  if (!settle(batch, stop) || !redirect_refused(done.inputs, batch, stop)) return false;
  if (auto failure = batch.failure())
    throw std::runtime_error("Kafka did not take the batch's output: " + *failure);
  status_->sent.inc(batch.outputs_delivered());
  if (!done.inputs.empty()) commit(done.inputs);
  status_->set_assignment(consumer_.assignment());
  status_->publish_figures(chain_);
  return true;
}

void Processor::run(const std::stop_token& stop) {
  status_->set_state(RunState::running);
  spdlog::info("{} started: '{}' -> '{}' (dead letters to '{}')", log_tag_, input_topic_,
               output_.topic(), dead_letter_topic_);
  try {
    while (!stop.stop_requested() && process_batch(stop)) {
    }
    // Stopped: the last batch is committed if Kafka has settled it already.
    finish_in_flight(stop);
  } catch (const std::exception& e) {
    // The failing batch, and any after it, is not committed: the restarted processor reads
    // them again. Their fetch buffers are not kept meanwhile.
    in_flight_.reset();
    carried_.clear();
    status_->errors.inc();
    status_->fail(e.what());
    spdlog::error("{} stopped: {}; supervision restarts it", log_tag_, e.what());
    if (on_failure_) on_failure_();
    return;
  }
  status_->set_state(RunState::stopped);
}

}  // namespace streamweaver::pipeline
