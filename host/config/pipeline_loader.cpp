#include "config/pipeline_loader.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "config/bridge_access_loader.hpp"
#include "config/did_you_mean.hpp"
#include "config/table_reader.hpp"

namespace streamweaver::config {
namespace {

// "HOST:PORT": the part after the last ':' is a port number (0: any free port).
bool has_port(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  auto port = listen.substr(colon + 1);
  return !port.empty() && port.size() <= 5 &&
         port.find_first_not_of("0123456789") == std::string::npos && std::stoi(port) <= 65535;
}

class Loader {
 public:
  Loader(std::string file, ConfigErrors& errors) : file_(std::move(file)), errors_(errors) {}

  void load(const toml::table& root, PipelineConfig& config) {
    TableReader top(root, "pipeline", file_, errors_);
    config.file = file_;
    if (auto dirs = top.strings("plugin_dirs")) config.plugin_dirs = resolve_dirs(*dirs);
    if (auto* kafka = top.table("kafka")) read_kafka(*kafka, config.kafka);
    if (auto* topics = top.table("topics")) read_topics(*topics, config.topics);
    if (auto* sources = top.table("sources")) read_sources(*sources, config.sources);
    if (auto* processors = top.table("processors")) read_processors(*processors, config);
    if (auto* bridge = top.table("bridge")) read_bridge(*bridge, config.bridge);
    top.finish();
    check_topic_references(config);
  }

 private:
  std::vector<std::string> resolve_dirs(const std::vector<std::string>& dirs) const {
    std::vector<std::string> out;
    auto base = std::filesystem::path(file_).parent_path();
    for (const auto& d : dirs) out.push_back((base / d).lexically_normal().string());
    return out;
  }

  void read_kafka(const toml::table& table, KafkaConfig& kafka) {
    TableReader r(table, "[kafka]", file_, errors_);
    kafka.where = r.where();
    if (auto b = r.string("brokers")) kafka.brokers = *b;
    if (auto* p = r.table("producer")) {
      kafka.producer = read_string_map(*p, "[kafka.producer]", file_, errors_);
      refuse_message_timeouts(*p);
    }
    if (auto* c = r.table("consumer")) kafka.consumer = read_string_map(*c, "[kafka.consumer]", file_, errors_);
    if (auto t = r.integer("shutdown_timeout_ms", 0)) kafka.shutdown_timeout_ms = *t;
    r.finish();
    if (kafka.brokers.empty()) r.error(r.where("brokers"), "[kafka]: 'brokers' must not be empty");
  }

  // A message timeout would drop records that wait longer for Kafka: the host keeps them
  // until Kafka takes them, and the file may not say otherwise.
  void refuse_message_timeouts(const toml::table& producer) {
    for (const char* key : {"message.timeout.ms", "delivery.timeout.ms"}) {
      const toml::node* node = producer.get(key);
      if (!node) continue;
      auto text = node->value<std::string>();
      auto number = node->value<std::int64_t>();
      if ((text && *text == "0") || (number && *number == 0)) continue;
      errors_.push_back({location_of(node->source(), file_),
                         std::string("[kafka.producer]: '") + key +
                             "' would drop records that wait longer than that for Kafka; "
                             "StreamWeaver keeps them until Kafka takes them (remove the setting)"});
    }
  }

  // Iterates the sub-tables of a table such as [sources], calling `read` for each.
  template <class Read>
  void each_table(const toml::table& parent, const std::string& section, Read read) {
    for (const auto& [key, value] : parent) {
      std::string name(key.str());
      if (const toml::table* t = value.as_table())
        read(name, *t, "[" + section + "." + name + "]");
      else
        errors_.push_back({location_of(value.source(), file_),
                           "[" + section + "]: '" + name + "' must be a table ([" + section + "." +
                               name + "])"});
    }
  }

  void read_topics(const toml::table& table, std::vector<TopicConfig>& topics) {
    each_table(table, "topics", [&](const std::string& name, const toml::table& t, std::string ctx) {
      TableReader r(t, ctx, file_, errors_);
      TopicConfig topic{.name = name, .where = r.where()};
      if (auto p = r.integer("partitions", 1, 10000)) topic.partitions = static_cast<int>(*p);
      if (auto f = r.integer("replication_factor", 1, 100)) topic.replication_factor = static_cast<int>(*f);
      r.finish();
      topics.push_back(topic);
    });
  }

  StageConfig read_stage(TableReader& r, const toml::table& table) {
    StageConfig stage;
    stage.where = r.where();
    stage.plugin = r.string("plugin", true).value_or("");
    stage.plugin_where = r.where("plugin");
    if (const auto* options = r.table("options")) {
      stage.options = *options;
      stage.where = location_of(options->source(), file_);
    }
    (void)table;
    return stage;
  }

  std::vector<StageConfig> read_transforms(TableReader& parent, const std::string& ctx) {
    std::vector<StageConfig> stages;
    const toml::node* node = parent.node("transforms");
    if (!node) return stages;
    const toml::array* array = node->as_array();
    if (!array || (!array->empty() && !array->is_array_of_tables())) {
      parent.error(parent.where("transforms"),
                   ctx + ": 'transforms' must be an array of tables ([[" + ctx.substr(1, ctx.size() - 2) +
                       ".transforms]])");
      return stages;
    }
    int index = 0;
    for (const auto& item : *array) {
      const toml::table& t = *item.as_table();
      TableReader r(t, ctx + ".transforms[" + std::to_string(index++) + "]", file_, errors_);
      stages.push_back(read_stage(r, t));
      r.finish();
    }
    return stages;
  }

  void read_sources(const toml::table& table, std::vector<SourceConfig>& sources) {
    each_table(table, "sources", [&](const std::string& name, const toml::table& t, std::string ctx) {
      TableReader r(t, ctx, file_, errors_);
      SourceConfig source{.name = name};
      source.where = r.where();
      source.stage = read_stage(r, t);
      source.topic = r.string("topic", true).value_or("");
      source.topic_where = r.where("topic");
      if (auto rate = r.number("rate", 0)) source.rate = *rate;
      if (auto key = r.string("key")) source.key_field = *key;
      source.transforms = read_transforms(r, ctx);
      r.finish();
      sources.push_back(std::move(source));
    });
  }

  void read_processors(const toml::table& table, PipelineConfig& config) {
    each_table(table, "processors", [&](const std::string& name, const toml::table& t, std::string ctx) {
      TableReader r(t, ctx, file_, errors_);
      ProcessorConfig p{.name = name};
      p.where = r.where();
      p.input = r.string("input", true).value_or("");
      p.output = r.string("output", true).value_or("");
      p.input_where = r.where("input");
      p.output_where = r.where("output");
      p.dead_letter = r.string("dead_letter").value_or(name + ".dlq");
      p.group = r.string("group").value_or("streamweaver-" + name);
      p.transforms = read_transforms(r, ctx);
      r.finish();
      config.processors.push_back(std::move(p));
    });
  }

  void read_bridge(const toml::table& table, BridgeConfig& bridge) {
    TableReader r(table, "[bridge]", file_, errors_);
    bridge.where = r.where();
    if (auto e = r.boolean("enabled")) bridge.enabled = *e;
    if (auto l = r.string("listen")) bridge.listen = *l;
    if (auto t = r.strings("topics")) {
      bridge.topics = *t;
      for (const auto& item : *table["topics"].as_array())
        bridge.topics_where.push_back(location_of(item.source(), file_));
    }
    if (auto w = r.string("web_root")) bridge.web_root = resolve_dirs({*w}).front();
    if (auto n = r.integer("replay_records", 0, 100000)) bridge.replay_records = static_cast<std::size_t>(*n);
    if (auto n = r.integer("max_queue_bytes", 64 * 1024)) bridge.max_queue_bytes = static_cast<std::size_t>(*n);
    if (auto n = r.integer("slow_client_timeout_ms", 100)) bridge.slow_client_timeout_ms = *n;
    if (auto n = r.integer("threads", 1, 64)) bridge.threads = static_cast<int>(*n);
    if (auto d = r.boolean("permessage_deflate")) bridge.permessage_deflate = *d;
    if (auto n = r.integer("max_catchup_records", 0)) bridge.max_catchup_records = static_cast<std::size_t>(*n);
    if (auto* views = r.table("views")) read_views(*views, bridge);
    read_bridge_access(r, bridge.access, file_, errors_, [this](const std::string& f) { return resolve_dirs({f}).front(); });
    r.finish();
    for (const char* key : {"listen", "admin_listen"}) {
      const auto& value = key == std::string("listen") ? bridge.listen : bridge.access.admin_listen;
      if (!has_port(value) && (!value.empty() || key == std::string("listen")))
        r.error(r.where(key), std::string("[bridge]: '") + key + "' must be HOST:PORT with PORT in 0..65535, got '" +
                                  value + "'");
    }
  }

  void read_views(const toml::table& table, BridgeConfig& bridge) {
    each_table(table, "bridge.views", [&](const std::string& topic, const toml::table& t, std::string ctx) {
      TableReader r(t, ctx, file_, errors_);
      ViewConfig view{.where = r.where()};
      view.title = r.string("title");
      view.chart = r.strings("chart");
      if (auto* units = r.table("units")) view.units = read_string_map(*units, ctx + " units", file_, errors_);
      view.series = r.string("series");
      view.breakdown = r.string("breakdown");
      view.text = r.string("text");
      view.hide = r.strings("hide");
      r.finish();
      bridge.views[topic] = std::move(view);
    });
  }

  void check_topic_references(PipelineConfig& config) {
    // Dead-letter topics are implied: declare them when the file did not, so that a bridge or
    // another processor may read them.
    for (const auto& p : config.processors)
      if (!config.topic(p.dead_letter))
        config.topics.push_back({.name = p.dead_letter, .partitions = 1, .where = p.where});
    std::vector<std::string> names;
    for (const auto& t : config.topics) names.push_back(t.name);
    auto check = [&](const std::string& topic, const Location& where, const std::string& what) {
      if (topic.empty()) return;
      for (const auto& n : names)
        if (n == topic) return;
      errors_.push_back({where, what + " uses unknown topic '" + topic + "'" +
                                    did_you_mean(topic, names) + "; declare it as [topics." +
                                    topic + "]"});
    };
    for (const auto& s : config.sources) check(s.topic, s.topic_where, "[sources." + s.name + "]");
    for (const auto& p : config.processors) {
      check(p.input, p.input_where, "[processors." + p.name + "] input");
      check(p.output, p.output_where, "[processors." + p.name + "] output");
    }
    const auto& bridge = config.bridge;
    for (std::size_t i = 0; i < bridge.topics.size(); ++i)
      check(bridge.topics[i], i < bridge.topics_where.size() ? bridge.topics_where[i] : bridge.where,
            "[bridge] topics");
    for (const auto& [topic, view] : bridge.views)
      if (std::find(bridge.topics.begin(), bridge.topics.end(), topic) == bridge.topics.end())
        errors_.push_back({view.where, "[bridge.views." + topic + "]: '" + topic + "' is not bridged" +
                                           did_you_mean(topic, bridge.topics) +
                                           "; add it to [bridge] topics or remove the view"});
  }

  std::string file_;
  ConfigErrors& errors_;
};

}  // namespace

const TopicConfig* PipelineConfig::topic(const std::string& name) const {
  for (const auto& t : topics)
    if (t.name == name) return &t;
  return nullptr;
}

LoadResult parse_pipeline(std::string_view text, const std::string& file_name) {
  LoadResult result;
  toml::table root;
  try {
    root = toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    result.errors.push_back({location_of(e.source(), file_name), std::string(e.description())});
    return result;
  }
  Loader(file_name, result.errors).load(root, result.config);
  return result;
}

LoadResult load_pipeline(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    LoadResult result;
    result.errors.push_back({{file.string(), 0, 0}, "cannot read the pipeline file"});
    return result;
  }
  std::stringstream text;
  text << in.rdbuf();
  return parse_pipeline(text.str(), file.string());
}

void apply_environment(PipelineConfig& config) {
  if (const char* brokers = std::getenv("KAFKA_BOOTSTRAP_SERVERS"); brokers && *brokers)
    config.kafka.brokers = brokers;
}

}  // namespace streamweaver::config
