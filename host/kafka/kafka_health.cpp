#include "kafka/kafka_health.hpp"

#include <nlohmann/json.hpp>
#include <streamweaver/time.hpp>

namespace streamweaver::kafka {
namespace {

// INIT: librdkafka has not needed that broker yet, which says nothing either way. Any other
// state but UP is a connection that failed or is being (re)made.
bool is_down(std::string_view state) { return state != "UP" && state != "INIT"; }

}  // namespace

KafkaHealth::State KafkaHealth::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

void KafkaHealth::set_reachable(bool reachable, std::int64_t now_ms) {
  if (state_.reachable && !reachable) state_.unreachable_since_ms = now_ms;
  state_.reachable = reachable;
}

void KafkaHealth::on_error(rd_kafka_resp_err_t error, std::string_view reason) {
  auto now = now_ms();
  std::lock_guard lock(mutex_);
  state_.last_error = std::string(rd_kafka_err2name(error)) + ": " + std::string(reason);
  state_.last_error_ms = now;
  if (error == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) set_reachable(false, now);
}

void KafkaHealth::on_statistics(std::string_view json) {
  int up = 0;
  std::vector<std::int32_t> down;
  try {
    auto stats = nlohmann::json::parse(json);
    for (const auto& [name, broker] : stats.at("brokers").items()) {
      auto id = broker.value("nodeid", -1);
      if (id < 0) continue;  // bootstrap placeholders and the coordinator alias
      auto state = broker.value("state", "");
      if (state == "UP") ++up;
      if (is_down(state)) down.push_back(id);
    }
  } catch (const nlohmann::json::exception&) {
    return;  // not librdkafka's statistics as we know them: they tell us nothing
  }
  std::lock_guard lock(mutex_);
  state_.brokers_down = std::move(down);
  set_reachable(up > 0 || state_.brokers_down.empty(), now_ms());
}

}  // namespace streamweaver::kafka

namespace streamweaver::kafka {

void KafkaHealth::producer_replaced(const std::string& fatal_error) {
  std::lock_guard lock(mutex_);
  ++state_.producer_replacements;
  state_.fatal_error = fatal_error;
}

void KafkaHealth::producer_lost(const std::string& fatal_error) {
  std::lock_guard lock(mutex_);
  state_.producer_usable = false;
  state_.fatal_error = fatal_error;
}

}  // namespace streamweaver::kafka
