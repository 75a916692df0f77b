#pragma once
// Finds plugin libraries, loads them with Boost.DLL and checks them before use: ABI version
// and toolchain first, then the descriptor; a duplicate name is a hard error.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/dll/shared_library.hpp>
#include <streamweaver/plugin.hpp>

namespace streamweaver::plugin {

struct LoadedPlugin {
  std::filesystem::path file;
  std::shared_ptr<boost::dll::shared_library> library;  // kept while objects from it live
  const PluginDescriptor* descriptor = nullptr;

  const std::string& name() const { return descriptor->info.name; }
  PluginKind kind() const { return descriptor->kind; }
};

class PluginRegistry {
 public:
  // Loads every lib*.so in `dir` (non-recursive) that is not loaded yet; refusals are kept
  // in problems(). A missing directory is not an error.
  void load_directory(const std::filesystem::path& dir);
  // Loads one file; returns false and records the reason when it is refused.
  bool load_file(const std::filesystem::path& file);

  const LoadedPlugin* find(const std::string& name) const;
  std::vector<const LoadedPlugin*> all() const;  // sorted by name

  struct Problem {
    std::filesystem::path file;
    std::string message;  // names the file and what to do
    bool fatal;           // duplicates are fatal; an unloadable stray library is not
  };
  const std::vector<Problem>& problems() const { return problems_; }
  bool has_fatal_problem() const;

 private:
  std::map<std::string, LoadedPlugin> plugins_;
  std::vector<std::filesystem::path> seen_files_;
  std::vector<Problem> problems_;
};

// The directories to scan: next to the binary, then `config_dirs`, then
// STREAMWEAVER_PLUGIN_PATH (colon-separated).
std::vector<std::filesystem::path> plugin_search_path(const std::vector<std::string>& config_dirs);

}  // namespace streamweaver::plugin
