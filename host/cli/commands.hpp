#pragma once
// One function per subcommand; each returns the process exit code.
#include <cstdint>
#include <optional>
#include <string>

namespace streamweaver::cli {

int run_command(const std::string& config_file);
int check_command(const std::string& config_file);
int plugins_command(const std::optional<std::string>& config_file, bool json);

struct TapOptions {
  std::string topic;
  std::string brokers;  // empty: KAFKA_BOOTSTRAP_SERVERS, then the config's real brokers
  std::string config_file;
  bool from_beginning = false;
  std::int64_t count = -1;  // -1: until interrupted
};
int tap_command(const TapOptions& options);

// The CLI entry point: parses arguments and dispatches.
int main(int argc, char** argv);

}  // namespace streamweaver::cli
