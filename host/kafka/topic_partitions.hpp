#pragma once
// A topic's partition as the consumer and its helpers name it, and librdkafka's list of them.

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <set>
#include <string>
#include <utility>

namespace streamweaver::kafka {

using TopicPartition = std::pair<std::string, std::int32_t>;

// A new librdkafka list of `partitions`, offsets unset; the caller destroys it.
inline rd_kafka_topic_partition_list_t* partition_list(const std::set<TopicPartition>& partitions) {
  auto* list = rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size()));
  for (const auto& [topic, partition] : partitions)
    rd_kafka_topic_partition_list_add(list, topic.c_str(), partition);
  return list;
}

}  // namespace streamweaver::kafka
