#pragma once
// A plain librdkafka consumer, apart from the host, that reads topics back for assertions.
#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <streamweaver/record.hpp>

namespace streamweaver::test_support {

struct ReadRecord {
  std::string topic;
  std::int32_t partition;
  std::int64_t offset;
  std::string key;
  std::string value;  // raw bytes
  std::vector<Header> headers;
  nlohmann::json json() const { return nlohmann::json::parse(value); }
};

// Reads from the beginning of `topics` until `count` records arrived or `timeout` passed.
std::vector<ReadRecord> read_topics(const std::string& bootstrap, const std::vector<std::string>& topics,
                                    std::size_t count, std::chrono::milliseconds timeout);

// Sum of the high watermarks of every partition: how many records were ever written to the
// topic; -1 when it cannot be read.
std::int64_t topic_size(const std::string& bootstrap, const std::string& topic);

// How many records the topic still holds (high minus low watermark, summed). Less than
// topic_size() once the broker dropped old records: the embedded broker keeps only a few
// MB per partition.
std::int64_t retained_records(const std::string& bootstrap, const std::string& topic);

}  // namespace streamweaver::test_support
