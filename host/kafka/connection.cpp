#include "kafka/connection.hpp"

namespace streamweaver::kafka {

Connection::Connection(const std::string& brokers, ConfigMap producer_overrides,
                       ConfigMap consumer_overrides)
    : producer_overrides_(std::move(producer_overrides)),
      consumer_overrides_(std::move(consumer_overrides)) {
  if (brokers == "embedded") {
    broker_ = std::make_unique<EmbeddedBroker>();
    bootstrap_ = broker_->bootstrap_servers();
  } else {
    bootstrap_ = brokers;
  }
}

void Connection::ensure_topics(const std::vector<TopicSpec>& topics) {
  if (broker_) {
    for (const auto& t : topics) broker_->create_topic(t.name, t.partitions, t.replication_factor);
  } else {
    kafka::ensure_topics({{"bootstrap.servers", bootstrap_}, {"log_level", "3"}}, topics);
  }
}

ConfigMap Connection::producer_settings() const {
  return merged({{"bootstrap.servers", bootstrap_}}, producer_overrides_);
}

ConfigMap Connection::consumer_settings(const std::string& group_id) const {
  return merged({{"bootstrap.servers", bootstrap_}, {"group.id", group_id}}, consumer_overrides_);
}

}  // namespace streamweaver::kafka
