#pragma once
// Feeds the WebSocket hub from Kafka: one consumer per host instance that reads every
// partition of the bridged topics from the newest record on. Every instance's bridge must see
// every record, so it takes partitions directly (group id unique per instance, no rebalance
// wait, nothing committed) instead of sharing them in a group.
#include <string>
#include <thread>
#include <vector>

#include "bridge/hub.hpp"
#include "kafka/connection.hpp"
#include "kafka/consumer.hpp"

namespace streamweaver::pipeline {

// A consumed message as the bridge sees it (views into `message`).
bridge::BridgedRecord bridged_record(const kafka::Message& message);

class BridgeFeed {
 public:
  BridgeFeed(const kafka::Connection& kafka, std::vector<std::string> topics, bridge::Hub& hub);
  ~BridgeFeed();

  void start();
  void stop();

 private:
  void run(const std::stop_token& stop);

  std::vector<std::string> topics_;
  bridge::Hub& hub_;
  kafka::Consumer consumer_;
  std::jthread thread_;
};

}  // namespace streamweaver::pipeline
