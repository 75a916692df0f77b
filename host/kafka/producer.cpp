#include "kafka/producer.hpp"

#include <cstdlib>
#include <limits>
#include <optional>

#include <spdlog/spdlog.h>

namespace streamweaver::kafka {
namespace {

using Clock = std::chrono::steady_clock;

// How long a replaced producer gets to hand back what it still held.
constexpr auto kDrainTimeout = std::chrono::seconds(10);

rd_kafka_headers_t* to_kafka_headers(const std::vector<Header>* headers) {
  if (!headers || headers->empty()) return nullptr;
  rd_kafka_headers_t* out = rd_kafka_headers_new(headers->size());
  for (const auto& h : *headers)
    rd_kafka_header_add(out, h.name.data(), static_cast<ssize_t>(h.name.size()), h.value.data(),
                        static_cast<ssize_t>(h.value.size()));
  return out;
}

// Three quarters of the queue's record limit (none: any room will do). librdkafka checks the
// setting itself when the client is made.
int resume_level(const ConfigMap& settings) {
  int limit = std::atoi(settings.at("queue.buffering.max.messages").c_str());
  return limit > 0 ? limit / 4 * 3 : std::numeric_limits<int>::max();
}

void settle(DeliveryTarget* target, rd_kafka_resp_err_t error) {
  target->handler->on_delivery(target->tag, error);
  intrusive_ptr_release(target->handler);
}

}  // namespace

// A record a failed producer still held, copied out of its delivery report.
struct Producer::Resend {
  std::string topic;
  std::int32_t partition;
  std::optional<std::string> key;
  std::string value;
  std::int64_t timestamp_ms;
  rd_kafka_headers_t* headers;  // owned until produced
  DeliveryTarget* target;
};

ConfigMap Producer::defaults() {
  return {
      {"enable.idempotence", "true"},
      {"acks", "all"},
      // Records are for live screens: wait at most 1 ms to fill a batch. Under load batches
      // still fill, from what queues up while a request is in flight.
      {"linger.ms", "1"},
      {"batch.num.messages", "10000"},
      // The queue is what an outage fills before sources pause: bounded in records and bytes.
      {"queue.buffering.max.messages", "200000"},
      {"queue.buffering.max.kbytes", "65536"},
      // Never give up on a record: it waits for Kafka however long Kafka is away.
      {"message.timeout.ms", "0"},
      // Broker states for /health, and quick reconnects once Kafka is back.
      {"statistics.interval.ms", "1000"},
      {"reconnect.backoff.max.ms", "1000"},
      {"log_level", "4"},
  };
}

Producer::Producer(const ConfigMap& settings)
    : settings_(merged(defaults(), settings)),
      resume_below_(resume_level(settings_)) {
  handle_ = make_handle();
  poller_ = std::jthread([this](std::stop_token stop) { poll_loop(stop); });
}

Producer::~Producer() {
  poller_.request_stop();
  if (poller_.joinable()) poller_.join();
  for (auto& r : resend_) {  // only when a replacement failed: nobody will take them
    if (r.headers) rd_kafka_headers_destroy(r.headers);
    if (r.target) settle(r.target, RD_KAFKA_RESP_ERR__FATAL);
  }
}

Handle Producer::make_handle() {
  rd_kafka_conf_t* conf = make_conf(settings_);
  rd_kafka_conf_set_opaque(conf, this);
  rd_kafka_conf_set_dr_msg_cb(conf, on_delivery_report);
  rd_kafka_conf_set_error_cb(conf, on_error);
  rd_kafka_conf_set_stats_cb(conf, on_statistics);
  return make_client(RD_KAFKA_PRODUCER, conf);
}

void Producer::on_delivery_report(rd_kafka_t* rk, const rd_kafka_message_t* message, void* opaque) {
  auto* self = static_cast<Producer*>(opaque);
  auto* target = static_cast<DeliveryTarget*>(message->_private);
  if (message->err && !is_record_error(message->err) &&
      rd_kafka_fatal_error(rk, nullptr, 0) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    // Failed only because this producer is dead: the replacement sends it.
    self->keep_for_resend(*message, target);
    return;
  }
  self->unsettled_.fetch_sub(1, std::memory_order_relaxed);
  if (target) settle(target, message->err);
}

void Producer::on_error(rd_kafka_t*, int error, const char* reason, void* opaque) {
  auto* self = static_cast<Producer*>(opaque);
  auto err = static_cast<rd_kafka_resp_err_t>(error);
  self->health_->on_error(err, reason);
  if (err == RD_KAFKA_RESP_ERR__FATAL) self->fatal_ = true;
}

int Producer::on_statistics(rd_kafka_t*, char* json, size_t length, void* opaque) {
  static_cast<Producer*>(opaque)->health_->on_statistics({json, length});
  return 0;  // librdkafka frees `json`
}

void Producer::poll_loop(const std::stop_token& stop) {
  // Only this thread replaces handle_, so it reads it without the lock.
  while (!stop.stop_requested()) {
    if (rd_kafka_poll(handle_.get(), 100) > 0 && worth_waking()) deliveries_served();
    if (fatal_) {
      recover_from_fatal_error();
      deliveries_served();
    }
  }
}

// A producer waiting for room is woken once the queue has drained below three quarters, not
// for every round of delivery reports: at full speed that would be a context switch per
// round for a few records of room. Others (flush) and a queue full by bytes rather than
// records are woken every round, and everyone at least once a second.
bool Producer::worth_waking() {
  auto now = Clock::now();
  if (waiting_for_room_ == 0 || rd_kafka_outq_len(handle_.get()) < resume_below_ || now - last_wake_ > std::chrono::seconds(1)) {
    last_wake_ = now;
    return true;
  }
  return false;
}

void Producer::deliveries_served() {
  {
    std::lock_guard lock(served_mutex_);
    served_rounds_.fetch_add(1);
  }
  served_.notify_all();
}

void Producer::keep_for_resend(const rd_kafka_message_t& m, DeliveryTarget* target) {
  rd_kafka_headers_t* headers = nullptr;
  rd_kafka_headers_t* copy = nullptr;
  if (rd_kafka_message_headers(&m, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR)
    copy = rd_kafka_headers_copy(headers);
  rd_kafka_timestamp_type_t type;
  resend_.push_back(
      {.topic = rd_kafka_topic_name(m.rkt),
       .partition = m.partition,
       .key = m.key ? std::optional<std::string>(std::string(static_cast<const char*>(m.key), m.key_len))
                    : std::nullopt,
       .value = std::string(static_cast<const char*>(m.payload), m.len),
       .timestamp_ms = rd_kafka_message_timestamp(&m, &type),
       .headers = copy,
       .target = target});
}

void Producer::recover_from_fatal_error() {
  char reason[512] = "";
  auto code = rd_kafka_fatal_error(handle_.get(), reason, sizeof reason);
  std::string what = std::string(rd_kafka_err2name(code)) + ": " + reason;
  spdlog::error("[kafka] the producer hit a fatal error ({}); making a new producer and handing it "
                "every record the old one held",
                what);
  std::unique_lock lock(handle_mutex_);  // producing threads wait meanwhile
  Handle replacement;
  try {
    replacement = make_handle();
  } catch (const KafkaError& e) {
    spdlog::error("[kafka] cannot make a new producer: {}; records cannot be written any more", e.what());
    health_->producer_lost(what);
    fatal_ = false;
    return;
  }
  rd_kafka_purge(handle_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  for (auto deadline = Clock::now() + kDrainTimeout;
       rd_kafka_outq_len(handle_.get()) > 0 && Clock::now() < deadline;)
    rd_kafka_poll(handle_.get(), 100);
  std::vector<std::string> names;
  for (const auto& [name, topic] : topics_) names.push_back(name);
  topics_.clear();  // the old client's, which must go before it
  handle_ = std::move(replacement);
  for (const auto& name : names) make_topic_handle(name);
  auto count = resend_.size();
  resend_kept();
  fatal_ = false;
  health_->producer_replaced(what);
  spdlog::warn("[kafka] new producer in place; {} records handed over", count);
}

void Producer::resend_kept() {
  for (auto& r : resend_) {
    const void* key = r.key ? r.key->data() : nullptr;
    std::size_t key_size = r.key ? r.key->size() : 0;
    auto err = rd_kafka_producev(
        handle_.get(), RD_KAFKA_V_TOPIC(r.topic.c_str()), RD_KAFKA_V_PARTITION(r.partition),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(key, key_size),
        RD_KAFKA_V_VALUE(r.value.data(), r.value.size()), RD_KAFKA_V_TIMESTAMP(r.timestamp_ms),
        RD_KAFKA_V_HEADERS(r.headers), RD_KAFKA_V_OPAQUE(r.target), RD_KAFKA_V_END);
    if (err) {
      if (r.headers) rd_kafka_headers_destroy(r.headers);
      unsettled_.fetch_sub(1, std::memory_order_relaxed);
      if (r.target) settle(r.target, err);
    }
  }
  resend_.clear();
}

ProduceResult Producer::produce(const OutgoingMessage& m, const std::stop_token& stop,
                               WaitListener* listener) {
  ProduceResult result;
  std::optional<Clock::time_point> paused_since;
  Clock::time_point last_wake;  // read only once paused: no clock read per record
  auto note_wait = [&] {
    auto now = Clock::now();
    if (listener) listener->waited(now - last_wake);
    last_wake = now;
  };
  if (m.target) intrusive_ptr_add_ref(m.target->handler);  // released by the delivery report
  while (true) {
    auto rounds = served_rounds_.load();
    rd_kafka_resp_err_t err;
    {
      std::shared_lock lock(handle_mutex_);
      rd_kafka_headers_t* headers = to_kafka_headers(m.headers);
      auto prepared = topics_.find(m.topic);
      rd_kafka_vu_t fields[] = {
          {.vtype = RD_KAFKA_VTYPE_MSGFLAGS, .u = {.i = RD_KAFKA_MSG_F_COPY}},
          {.vtype = RD_KAFKA_VTYPE_KEY,
           .u = {.mem = {.ptr = m.key.empty() ? nullptr : const_cast<char*>(m.key.data()), .size = m.key.size()}}},
          {.vtype = RD_KAFKA_VTYPE_VALUE, .u = {.mem = {.ptr = const_cast<char*>(m.value.data()), .size = m.value.size()}}},
          {.vtype = RD_KAFKA_VTYPE_TIMESTAMP, .u = {.i64 = m.timestamp_ms}},
          {.vtype = RD_KAFKA_VTYPE_HEADERS, .u = {.headers = headers}},
          {.vtype = RD_KAFKA_VTYPE_OPAQUE, .u = {.ptr = m.target}},
          prepared != topics_.end() ? rd_kafka_vu_t{.vtype = RD_KAFKA_VTYPE_RKT, .u = {.rkt = prepared->second.get()}}
                                    : rd_kafka_vu_t{.vtype = RD_KAFKA_VTYPE_TOPIC, .u = {.cstr = m.topic.c_str()}},
      };
      rd_kafka_error_t* error = rd_kafka_produceva(handle_.get(), fields, std::size(fields));
      // A fatal error comes with its cause's code here; as producev does, call it __FATAL.
      err = !error                          ? RD_KAFKA_RESP_ERR_NO_ERROR
            : rd_kafka_error_is_fatal(error) ? RD_KAFKA_RESP_ERR__FATAL
                                             : rd_kafka_error_code(error);
      if (error) rd_kafka_error_destroy(error);
      if (err && headers) rd_kafka_headers_destroy(headers);  // ours again when producing failed
    }
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      unsettled_.fetch_add(1, std::memory_order_relaxed);
      break;
    }
    // A full queue empties as Kafka takes records; a fatal error ends with a new producer.
    bool worth_waiting = err == RD_KAFKA_RESP_ERR__QUEUE_FULL ||
                         (err == RD_KAFKA_RESP_ERR__FATAL && health_->state().producer_usable);
    if (!worth_waiting) {
      result = {.outcome = ProduceResult::Outcome::refused, .error = err};
      break;
    }
    if (!paused_since) {
      paused_since = last_wake = Clock::now();
      if (listener) listener->waiting(true);
    }
    if (stop.stop_requested()) {
      result.outcome = ProduceResult::Outcome::stopped;
      break;
    }
    ++waiting_for_room_;
    std::unique_lock lock(served_mutex_);
    served_.wait(lock, stop, [&] { return served_rounds_.load() != rounds; });
    lock.unlock();
    --waiting_for_room_;
    note_wait();
  }
  if (paused_since) {
    note_wait();
    result.paused = Clock::now() - *paused_since;
    if (listener) listener->waiting(false);
  }
  if (!result.queued() && m.target) intrusive_ptr_release(m.target->handler);
  return result;
}

void Producer::prepare_topic(const std::string& topic) {
  std::unique_lock lock(handle_mutex_);
  if (!topics_.contains(topic)) make_topic_handle(topic);
}

// librdkafka asks for the partitions of a topic made through rd_kafka_topic_new at once (not
// of one it meets first in a produce call). Called with handle_mutex_ held exclusively.
void Producer::make_topic_handle(const std::string& name) {
  if (rd_kafka_topic_t* topic = rd_kafka_topic_new(handle_.get(), name.c_str(), nullptr))
    topics_.emplace(name, TopicHandle(topic));
  else  // e.g. a name over 512 bytes: its records go by name and are refused there
    spdlog::warn("[kafka] no handle for topic '{}': {}", name, rd_kafka_err2str(rd_kafka_last_error()));
}

int Producer::flush(std::chrono::milliseconds timeout) {
  std::unique_lock lock(served_mutex_);
  served_.wait_for(lock, timeout, [&] { return queued() == 0; });
  return queued();
}

int Producer::purge() {
  int left = queued();
  if (left == 0) return 0;
  {
    std::shared_lock lock(handle_mutex_);
    rd_kafka_purge(handle_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  }
  flush(kDrainTimeout);  // the poll thread serves the purged records' delivery reports
  return left;
}

int Producer::queued() const {
  return unsettled_.load(std::memory_order_relaxed);
}

void Producer::inject_fatal_error(rd_kafka_resp_err_t error, const char* reason) {
  std::shared_lock lock(handle_mutex_);
  rd_kafka_test_fatal_error(handle_.get(), error, reason);
}

}  // namespace streamweaver::kafka
