#pragma once
// librdkafka's mock cluster, in-process: the real Kafka protocol on a loopback port, so any
// Kafka client can use it. Little history, nothing survives a restart.
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
  void create_topic(const std::string& name, int partitions, int replication_factor = 1);

 private:
  Handle owner_;  // the mock cluster hangs off a client handle
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
  std::string bootstrap_;
};

}  // namespace streamweaver::kafka
