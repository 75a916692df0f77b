#include "kafka/producer.hpp"

namespace streamweaver::kafka {
namespace {

void on_delivery_report(rd_kafka_t*, const rd_kafka_message_t* message, void*) {
  if (auto* handler = static_cast<DeliveryHandler*>(message->_private))
    handler->on_delivery(message->err);
}

rd_kafka_headers_t* to_kafka_headers(const std::vector<Header>* headers) {
  if (!headers || headers->empty()) return nullptr;
  rd_kafka_headers_t* out = rd_kafka_headers_new(headers->size());
  for (const auto& h : *headers)
    rd_kafka_header_add(out, h.name.data(), static_cast<ssize_t>(h.name.size()), h.value.data(),
                        static_cast<ssize_t>(h.value.size()));
  return out;
}

}  // namespace

ConfigMap Producer::defaults() {
  return {
      {"enable.idempotence", "true"},
      {"acks", "all"},
      // Records are for live screens: wait at most 1 ms to fill a batch. Under load batches
      // still fill, from what queues up while a request is in flight.
      {"linger.ms", "1"},
      {"batch.num.messages", "10000"},
      {"queue.buffering.max.messages", "200000"},
      {"message.timeout.ms", "30000"},
      {"log_level", "4"},
  };
}

Producer::Producer(const ConfigMap& settings) {
  rd_kafka_conf_t* conf = make_conf(merged(defaults(), settings));
  rd_kafka_conf_set_dr_msg_cb(conf, on_delivery_report);
  handle_ = make_client(RD_KAFKA_PRODUCER, conf);
  poller_ = std::jthread([this](std::stop_token stop) { poll_loop(stop); });
}

Producer::~Producer() {
  poller_.request_stop();
  if (poller_.joinable()) poller_.join();
}

void Producer::poll_loop(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    if (rd_kafka_poll(handle_.get(), 50) > 0) room_.notify_all();
  }
}

void Producer::wait_for_room(const std::stop_token& stop) {
  std::unique_lock lock(room_mutex_);
  // The timeout covers a notification that fired between the failed enqueue and this wait.
  room_.wait_for(lock, stop, std::chrono::milliseconds(5), [] { return false; });
}

bool Producer::produce(const OutgoingMessage& m, const std::stop_token& stop, std::string& error) {
  while (true) {
    rd_kafka_headers_t* headers = to_kafka_headers(m.headers);
    rd_kafka_resp_err_t err = rd_kafka_producev(
        handle_.get(), RD_KAFKA_V_TOPIC(m.topic.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(m.key.empty() ? nullptr : m.key.data(), m.key.size()),
        RD_KAFKA_V_VALUE(const_cast<char*>(m.value.data()), m.value.size()),
        RD_KAFKA_V_TIMESTAMP(m.timestamp_ms), RD_KAFKA_V_HEADERS(headers),
        RD_KAFKA_V_OPAQUE(m.handler), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return true;
    if (headers) rd_kafka_headers_destroy(headers);  // ours again when producev failed
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      error = rd_kafka_err2str(err);
      return false;
    }
    if (stop.stop_requested()) return false;
    wait_for_room(stop);
  }
}

int Producer::flush(std::chrono::milliseconds timeout) {
  rd_kafka_flush(handle_.get(), static_cast<int>(timeout.count()));
  return queued();
}

int Producer::queued() const { return rd_kafka_outq_len(handle_.get()); }

}  // namespace streamweaver::kafka
