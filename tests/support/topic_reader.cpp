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

namespace {

struct Watermarks {
  std::int64_t low = 0;
  std::int64_t high = 0;
};

// Low and high watermark of every partition of `topic`; empty when it cannot be read.
std::vector<Watermarks> partition_watermarks(const std::string& bootstrap, const std::string& topic) {
  kafka::Handle client = kafka::make_client(RD_KAFKA_PRODUCER, kafka::make_conf({{"bootstrap.servers", bootstrap}}));
  const rd_kafka_metadata_t* metadata = nullptr;
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(client.get(), topic.c_str(), nullptr);
  std::vector<Watermarks> out;
  if (rd_kafka_metadata(client.get(), 0, rkt, &metadata, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    for (int p = 0; p < metadata->topics[0].partition_cnt; ++p) {
      Watermarks w;
      rd_kafka_query_watermark_offsets(client.get(), topic.c_str(), metadata->topics[0].partitions[p].id, &w.low,
                                       &w.high, 5000);
      out.push_back(w);
    }
    rd_kafka_metadata_destroy(metadata);
  }
  rd_kafka_topic_destroy(rkt);
  return out;
}

}  // namespace

std::int64_t topic_size(const std::string& bootstrap, const std::string& topic) {
  auto partitions = partition_watermarks(bootstrap, topic);
  if (partitions.empty()) return -1;
  std::int64_t total = 0;
  for (const auto& w : partitions) total += w.high;
  return total;
}

std::int64_t retained_records(const std::string& bootstrap, const std::string& topic) {
  auto partitions = partition_watermarks(bootstrap, topic);
  if (partitions.empty()) return -1;
  std::int64_t total = 0;
  for (const auto& w : partitions) total += w.high - w.low;
  return total;
}

}  // namespace streamweaver::test_support
