#include "kafka/consumer.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace streamweaver::kafka {

std::string_view Message::topic() const {
  return message_->rkt ? rd_kafka_topic_name(message_->rkt) : std::string_view();
}

std::optional<std::string_view> Message::key() const {
  if (!message_->key) return std::nullopt;
  return std::string_view(static_cast<const char*>(message_->key), message_->key_len);
}

std::string_view Message::value() const {
  if (!message_->payload) return {};
  return std::string_view(static_cast<const char*>(message_->payload), message_->len);
}

std::int64_t Message::timestamp_ms() const {
  rd_kafka_timestamp_type_t type;
  return rd_kafka_message_timestamp(message_.get(), &type);
}

std::vector<Header> Message::headers() const {
  std::vector<Header> out;
  rd_kafka_headers_t* headers = nullptr;
  if (rd_kafka_message_headers(message_.get(), &headers) != RD_KAFKA_RESP_ERR_NO_ERROR) return out;
  const char* name;
  const void* value;
  size_t size;
  for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == 0; ++i)
    out.push_back({name, value ? std::string(static_cast<const char*>(value), size) : ""});
  return out;
}

ConfigMap Consumer::defaults() {
  return {
      {"enable.auto.commit", "false"},
      {"auto.offset.reset", "earliest"},
      {"enable.partition.eof", "false"},
      // Back within a second or so once Kafka returns.
      {"reconnect.backoff.max.ms", "1000"},
      {"log_level", "4"},
  };
}

Consumer::Consumer(const ConfigMap& settings) {
  rd_kafka_conf_t* conf = make_conf(merged(defaults(), settings));
  rd_kafka_conf_set_opaque(conf, this);
  rd_kafka_conf_set_rebalance_cb(conf, on_rebalance);
  handle_ = make_client(RD_KAFKA_CONSUMER, conf);
  rd_kafka_poll_set_consumer(handle_.get());
  fetch_waker_.emplace(handle_.get());
}

Consumer::~Consumer() { close(); }

void Consumer::subscribe(const std::vector<std::string>& topics) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(topics.size()));
  for (const auto& t : topics) rd_kafka_topic_partition_list_add(list, t.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_resp_err_t err = rd_kafka_subscribe(handle_.get(), list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err) throw KafkaError(std::string("cannot subscribe: ") + rd_kafka_err2str(err));
}

void Consumer::assign_all(const std::vector<std::string>& topics, bool from_beginning) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(0);
  try {
    for (const auto& topic : topics)
      for (auto partition : partitions_of(topic, std::chrono::seconds(10)))
        rd_kafka_topic_partition_list_add(list, topic.c_str(), partition)->offset =
            from_beginning ? RD_KAFKA_OFFSET_BEGINNING : RD_KAFKA_OFFSET_END;
  } catch (...) {
    rd_kafka_topic_partition_list_destroy(list);
    throw;
  }
  assign_list(list);
}

void Consumer::assign(const Offsets& offsets) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(0);
  for (const auto& [where, offset] : offsets)
    rd_kafka_topic_partition_list_add(list, where.first.c_str(), where.second)->offset = offset;
  assign_list(list);
}

void Consumer::assign_list(rd_kafka_topic_partition_list_t* list) {
  // librdkafka drops the old assignment first, so after a failure nothing is assigned.
  rd_kafka_resp_err_t err = rd_kafka_assign(handle_.get(), list);
  fetch_waker_->on_assignment();
  owned_.clear();
  if (!err) add_owned(list);
  publish_assignment();
  rd_kafka_topic_partition_list_destroy(list);
  if (err) throw KafkaError(std::string("cannot assign partitions: ") + rd_kafka_err2str(err));
}

std::vector<std::int32_t> Consumer::partitions_of(const std::string& topic,
                                                  std::chrono::milliseconds timeout) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(handle_.get(), topic.c_str(), nullptr);
  const rd_kafka_metadata_t* metadata = nullptr;
  rd_kafka_resp_err_t err =
      rd_kafka_metadata(handle_.get(), 0, rkt, &metadata, static_cast<int>(timeout.count()));
  rd_kafka_topic_destroy(rkt);
  if (!err) err = metadata->topics[0].err;
  std::vector<std::int32_t> partitions;
  if (!err)
    for (int p = 0; p < metadata->topics[0].partition_cnt; ++p)
      partitions.push_back(metadata->topics[0].partitions[p].id);
  if (metadata) rd_kafka_metadata_destroy(metadata);
  if (err) throw KafkaError("cannot read topic '" + topic + "': " + rd_kafka_err2str(err));
  return partitions;
}

std::pair<std::int64_t, std::int64_t> Consumer::watermarks(const std::string& topic,
                                                           std::int32_t partition,
                                                           std::chrono::milliseconds timeout) {
  std::int64_t low = 0, high = 0;
  auto err = rd_kafka_query_watermark_offsets(handle_.get(), topic.c_str(), partition, &low, &high,
                                              static_cast<int>(timeout.count()));
  if (err)
    throw KafkaError("cannot read the offsets of '" + topic + "' partition " +
                     std::to_string(partition) + ": " + rd_kafka_err2str(err));
  return {low, high};
}

std::map<std::int32_t, std::int64_t> Consumer::offsets_for_time(
    const std::string& topic, const std::vector<std::int32_t>& partitions,
    std::int64_t timestamp_ms, std::chrono::milliseconds timeout) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(0);
  for (auto partition : partitions)
    rd_kafka_topic_partition_list_add(list, topic.c_str(), partition)->offset = timestamp_ms;
  auto err = rd_kafka_offsets_for_times(handle_.get(), list, static_cast<int>(timeout.count()));
  std::map<std::int32_t, std::int64_t> out;
  for (int i = 0; !err && i < list->cnt; ++i) {
    if (list->elems[i].err) err = list->elems[i].err;
    out[list->elems[i].partition] = list->elems[i].offset;
  }
  rd_kafka_topic_partition_list_destroy(list);
  if (err)
    throw KafkaError("cannot find offsets by time in '" + topic + "': " + rd_kafka_err2str(err));
  for (auto& [partition, offset] : out)  // -1: no record that new, so from the end
    if (offset < 0) offset = watermarks(topic, partition, timeout).second;
  return out;
}

// On the polling thread, inside poll() or close(). Applies the change as librdkafka would
// without a callback, and works out what is assigned now from the event itself: asking
// librdkafka (rd_kafka_assignment) after the unassign can wait for ever inside close(), as
// the group may finish terminating first and drop the question unanswered.
void Consumer::on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t event,
                            rd_kafka_topic_partition_list_t* partitions, void* opaque) {
  auto* self = static_cast<Consumer*>(opaque);  // the polling thread is the owner's
  self->fetch_waker_->on_assignment();
  // Safe to ask before the (un)assign: the group cannot end while it waits for that call.
  const char* protocol = rd_kafka_rebalance_protocol(rk);
  bool cooperative = protocol && std::string_view(protocol) == "COOPERATIVE";
  bool assigned = event == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS;
  std::string failure;
  if (cooperative) {
    rd_kafka_error_t* error = assigned ? rd_kafka_incremental_assign(rk, partitions)
                                       : rd_kafka_incremental_unassign(rk, partitions);
    if (error) {  // nothing changed
      failure = rd_kafka_error_string(error);
      rd_kafka_error_destroy(error);
    }
  } else {
    // An eager rebalance replaces the whole assignment; a failed one leaves none.
    self->owned_.clear();
    rd_kafka_resp_err_t err = rd_kafka_assign(rk, assigned ? partitions : nullptr);
    if (err) failure = rd_kafka_err2str(err);
  }
  if (!failure.empty()) {
    spdlog::warn("[kafka] cannot {} partitions in a rebalance: {}", assigned ? "take" : "give up",
                 failure);
  } else if (assigned) {
    if (self->paused_)
      rd_kafka_pause_partitions(rk, partitions);
    else
      rd_kafka_resume_partitions(rk, partitions);
    self->add_owned(partitions);
  } else {
    for (int i = 0; i < partitions->cnt; ++i)
      self->owned_.erase({partitions->elems[i].topic, partitions->elems[i].partition});
  }
  self->publish_assignment();
}

void Consumer::add_owned(const rd_kafka_topic_partition_list_t* partitions) {
  for (int i = 0; i < partitions->cnt; ++i)
    owned_.emplace(partitions->elems[i].topic, partitions->elems[i].partition);
}

void Consumer::publish_assignment() {
  std::vector<std::int32_t> partitions;
  for (const auto& where : owned_) partitions.push_back(where.second);
  std::sort(partitions.begin(), partitions.end());
  std::lock_guard lock(assignment_mutex_);
  assignment_ = std::move(partitions);
}

void Consumer::pause_resume(bool pause) {
  paused_ = pause;
  if (owned_.empty()) return;
  auto* list = partition_list(owned_);
  if (pause)
    rd_kafka_pause_partitions(handle_.get(), list);
  else
    rd_kafka_resume_partitions(handle_.get(), list);
  rd_kafka_topic_partition_list_destroy(list);
}

void Consumer::pause() { pause_resume(true); }
void Consumer::resume() { pause_resume(false); }

std::optional<Message> Consumer::poll(std::chrono::milliseconds timeout) {
  rd_kafka_message_t* m = rd_kafka_consumer_poll(handle_.get(), 0);
  if (!m) {
    if (!paused_) fetch_waker_->on_empty(owned_);  // before waiting on a queue nothing may fill
    if (timeout.count() > 0) m = rd_kafka_consumer_poll(handle_.get(), static_cast<int>(timeout.count()));
    if (!m) return std::nullopt;
  }
  fetch_waker_->on_message();
  if (m->err == RD_KAFKA_RESP_ERR__FATAL) {  // librdkafka unassigns without a rebalance event
    owned_.clear();
    publish_assignment();
  }
  return Message(m);
}

std::vector<std::int32_t> Consumer::assignment() const {
  std::lock_guard lock(assignment_mutex_);
  return assignment_;
}

void Consumer::commit(const Offsets& next_offsets) {
  if (next_offsets.empty()) return;
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(next_offsets.size()));
  for (const auto& [tp, offset] : next_offsets)
    rd_kafka_topic_partition_list_add(list, tp.first.c_str(), tp.second)->offset = offset;
  rd_kafka_resp_err_t err = rd_kafka_commit(handle_.get(), list, 0);
  rd_kafka_topic_partition_list_destroy(list);
  if (err) throw KafkaError(std::string("offset commit failed: ") + rd_kafka_err2str(err));
}

void Consumer::close() {
  if (closed_ || !handle_) return;
  closed_ = true;
  rd_kafka_consumer_close(handle_.get());
  owned_.clear();
  publish_assignment();
}

}  // namespace streamweaver::kafka
