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
          {"description", info.description}, {"file", p.file.string()}, {"options", options},
          {"display", info.display}};
}

// "chart price (USD), quantity; series symbol; breakdown side": the hints that are set.
std::string describe_display(const DisplayHints& d) {
  std::vector<std::string> parts;
  if (!d.title.empty()) parts.push_back("title \"" + d.title + "\"");
  if (!d.chart.empty()) {
    std::string chart = "chart ";
    for (std::size_t i = 0; i < d.chart.size(); ++i)
      chart += (i ? ", " : "") + d.chart[i].field + (d.chart[i].unit.empty() ? "" : " (" + d.chart[i].unit + ")");
    parts.push_back(chart);
  }
  if (!d.series.empty()) parts.push_back("series " + d.series);
  if (!d.breakdown.empty()) parts.push_back("breakdown " + d.breakdown);
  if (!d.text.empty()) parts.push_back("text " + d.text);
  if (!d.hide.empty()) {
    std::string hide = "hide ";
    for (std::size_t i = 0; i < d.hide.size(); ++i) hide += (i ? ", " : "") + d.hide[i];
    parts.push_back(hide);
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out;
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
  if (!info.display.empty()) std::cout << "    display: " << describe_display(info.display) << "\n";
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
