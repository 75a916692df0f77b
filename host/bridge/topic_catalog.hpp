#pragma once
// What the bridge tells clients about the topics it bridges, so that a dashboard shows every
// one of them (not a list it knows by heart): per topic its partitions, who writes it (a
// source or a processor, with its plugin) and how its records are best shown (display
// hints, see streamweaver/display.hpp). Sent as {"op":"topics",...} on connect and after
// each reload, and at GET /api/topics.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace streamweaver::bridge {

struct TopicWriterInfo {
  std::string kind;    // "source" or "processor"
  std::string name;    // its name in the pipeline file
  std::string plugin;  // the source's plugin, or the processor's last stage; may be empty
  std::string role;    // "output", or "dead_letter" for a processor's dead-letter topic
};

struct TopicInfo {
  std::string name;
  int partitions = 1;
  std::vector<TopicWriterInfo> writers;
  nlohmann::json view = nlohmann::json::object();  // display hints; {} when there are none
};

using TopicCatalog = std::vector<TopicInfo>;

// {"name":…,"partitions":…,"writers":[…],"view":{…},"records_per_s":…}
nlohmann::json to_json(const TopicInfo& topic, double records_per_s);

}  // namespace streamweaver::bridge
