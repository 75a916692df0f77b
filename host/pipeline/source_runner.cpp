#include "pipeline/source_runner.hpp"

#include <pthread.h>

#include <condition_variable>
#include <mutex>

#include <spdlog/spdlog.h>
#include <streamweaver/time.hpp>

#include "pipeline/log_throttle.hpp"

namespace streamweaver::pipeline {
namespace {

constexpr auto kIdleWait = std::chrono::milliseconds(20);

// Sleeps until `when`, or less when `stop` is requested.
void sleep_until(std::chrono::steady_clock::time_point when, const std::stop_token& stop) {
  std::mutex m;
  std::condition_variable_any cv;
  std::unique_lock lock(m);
  cv.wait_until(lock, stop, when, [&] { return stop.stop_requested(); });
}

}  // namespace

// Counts what Kafka did with the source's records. Kept alive by every record in flight,
// so it counts them even after the runner is gone.
class SourceRunner::Deliveries final : public kafka::DeliveryHandler {
 public:
  Deliveries(std::shared_ptr<SourceStatus> status, std::string log_tag)
      : target{this, 0}, status_(std::move(status)), log_tag_(std::move(log_tag)) {}

  void on_delivery(std::uint32_t, rd_kafka_resp_err_t error) noexcept override {
    if (!error) {
      status_->delivered.inc();
      return;
    }
    status_->failed.inc();
    if (worth_logging(status_->failed.value()))
      spdlog::error("{} delivery failed ({} so far): {}", log_tag_, status_->failed.value(),
                    rd_kafka_err2str(error));
  }

  kafka::DeliveryTarget target;

 private:
  std::shared_ptr<SourceStatus> status_;
  std::string log_tag_;
};

// Records whose source asked for a receipt: told like any other, then the receipt learns
// the outcome. One handler serves consecutive records with the same receipt (a batch), so
// it costs no allocation per record; it holds the receipt until the last of them settled.
class SourceRunner::ReceiptDelivery final : public kafka::DeliveryHandler {
 public:
  ReceiptDelivery(boost::intrusive_ptr<Deliveries> deliveries, std::shared_ptr<DeliveryReceipt> receipt)
      : target{this, 0}, deliveries_(std::move(deliveries)), receipt_(std::move(receipt)) {}

  void on_delivery(std::uint32_t tag, rd_kafka_resp_err_t error) noexcept override {
    deliveries_->on_delivery(tag, error);
    if (error) receipt_->failed(rd_kafka_err2str(error));
  }
  // The producer never took it, so no delivery report comes.
  void not_sent(std::string_view why) noexcept { receipt_->failed(why); }
  bool carries(const std::shared_ptr<DeliveryReceipt>& receipt) const { return receipt_ == receipt; }

  kafka::DeliveryTarget target;

 private:
  boost::intrusive_ptr<Deliveries> deliveries_;
  std::shared_ptr<DeliveryReceipt> receipt_;
};

SourceRunner::SourceRunner(std::shared_ptr<SourceStatus> status, plugin::PluginInstance<Source> source,
                           TransformChain chain, TopicWriter writer, std::function<void()> on_failure)
    : status_(std::move(status)),
      log_tag_("[source:" + status_->info().plugin + ":" + status_->name() + "]"),
      source_(std::move(source)),
      chain_(std::move(chain)),
      writer_(std::move(writer)),
      on_failure_(std::move(on_failure)),
      deliveries_(new Deliveries(status_, log_tag_)) {}

SourceRunner::~SourceRunner() {
  request_stop();
  join();
}

// Named for top -H and perf. The sender first: a source thread always has one to hand to.
void SourceRunner::start() {
  sender_ = std::thread([this, stop = stop_.get_token()] {
    pthread_setname_np(pthread_self(), "source-send");
    send_all(stop);
  });
  try {
    thread_ = std::thread([this, stop = stop_.get_token()] {
      pthread_setname_np(pthread_self(), "source");
      run(stop);
    });
  } catch (...) {
    handoff_.close();
    sender_.join();
    throw;
  }
}

void SourceRunner::request_stop() { stop_.request_stop(); }

void SourceRunner::join() {
  if (thread_.joinable()) thread_.join();
  if (sender_.joinable()) sender_.join();  // ends once it has sent what the source made
}

void SourceRunner::count_error(const std::string& what) {
  status_->errors.inc();
  status_->note_error(what);
  if (worth_logging(status_->errors.value()))
    spdlog::error("{} {} ({} errors so far)", log_tag_, what, status_->errors.value());
}

void SourceRunner::note_rejection(const std::optional<Rejection>& rejection) {
  if (!rejection) return;
  status_->rejected.inc();
  if (worth_logging(status_->rejected.value()))
    spdlog::warn("{} transform {} rejected a record ({} so far): {}", log_tag_, rejection->stage,
                 status_->rejected.value(), rejection->reason);
}

// Stamped here, not when sent: a record may wait in the handoff (longer while Kafka is away).
void SourceRunner::emit(Record&& record) {
  if (record.timestamp_ms == 0) record.timestamp_ms = now_ms();
  handoff_.add(record);
}

// The sender's thread: every batch the source hands over, record by record, until the
// source closed the handoff. After a stop, a record goes only if Kafka has room for it.
void SourceRunner::send_all(const std::stop_token& stop) {
  std::vector<Record> batch;
  std::size_t count = 0;
  while (handoff_.take(batch, count)) {
    for (std::size_t i = 0; i < count; ++i) {
      try {
        send(batch[i], stop);
      } catch (const std::exception& e) {  // this record only; the sender goes on
        if (batch[i].receipt) batch[i].receipt->failed(e.what());
        count_error(std::string("record not sent: ") + e.what());
      }
      clear(batch[i]);  // it goes back to the source
    }
    receipt_delivery_.reset();  // the run of records it served may be complete: let it settle
  }
}

void SourceRunner::send(Record& record, const std::stop_token& stop) {
  ReceiptDelivery* with_receipt = nullptr;
  if (record.receipt) {
    if (!receipt_delivery_ || !receipt_delivery_->carries(record.receipt))
      receipt_delivery_ = new ReceiptDelivery(deliveries_, std::move(record.receipt));
    with_receipt = receipt_delivery_.get();
  }
  auto* target = with_receipt ? &with_receipt->target : &deliveries_->target;
  kafka::ProduceResult result;
  try {
    result = writer_.write(record, target, stop, status_.get());
  } catch (const std::exception& e) {  // this record only (e.g. its key field cannot be read)
    if (with_receipt) with_receipt->not_sent(e.what());
    count_error(std::string("record skipped: ") + e.what());
    return;
  }
  switch (result.outcome) {
    case kafka::ProduceResult::Outcome::queued:
      status_->produced.inc();
      return;
    case kafka::ProduceResult::Outcome::stopped:
      ++dropped_at_stop_;
      if (with_receipt) with_receipt->not_sent("the source stopped before Kafka took it");
      return;
    case kafka::ProduceResult::Outcome::refused:
      if (with_receipt) with_receipt->not_sent(rd_kafka_err2str(result.error));
      status_->failed.inc();
      status_->note_error(std::string("Kafka refused a record: ") + rd_kafka_err2str(result.error));
      if (worth_logging(status_->failed.value()))
        spdlog::error("{} cannot produce to '{}' ({} so far): {}", log_tag_, writer_.topic(),
                      status_->failed.value(), rd_kafka_err2str(result.error));
      return;
  }
}

// One record from the plugin, through the chain to Kafka. An exception here concerns this
// record only: it is counted and the source goes on.
void SourceRunner::take(Record&& record) {
  if (chain_.empty()) {
    emit(std::move(record));
    return;
  }
  auto receipt = record.receipt;  // told when the chain loses the record on the way
  try {
    auto rejection = chain_.process(std::move(record), [&](Record&& r) { emit(std::move(r)); });
    if (rejection && receipt) receipt->failed("rejected by " + rejection->stage + ": " + rejection->reason);
    note_rejection(rejection);
  } catch (const std::exception& e) {
    if (receipt) receipt->failed(e.what());
    count_error(std::string("record skipped: ") + e.what());
  }
}

std::uint64_t SourceRunner::pull(std::uint64_t count, const std::stop_token& stop) {
  std::uint64_t made = 0;
  Record record;  // reused: its strings keep their capacity from one record to the next
  for (; made < count && !stop.stop_requested(); ++made) {
    clear(record);
    Status status = source_->next(record);
    switch (status.code()) {
      case Status::Code::ok:
        status_->generated.inc();
        take(std::move(record));
        continue;
      case Status::Code::idle:
        idle_ = true;
        return made;
      case Status::Code::end:
        status_->set_state(RunState::ended);
        spdlog::info("{} finished after {} records", log_tag_, status_->generated.value());
        return made;
      default:
        count_error("plugin error: " + status.message());
        return made;  // give a failing plugin a breath instead of spinning on it
    }
  }
  return made;
}

void SourceRunner::loop(const std::stop_token& stop) {
  Pacer pacer(status_->info().rate);
  auto out = [&](Record&& r) { emit(std::move(r)); };
  while (!stop.stop_requested() && status_->state() != RunState::ended) {
    note_rejection(chain_.run_timers(now_ms(), out));
    status_->publish_figures(chain_);
    status_->publish_report(*source_);
    std::uint64_t due = pacer.due(Pacer::Clock::now());
    if (due > 0) {
      idle_ = false;
      std::uint64_t made = pull(due, stop);
      handoff_.flush();
      pacer.taken(made);
      if (status_->state() == RunState::ended) break;
      auto shown = idle_ ? RunState::idle : RunState::running;
      if (status_->state() != shown) status_->set_state_unless(RunState::waiting, shown);  // the sender's say
      if (made == due) continue;
    }
    // Nothing due, or the plugin had nothing / failed: sleep until the next event or timer.
    auto next = due > 0 ? Pacer::Clock::now() + kIdleWait : pacer.next_due();
    std::int64_t timer = chain_.next_timer_ms();
    if (timer != INT64_MAX)
      next = std::min(next, Pacer::Clock::now() + std::chrono::milliseconds(std::max<std::int64_t>(0, timer - now_ms())));
    handoff_.flush();  // what the timers made
    sleep_until(next, stop);
  }
}

void SourceRunner::run(const std::stop_token& stop) {
  status_->set_state(RunState::running);
  const auto& info = status_->info();
  spdlog::info("{} started, {} to '{}'", log_tag_,
               info.rate > 0 ? fmt::format("{} records/s", info.rate) : "unbounded rate", info.topic);
  try {
    loop(stop);
    handoff_.close();
  } catch (const std::exception& e) {
    handoff_.close();
    status_->fail(e.what());
    spdlog::error("{} stopped by an error: {}", log_tag_, e.what());
    if (on_failure_) on_failure_();
    return;
  }
  if (status_->state() != RunState::ended) status_->set_state(RunState::stopped);
}

}  // namespace streamweaver::pipeline
