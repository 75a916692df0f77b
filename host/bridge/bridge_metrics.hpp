#pragma once
// The bridge's metrics, registered once and shared by the hub and every session.

#include <string>

#include "metrics/registry.hpp"

namespace streamweaver::bridge {

struct BridgeMetrics {
  explicit BridgeMetrics(metrics::Registry& registry);

  metrics::Counter& records_for(const std::string& topic);  // bridged records, per topic

  metrics::Registry& registry;
  metrics::Gauge& ws_clients;
  metrics::Counter& frames_sent;        // data frames written to clients
  metrics::Counter& frames_dropped;     // data frames a slow client lost
  metrics::Counter& slow_disconnects;   // clients closed for staying behind
  metrics::Histogram& send_latency_ms;  // record timestamp to frame written
};

}  // namespace streamweaver::bridge
