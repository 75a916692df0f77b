#pragma once
// One catch-up: plans where to start in each partition, reads from Kafka and hands the
// client what its filters keep, then joins it to the live stream (see bridge_catch_ups.hpp).
#include <cstddef>
#include <stop_token>
#include <string>

#include "bridge/catch_up.hpp"
#include "bridge/hub.hpp"
#include "kafka/connection.hpp"

namespace streamweaver::pipeline {

struct CatchUpLimits {
  std::size_t max_records;
};

void run_catch_up(const kafka::Connection& kafka, bridge::Hub& hub,
                  const bridge::CatchUpRequest& request, const std::string& consumer_name,
                  CatchUpLimits limits, const std::stop_token& stop);

}  // namespace streamweaver::pipeline
