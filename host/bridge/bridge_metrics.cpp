#include "bridge/bridge_metrics.hpp"

namespace streamweaver::bridge {

BridgeMetrics::BridgeMetrics(metrics::Registry& r)
    : registry(r),
      ws_clients(r.gauge("streamweaver_ws_clients", "Connected WebSocket clients.")),
      frames_sent(r.counter("streamweaver_ws_frames_sent_total",
                            "Data frames written to WebSocket clients.")),
      frames_dropped(r.counter("streamweaver_ws_frames_dropped_total",
                               "Data frames dropped because a client fell behind.")),
      slow_disconnects(r.counter("streamweaver_ws_slow_disconnects_total",
                                 "WebSocket clients disconnected for staying behind.")),
      send_latency_ms(r.histogram(
          "streamweaver_ws_send_latency_ms",
          "Milliseconds from the record timestamp to its frame being written to a client.",
          {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000})) {}

metrics::Counter& BridgeMetrics::records_for(const std::string& topic) {
  return registry.counter("streamweaver_bridge_records_total", "Records bridged, per topic.",
                          {{"topic", topic}});
}

}  // namespace streamweaver::bridge
