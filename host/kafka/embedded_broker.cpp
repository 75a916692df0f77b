#include "kafka/embedded_broker.hpp"

#include <algorithm>

namespace streamweaver::kafka {

EmbeddedBroker::EmbeddedBroker(int broker_count)
    : owner_(make_client(RD_KAFKA_PRODUCER, make_conf({{"log_level", "3"}}))), broker_count_(broker_count) {
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

namespace {

void check(rd_kafka_resp_err_t err, const std::string& what) {
  if (err) throw KafkaError("embedded broker: cannot " + what + ": " + rd_kafka_err2str(err));
}

}  // namespace

void EmbeddedBroker::set_down(int broker_id) {
  check(rd_kafka_mock_broker_set_down(cluster_, broker_id), "take broker " + std::to_string(broker_id) + " down");
}

void EmbeddedBroker::set_up(int broker_id) {
  check(rd_kafka_mock_broker_set_up(cluster_, broker_id), "bring broker " + std::to_string(broker_id) + " up");
}

void EmbeddedBroker::set_round_trip(int broker_id, std::chrono::milliseconds rtt) {
  check(rd_kafka_mock_broker_set_rtt(cluster_, broker_id, static_cast<int>(rtt.count())),
        "set the round trip of broker " + std::to_string(broker_id));
}

}  // namespace streamweaver::kafka
