#pragma once
// What the real-world source tests share: a temporary directory, a Kafka cluster that
// outlives one pipeline (for restarts and outages), a pipeline with one source on it, and
// that source's figures and condition from /health.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kafka/embedded_broker.hpp"
#include "support/running_pipeline.hpp"
#include "support/topic_reader.hpp"

namespace real_sources {

using namespace std::chrono_literals;
using streamweaver::test_support::eventually;

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// One source `src` writing topic "out" on `broker`; extra TOML for the source table after.
std::string pipeline_toml(const std::string& bootstrap, const std::string& plugin, const std::string& source_table,
                          const std::string& kafka_extra = "");

class OneSource {
 public:
  OneSource(streamweaver::kafka::EmbeddedBroker& broker, const std::string& plugin, const std::string& source_table,
            const std::string& kafka_extra = "");
  nlohmann::json health() { return running_.pipeline().health()["sources"]["src"]; }
  std::uint64_t delivered() { return health()["delivered"].get<std::uint64_t>(); }
  std::int64_t figure(const std::string& name);
  // "listening on 127.0.0.1:PORT" -> PORT, once the source says so.
  std::uint16_t listening_port();
  int stop() { return running_.stop(); }

 private:
  streamweaver::test_support::RunningPipeline running_;
};

std::vector<nlohmann::json> read_out(streamweaver::kafka::EmbeddedBroker& broker, std::size_t count);

void append(const std::filesystem::path& file, const std::string& text);

}  // namespace real_sources
