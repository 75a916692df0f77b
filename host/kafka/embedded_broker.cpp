#include "kafka/embedded_broker.hpp"

#include <algorithm>

namespace streamweaver::kafka {

EmbeddedBroker::EmbeddedBroker(int broker_count)
    : owner_(make_client(RD_KAFKA_PRODUCER, make_conf({{"log_level", "3"}}))) {
  cluster_ = rd_kafka_mock_cluster_new(owner_.get(), broker_count);
  if (!cluster_) throw KafkaError("cannot start the embedded Kafka broker");
  bootstrap_ = rd_kafka_mock_cluster_bootstraps(cluster_);
}

EmbeddedBroker::~EmbeddedBroker() {
  if (cluster_) rd_kafka_mock_cluster_destroy(cluster_);
}

void EmbeddedBroker::create_topic(const std::string& name, int partitions,
                                  int replication_factor) {
  // The mock cluster cannot replicate beyond its broker count.
  auto err = rd_kafka_mock_topic_create(cluster_, name.c_str(), partitions,
                                        std::min(replication_factor, 1));
  if (err && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
    throw KafkaError("cannot create topic '" + name + "': " + rd_kafka_err2str(err));
}

}  // namespace streamweaver::kafka
