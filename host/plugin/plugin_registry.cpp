#include "plugin/plugin_registry.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include <dlfcn.h>

#include <boost/dll/runtime_symbol_info.hpp>

namespace streamweaver::plugin {
namespace {

namespace fs = std::filesystem;

bool is_plugin_file(const fs::path& p) {
  auto name = p.filename().string();
  return p.extension() == ".so" && name.rfind("lib", 0) == 0;
}

}  // namespace

void PluginRegistry::load_directory(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && is_plugin_file(entry.path())) files.push_back(entry.path());
  std::sort(files.begin(), files.end());  // stable order: "duplicate" always names the same pair
  for (const auto& f : files) load_file(f);
}

bool PluginRegistry::load_file(const fs::path& file) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(file, ec);
  if (std::find(seen_files_.begin(), seen_files_.end(), canonical) != seen_files_.end())
    return true;  // already loaded (reload scans the same directories again)
  seen_files_.push_back(canonical);

  auto refuse = [&](std::string message, bool fatal = false) {
    problems_.push_back({file, file.string() + ": " + message, fatal});
    return false;
  };

  auto library = std::make_shared<boost::dll::shared_library>();
  boost::dll::fs::error_code load_error;
  // rtld_local: two plugins may carry the same internal symbols without clashing.
  library->load(file, load_error, boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local);
  if (load_error) {
    const char* why = dlerror();  // Boost.DLL keeps only a generic code; dlerror says what
    return refuse(std::string("cannot load library: ") + (why ? why : load_error.message()));
  }
  if (!library->has("streamweaver_abi_version") || !library->has("streamweaver_descriptor"))
    return refuse("not a StreamWeaver plugin: no streamweaver_descriptor export (declare it with "
                  "STREAMWEAVER_SOURCE_PLUGIN or STREAMWEAVER_TRANSFORM_PLUGIN)");

  auto abi = library->get_alias<std::uint32_t()>("streamweaver_abi_version")();
  std::string toolchain = library->has("streamweaver_toolchain")
                              ? library->get_alias<const char*()>("streamweaver_toolchain")()
                              : "unknown";
  if (abi != kSdkAbiVersion || toolchain != kSdkToolchain) {
    std::ostringstream msg;
    msg << "plugin built for SDK ABI " << abi << " (" << toolchain << "), this host has SDK ABI "
        << kSdkAbiVersion << " (" << kSdkToolchain << "); rebuild the plugin against this host's SDK";
    return refuse(msg.str());
  }

  const PluginDescriptor& descriptor =
      library->get_alias<const PluginDescriptor&()>("streamweaver_descriptor")();
  const std::string& name = descriptor.info.name;
  if (name.empty()) return refuse("the plugin descriptor has an empty name");
  bool factory_ok = descriptor.kind == PluginKind::source ? descriptor.make_source != nullptr
                                                          : descriptor.make_transform != nullptr;
  if (!factory_ok) return refuse("the plugin descriptor has no factory for its kind");
  if (auto it = plugins_.find(name); it != plugins_.end())
    return refuse("duplicate plugin name '" + name + "', already loaded from " +
                      it->second.file.string() + "; remove one of the two files",
                  true);

  plugins_.emplace(name, LoadedPlugin{file, std::move(library), &descriptor});
  return true;
}

const LoadedPlugin* PluginRegistry::find(const std::string& name) const {
  auto it = plugins_.find(name);
  return it == plugins_.end() ? nullptr : &it->second;
}

std::vector<const LoadedPlugin*> PluginRegistry::all() const {
  std::vector<const LoadedPlugin*> out;
  for (const auto& [name, plugin] : plugins_) out.push_back(&plugin);
  return out;
}

bool PluginRegistry::has_fatal_problem() const {
  return std::any_of(problems_.begin(), problems_.end(), [](const auto& p) { return p.fatal; });
}

std::vector<fs::path> plugin_search_path(const std::vector<std::string>& config_dirs) {
  std::vector<fs::path> dirs;
  fs::path exe_dir = boost::dll::program_location().parent_path();
  dirs.push_back(exe_dir / ".." / "plugins");                     // build tree: build/plugins
  dirs.push_back(exe_dir / ".." / "lib" / "streamweaver" / "plugins");  // installed
  for (const auto& d : config_dirs) dirs.emplace_back(d);
  if (const char* extra = std::getenv("STREAMWEAVER_PLUGIN_PATH")) {
    std::stringstream list(extra);
    for (std::string d; std::getline(list, d, ':');)
      if (!d.empty()) dirs.emplace_back(d);
  }
  for (auto& d : dirs) d = d.lexically_normal();
  return dirs;
}

}  // namespace streamweaver::plugin
