#pragma once
// What the access checks count, registered once (see README "Security" for the names).

#include "metrics/registry.hpp"

namespace streamweaver::bridge::auth {

struct AccessMetrics {
  explicit AccessMetrics(metrics::Registry& registry);

  // Refused stream requests by reason: missing_token, invalid_token, expired_token, origin.
  metrics::Counter& refused(const std::string& reason);

  metrics::Registry& registry;
  metrics::Gauge& connections;             // open HTTP/WebSocket connections
  metrics::Gauge& max_connections;         // the configured caps
  metrics::Gauge& max_connections_per_ip;
  metrics::Gauge& max_subscribes_per_s;
  metrics::Counter& refused_total_cap;     // 503: total cap reached
  metrics::Counter& refused_per_ip_cap;    // 503: per-address cap reached
  metrics::Counter& subscribes_rate_limited;
  metrics::Counter& topics_denied;         // subscriptions to a topic outside the grant
  metrics::Counter& expired_disconnects;   // streams closed when their token expired
};

}  // namespace streamweaver::bridge::auth
