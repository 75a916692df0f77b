#include "bridge/auth/access_metrics.hpp"

namespace streamweaver::bridge::auth {

namespace {
constexpr const char* refused_name = "streamweaver_bridge_connections_refused_total";
constexpr const char* refused_help = "Connections answered 503 because a connection cap was reached, by cap.";
}  // namespace

AccessMetrics::AccessMetrics(metrics::Registry& r)
    : registry(r),
      connections(r.gauge("streamweaver_bridge_connections", "Open HTTP and WebSocket connections.")),
      max_connections(r.gauge("streamweaver_bridge_max_connections", "Configured cap on open connections.")),
      max_connections_per_ip(r.gauge("streamweaver_bridge_max_connections_per_ip",
                                     "Configured cap on open connections per client address.")),
      max_subscribes_per_s(r.gauge("streamweaver_ws_max_subscribes_per_s",
                                   "Configured subscribe requests per second per connection.")),
      refused_total_cap(r.counter(refused_name, refused_help, {{"cap", "total"}})),
      refused_per_ip_cap(r.counter(refused_name, refused_help, {{"cap", "per_ip"}})),
      subscribes_rate_limited(r.counter("streamweaver_ws_subscribes_rate_limited_total",
                                        "Subscribe requests refused by the per-connection rate limit.")),
      topics_denied(r.counter("streamweaver_ws_topics_denied_total",
                              "Topics refused because the client's token does not allow them.")),
      expired_disconnects(r.counter("streamweaver_ws_token_expired_disconnects_total",
                                    "WebSocket clients closed because their token expired.")) {
  for (const char* reason : {"missing_token", "invalid_token", "expired_token", "origin"}) refused(reason);
}

metrics::Counter& AccessMetrics::refused(const std::string& reason) {
  return registry.counter("streamweaver_bridge_auth_refused_total",
                          "Stream and admin requests refused (401/403), by reason.", {{"reason", reason}});
}

}  // namespace streamweaver::bridge::auth
