#include <filesystem>
#include <iomanip>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "runtime/pipeline_setup.hpp"

namespace streamweaver::cli {

using namespace streamweaver::runtime;
namespace {

nlohmann::json describe(const plugin::LoadedPlugin& p) {
  const auto& info = p.descriptor->info;
  auto options = nlohmann::json::array();
  for (const auto& o : info.options)
    options.push_back({{"name", o.name},
                       {"type", to_string(o.type)},
                       {"default", o.default_value},
                       {"required", o.required},
                       {"description", o.description}});
  return {{"kind", to_string(p.kind())}, {"name", info.name},       {"version", info.version},
          {"description", info.description}, {"file", p.file.string()}, {"options", options}};
}

void print_text(const plugin::LoadedPlugin& p) {
  const auto& info = p.descriptor->info;
  std::cout << to_string(p.kind()) << " " << info.name << " " << info.version << "\n  "
            << info.description << "\n";
  for (const auto& o : info.options) {
    std::cout << "    " << std::left << std::setw(22) << o.name << ' ' << std::setw(13) << to_string(o.type);
    if (o.required)
      std::cout << "required";
    else
      std::cout << "default " << o.default_value.dump();
    std::cout << "\n      " << o.description << "\n";
  }
}

}  // namespace

int plugins_command(const std::optional<std::string>& config_file, bool json) {
  std::vector<std::string> dirs;
  if (config_file && std::filesystem::exists(*config_file)) {
    auto config = load_config(*config_file);
    if (!config) return kExitConfigError;
    dirs = config->plugin_dirs;
  }
  plugin::PluginRegistry registry;
  bool ok = load_plugins(registry, dirs);
  if (json) {
    auto list = nlohmann::json::array();
    for (const auto* p : registry.all()) list.push_back(describe(*p));
    std::cout << list.dump(2) << "\n";
  } else {
    for (const auto* p : registry.all()) {
      print_text(*p);
      std::cout << "\n";
    }
    if (registry.all().empty())
      std::cout << "no plugins found; searched:\n";
    for (const auto& d : plugin::plugin_search_path(dirs))
      if (registry.all().empty()) std::cout << "  " << d.string() << "\n";
  }
  return ok ? kExitOk : kExitConfigError;
}

}  // namespace streamweaver::cli
