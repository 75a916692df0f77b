#pragma once
// librdkafka's mock cluster, in-process: the real Kafka protocol on a loopback port, so any
// Kafka client can use it. Little history, nothing survives a restart.
#include <chrono>
#include <string>

#include "kafka/client_config.hpp"  // rdkafka.h must come before rdkafka_mock.h

#include <librdkafka/rdkafka_mock.h>

namespace streamweaver::kafka {

class EmbeddedBroker {
 public:
  explicit EmbeddedBroker(int broker_count = 1);
  ~EmbeddedBroker();
  EmbeddedBroker(const EmbeddedBroker&) = delete;
  EmbeddedBroker& operator=(const EmbeddedBroker&) = delete;

  // "127.0.0.1:PORT[,...]"
  const std::string& bootstrap_servers() const { return bootstrap_; }
  int broker_count() const { return broker_count_; }
  void create_topic(const std::string& name, int partitions, int replication_factor = 1);

  // Fault injection, for tests and benchmarks. Brokers are numbered 1..broker_count().
  // Down: connections are closed and refused (partition leaders stay where they are).
  void set_down(int broker_id);
  void set_up(int broker_id);
  void set_round_trip(int broker_id, std::chrono::milliseconds rtt);

 private:
  Handle owner_;  // the mock cluster hangs off a client handle
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
  int broker_count_;
  std::string bootstrap_;
};

}  // namespace streamweaver::kafka
