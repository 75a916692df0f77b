// WebSocket fan-out through real Kafka, in one run:
//  the real `streamweaver` binary as a child process (embedded broker, the `stock` source at
//  R records/s into one topic, the bridge on 127.0.0.1:0), and this process's load client
//  (one io thread, many connections) all subscribed to that topic:
//  (a) reference: 1 client for D seconds;
//  (b) N clients for D seconds;
//  (c) with --catch-up K: N clients again while one more client catches up from Kafka on
//      K older records (written into the topic first): its records/s, and the live
//      clients' p99 against (b).
// --batch-ms B has every client ask for batched frames (one array per B ms).
// Prints delivered frames/s, produce-to-receive latency (receive wall-clock - the frame's
// Kafka timestamp), lost clients and "dropped" frames, host CPU and RSS, side by side, then
// the ratios b/a and the targets (as information, not pass/fail).
//
//   bench_fanout [--clients N] [--rate R] [--seconds D] [--bridge-threads T] [--batch-ms B]
//                [--catch-up K]
//   (defaults 1000, 100, 20, the host's default of 2 bridge io threads, no batching, no (c))
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "bench_support.hpp"
#include "catch_up_client.hpp"
#include "fanout_phase.hpp"
#include "support/host_process.hpp"
#include "proc_stats.hpp"

using namespace streamweaver::bench;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kTargetClients = 1000;
constexpr double kTargetRate = 100;
constexpr double kTargetP99Ms = 20;
constexpr double kTargetBatchedP99Ms = 100;
constexpr double kTargetCatchUpP99Ratio = 1.5;

struct Options {
  std::size_t clients = 1000;
  double rate = 100;
  double seconds = 20;
  int bridge_threads = 2;  // the host's default
  int batch_ms = 0;
  std::size_t catch_up = 0;  // older records for phase (c); 0: no phase (c)

  std::string target() const {
    return "/ws?topics=stock_trades" + (batch_ms ? "&batch_ms=" + std::to_string(batch_ms) : "");
  }
};

std::optional<Options> parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) return std::nullopt;
    double value = std::atof(argv[++i]);
    if (value <= 0) return std::nullopt;
    if (flag == "--clients")
      o.clients = static_cast<std::size_t>(value);
    else if (flag == "--rate")
      o.rate = value;
    else if (flag == "--seconds")
      o.seconds = value;
    else if (flag == "--bridge-threads")
      o.bridge_threads = static_cast<int>(value);
    else if (flag == "--batch-ms")
      o.batch_ms = static_cast<int>(value);
    else if (flag == "--catch-up")
      o.catch_up = static_cast<std::size_t>(value);
    else
      return std::nullopt;
  }
  return o;
}

// The host's pipeline: the stock source at the rate into one topic, bridged on a free port.
std::string pipeline_toml(const Options& o) {
  std::string rate = std::to_string(o.rate);
  std::string threads = std::to_string(o.bridge_threads);
  return "[kafka]\n"
         "brokers = \"embedded\"\n"
         "[topics.stock_trades]\n"
         // The embedded broker keeps 5 MB per partition: room for a catch-up's records.
         "partitions = " + std::string(o.catch_up ? "16" : "3") + "\n"
         "[sources.stock]\n"
         "plugin = \"stock\"\n"
         "topic = \"stock_trades\"\n"
         "key = \"symbol\"\n"
         "rate = " + rate + "\n"
         "[bridge]\n"
         "listen = \"127.0.0.1:0\"\n"
         "topics = [\"stock_trades\"]\n"
         // Every load client connects from 127.0.0.1: lift the per-address cap.
         "max_connections_per_ip = 1000000\n"
         "max_catchup_records = 10000000\n"
         "threads = " + threads + "\n";
}

double mib(std::uint64_t kib) { return static_cast<double>(kib) / 1024; }
double ratio(double ours, double reference) { return reference > 0 ? ours / reference : 0; }

void row(const char* name, double reference, double loaded, int decimals) {
  std::printf("  %-48s %14.*f %14.*f\n", name, decimals, reference, decimals, loaded);
}
void count_row(const char* name, std::uint64_t reference, std::uint64_t loaded) {
  row(name, static_cast<double>(reference), static_cast<double>(loaded), 0);
}

void print_side_by_side(const PhaseFigures& a, const PhaseFigures& b, double rate) {
  std::printf("\n  %-48s %14s %14s\n", "", "(a) reference", "(b) loaded");
  count_row("clients", a.clients, b.clients);
  row("connect + subscribe, all clients (s)", a.open_s, b.open_s, 2);
  row("measured window (s)", a.window_s, b.window_s, 1);
  row("frames/s delivered, all clients", a.frames_per_s, b.frames_per_s, 1);
  row("frames/s expected (clients x rate)", static_cast<double>(a.clients) * rate,
      static_cast<double>(b.clients) * rate, 1);
  row("latency p50 (ms)", a.p50_ms, b.p50_ms, 1);
  row("latency p99 (ms)", a.p99_ms, b.p99_ms, 1);
  row("latency p999 (ms)", a.p999_ms, b.p999_ms, 1);
  row("latency max (ms)", a.max_ms, b.max_ms, 1);
  count_row("clients that failed to connect", a.load.failed, b.load.failed);
  count_row("clients disconnected", a.load.disconnected, b.load.disconnected);
  count_row("\"dropped\" frames received", a.load.dropped_notices, b.load.dropped_notices);
  count_row("  records they report dropped", a.load.dropped_frames, b.load.dropped_frames);
  count_row("\"error\" frames received", a.load.errors, b.load.errors);
  row("host CPU (% of one core)", a.host_cpu_pct, b.host_cpu_pct, 1);
  row("  its busiest thread (% of one core)", a.host_busiest_thread_pct, b.host_busiest_thread_pct,
      1);
  row("  the bridge's threads together (% of one core)", a.bridge_pct, b.bridge_pct, 1);
  row("load client CPU (% of one core)", a.client_cpu_pct, b.client_cpu_pct, 1);
  row("other processes' CPU (% of one core)", a.others_cpu_pct, b.others_cpu_pct, 1);
  row("host RSS at the window's end (MiB)", mib(a.host_rss_kib), mib(b.host_rss_kib), 1);
  row("host RSS peak in the window (MiB)", mib(a.host_rss_peak_kib), mib(b.host_rss_peak_kib), 1);
}

// Phase (c): the live clients' latency while one more client catches up from Kafka.
void print_catch_up(const Options& o, const PhaseFigures& b, const PhaseFigures& c,
                    const CatchUpFigures& catch_up) {
  std::printf("\n(c) %zu live clients while one client catches up on %zu older records:\n", o.clients,
              o.catch_up);
  report("catch-up records received", static_cast<double>(catch_up.records), "", 0);
  report("catch-up records/s", catch_up.records_per_s(), "/s", 0);
  report("live p99 during the catch-up (ms)", c.p99_ms, "ms", 1);
  report("live p99 without it, (b) (ms)", b.p99_ms, "ms", 1);
  report("live p99 ratio (c)/(b)", ratio(c.p99_ms, b.p99_ms), "", 2);
  std::printf("  target: ratio <= %.1f: %s; catch-up complete: %s\n", kTargetCatchUpP99Ratio,
              c.p99_ms <= kTargetCatchUpP99Ratio * b.p99_ms ? "met" : "NOT met",
              catch_up.complete ? "yes" : "NO");
}

// Unbatched: 1,000 clients x 100 records/s within 20 ms p99 and half a core. Batched
// (batch_ms 20): 1,000 x 1,000 records/s, a million a second, within 100 ms p99.
void print_targets(const Options& o, const PhaseFigures& b) {
  auto met = [](bool yes) { return yes ? "met" : "NOT met"; };
  bool batched = o.batch_ms > 0;
  double target_rate = batched ? 1000 : kTargetRate;
  double target_p99 = batched ? kTargetBatchedP99Ms : kTargetP99Ms;
  std::printf("\ntargets (information, not pass/fail): %zu clients x %.0f records/s%s, p99 < %.0f ms, "
              "no client dropped%s\n",
              kTargetClients, target_rate, batched ? " batched" : "", target_p99,
              batched ? ", 1,000,000 records/s delivered" : ", bridge CPU <= 50 % of a core");
  bool at_target_load = o.clients >= kTargetClients && o.rate >= target_rate;
  std::printf("  %-48s %s (ran %zu x %.0f)\n", "load at least the target's",
              at_target_load ? "yes" : "no", o.clients, o.rate);
  std::printf("  %-48s %s (%.1f ms)\n", "p99", met(b.p99_ms < target_p99), b.p99_ms);
  // The source makes exactly 1,000 records/s; a window's edges move the count by a few.
  if (batched)
    std::printf("  %-48s %s (%.0f /s, %.4f of 1,000,000)\n", "records/s delivered: 1,000,000 (+-0.5 %)",
                met(b.frames_per_s >= 0.995e6), b.frames_per_s, b.frames_per_s / 1e6);
  else
    std::printf("  %-48s %s (%.1f %%; the whole host %.1f %%)\n", "bridge threads <= 50 % of one core",
                met(b.bridge_pct <= 50), b.bridge_pct, b.host_cpu_pct);
  std::printf("  %-48s %s (%zu failed, %zu disconnected; %llu \"dropped\" frames)\n",
              "no client dropped", met(b.clients_lost() == 0), b.load.failed, b.load.disconnected,
              static_cast<unsigned long long>(b.load.dropped_notices));
}

int run(const Options& o) {
  // Bounded: host start 60 s, each phase 60 s to connect + 2 s + D + 10 s to close, stop 10 s.
  alarm(static_cast<unsigned>(2 * o.seconds + 300));
  auto fd_limit = raise_open_files_limit();  // before the host starts: it inherits the limit

  std::printf(
      "fan-out benchmark: %zu WebSocket clients x %.0f records/s, %.0f s per phase, "
      "through embedded Kafka\n",
      o.clients, o.rate, o.seconds);
  if (fd_limit < o.clients + 100)
    std::printf("  WARNING: the open-files limit (%llu) is below clients + 100\n",
                static_cast<unsigned long long>(fd_limit));
  HostProcess host(STREAMWEAVER_BINARY_DIR "/bin/streamweaver", pipeline_toml(o), 60s);
  std::printf(
      "  host: the real streamweaver binary, pid %d, bridge on 127.0.0.1:%u (%d io "
      "thread(s)), max open files %s\n",
      host.pid(), host.port(), o.bridge_threads, open_files_limit(host.pid()).c_str());
  std::printf("  load client: this process, 1 io thread, max open files %llu\n",
              static_cast<unsigned long long>(fd_limit));
  std::printf(
      "  NOTE: host, embedded Kafka and load client share this machine's %u cores; other "
      "processes too (1-min load average %.2f at start)\n",
      std::thread::hardware_concurrency(), load_average());
  if (o.catch_up > 0) {
    auto line = host.wait_for_line("embedded Kafka broker listening on ", 10s);
    auto bootstrap = line.substr(line.rfind(' ') + 1);
    std::printf("  writing %zu older records for the catch-up into %s ...\n", o.catch_up, bootstrap.c_str());
    std::fflush(stdout);
    prefill_topic(bootstrap, "stock_trades", o.catch_up);
  }
  std::this_thread::sleep_for(3s);  // the bridge's consumer gets its partitions

  std::printf("  (a) reference: 1 client ...\n");
  std::fflush(stdout);
  auto reference = run_phase(host, o.target(), 1, o.seconds);
  std::this_thread::sleep_for(1s);
  auto rss_before = rss_kib(host.pid());
  std::printf("  (b) %zu clients ...\n", o.clients);
  std::fflush(stdout);
  auto loaded = run_phase(host, o.target(), o.clients, o.seconds);
  PhaseFigures during_catch_up;
  CatchUpFigures catch_up;
  if (o.catch_up > 0) {
    std::printf("  (c) %zu clients while one catches up ...\n", o.clients);
    std::fflush(stdout);
    std::jthread reader;
    during_catch_up = run_phase(host, o.target(), o.clients, o.seconds, [&] {
      reader = std::jthread([&] {
        catch_up = read_catch_up(host.port(), "/ws?topics=stock_trades&from=earliest&batch_ms=20",
                                 o.catch_up, o.seconds);
      });
    });
  }
  double load_at_end = load_average();
  int exit_code = host.stop();

  print_side_by_side(reference, loaded, o.rate);
  std::printf("\n");
  report("host RSS before (b), after (a)", mib(rss_before), "MiB", 1);
  report("host RSS per client: ((b) at end - before) / N",
         (static_cast<double>(loaded.host_rss_kib) - static_cast<double>(rss_before)) /
             static_cast<double>(o.clients),
         "KiB", 1);
  report("p99 ratio (b)/(a)", ratio(loaded.p99_ms, reference.p99_ms), "", 2);
  report("p50 ratio (b)/(a)", ratio(loaded.p50_ms, reference.p50_ms), "", 2);
  report("frames/s delivered (b) / expected (N x rate)",
         ratio(loaded.frames_per_s, static_cast<double>(o.clients) * o.rate), "", 3);
  report("frames/s per client (b) / (a)",
         ratio(loaded.frames_per_s / static_cast<double>(o.clients), reference.frames_per_s), "",
         3);
  print_targets(o, loaded);
  if (o.catch_up > 0) print_catch_up(o, loaded, during_catch_up, catch_up);

  std::printf(
      "\nhost: exit code %d; %zu warning/error lines logged; 1-min load average %.2f at end\n",
      exit_code, host.notable_count(), load_at_end);
  for (const auto& line : host.notable_lines()) std::printf("  | %s\n", line.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool help = wants_help(argc, argv);
  auto options = parse_options(argc, argv);
  if (!options || help) {
    std::fprintf(
        help ? stdout : stderr,
        "usage: bench_fanout [--clients N] [--rate R] [--seconds D] [--bridge-threads T]\n"
        "                    [--batch-ms B] [--catch-up K]\n"
        "  defaults: 1000 clients, 100 records/s, 20 s per phase, 2 bridge threads (the host's\n"
        "  default), unbatched, no catch-up phase\n");
    return help ? 0 : 2;
  }
  try {
    return run(*options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_fanout: %s\n", e.what());
    return 1;
  }
}
