#pragma once
// Catch-ups for the bridge (see bridge/catch_up.hpp): each on a thread and a consumer of
// its own, so a slow or long one never holds up the live fan-out. It reads the topic from
// where the client asked, queues the records to the client (waiting for room, never
// dropping), and joins the client to the live stream as soon as the hub can do that with
// no gap and no duplicate.
#include <atomic>
#include <cstddef>
#include <list>
#include <mutex>
#include <thread>

#include "bridge/catch_up.hpp"
#include "bridge/hub.hpp"
#include "kafka/connection.hpp"

namespace streamweaver::pipeline {

class BridgeCatchUps final : public bridge::CatchUps {
 public:
  static constexpr std::size_t kMaxRunning = 8;

  BridgeCatchUps(const kafka::Connection& kafka, bridge::Hub& hub, std::size_t max_records);
  ~BridgeCatchUps() override;  // stops and joins every catch-up

  std::size_t room() override;
  void start(bridge::CatchUpRequest request) override;

 private:
  struct Running {
    std::jthread thread;
    std::atomic<bool> done = false;
  };

  const kafka::Connection& kafka_;
  bridge::Hub& hub_;
  const std::size_t max_records_;
  std::mutex mutex_;
  std::list<Running> running_;  // guarded by mutex_
  std::atomic<std::uint64_t> started_ = 0;
};

}  // namespace streamweaver::pipeline
