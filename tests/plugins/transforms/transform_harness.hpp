#pragma once
// Small helpers shared by the transform plugin tests.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <streamweaver/testkit.hpp>

namespace transform_tests {

// The plugin at `path`, loaded on first use and kept loaded for the whole test process.
inline const streamweaver::testkit::LoadedPlugin& load_once(const std::string& path) {
  static std::map<std::string, streamweaver::testkit::LoadedPlugin> loaded;
  auto found = loaded.find(path);
  if (found == loaded.end()) found = loaded.emplace(path, streamweaver::testkit::load(path)).first;
  return found->second;
}

inline streamweaver::Record make_record(nlohmann::json value, std::int64_t timestamp_ms = 0,
                                        std::string key = "") {
  return streamweaver::Record{.key = std::move(key),
                              .value = std::move(value),
                              .timestamp_ms = timestamp_ms,
                              .headers = {}};
}

// The message a plugin's factory (or the option schema) refuses `options` with; "" if it
// accepts them.
inline std::string refusal(const streamweaver::testkit::LoadedPlugin& plugin,
                           nlohmann::json options) {
  try {
    plugin.make_transform(std::move(options));
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

// Feeds one record and returns what it produced (a non-ok status throws).
inline std::vector<streamweaver::Record> feed(streamweaver::Transform& transform,
                                              streamweaver::Record record) {
  std::vector<streamweaver::Record> one;
  one.push_back(std::move(record));
  return streamweaver::testkit::run(transform, std::move(one));
}

inline std::vector<streamweaver::Record> tick(streamweaver::Transform& transform,
                                              std::int64_t now_ms) {
  streamweaver::testkit::CapturingEmitter out;
  auto status = transform.on_timer(now_ms, out);
  if (!status.is_ok()) throw std::runtime_error(status.message());
  return std::move(out.records);
}

}  // namespace transform_tests
