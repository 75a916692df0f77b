#pragma once
#include <string>
#include <vector>

#include "kafka/client_config.hpp"

namespace streamweaver::kafka {

struct TopicSpec {
  std::string name;
  int partitions = 1;
  int replication_factor = 1;
};

// Creates the topics that do not exist yet on real brokers (Admin API); an existing topic is
// left as it is. Throws KafkaError naming the topic on any other failure.
void ensure_topics(const ConfigMap& client_settings, const std::vector<TopicSpec>& topics,
                   int timeout_ms = 15000);

}  // namespace streamweaver::kafka
