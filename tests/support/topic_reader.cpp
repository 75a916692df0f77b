#include "support/topic_reader.hpp"

#include "kafka/consumer.hpp"

namespace streamweaver::test_support {

std::vector<ReadRecord> read_topics(const std::string& bootstrap, const std::vector<std::string>& topics,
                                    std::size_t count, std::chrono::milliseconds timeout) {
  kafka::Consumer consumer({{"bootstrap.servers", bootstrap}, {"group.id", "test-reader"}});
  consumer.assign_all(topics, true);
  std::vector<ReadRecord> out;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out.size() < count && std::chrono::steady_clock::now() < deadline) {
    auto m = consumer.poll(std::chrono::milliseconds(100));
    if (!m || m->is_error()) continue;
    out.push_back({std::string(m->topic()), m->partition(), m->offset(),
                   std::string(m->key().value_or("")), std::string(m->value()), m->headers()});
  }
  consumer.close();
  return out;
}

std::int64_t topic_size(const std::string& bootstrap, const std::string& topic) {
  kafka::Handle client = kafka::make_client(RD_KAFKA_PRODUCER, kafka::make_conf({{"bootstrap.servers", bootstrap}}));
  const rd_kafka_metadata_t* metadata = nullptr;
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(client.get(), topic.c_str(), nullptr);
  if (rd_kafka_metadata(client.get(), 0, rkt, &metadata, 5000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    rd_kafka_topic_destroy(rkt);
    return -1;
  }
  std::int64_t total = 0;
  for (int p = 0; p < metadata->topics[0].partition_cnt; ++p) {
    int64_t low = 0, high = 0;
    rd_kafka_query_watermark_offsets(client.get(), topic.c_str(), metadata->topics[0].partitions[p].id,
                                     &low, &high, 5000);
    total += high;
  }
  rd_kafka_metadata_destroy(metadata);
  rd_kafka_topic_destroy(rkt);
  return total;
}

}  // namespace streamweaver::test_support
