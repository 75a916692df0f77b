#include "source_harness.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace real_sources {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sw-sources-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string pipeline_toml(const std::string& bootstrap, const std::string& plugin, const std::string& source_table,
                          const std::string& kafka_extra) {
  return "[kafka]\nbrokers = \"" + bootstrap + "\"\nshutdown_timeout_ms = 5000\n" + kafka_extra +
         "\n[topics.out]\n[sources.src]\nplugin = \"" + plugin + "\"\ntopic = \"out\"\nrate = 0\n" + source_table;
}

OneSource::OneSource(streamweaver::kafka::EmbeddedBroker& broker, const std::string& plugin,
                     const std::string& source_table, const std::string& kafka_extra)
    : running_(pipeline_toml(broker.bootstrap_servers(), plugin, source_table, kafka_extra)) {}

std::int64_t OneSource::figure(const std::string& name) {
  auto h = health();
  if (!h.contains("figures") || !h["figures"].contains(name)) return -1;
  return h["figures"][name].get<std::int64_t>();
}

std::uint16_t OneSource::listening_port() {
  std::string condition;
  bool said = eventually([&] {
    condition = health().value("condition", "");
    return condition.rfind("listening on ", 0) == 0;
  }, 10s);
  if (!said) throw std::runtime_error("the source never said where it listens: " + health().dump());
  return static_cast<std::uint16_t>(std::stoi(condition.substr(condition.rfind(':') + 1)));
}

std::vector<nlohmann::json> read_out(streamweaver::kafka::EmbeddedBroker& broker, std::size_t count) {
  std::vector<nlohmann::json> values;
  for (const auto& r : streamweaver::test_support::read_topics(broker.bootstrap_servers(), {"out"}, count, 20s)) {
    auto value = r.json();
    value["_key"] = r.key;
    values.push_back(std::move(value));
  }
  return values;
}

void append(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::app | std::ios::binary);
  out << text;
}

}  // namespace real_sources
