#pragma once
// One function per subcommand; each returns the process exit code.
#include <cstdint>
#include <optional>
#include <string>

namespace streamweaver::cli {

// watch: reload when the file changes (as on SIGHUP).
int run_command(const std::string& config_file, bool watch);
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

struct NewPluginOptions {
  std::string kind;  // "source" or "transform"
  std::string name;  // snake_case C identifier: the plugin, target and file name
  std::string dir;   // empty: ./<name>
};
int new_plugin_command(const NewPluginOptions& options);

// The CLI entry point: parses arguments and dispatches.
int main(int argc, char** argv);

}  // namespace streamweaver::cli
