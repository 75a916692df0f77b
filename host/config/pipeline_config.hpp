#pragma once
// The pipeline file as typed data. Every entry remembers where it came from so that later
// checks (plugins, options) can report FILE:LINE:COL.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "config/bridge_access_config.hpp"
#include "config/config_error.hpp"

namespace streamweaver::config {

using StringMap = std::map<std::string, std::string>;

struct KafkaConfig {
  std::string brokers = "embedded";
  StringMap producer;  // passed to librdkafka as is
  StringMap consumer;
  // At shutdown, how long to wait for Kafka to take what is still queued.
  std::int64_t shutdown_timeout_ms = 10000;
  Location where;
  bool embedded() const { return brokers == "embedded"; }
};

struct TopicConfig {
  std::string name;
  int partitions = 1;
  int replication_factor = 1;
  Location where;
};

// One plugin in a transform chain, or the plugin of a source.
struct StageConfig {
  std::string plugin;
  toml::table options;  // still TOML: keeps positions for option errors
  Location where;
  Location plugin_where;
};

struct SourceConfig {
  std::string name;
  StageConfig stage;
  std::string topic;
  double rate = 10;       // events per second; 0 = as fast as possible
  std::string key_field;  // empty: the plugin's own key
  std::vector<StageConfig> transforms;
  Location where;
  Location topic_where;
};

struct ProcessorConfig {
  std::string name;
  std::string input;
  std::string output;
  std::string dead_letter;  // default "<name>.dlq"
  std::string group;        // default "streamweaver-<name>"
  std::vector<StageConfig> transforms;
  Location where;
  Location input_where;
  Location output_where;
};

// [bridge.views.TOPIC]: display hints for one bridged topic, set or overriding those of the
// plugin that writes it (see streamweaver/display.hpp). Unset keys keep the plugin's.
struct ViewConfig {
  std::optional<std::string> title;
  std::optional<std::vector<std::string>> chart;  // numeric fields to chart
  std::map<std::string, std::string> units;       // field -> unit, e.g. celsius -> °C
  std::optional<std::string> series;
  std::optional<std::string> breakdown;
  std::optional<std::string> text;
  std::optional<std::vector<std::string>> hide;
  Location where;
};

struct BridgeConfig {
  bool enabled = true;
  std::string listen = "127.0.0.1:8080";
  std::vector<std::string> topics;
  std::string web_root;  // empty: the dashboard next to the binary
  std::size_t replay_records = 200;
  std::size_t max_queue_bytes = 1024 * 1024;
  std::int64_t slow_client_timeout_ms = 5000;
  int threads = 2;
  bool permessage_deflate = false;
  std::size_t max_catchup_records = 100'000;
  std::map<std::string, ViewConfig> views;  // by topic
  BridgeAccessConfig access;                // [bridge.auth], origins, admin endpoints, limits
  Location where;
  std::vector<Location> topics_where;  // one per entry of `topics`
};

struct PipelineConfig {
  std::string file;
  std::vector<std::string> plugin_dirs;  // resolved against the file's folder
  KafkaConfig kafka;
  std::vector<TopicConfig> topics;
  std::vector<SourceConfig> sources;
  std::vector<ProcessorConfig> processors;
  BridgeConfig bridge;

  const TopicConfig* topic(const std::string& name) const;
};

}  // namespace streamweaver::config
