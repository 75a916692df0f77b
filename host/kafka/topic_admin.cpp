#include "kafka/topic_admin.hpp"

#include <memory>
#include <set>

namespace streamweaver::kafka {

namespace {

// Names of the topics the cluster has now; throws when the brokers do not answer.
std::set<std::string> existing_topics(rd_kafka_t* client, int timeout_ms) {
  const rd_kafka_metadata_t* metadata = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(client, 1, nullptr, &metadata, timeout_ms);
  if (err) throw KafkaError(std::string("cannot reach the Kafka brokers: ") + rd_kafka_err2str(err));
  std::set<std::string> names;
  for (int i = 0; i < metadata->topic_cnt; ++i)
    if (!metadata->topics[i].err) names.insert(metadata->topics[i].topic);
  rd_kafka_metadata_destroy(metadata);
  return names;
}

}  // namespace

void ensure_topics(const ConfigMap& client_settings, const std::vector<TopicSpec>& wanted,
                   int timeout_ms) {
  if (wanted.empty()) return;
  Handle admin = make_client(RD_KAFKA_PRODUCER, make_conf(client_settings));
  // Ask only for what is missing: no admin request (or ACL) is needed when all exist.
  auto existing = existing_topics(admin.get(), timeout_ms);
  std::vector<TopicSpec> topics;
  for (const auto& t : wanted)
    if (!existing.contains(t.name)) topics.push_back(t);
  if (topics.empty()) return;
  char errstr[512];
  std::vector<rd_kafka_NewTopic_t*> requests;
  for (const auto& t : topics) {
    rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(t.name.c_str(), t.partitions, t.replication_factor,
                                                   errstr, sizeof errstr);
    if (!nt) throw KafkaError("topic '" + t.name + "': " + errstr);
    requests.push_back(nt);
  }
  rd_kafka_queue_t* queue = rd_kafka_queue_new(admin.get());
  rd_kafka_AdminOptions_t* options = rd_kafka_AdminOptions_new(admin.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_operation_timeout(options, timeout_ms, errstr, sizeof errstr);
  rd_kafka_CreateTopics(admin.get(), requests.data(), requests.size(), options, queue);
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, timeout_ms + 2000);
  std::string failure;
  if (!event) {
    failure = "no answer from the brokers within " + std::to_string(timeout_ms) + " ms";
  } else if (rd_kafka_event_error(event)) {
    failure = rd_kafka_event_error_string(event);
  } else {
    size_t count = 0;
    const rd_kafka_topic_result_t** results =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count);
    for (size_t i = 0; i < count; ++i) {
      auto err = rd_kafka_topic_result_error(results[i]);
      if (err && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        failure += std::string(failure.empty() ? "" : "; ") + "topic '" +
                   rd_kafka_topic_result_name(results[i]) + "': " + rd_kafka_topic_result_error_string(results[i]);
    }
  }
  if (event) rd_kafka_event_destroy(event);
  rd_kafka_AdminOptions_destroy(options);
  rd_kafka_queue_destroy(queue);
  rd_kafka_NewTopic_destroy_array(requests.data(), requests.size());
  if (!failure.empty()) throw KafkaError("cannot create topics: " + failure);
}

}  // namespace streamweaver::kafka
