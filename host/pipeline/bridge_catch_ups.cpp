#include "pipeline/bridge_catch_ups.hpp"

#include <unistd.h>

#include "pipeline/bridge_catch_up.hpp"

namespace streamweaver::pipeline {

BridgeCatchUps::BridgeCatchUps(const kafka::Connection& kafka, bridge::Hub& hub,
                               std::size_t max_records)
    : kafka_(kafka), hub_(hub), max_records_(max_records) {}

BridgeCatchUps::~BridgeCatchUps() {
  std::list<Running> running;
  {
    std::lock_guard lock(mutex_);
    running.swap(running_);
  }
  running.clear();  // each jthread is asked to stop, then joined
}

std::size_t BridgeCatchUps::room() {
  std::lock_guard lock(mutex_);
  running_.remove_if([](const Running& r) { return r.done.load(); });
  return running_.size() >= kMaxRunning ? 0 : kMaxRunning - running_.size();
}

void BridgeCatchUps::start(bridge::CatchUpRequest request) {
  std::lock_guard lock(mutex_);
  auto& running = running_.emplace_back();
  auto name = "streamweaver-catchup-" + std::to_string(getpid()) + "-" + std::to_string(++started_);
  running.thread = std::jthread(
      [this, &running, request = std::move(request), name](std::stop_token stop) {
        run_catch_up(kafka_, hub_, request, name, {.max_records = max_records_}, stop);
        running.done = true;
      });
}

}  // namespace streamweaver::pipeline
