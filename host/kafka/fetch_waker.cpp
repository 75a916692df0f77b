#include "kafka/fetch_waker.hpp"

#include <algorithm>
#include <cstdlib>

namespace streamweaver::kafka {
namespace {

int queued_min_messages(rd_kafka_t* consumer) {
  char value[32];
  size_t size = sizeof value;
  if (rd_kafka_conf_get(rd_kafka_conf(consumer), "queued.min.messages", value, &size) != RD_KAFKA_CONF_OK)
    return 100000;  // librdkafka's default
  return std::max(1, std::atoi(value));
}

}  // namespace

FetchWaker::FetchWaker(rd_kafka_t* consumer)
    : consumer_(consumer),
      queue_(rd_kafka_queue_get_consumer(consumer)),
      threshold_(queued_min_messages(consumer)),
      // Often enough that the queue is still near the threshold at the first look after
      // fetching stopped; seldom enough that the look (a lock) costs nothing per message.
      look_every_(std::clamp(threshold_ / 8, 1, 1024)) {}

FetchWaker::~FetchWaker() {
  if (queue_) rd_kafka_queue_destroy(queue_);
}

void FetchWaker::on_message() {
  if (!queue_ || ++since_look_ < look_every_) return;
  since_look_ = 0;
  // Fetching stops at the threshold; since then at most look_every_ messages were polled.
  if (static_cast<int>(rd_kafka_queue_length(queue_)) + look_every_ >= threshold_) stopped_ = true;
}

void FetchWaker::on_empty(const std::set<TopicPartition>& assigned) {
  if (!stopped_ || assigned.empty()) return;
  stopped_ = false;
  auto* positions = partition_list(assigned);
  rd_kafka_position(consumer_, positions);  // the next offset the application reads
  auto* seeks = rd_kafka_topic_partition_list_new(positions->cnt);
  for (int i = 0; i < positions->cnt; ++i)
    if (const auto& p = positions->elems[i]; !p.err && p.offset >= 0)  // read from already
      rd_kafka_topic_partition_list_add(seeks, p.topic, p.partition)->offset = p.offset;
  if (seeks->cnt > 0) {
    // 0: do not wait. A partition revoked meanwhile refuses its seek, which is harmless.
    if (auto* error = rd_kafka_seek_partitions(consumer_, seeks, 0)) rd_kafka_error_destroy(error);
    ++wakes_;
  }
  rd_kafka_topic_partition_list_destroy(seeks);
  rd_kafka_topic_partition_list_destroy(positions);
}

}  // namespace streamweaver::kafka
