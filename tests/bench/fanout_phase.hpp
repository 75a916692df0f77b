#pragma once
// One phase of the fan-out benchmark: N load clients on the running host for a span, with
// what they saw and what the host (and the rest of the machine) spent meanwhile.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "support/host_process.hpp"
#include "ws_load_client.hpp"

namespace streamweaver::bench {

using test_support::HostProcess;

struct PhaseFigures {
  std::size_t clients = 0;
  LoadStats load;       // latency_ms is reordered by the percentiles below
  double open_s = 0;    // connecting and subscribing every client
  double window_s = 0;  // the measured span
  double frames_per_s = 0;
  double p50_ms = 0, p99_ms = 0, p999_ms = 0, max_ms = 0;
  double host_cpu_pct = 0;              // of one core, over the window
  double host_busiest_thread_pct = 0;   // its busiest thread
  double bridge_pct = 0;                // the bridge's own threads (io and feed) together
  double client_cpu_pct = 0;            // this process
  double others_cpu_pct = 0;            // every other process of the machine
  std::uint64_t host_rss_kib = 0;       // at the end of the window, clients still connected
  std::uint64_t host_rss_peak_kib = 0;  // sampled once a second during the window

  std::size_t clients_lost() const { return load.failed + load.disconnected; }
};

// Opens `clients` connections subscribed to `target`, lets them settle, measures `seconds`,
// then closes them. `at_window_start`, if given, runs as the measured window begins.
PhaseFigures run_phase(const HostProcess& host, const std::string& target, std::size_t clients,
                       double seconds, const std::function<void()>& at_window_start = {});

}  // namespace streamweaver::bench
