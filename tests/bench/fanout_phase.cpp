#include "fanout_phase.hpp"

#include <algorithm>
#include <string_view>

#include "bench_support.hpp"
#include "proc_stats.hpp"

namespace streamweaver::bench {

namespace {

using namespace std::chrono_literals;

constexpr auto kOpenDeadline = 60s;
constexpr auto kSettle = 2s;  // the backlog of the connection ramp is not measured
constexpr auto kCloseDeadline = 10s;
// The host names its bridge threads bridge-io (WebSocket and HTTP) and bridge-feed (Kafka to
// the hub); librdkafka's own threads and the embedded broker's are not the bridge.
constexpr std::string_view kBridgeThreads = "bridge-";

}  // namespace

PhaseFigures run_phase(const HostProcess& host, const std::string& target, std::size_t clients,
                       double seconds, const std::function<void()>& at_window_start) {
  PhaseFigures f{.clients = clients};
  LoadClient client(host.port(), target);
  auto start = Clock::now();
  client.open(clients, kOpenDeadline);
  f.open_s = seconds_since(start);
  client.idle(kSettle);

  double host_cpu = cpu_seconds(host.pid());
  auto host_threads = thread_cpu_seconds(host.pid());
  auto bridge_threads = thread_cpu_seconds(host.pid(), kBridgeThreads);
  double own_cpu = cpu_seconds();
  double machine_cpu = machine_busy_seconds();
  start = Clock::now();
  if (at_window_start) at_window_start();
  client.measure(std::chrono::duration<double>(seconds),
                 [&] { f.host_rss_peak_kib = std::max(f.host_rss_peak_kib, rss_kib(host.pid())); });
  f.window_s = seconds_since(start);
  host_cpu = cpu_seconds(host.pid()) - host_cpu;
  double busiest = busiest_thread_seconds(host_threads, thread_cpu_seconds(host.pid()));
  double bridge = threads_seconds(bridge_threads, thread_cpu_seconds(host.pid(), kBridgeThreads));
  own_cpu = cpu_seconds() - own_cpu;
  machine_cpu = machine_busy_seconds() - machine_cpu;
  f.host_rss_kib = rss_kib(host.pid());
  client.close_all(kCloseDeadline);

  f.load = client.stats();
  f.frames_per_s = static_cast<double>(f.load.frames) / f.window_s;
  f.host_cpu_pct = 100 * host_cpu / f.window_s;
  f.host_busiest_thread_pct = 100 * busiest / f.window_s;
  f.bridge_pct = 100 * bridge / f.window_s;
  f.client_cpu_pct = 100 * own_cpu / f.window_s;
  f.others_cpu_pct = std::max(0.0, 100 * (machine_cpu - host_cpu - own_cpu) / f.window_s);
  auto& latency = f.load.latency_ms;
  f.p50_ms = percentile(latency, 50);
  f.p99_ms = percentile(latency, 99);
  f.p999_ms = percentile(latency, 99.9);
  f.max_ms = percentile(latency, 100);
  return f;
}

}  // namespace streamweaver::bench
