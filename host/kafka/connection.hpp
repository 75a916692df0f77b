#pragma once
// Where the host's Kafka is: the embedded broker (started here) or real brokers. Hands out
// client settings for producers and consumers and makes sure topics exist.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kafka/client_config.hpp"
#include "kafka/embedded_broker.hpp"
#include "kafka/topic_admin.hpp"

namespace streamweaver::kafka {

class Connection {
 public:
  // brokers: "embedded" or a bootstrap list such as "kafka:9092".
  Connection(const std::string& brokers, ConfigMap producer_overrides, ConfigMap consumer_overrides);

  bool embedded() const { return broker_ != nullptr; }
  const char* mode() const { return embedded() ? "embedded" : "external"; }
  const std::string& bootstrap() const { return bootstrap_; }

  // Creates missing topics (mock cluster API when embedded, Admin API otherwise).
  void ensure_topics(const std::vector<TopicSpec>& topics);

  ConfigMap producer_settings() const;
  // `screen`: the records go straight to screens (the bridge), so on the embedded broker
  // the consumer polls every 2 ms rather than every 20. `normal` (processors) queues more
  // records, to catch up on a backlog without pauses. The pipeline file's [kafka.consumer]
  // wins over both.
  enum class Latency { normal, screen };
  ConfigMap consumer_settings(const std::string& group_id, Latency latency = Latency::normal) const;

 private:
  std::unique_ptr<EmbeddedBroker> broker_;
  std::string bootstrap_;
  ConfigMap producer_overrides_;
  ConfigMap consumer_overrides_;
};

}  // namespace streamweaver::kafka
