#include "kafka/client_config.hpp"

namespace streamweaver::kafka {

rd_kafka_conf_t* make_conf(const ConfigMap& settings) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char errstr[512];
  for (const auto& [key, value] : settings) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr) !=
        RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw KafkaError("Kafka setting '" + key + "' = '" + value + "' rejected: " + errstr);
    }
  }
  return conf;
}

ConfigMap merged(ConfigMap base, const ConfigMap& overrides) {
  for (const auto& [key, value] : overrides) base[key] = value;
  return base;
}

Handle make_client(rd_kafka_type_t type, rd_kafka_conf_t* conf) {
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf, errstr, sizeof errstr);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    throw KafkaError(std::string("cannot create Kafka client: ") + errstr);
  }
  return Handle(rk);
}

}  // namespace streamweaver::kafka
