#include "bridge/topic_catalog.hpp"

namespace streamweaver::bridge {

nlohmann::json to_json(const TopicInfo& topic, double records_per_s) {
  auto writers = nlohmann::json::array();
  for (const auto& w : topic.writers)
    writers.push_back({{"kind", w.kind}, {"name", w.name}, {"plugin", w.plugin}, {"role", w.role}});
  return {{"name", topic.name},
          {"partitions", topic.partitions},
          {"writers", std::move(writers)},
          {"view", topic.view},
          {"records_per_s", records_per_s}};
}

}  // namespace streamweaver::bridge
