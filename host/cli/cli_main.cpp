#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <streamweaver/version.hpp>

#include "cli/commands.hpp"
#include "runtime/pipeline_setup.hpp"

namespace streamweaver::cli {

using namespace streamweaver::runtime;

int main(int argc, char** argv) {
  // Logs go to stderr so that `tap` and `plugins --json` keep stdout for data.
  spdlog::set_default_logger(spdlog::stderr_color_mt("streamweaver"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%-5l%$ %v");

  CLI::App app{"StreamWeaver: a stream host. Source plugins write events to Kafka topics,\n"
               "processors transform topic to topic, and a WebSocket bridge serves topics to\n"
               "browsers and a live dashboard. With no command, `run` is assumed."};
  app.set_version_flag("--version", std::string("streamweaver ") + STREAMWEAVER_VERSION +
                                        " (plugin SDK ABI " + std::to_string(kSdkAbiVersion) +
                                        ", " + kSdkToolchain + ")");
  std::string config_file = "config/pipeline.toml";
  app.add_option("-c,--config", config_file, "Pipeline file")->capture_default_str();
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error")->capture_default_str();

  bool watch = false;
  auto* run = app.add_subcommand("run", "Run the pipeline (the default); SIGHUP reloads the file")->fallthrough();
  run->add_flag("--watch", watch, "Reload the pipeline file when it changes");
  auto* check = app.add_subcommand("check", "Check a pipeline file and its plugin options; exit 2 on errors")->fallthrough();
  bool json = false;
  auto* plugins = app.add_subcommand("plugins", "List the plugins found, with their options")->fallthrough();
  plugins->add_flag("--json", json, "Print as JSON");
  TapOptions tap_options;
  auto* tap = app.add_subcommand("tap", "Print a topic's records as JSON lines")->fallthrough();
  tap->add_option("topic", tap_options.topic, "Topic to read")->required();
  tap->add_flag("--from-beginning", tap_options.from_beginning, "Start at the oldest record, not the newest");
  tap->add_option("-n,--count", tap_options.count, "Stop after N records");
  tap->add_option("--brokers", tap_options.brokers,
                  "Bootstrap servers, e.g. the 127.0.0.1:PORT a host prints for its embedded broker");
  NewPluginOptions new_plugin_options;
  auto* new_plugin = app.add_subcommand("new-plugin", "Write a buildable plugin project to start from");
  new_plugin->add_option("--kind", new_plugin_options.kind, "source or transform")->required();
  new_plugin->add_option("--name", new_plugin_options.name, "Plugin name, snake_case (my_ticker)")->required();
  new_plugin->add_option("--dir", new_plugin_options.dir, "Project folder, new or empty (default: ./NAME)");
  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  spdlog::set_level(spdlog::level::from_str(log_level));

  bool config_given = app.get_option("--config")->count() > 0;
  if (*check) return check_command(config_file);
  if (*plugins) return plugins_command(config_given ? std::optional(config_file) : std::nullopt, json);
  if (*new_plugin) return new_plugin_command(new_plugin_options);
  if (*tap) {
    tap_options.config_file = config_given ? config_file : "";
    return tap_command(tap_options);
  }
  (void)run;
  if (!std::filesystem::exists(config_file)) {
    std::cerr << config_file << ": no such pipeline file; pass one with --config FILE\n";
    return kExitConfigError;
  }
  return run_command(config_file, watch);
}

}  // namespace streamweaver::cli
