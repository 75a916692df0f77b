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

// Feeds one record into `out` (a non-ok status throws): for long runs, where collecting
// the inputs first would cost time and memory.
inline void feed_into(streamweaver::Transform& transform, streamweaver::Record record,
                      streamweaver::testkit::CapturingEmitter& out) {
  auto status = transform.process(std::move(record), out);
  if (!status.is_ok()) throw std::runtime_error(status.message());
}

// The default a plugin declares for option `name` (null when it has none or no such option).
inline nlohmann::json declared_default(const streamweaver::testkit::LoadedPlugin& plugin,
                                       const std::string& name) {
  for (const auto& option : plugin.descriptor().info.options)
    if (option.name == name) return option.default_value;
  return nullptr;
}

// Many keys through a stateful transform: `one_off_keys` keys ("k0", "k1", ...) get one record
// each, made by one_off(key), and after every `live_every`-th of them, from the first, a key
// that stays active gets its n-th record, made by live(n). Returns everything emitted.
template <class OneOff, class Live>
std::vector<streamweaver::Record> feed_one_off_keys_and_a_live_one(
    streamweaver::Transform& transform, int one_off_keys, int live_every, OneOff&& one_off,
    Live&& live) {
  streamweaver::testkit::CapturingEmitter out;
  int live_records = 0;
  for (int i = 0; i < one_off_keys; ++i) {
    feed_into(transform, one_off("k" + std::to_string(i)), out);
    if (i % live_every == 0) feed_into(transform, live(live_records++), out);
  }
  return std::move(out.records);
}

// A transform's counters() by name.
using Counters = std::map<std::string, std::int64_t>;
inline Counters counters_of(const streamweaver::Transform& transform) {
  Counters by_name;
  for (const auto& counter : transform.counters()) by_name[counter.name] = counter.value;
  return by_name;
}

inline std::vector<streamweaver::Record> tick(streamweaver::Transform& transform,
                                              std::int64_t now_ms) {
  streamweaver::testkit::CapturingEmitter out;
  auto status = transform.on_timer(now_ms, out);
  if (!status.is_ok()) throw std::runtime_error(status.message());
  return std::move(out.records);
}

}  // namespace transform_tests
