// `streamweaver new-plugin`: writes a small plugin project that builds against the installed
// SDK, tests itself with the test kit and runs in the host unchanged.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include <boost/dll/runtime_symbol_info.hpp>

#include "cli/commands.hpp"
#include "runtime/pipeline_setup.hpp"
#include "cli/plugin_templates.hpp"

namespace streamweaver::cli {

using namespace streamweaver::runtime;
namespace {

namespace fs = std::filesystem;

// CMake refuses these as target names, and the plugin name is the target name.
constexpr std::string_view kReservedTargets[] = {"all", "clean", "help", "install", "package", "test"};

// Why `name` cannot name a plugin, or empty. The name becomes a file name, a CMake target, a
// C macro prefix and (in PascalCase) a class, so it must be a snake_case C identifier.
std::string name_problem(const std::string& name) {
  const std::string rule = "a snake_case C identifier: a lower-case letter, then lower-case "
                           "letters, digits and single underscores, e.g. my_ticker";
  if (name.empty()) return "the name is empty; it must be " + rule;
  bool chars_ok = std::islower(static_cast<unsigned char>(name.front())) &&
                  std::all_of(name.begin(), name.end(), [](unsigned char c) {
                    return std::islower(c) || std::isdigit(c) || c == '_';
                  });
  if (!chars_ok || name.find("__") != std::string::npos || name.back() == '_')
    return "'" + name + "' is not " + rule;
  if (std::find(std::begin(kReservedTargets), std::end(kReservedTargets), name) !=
      std::end(kReservedTargets))
    return "'" + name + "' is reserved by CMake as a target name; choose another";
  return {};
}

std::string pascal_case(const std::string& snake) {
  std::string out;
  bool upper = true;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::string upper_case(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string replace_all(std::string text, std::string_view from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// Fills the template placeholders (see plugin_templates.hpp).
std::string render(std::string_view text, const NewPluginOptions& options) {
  std::string out(text);
  out = replace_all(std::move(out), "@name@", options.name);
  out = replace_all(std::move(out), "@NAME@", upper_case(options.name));
  out = replace_all(std::move(out), "@Class@", pascal_case(options.name));
  out = replace_all(std::move(out), "@kind@", options.kind);
  out = replace_all(std::move(out), "@sdk_version@", STREAMWEAVER_VERSION);
  return out;
}

// The prefix this host is installed in when the SDK package sits next to it, for the
// CMAKE_PREFIX_PATH hint; empty in a build tree.
fs::path installed_prefix() {
  fs::path prefix = boost::dll::program_location().parent_path().parent_path();
  std::error_code ec;
  return fs::exists(prefix / "include" / "streamweaver" / "sdk.hpp", ec) ? prefix : fs::path();
}

void print_next_steps(const NewPluginOptions& options, const fs::path& dir) {
  fs::path prefix = installed_prefix();
  std::string prefix_arg = prefix.empty() ? "<where StreamWeaver is installed>" : prefix.string();
  std::cout << "Next:\n"
            << "  cmake -S " << dir.string() << " -B " << (dir / "build").string()
            << " -G Ninja -DCMAKE_PREFIX_PATH=" << prefix_arg << "\n"
            << "  cmake --build " << (dir / "build").string() << " && ctest --test-dir "
            << (dir / "build").string() << "\n"
            << "  streamweaver run --config " << (dir / "pipeline.toml").string() << "\n"
            << "Edit " << (dir / (options.name + ".cpp")).string() << " to make it yours; "
            << "the plugin author's guide: "
            << (prefix.empty() ? "sdk/README.md in the StreamWeaver sources"
                               : (prefix / "share" / "doc" / "StreamWeaver" / "plugin-sdk.md").string())
            << "\n";
}

}  // namespace

int new_plugin_command(const NewPluginOptions& options) {
  auto templates = plugin_project_templates(options.kind);
  if (templates.empty()) {
    std::cerr << "new-plugin: --kind must be source or transform, got '" << options.kind << "'\n";
    return kExitConfigError;
  }
  if (auto problem = name_problem(options.name); !problem.empty()) {
    std::cerr << "new-plugin: --name: " << problem << "\n";
    return kExitConfigError;
  }
  fs::path dir = options.dir.empty() ? fs::path(options.name) : fs::path(options.dir);
  std::error_code ec;
  if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec))) {
    std::cerr << "new-plugin: " << dir.string()
              << " already exists and is not an empty folder; choose a new --dir\n";
    return kExitConfigError;
  }
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "new-plugin: cannot create " << dir.string() << ": " << ec.message() << "\n";
    return kExitFailure;
  }

  std::cout << "Created " << options.kind << " plugin '" << options.name << "' in "
            << dir.string() << ":\n";
  for (const auto& file : templates) {
    fs::path path = dir / render(file.path, options);
    std::ofstream out(path, std::ios::binary);
    out << render(file.text, options);
    if (!out.flush()) {
      std::cerr << "new-plugin: cannot write " << path.string() << "\n";
      return kExitFailure;
    }
    std::cout << "  " << path.filename().string() << "\n";
  }
  print_next_steps(options, dir);
  return kExitOk;
}

}  // namespace streamweaver::cli
