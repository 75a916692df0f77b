#pragma once
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include <librdkafka/rdkafka.h>

namespace streamweaver::kafka {

using ConfigMap = std::map<std::string, std::string>;

struct KafkaError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct HandleDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using Handle = std::unique_ptr<rd_kafka_t, HandleDeleter>;

// A topic's handle in one client; it must go before its client does.
struct TopicHandleDeleter {
  void operator()(rd_kafka_topic_t* topic) const { rd_kafka_topic_destroy(topic); }
};
using TopicHandle = std::unique_ptr<rd_kafka_topic_t, TopicHandleDeleter>;

// Builds a librdkafka configuration; every setting is checked and a rejected one throws
// with the key, the value and librdkafka's reason.
rd_kafka_conf_t* make_conf(const ConfigMap& settings);

// Later maps override earlier ones: defaults, then the user's [kafka.producer] etc.
ConfigMap merged(ConfigMap base, const ConfigMap& overrides);

// Makes a client of `type`; takes ownership of `conf`.
Handle make_client(rd_kafka_type_t type, rd_kafka_conf_t* conf);

}  // namespace streamweaver::kafka
