// The file source reading a large nginx access log from its beginning into the embedded
// broker, in alternating rounds against two references measured in the same run:
//   (a) `wc -l` on the same file: the I/O reference (reading and finding lines, nothing else);
//   (b) the file source, format nginx_combined, through the host's pipeline;
//   (c) the stock source at rate 0: the produce reference (what the pipeline delivers when
//       making a record costs next to nothing).
// Prints lines/s per round, the medians, b/a and b/c, the machine's load and whether the run
// is valid (the references must not vary more than 25 % between rounds).
//
//   bench_file_source [MEGABYTES=200] [ROUNDS=3]
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "bench_support.hpp"
#include "proc_stats.hpp"
#include "support/running_pipeline.hpp"

using namespace streamweaver;
using bench::Clock;

namespace {

unsigned long long u(std::uint64_t value) { return value; }

// Real-looking combined-format lines: a few hundred clients, common paths, mostly 200s.
std::uint64_t write_log(const std::filesystem::path& file, std::uint64_t megabytes) {
  static const char* kPaths[] = {"/", "/api/v1/items?page=2", "/static/app.3f9a1c.js", "/login", "/api/v1/cart",
                                 "/images/logo.png", "/search?q=running+shoes", "/api/v1/orders/81723"};
  static const char* kAgents[] = {"Mozilla/5.0 (X11; Linux x86_64; rv:118.0) Gecko/20100101 Firefox/118.0",
                                  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15",
                                  "curl/8.4.0", "Googlebot/2.1 (+http://www.google.com/bot.html)"};
  static const int kStatus[] = {200, 200, 200, 200, 200, 304, 301, 404, 500, 200, 200, 502};
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  std::uint64_t bytes = 0, lines = 0, target = megabytes * 1024 * 1024;
  char line[512];
  for (std::uint64_t i = 0; bytes < target; ++i, ++lines) {
    int n = std::snprintf(line, sizeof line,
                          "10.%llu.%llu.%llu - - [10/Oct/2023:13:%02llu:%02llu +0000] \"%s %s HTTP/1.1\" %d %llu "
                          "\"https://shop.example/\" \"%s\"\n",
                          u(i % 7 + 1), u(i % 13), u(i % 251), u(i / 60 % 60), u(i % 60), i % 5 == 0 ? "POST" : "GET",
                          kPaths[i % 8], kStatus[i % 12], u(200 + i * 7919 % 50000), kAgents[i % 4]);
    out.write(line, n);
    bytes += static_cast<std::uint64_t>(n);
  }
  return lines;
}

double wc_lines_per_s(const std::filesystem::path& file, std::uint64_t lines) {
  auto start = Clock::now();
  std::string command = "wc -l < '" + file.string() + "' > /dev/null";
  if (std::system(command.c_str()) != 0) std::printf("    wc failed\n");
  return static_cast<double>(lines) / bench::seconds_since(start);
}

double wait_delivered(test_support::RunningPipeline& running, std::uint64_t lines, Clock::time_point start) {
  test_support::eventually(
      [&] { return running.pipeline().health()["sources"]["s"]["delivered"].get<std::uint64_t>() >= lines; },
      std::chrono::minutes(10));
  return static_cast<double>(lines) / bench::seconds_since(start);
}

double file_source_lines_per_s(const std::filesystem::path& file, std::uint64_t lines) {
  auto start = Clock::now();
  test_support::RunningPipeline running("[topics.t]\npartitions = 3\n[sources.s]\nplugin = \"file\"\ntopic = \"t\"\n"
                                        "rate = 0\n[sources.s.options]\npaths = [\"" + file.string() +
                                        "\"]\nformat = \"nginx_combined\"\nstart_at = \"beginning\"\nstate_dir = \"\"\n");
  return wait_delivered(running, lines, start);
}

double stock_records_per_s(double seconds) {
  test_support::RunningPipeline running(
      "[topics.t]\npartitions = 3\n[sources.s]\nplugin = \"stock\"\ntopic = \"t\"\nrate = 0\n");
  auto start = Clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));  // measuring a span
  running.stop();
  return running.pipeline().health()["sources"]["s"]["delivered"].get<double>() / bench::seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t megabytes = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200;
  int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  auto file = std::filesystem::temp_directory_path() / "streamweaver_bench_access.log";
  auto lines = write_log(file, megabytes);
  std::printf("file source benchmark: %llu MB nginx log, %llu lines, %d alternating rounds\n",
              static_cast<unsigned long long>(megabytes), static_cast<unsigned long long>(lines), rounds);
  std::printf("  load average before: %.2f\n", bench::load_average());
  std::vector<double> wc, ours, stock, to_wc, to_stock;
  for (int round = 1; round <= rounds; ++round) {
    double busy_before = bench::machine_busy_seconds(), own_before = bench::cpu_seconds();
    auto phase_start = Clock::now();
    wc.push_back(wc_lines_per_s(file, lines));
    ours.push_back(file_source_lines_per_s(file, lines));
    stock.push_back(stock_records_per_s(5));
    to_wc.push_back(ours.back() / wc.back());
    to_stock.push_back(ours.back() / stock.back());
    double others = (bench::machine_busy_seconds() - busy_before - (bench::cpu_seconds() - own_before)) /
                    bench::seconds_since(phase_start);
    std::printf("    round %d: (a) wc -l %11.0f lines/s  (b) file %9.0f lines/s  (c) stock %9.0f/s  "
                "b/a %.3f  b/c %.2f  other processes %.2f cores\n",
                round, wc.back(), ours.back(), stock.back(), to_wc.back(), to_stock.back(), others);
  }
  std::printf("  median: (a) %.0f lines/s, (b) %.0f lines/s, (c) %.0f/s; b/a %.3f, b/c %.2f\n", bench::median(wc),
              bench::median(ours), bench::median(stock), bench::median(to_wc), bench::median(to_stock));
  bool valid = bench::spread(wc) <= bench::kMaxReferenceSpread && bench::spread(stock) <= bench::kMaxReferenceSpread;
  if (!valid)
    std::printf("  NOT VALID: a reference varied more than 25 %% between rounds (wc %.0f %%, stock %.0f %%)\n",
                100 * bench::spread(wc), 100 * bench::spread(stock));
  std::printf("  load average after: %.2f; run %s\n", bench::load_average(), valid ? "valid" : "NOT VALID");
  std::filesystem::remove(file);
  return 0;
}
