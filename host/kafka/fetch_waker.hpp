#pragma once
// librdkafka 2.0 stops fetching once a consumer's queue holds queued.min.messages, and looks
// again only when its broker thread next wakes: up to a second later, however fast the
// queue drains. A consumer catching up on a backlog (a processor after a reload or an
// outage) then sits idle for part of every such second. FetchWaker notices the queue at that
// threshold and, once the application has drained it, wakes the broker threads by seeking
// each assigned partition to where the application is. The seek moves nothing (it is the
// next record fetching would ask for anyway), but librdkafka wakes the broker thread for it.
// librdkafka 2.4 has fetch.queue.backoff.ms for the same problem.
//
// Only the count is watched: a queue stopped by queued.max.messages.kbytes first (records
// of more than about 220 bytes, at the host's 300,000 and librdkafka's 64 MB) waits for
// librdkafka as before.

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <set>

#include "kafka/topic_partitions.hpp"

namespace streamweaver::kafka {

class FetchWaker {
 public:
  explicit FetchWaker(rd_kafka_t* consumer);
  ~FetchWaker();
  FetchWaker(const FetchWaker&) = delete;
  FetchWaker& operator=(const FetchWaker&) = delete;

  // After each message polled: now and then, looks whether the queue is at the threshold.
  void on_message();
  // When a poll found the queue empty: wakes fetching if it stopped at the threshold.
  void on_empty(const std::set<TopicPartition>& assigned);
  // A new assignment: whatever was seen of the old one's queue says nothing now.
  void on_assignment() { stopped_ = false; }
  // How many times it woke fetching.
  std::uint64_t wakes() const { return wakes_; }

 private:
  rd_kafka_t* consumer_;
  rd_kafka_queue_t* queue_;
  int threshold_;      // queued.min.messages
  int look_every_;     // messages between two looks at the queue's length
  int since_look_ = 0;
  bool stopped_ = false;  // the queue was at the threshold since the last wake
  std::uint64_t wakes_ = 0;
};

}  // namespace streamweaver::kafka
