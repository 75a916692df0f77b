#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "bridge/protocol.hpp"
#include "cli/commands.hpp"
#include "runtime/pipeline_setup.hpp"
#include "kafka/consumer.hpp"
#include "pipeline/bridge_feed.hpp"

namespace streamweaver::cli {

using namespace streamweaver::runtime;
namespace {

std::atomic<bool> interrupted{false};

// --brokers, else KAFKA_BOOTSTRAP_SERVERS, else the pipeline file's real brokers.
std::string resolve_brokers(const TapOptions& options) {
  if (!options.brokers.empty()) return options.brokers;
  if (const char* env = std::getenv("KAFKA_BOOTSTRAP_SERVERS"); env && *env) return env;
  if (!options.config_file.empty()) {
    auto loaded = config::load_pipeline(options.config_file);
    if (loaded.errors.empty() && !loaded.config.kafka.embedded()) return loaded.config.kafka.brokers;
  }
  return {};
}

}  // namespace

int tap_command(const TapOptions& options) {
  std::string brokers = resolve_brokers(options);
  if (brokers.empty()) {
    std::cerr << "tap: no brokers. The embedded broker lives inside a running host: pass the "
                 "address it printed at start-up (\"embedded Kafka broker listening on "
                 "127.0.0.1:PORT\") as --brokers 127.0.0.1:PORT, or set KAFKA_BOOTSTRAP_SERVERS\n";
    return kExitConfigError;
  }
  std::signal(SIGINT, [](int) { interrupted = true; });
  std::signal(SIGTERM, [](int) { interrupted = true; });
  try {
    kafka::Consumer consumer({{"bootstrap.servers", brokers}, {"group.id", "streamweaver-tap"}});
    consumer.assign_all({options.topic}, options.from_beginning);
    for (std::int64_t printed = 0; !interrupted && (options.count < 0 || printed < options.count);) {
      auto message = consumer.poll(std::chrono::milliseconds(100));
      if (!message) continue;
      if (message->is_error()) {
        std::cerr << "tap: " << message->error() << "\n";
        continue;
      }
      std::cout << bridge::data_frame(pipeline::bridged_record(*message))->text << '\n' << std::flush;
      ++printed;
    }
  } catch (const std::exception& e) {
    std::cerr << "tap: " << e.what() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace streamweaver::cli
